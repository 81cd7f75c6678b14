import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { fitStandardizer, standardize, TensorStandardizer, type Standardizer } from './head.ts';
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
