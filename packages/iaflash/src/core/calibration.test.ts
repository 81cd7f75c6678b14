import { describe, expect, it } from 'vitest';
import {
  catchRateAt,
  classShares,
  equalPriorProbs,
  expectedCalibrationError,
  fitTemperature,
  nll,
  rocAuc,
  softmax,
  thresholdForFalseAlarmRate,
} from './calibration.ts';
import { mulberry32 } from './random.ts';

describe('temperature scaling', () => {
  it('softens over-confident logits and lowers the NLL', () => {
    const rnd = mulberry32(1);
    const logits: number[][] = [];
    const labels: number[] = [];
    // A classifier right 70 % of the time but with logits scaled ×5 (over-confident).
    for (let i = 0; i < 400; i++) {
      const y = Math.floor(rnd() * 4);
      const pred = rnd() < 0.7 ? y : (y + 1) % 4;
      logits.push([0, 1, 2, 3].map((k) => (k === pred ? 5 * 2 : 5 * rnd())));
      labels.push(y);
    }
    const t = fitTemperature(logits, labels);
    expect(t).toBeGreaterThan(1.5);
    expect(nll(logits, labels, t)).toBeLessThan(nll(logits, labels, 1));
    const before = expectedCalibrationError(
      logits.map((l) => softmax(l)),
      labels,
    );
    const after = expectedCalibrationError(
      logits.map((l) => softmax(l, t)),
      labels,
    );
    expect(after).toBeLessThan(before);
  });
});

describe('threshold for a false-alarm rate', () => {
  it('lets at most the target share of genuine cases alarm', () => {
    const genuine = Array.from({ length: 200 }, (_, i) => i / 200); // 0 .. 0.995
    for (const rate of [0.01, 0.05, 0.1]) {
      const t = thresholdForFalseAlarmRate(genuine, rate);
      const alarms = genuine.filter((s) => s >= t).length / genuine.length;
      expect(alarms).toBeLessThanOrEqual(rate);
      expect(alarms).toBeGreaterThanOrEqual(rate - 1 / 200);
    }
  });

  it('never alarms with a zero rate and handles empty input', () => {
    expect(thresholdForFalseAlarmRate([0.2, 0.9], 0)).toBeGreaterThan(0.9);
    expect(thresholdForFalseAlarmRate([], 0.05)).toBe(1);
  });
});

describe('ROC summaries', () => {
  it('gives AUC 1 for separated scores, 0.5 for identical ones', () => {
    expect(rocAuc([0.1, 0.2], [0.8, 0.9])).toBe(1);
    expect(rocAuc([0.5, 0.5], [0.5, 0.5])).toBe(0.5);
    expect(catchRateAt([0.1, 0.2, 0.3, 0.4], [0.35, 0.9], 0.25)).toBe(1);
  });
});

describe('equal-prior probabilities', () => {
  it('counts each class share of the training labels', () => {
    expect(classShares([0, 0, 0, 1], 3)).toEqual([0.75, 0.25, 0]);
  });

  it('lifts a rare class the head under-ranks because it saw few of its photos', () => {
    // The head learnt on 90 % class 0: p(0) = 0.6 is weak evidence for it, p(1) = 0.4 strong for 1.
    const p = equalPriorProbs([0.6, 0.4], [0.9, 0.1]);
    expect(p[1]).toBeGreaterThan(p[0]);
    expect(p[0] + p[1]).toBeCloseTo(1, 10);
    expect(p[1]).toBeCloseTo(4 / (4 + 0.6 / 0.9), 10);
  });

  it('leaves the probabilities alone under a uniform prior, and never divides by a zero share', () => {
    expect(equalPriorProbs([0.2, 0.3, 0.5], [1 / 3, 1 / 3, 1 / 3]).map((v) => +v.toFixed(10))).toEqual([0.2, 0.3, 0.5]);
    expect(equalPriorProbs([0.5, 0.5], [1, 0]).every(Number.isFinite)).toBe(true);
  });
});
