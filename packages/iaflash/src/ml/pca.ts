/**
 * PCA of the local descriptors (896 channels → 256) fitted once on the training features: the head
 * then trains on 7× smaller inputs, which is what makes CPU training take minutes, not an hour.
 * Randomised range finder (Halko et al. 2011) with matrix products on tfjs and a Jacobi
 * eigen-solver on the small projected matrix.
 */
import { tf } from './tf.ts';
import { mulberry32 } from '../core/random.ts';

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi). Returns eigenvalues and columns. */
export function jacobiEigen(a: Float64Array, n: number, sweeps = 30): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let s = 0; s < sweeps; s++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] ** 2;
    if (off < 1e-18) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (Math.abs(apq) < 1e-15) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - sn * mkq;
          m[k * n + q] = sn * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - sn * mqk;
          m[q * n + k] = sn * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - sn * vkq;
          v[k * n + q] = sn * vkp + c * vkq;
        }
      }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = m[i * n + i];
  return { values, vectors: v };
}

/**
 * Top `dims` principal directions of standardised local descriptors (each sample is grid × channels),
 * as a channels × dims matrix, row-major. Uses at most `maxRows` descriptor rows.
 */
export async function fitPca(
  xs: Float32Array[],
  channels: number,
  dims: number,
  whiten = process.env.IAFLASH_PCA_WHITEN === '1',
  seed = 5,
  maxRows = 6000,
): Promise<Float32Array> {
  const rnd = mulberry32(seed);
  const rowsPer = xs[0].length / channels;
  const take = Math.min(maxRows, xs.length * rowsPer);
  const data = new Float32Array(take * channels);
  for (let r = 0; r < take; r++) {
    const s = xs[Math.floor(rnd() * xs.length)];
    const p = Math.floor(rnd() * rowsPer);
    data.set(s.subarray(p * channels, (p + 1) * channels), r * channels);
  }
  const k = Math.min(channels, dims + 32);
  const q = tf.tidy(() => {
    const x = tf.tensor2d(data, [take, channels]);
    const cov = tf.matMul(x, x, true, false).div(take) as tf.Tensor2D; // channels × channels
    let y = tf.matMul(cov, tf.randomNormal([channels, k], 0, 1, 'float32', seed)) as tf.Tensor2D;
    const orthonormal = (m: tf.Tensor2D) => (tf.linalg.gramSchmidt(m.transpose() as tf.Tensor2D) as tf.Tensor2D).transpose() as tf.Tensor2D;
    for (let i = 0; i < 3; i++) y = tf.matMul(cov, orthonormal(y)) as tf.Tensor2D;
    const basis = orthonormal(y); // channels × k
    const small = tf.matMul(tf.matMul(basis, cov, true, false), basis) as tf.Tensor2D; // k × k
    return [basis, small];
  });
  const [basis, small] = q;
  const b = (await basis.data()) as Float32Array;
  const sm = Float64Array.from((await small.data()) as Float32Array);
  tf.dispose([basis, small]);
  const { values, vectors } = jacobiEigen(sm, k);
  const order = Array.from(values, (v, i) => [v, i] as const)
    .sort((a, c) => c[0] - a[0])
    .slice(0, dims)
    .map(([, i]) => i);
  // Projection P = basis · eigenvectors[:, order] (optionally whitened: measured worse here).
  const proj = new Float32Array(channels * dims);
  order.forEach((col, j) => {
    const scale = whiten ? 1 / Math.sqrt(Math.max(values[col], 1e-3 * values[order[0]])) : 1;
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let t = 0; t < k; t++) s += b[c * k + t] * vectors[t * k + col];
      proj[c * dims + j] = s * scale;
    }
  });
  return proj;
}

/** Projects every row (grid position) of a standardised sample: grid × channels → grid × dims. */
export function project(x: Float32Array, proj: Float32Array, channels: number, dims: number): Float32Array {
  const rows = x.length / channels;
  const out = new Float32Array(rows * dims);
  for (let r = 0; r < rows; r++) {
    const off = r * channels;
    const o = r * dims;
    for (let c = 0; c < channels; c++) {
      const v = x[off + c];
      if (v === 0) continue;
      const pc = c * dims;
      for (let j = 0; j < dims; j++) out[o + j] += v * proj[pc + j];
    }
  }
  return out;
}

/** `project` for many samples at once, with the matrix product on tfjs (batches of 64 samples). */
export async function projectAll(xs: Float32Array[], proj: Float32Array, channels: number, dims: number): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  const p = tf.tensor2d(proj, [channels, dims]);
  const rows = xs[0].length / channels;
  for (let s = 0; s < xs.length; s += 64) {
    const part = xs.slice(s, s + 64);
    const buf = new Float32Array(part.length * rows * channels);
    part.forEach((x, i) => buf.set(x, i * rows * channels));
    const t = tf.tidy(() => tf.matMul(tf.tensor2d(buf, [part.length * rows, channels]), p));
    const d = (await t.data()) as Float32Array;
    t.dispose();
    part.forEach((_, i) => out.push(d.slice(i * rows * dims, (i + 1) * rows * dims)));
  }
  p.dispose();
  return out;
}
