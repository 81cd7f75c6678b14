import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from './tf.ts';
import { headLogits, type HeadConfig } from './head.ts';
import { pooledLength, SECOND_ORDER_HEAD, secondOrderAll, secondOrderPool, trainSecondOrderHead } from './second-order.ts';
import { mulberry32 } from '../core/random.ts';

/** Upper triangle of a d × d row-major matrix as pooled vectors lay it out. */
function unpack(v: Float32Array, d: number): number[][] {
  const m = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  let k = 0;
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) m[a][b] = m[b][a] = v[k++];
  return m;
}

/** Samples of `positions` descriptors where channels 0 and 1 move together (sign +1) or oppositely (−1). */
function correlated(sign: number, positions: number, d: number, rnd: () => number): Float32Array {
  const x = new Float32Array(positions * d);
  for (let p = 0; p < positions; p++) {
    const common = rnd() * 2 - 1;
    x[p * d] = common + 0.1 * (rnd() - 0.5);
    x[p * d + 1] = sign * common + 0.1 * (rnd() - 0.5);
    for (let c = 2; c < d; c++) x[p * d + c] = rnd() * 2 - 1;
  }
  return x;
}

describe('second-order pooling', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });

  it('is the normalised matrix square root of the descriptors’ covariance', async () => {
    // positions (2, 0) and (0, 1), twice each: covariance diag(2, 0.5), square root diag(√2, √0.5)
    const x = tf.tensor3d([2, 0, 0, 1, 2, 0, 0, 1], [1, 4, 2]);
    const out = tf.tidy(() => secondOrderPool(x, { iterations: 8, scale: 1 }));
    const [a, b, c] = Array.from(await out.data());
    const n = Math.hypot(Math.SQRT2, Math.SQRT1_2);
    expect(a).toBeCloseTo(Math.SQRT2 / n, 3);
    expect(b).toBeCloseTo(0, 4);
    expect(c).toBeCloseTo(Math.SQRT1_2 / n, 3);
    tf.dispose([x, out]);
  });

  it('pools each sample of a batch as it would pool it alone', async () => {
    const d = 5;
    const rnd = mulberry32(11);
    const samples = Array.from({ length: 3 }, () => Float32Array.from({ length: 20 * d }, () => rnd() * 2 - 1));
    const batch = await secondOrderAll(samples, d, { iterations: 5, scale: 1 });
    for (const [k, s] of samples.entries()) {
      const [alone] = await secondOrderAll([s], d, { iterations: 5, scale: 1 });
      for (let j = 0; j < alone.length; j++) expect(batch[k][j]).toBeCloseTo(alone[j], 5);
    }
    expect(Math.abs(batch[0][0] - batch[1][0])).toBeGreaterThan(1e-4);
  });

  it('a full covariance: the pooled matrix squared is proportional to it', async () => {
    const d = 4;
    const rnd = mulberry32(3);
    const sample = Float32Array.from({ length: 30 * d }, () => rnd() * 2 - 1);
    const [v] = await secondOrderAll([sample], d, { iterations: 6, scale: 1 });
    expect(v.length).toBe(pooledLength(d));
    const r = unpack(v, d);
    const cov = unpack(new Float32Array(pooledLength(d)), d);
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) for (let p = 0; p < 30; p++) cov[a][b] += (sample[p * d + a] * sample[p * d + b]) / 30;
    const sq = r.map((row, a) => row.map((_, b) => row.reduce((s, _v, k) => s + r[a][k] * r[k][b], 0)));
    const ratio = sq[0][0] / cov[0][0];
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) expect(sq[a][b]).toBeCloseTo(cov[a][b] * ratio, 2);
  });

  it('learns what average and max pooling cannot see (which channels co-occur), and survives a save/load round trip', async () => {
    const d = 4;
    const positions = 16;
    const rnd = mulberry32(11);
    const make = (n: number) => {
      const x: Float32Array[] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        y.push(i % 2);
        x.push(correlated(i % 2 ? -1 : 1, positions, d, rnd));
      }
      return { x, y };
    };
    const train = make(40);
    const test = make(20);
    const cfg: HeadConfig = { ...SECOND_ORDER_HEAD, grid: positions, channels: d, epochs: 30, batchSize: 8 };
    const model = await trainSecondOrderHead(train, 2, cfg);
    const logits = await headLogits(model, test.x, positions, d);
    const right = logits.filter((l, i) => (l[1] > l[0] ? 1 : 0) === test.y[i]).length;
    expect(right).toBe(test.x.length);

    let saved: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (art) => ((saved = art), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const again = await headLogits(loaded, test.x, positions, d);
    again.forEach((l, i) => l.forEach((v, k) => expect(v).toBeCloseTo(logits[i][k], 4)));
    model.dispose();
    loaded.dispose();
  });
});
