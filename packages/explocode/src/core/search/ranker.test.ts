import { describe, expect, it } from 'vitest';
import { parseRankerModel, Ranker, type RankerModel } from './ranker.ts';

const FEATURES = ['a', 'b'];
// one tree: b <= 0.5 ? (a <= 1 ? 1 : 2) : -3
const tree = { f: [1, 0, -1, -1, -1], t: [0.5, 1, 1, 2, -3], l: [1, 2, 0, 0, 0], r: [4, 3, 0, 0, 0] };
const model: RankerModel = {
  format: 'explocode-ranker-v1',
  features: FEATURES,
  bias: 0.5,
  weights: [2, -1],
  trees: [tree],
  shrinkage: 0.1,
};

describe('Ranker', () => {
  it('adds the bias, the linear part and the shrunk trees', () => {
    const r = new Ranker(model);
    expect(r.score([1, 0])).toBeCloseTo(0.5 + 2 + 0.1 * 1);
    expect(r.score([3, 0])).toBeCloseTo(0.5 + 6 + 0.1 * 2);
    expect(r.score([0, 1])).toBeCloseTo(0.5 - 1 + 0.1 * -3);
  });

  it('reads a row at an offset of a flat feature matrix', () => {
    const r = new Ranker(model);
    expect(r.score(Float64Array.from([9, 9, 1, 0]), 2)).toBeCloseTo(r.score([1, 0]));
  });

  it('is linear when the model has no trees', () => {
    expect(new Ranker({ ...model, trees: undefined }).score([1, 1])).toBeCloseTo(0.5 + 2 - 1);
  });
});

describe('parseRankerModel', () => {
  it('accepts a model fitted on the same features, in the same order', () => {
    expect(parseRankerModel(JSON.parse(JSON.stringify(model)), FEATURES)).toBeTruthy();
  });
  it('refuses another format or another feature list', () => {
    expect(parseRankerModel({ ...model, format: 'x' }, FEATURES)).toBeUndefined();
    expect(parseRankerModel(model, ['b', 'a'])).toBeUndefined();
    expect(parseRankerModel(model, ['a', 'b', 'c'])).toBeUndefined();
    expect(parseRankerModel(null, FEATURES)).toBeUndefined();
  });
});
