import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { fitStandardizer, logitAdjustment, standardize, TensorStandardizer, type Standardizer } from './head.ts';
import { mulberry32 } from '../core/random.ts';

const GRID = 4;
const CHANNELS = 6;

function sample(rnd: () => number): Float32Array {
  return Float32Array.from({ length: GRID * CHANNELS }, (_, i) => (i % CHANNELS) * 0.5 + rnd() * (1 + (i % 3)));
}

async function viaTensors(st: Standardizer, xs: Float32Array[]): Promise<Float32Array> {
  const ts = new TensorStandardizer(st);
  const buf = new Float32Array(xs.length * GRID * CHANNELS);
  xs.forEach((x, i) => buf.set(x, i * GRID * CHANNELS));
  const out = tf.tidy(() => ts.apply(tf.tensor2d(buf, [xs.length, GRID * CHANNELS]), GRID));
  expect(out.shape).toEqual([xs.length, GRID, ts.dims]);
  const data = (await out.data()) as Float32Array;
  out.dispose();
  ts.dispose();
  return data;
}

describe('TensorStandardizer (inference-time standardisation + PCA on tfjs)', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });

  const rnd = mulberry32(11);
  const xs = Array.from({ length: 5 }, () => sample(rnd));

  it('matches standardize() without a projection', async () => {
    const st = fitStandardizer(xs, CHANNELS);
    const got = await viaTensors(st, xs);
    const want = xs.flatMap((x) => Array.from(standardize(x, st)));
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
  });

  it('matches standardize() with a PCA projection (channels → dims)', async () => {
    const st = fitStandardizer(xs, CHANNELS);
    const dims = 3;
    st.projection = Float32Array.from({ length: CHANNELS * dims }, () => rnd() - 0.5);
    st.dims = dims;
    const got = await viaTensors(st, xs);
    const want = xs.flatMap((x) => Array.from(standardize(x, st)));
    expect(got.length).toBe(xs.length * GRID * dims);
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
  });
});

describe('logitAdjustment', () => {
  it('raises the rare classes against the frequent ones by τ·log of their prior ratio, and is 0 at τ = 0', () => {
    const y = [0, 0, 0, 0, 0, 0, 0, 1, 2, 2];
    const shift = logitAdjustment(y, 4, 0.5);
    // add-one smoothed priors: 8/14, 2/14, 3/14, 1/14 (class 3 has no sample)
    expect(shift[1] - shift[0]).toBeCloseTo(0.5 * Math.log(8 / 2), 6);
    expect(shift[3]).toBeGreaterThan(shift[1]);
    expect(shift[1]).toBeGreaterThan(shift[2]);
    expect(shift[2]).toBeGreaterThan(shift[0]);
    expect(Array.from(logitAdjustment(y, 4, 0))).toEqual([0, 0, 0, 0]);
  });
});
