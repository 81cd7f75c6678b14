import { describe, expect, it } from 'vitest';
import { buildResult, roundProb, topClasses } from './analysis.ts';
import { toMatchvec } from './matchvec.ts';
import { normalizeRegistry } from './registry/normalize.ts';
import { frPercent } from './percent.ts';

const classes = [
  { make: 'PEUGEOT', model: '208' },
  { make: 'RENAULT', model: 'CLIO' },
  { make: 'RENAULT', model: 'MEGANE' },
];
const policy = { threshold: 0.7, targetFalseAlarmRate: 0.01 };
const raw = {
  width: 500,
  height: 400,
  scale: 2,
  offsetY: 30,
  ambiguous: false,
  vehicles: [{ box: [100, 50, 400, 350] as [number, number, number, number], score: 0.8, label: 'car' as const, probs: [0.05, 0.9, 0.05] }],
};

describe('buildResult', () => {
  it('maps boxes to the original photo and lists the top classes', () => {
    const r = buildResult(raw, classes, null, policy);
    expect(r.vehicles[0].box).toEqual([200, 130, 800, 730]);
    expect(r.vehicles[0].classes[0]).toEqual({ make: 'RENAULT', model: 'CLIO', prob: 0.9 });
    expect(r.check).toBeUndefined();
  });

  it('adds the check when a registration is given (raw strings normalised)', () => {
    const r = buildResult(raw, classes, normalizeRegistry('PEUGEOT 208 ALLURE'), policy);
    expect(r.check).toMatchObject({ decision: 'MISMATCH', score: 0.95, registered: { make: 'PEUGEOT', model: '208' } });
  });

  it('is UNDETERMINED with no vehicle or a tiny one', () => {
    expect(buildResult({ ...raw, vehicles: [] }, classes, normalizeRegistry('RENAULT CLIO'), policy).check?.decision).toBe('UNDETERMINED');
    const tiny = { ...raw, scale: 0.1 };
    expect(buildResult(tiny, classes, normalizeRegistry('RENAULT CLIO'), policy).check?.reasons[0].code).toBe('LOW_QUALITY');
  });

  it('ranks the classes shown on equal priors, while the check scores the posterior', () => {
    // Trained on 80 % CLIO photos: its 0.9 posterior is weak evidence; PEUGEOT 208 (5 %) leads on equal priors.
    const prior = [0.05, 0.8, 0.15];
    const v = { ...raw.vehicles[0], probs: [0.08, 0.9, 0.02] };
    const r = buildResult({ ...raw, vehicles: [v] }, classes, normalizeRegistry('RENAULT CLIO'), { ...policy, threshold: 0.5 }, prior);
    expect(r.vehicles[0].classes.map((c) => c.model)).toEqual(['208', 'CLIO', 'MEGANE']);
    expect(r.check).toMatchObject({ decision: 'CONSISTENT', score: 0.1 });
    // The reason quotes the figure the agent sees in the list, not the posterior.
    const shownClio = r.vehicles[0].classes[1].prob;
    expect(r.check?.reasons[0].message).toContain(frPercent(shownClio));
    expect(buildResult({ ...raw, vehicles: [v] }, classes, null, policy).vehicles[0].classes[0].model).toBe('CLIO');
  });

  it('converts to the matchvec answer', () => {
    const m = toMatchvec(buildResult(raw, classes, null, policy));
    expect(m[0]).toMatchObject({ x1: 200, y1: 130, x2: 800, y2: 730, class_name: 'car', confidence: 0.8 });
    expect(m[0].brand_model_classif.pred[0]).toBe('RENAULT CLIO');
    expect(m[0].brand_model_classif.prob[0]).toBe(0.9);
    expect(topClasses([0.1, 0.2, 0.7], classes, 2).map((c) => c.model)).toEqual(['MEGANE', 'CLIO']);
  });
});

describe('roundProb', () => {
  it('keeps a probability off 0 and 1 unless it is exactly there', () => {
    expect(roundProb(3.14159e-6)).toBe(3.14e-6);
    expect(roundProb(0.999968)).toBe(0.999968);
    expect(roundProb(0.123456)).toBe(0.123);
    expect(roundProb(0.87654)).toBe(0.877);
    expect(roundProb(0)).toBe(0);
    expect(roundProb(1)).toBe(1);
  });
});
