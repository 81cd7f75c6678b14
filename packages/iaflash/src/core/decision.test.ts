import { describe, expect, it } from 'vitest';
import { decide, type ClassProb } from './decision.ts';
import { normalizeRegistry } from './registry/normalize.ts';

const probs: ClassProb[] = [
  { make: 'RENAULT', model: 'CLIO', prob: 0.9 },
  { make: 'RENAULT', model: 'MEGANE', prob: 0.06 },
  { make: 'PEUGEOT', model: '208', prob: 0.04 },
];
const policy = { threshold: 0.8, targetFalseAlarmRate: 0.01 };
const ok = { vehicleFound: true, severalVehicles: false, lowQuality: false };

describe('decide', () => {
  it('is CONSISTENT when the registered model is likely', () => {
    const c = decide({ ...ok, registered: normalizeRegistry('reneau clioRT'), probs }, policy);
    expect(c.decision).toBe('CONSISTENT');
    expect(c.score).toBeCloseTo(0.1);
  });

  it('is a MISMATCH above the threshold, with the reasons', () => {
    const c = decide({ ...ok, registered: normalizeRegistry('PEUGEOT 208'), probs }, policy);
    expect(c.decision).toBe('MISMATCH');
    expect(c.score).toBeCloseTo(0.96);
    expect(c.reasons[0].code).toBe('DIFFERS_FROM_REGISTRY');
    expect(c.reasons[0].message).toContain('RENAULT CLIO');
  });

  it('flags a same-make mismatch', () => {
    const c = decide({ ...ok, registered: normalizeRegistry('RENAULT MEGANE'), probs }, policy);
    expect(c.decision).toBe('MISMATCH');
    expect(c.reasons.map((r) => r.code)).toContain('SAME_MAKE_OTHER_MODEL');
  });

  it('is UNDETERMINED, never a guess, when it cannot judge', () => {
    expect(decide({ ...ok, registered: normalizeRegistry('RENAULT'), probs }, policy).reasons[0].code).toBe('REGISTRY_UNKNOWN');
    const outside = decide({ ...ok, registered: normalizeRegistry('FERRARI 458'), probs }, policy);
    expect(outside).toMatchObject({ decision: 'UNDETERMINED', score: null });
    expect(outside.reasons[0].code).toBe('MODEL_OUTSIDE_CLASSES');
    const reg = normalizeRegistry('PEUGEOT 208');
    const none = decide({ ...ok, vehicleFound: false, registered: reg, probs }, policy);
    expect(none.reasons[0].code).toBe('NO_VEHICLE');
    expect(none.score).toBeNull();
    expect(decide({ ...ok, severalVehicles: true, registered: reg, probs }, policy).decision).toBe('UNDETERMINED');
    expect(decide({ ...ok, lowQuality: true, registered: reg, probs }, policy).reasons[0].code).toBe('LOW_QUALITY');
  });
});
