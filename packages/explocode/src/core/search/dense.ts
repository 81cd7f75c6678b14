/**
 * Dense semantic model: word vectors trained on the corpus only (no download), by PPMI + truncated
 * (randomised) SVD of a term co-occurrence matrix.
 *
 * Co-occurrence = (1) a ±window over every text of the corpus (articles with their section titles,
 * fiches, fiche sections, Q&A answers), weighted 1/distance; (2) citation links: the salient terms of
 * every citing unit (fiche / section / answer: title + text) × the salient terms of each article it
 * cites, so that everyday wording and code wording land near each other.
 * PPMI with context smoothing (α = 0.75), rank-`dim` eigen-decomposition of the symmetric PPMI matrix
 * by randomised subspace iteration (seeded → deterministic), vectors = U·Σ^½, L2-normalised, int8.
 *
 * At run time, a text's vector is the idf-weighted mean of its word vectors minus the collection mean
 * (common-component removal), normalised; similarity = cosine.
 */
import { FrenchAnalyzer } from '@eig/platform/search';
import type { Corpus } from '../types.ts';

export interface DenseModelFile {
  dim: number;
  vocab: string[];
  /** int8 row-major vectors (vocab.length × dim), base64; value / 127 */
  data: string;
  params: DenseTrainOptions & { nnz: number };
}

export interface DenseTrainOptions {
  dim: number;
  window: number;
  minCount: number;
  maxVocab: number;
  /** weight of a citation-link co-occurrence (relative to a window co-occurrence at distance 1) */
  linkWeight: number;
  oversample: number;
  powerIters: number;
  seed: number;
}

export const DEFAULT_DENSE: DenseTrainOptions = {
  dim: 128,
  window: 5,
  minCount: 5,
  maxVocab: 16000,
  linkWeight: 0.5,
  oversample: 16,
  powerIters: 3,
  seed: 12345,
};

const usable = (t: string) => t.length >= 2 && !/^[0-9]+$/.test(t);

/** Deterministic PRNG (mulberry32): training and sampling must be reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Sparse symmetric matrix in CSR form. */
export interface Csr {
  n: number;
  rowPtr: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

/** Y = M·X, X dense n×k row-major. */
function spmm(m: Csr, x: Float64Array, k: number): Float64Array {
  const y = new Float64Array(m.n * k);
  for (let i = 0; i < m.n; i++) {
    const yo = i * k;
    for (let p = m.rowPtr[i]; p < m.rowPtr[i + 1]; p++) {
      const v = m.val[p];
      const xo = m.col[p] * k;
      for (let j = 0; j < k; j++) y[yo + j] += v * x[xo + j];
    }
  }
  return y;
}

/** Orthonormalise the k columns of an n×k row-major matrix in place (modified Gram–Schmidt, twice). */
function orthonormalize(a: Float64Array, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++)
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < j; i++) {
        let d = 0;
        for (let r = 0; r < n; r++) d += a[r * k + i] * a[r * k + j];
        for (let r = 0; r < n; r++) a[r * k + j] -= d * a[r * k + i];
      }
      let s = 0;
      for (let r = 0; r < n; r++) s += a[r * k + j] * a[r * k + j];
      s = Math.sqrt(s) || 1;
      for (let r = 0; r < n; r++) a[r * k + j] /= s;
    }
}

/** Eigen-decomposition of a symmetric k×k matrix (cyclic Jacobi). Returns values and column vectors. */
export function jacobiEigen(s: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p * k + q] * a[p * k + q];
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - sn * arq;
          a[r * k + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - sn * aqr;
          a[q * k + r] = sn * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - sn * vrq;
          v[r * k + q] = sn * vrp + c * vrq;
        }
      }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i];
  return { values, vectors: v };
}

/**
 * Top-`dim` eigenpairs (largest eigenvalues) of a symmetric sparse matrix by randomised subspace
 * iteration. Returns n×dim row-major U·|Σ|^½.
 */
export function truncatedEmbedding(m: Csr, dim: number, oversample: number, iters: number, seed: number): Float64Array {
  const n = m.n;
  const k = Math.min(n, dim + oversample);
  const r = rng(seed);
  let q: Float64Array = new Float64Array(n * k);
  for (let i = 0; i < q.length; i++) q[i] = r() * 2 - 1;
  q = spmm(m, q, k);
  orthonormalize(q, n, k);
  for (let it = 0; it < iters; it++) {
    q = spmm(m, q, k);
    orthonormalize(q, n, k);
  }
  // Rayleigh–Ritz: T = Qᵀ M Q (k×k)
  const mq = spmm(m, q, k);
  const t = new Float64Array(k * k);
  for (let row = 0; row < n; row++)
    for (let i = 0; i < k; i++) {
      const qi = q[row * k + i];
      if (qi === 0) continue;
      for (let j = 0; j < k; j++) t[i * k + j] += qi * mq[row * k + j];
    }
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) t[i * k + j] = t[j * k + i] = (t[i * k + j] + t[j * k + i]) / 2;
  const { values, vectors } = jacobiEigen(t, k);
  // largest (positive) eigenvalues: the best positive semi-definite approximation of the PPMI matrix
  const order = [...values.keys()].sort((a, b) => values[b] - values[a] || a - b).slice(0, Math.min(dim, k));
  const d = order.length;
  const out = new Float64Array(n * d);
  for (let row = 0; row < n; row++)
    for (let c = 0; c < d; c++) {
      const e = order[c];
      let s = 0;
      for (let j = 0; j < k; j++) s += q[row * k + j] * vectors[j * k + e];
      out[row * d + c] = s * Math.sqrt(Math.max(0, values[e]));
    }
  return out;
}

/** Salient terms of a text by tf·idf (ties by term). */
function salient(terms: string[], idf: (t: string) => number, max: number): string[] {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return [...tf.entries()]
    .map(([t, c]) => [t, (1 + Math.log(c)) * idf(t)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([t]) => t);
}

/** Trains the dense model from the corpus content and citation links only. Deterministic. */
export function trainDense(corpus: Corpus, options: Partial<DenseTrainOptions> = {}, cleanTitle: (t: string) => string = (t) => t): DenseModelFile {
  const o = { ...DEFAULT_DENSE, ...options };
  const an = new FrenchAnalyzer({ stem: 'light' });
  const sectionTitle = new Map(corpus.sections.map((s) => [s.id, cleanTitle(s.title)]));
  const texts: string[][] = [];
  const artTerms = new Map<string, string[]>();
  for (const a of corpus.articles) {
    const t = an.terms(a.path.slice(-2).map((id) => sectionTitle.get(id) ?? '').join(' . ') + ' . ' + a.text);
    texts.push(t);
    if (!artTerms.has(a.num)) artTerms.set(a.num, t);
  }
  const units: { terms: string[]; cited: string[] }[] = [];
  for (const f of corpus.fiches) {
    const t = an.terms(`${f.title} . ${f.description} . ${f.intro}`);
    texts.push(t);
    units.push({ terms: t, cited: f.citedArticles });
    for (const s of f.sections) {
      const st = an.terms(`${s.title} . ${s.text}`);
      texts.push(st);
      if (s.citedArticles.length) units.push({ terms: [...an.terms(f.title), ...st], cited: s.citedArticles });
    }
  }
  for (const c of corpus.contributions) {
    const t = an.terms(`${c.title} . ${c.generic.text}`);
    texts.push(t);
    units.push({ terms: t, cited: c.generic.citedArticles });
  }
  for (const s of corpus.sections) texts.push(an.terms(cleanTitle(s.title)));

  // vocabulary: most frequent usable stems
  const count = new Map<string, number>();
  const df = new Map<string, number>();
  for (const t of texts) {
    for (const x of t) if (usable(x)) count.set(x, (count.get(x) ?? 0) + 1);
    for (const x of new Set(t)) df.set(x, (df.get(x) ?? 0) + 1);
  }
  const vocab = [...count.entries()]
    .filter(([, c]) => c >= o.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.maxVocab)
    .map(([t]) => t)
    .sort();
  const id = new Map(vocab.map((t, i) => [t, i]));
  const n = vocab.length;
  const rows: Map<number, number>[] = vocab.map(() => new Map());
  const add = (i: number, j: number, w: number) => {
    if (i === j) return;
    rows[i].set(j, (rows[i].get(j) ?? 0) + w);
    rows[j].set(i, (rows[j].get(i) ?? 0) + w);
  };
  for (const t of texts) {
    const ids = t.map((x) => id.get(x) ?? -1);
    for (let p = 0; p < ids.length; p++) {
      if (ids[p] < 0) continue;
      for (let d = 1; d <= o.window && p + d < ids.length; d++) if (ids[p + d] >= 0) add(ids[p], ids[p + d], 1 / d);
    }
  }
  // citation links
  const nDocs = texts.length;
  const idf = (t: string) => Math.log(1 + nDocs / (df.get(t) ?? 1));
  const salA = new Map<string, number[]>();
  for (const u of units) {
    const cited = [...new Set(u.cited)].filter((x) => artTerms.has(x));
    if (!cited.length) continue;
    const qs = salient(u.terms.filter((x) => id.has(x)), idf, 20).map((x) => id.get(x)!);
    const w = o.linkWeight / Math.sqrt(cited.length);
    for (const num of cited) {
      let ds = salA.get(num);
      if (!ds) salA.set(num, (ds = salient(artTerms.get(num)!.filter((x) => id.has(x)), idf, 20).map((x) => id.get(x)!)));
      for (const q of qs) for (const d of ds) add(q, d, w);
    }
  }
  // PPMI (context distribution smoothing α = 0.75)
  const rowSum = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) for (const v of rows[i].values()) rowSum[i] += v;
  const ctx = new Float64Array(n);
  let ctxTot = 0;
  for (let i = 0; i < n; i++) ctxTot += ctx[i] = Math.pow(rowSum[i], 0.75);
  for (let i = 0; i < n; i++) total += rowSum[i];
  const rowPtr = new Int32Array(n + 1);
  const cols: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const ent = [...rows[i].entries()].sort((a, b) => a[0] - b[0]);
    for (const [j, c] of ent) {
      // symmetrised PPMI: average of both directions' smoothed PMI
      const pmi = 0.5 * (Math.log((c * ctxTot) / (rowSum[i] * ctx[j])) + Math.log((c * ctxTot) / (rowSum[j] * ctx[i]))) + Math.log(ctxTot / total);
      if (pmi > 0) {
        cols.push(j);
        vals.push(pmi);
      }
    }
    rowPtr[i + 1] = cols.length;
  }
  const m: Csr = { n, rowPtr, col: Int32Array.from(cols), val: Float64Array.from(vals) };
  const emb = truncatedEmbedding(m, o.dim, o.oversample, o.powerIters, o.seed);
  const dim = emb.length / n;
  const q = new Int8Array(n * dim);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dim; j++) s += emb[i * dim + j] ** 2;
    s = Math.sqrt(s) || 1;
    // scale so that the largest |component| of a unit vector maps near 127 without clipping much
    for (let j = 0; j < dim; j++) q[i * dim + j] = Math.max(-127, Math.min(127, Math.round((emb[i * dim + j] / s) * 127 * 3)));
  }
  return { dim, vocab, data: Buffer.from(q.buffer).toString('base64'), params: { ...o, nnz: cols.length } };
}

/** Run-time dense model: word vectors + text encoding. */
export class DenseSpace {
  readonly dim: number;
  private readonly vec: Float32Array;
  private readonly id = new Map<string, number>();

  constructor(file: DenseModelFile) {
    this.dim = file.dim;
    const raw = Buffer.from(file.data, 'base64');
    const q = new Int8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    this.vec = new Float32Array(q.length);
    for (let i = 0; i < file.vocab.length; i++) {
      let s = 0;
      for (let j = 0; j < this.dim; j++) s += q[i * this.dim + j] ** 2;
      s = Math.sqrt(s) || 1;
      for (let j = 0; j < this.dim; j++) this.vec[i * this.dim + j] = q[i * this.dim + j] / s;
    }
    file.vocab.forEach((t, i) => this.id.set(t, i));
  }

  has(term: string): boolean {
    return this.id.has(term);
  }

  /** Weighted sum of word vectors into `out` (not normalised). Returns the total weight used. */
  accumulate(terms: Iterable<[string, number]>, out: Float32Array): number {
    let tot = 0;
    const d = this.dim;
    for (const [t, w] of terms) {
      const i = this.id.get(t);
      if (i === undefined || !(w > 0)) continue;
      tot += w;
      const o = i * d;
      for (let j = 0; j < d; j++) out[j] += w * this.vec[o + j];
    }
    return tot;
  }
}

/** Document vectors of a collection (n × dim), centred on the collection mean and normalised. */
export class DenseDocs {
  readonly n: number;
  readonly dim: number;
  readonly vecs: Float32Array;
  readonly mean: Float32Array;

  constructor(space: DenseSpace, docs: [string, number][][]) {
    this.dim = space.dim;
    this.n = docs.length;
    this.vecs = new Float32Array(this.n * this.dim);
    this.mean = new Float32Array(this.dim);
    const tmp = new Float32Array(this.dim);
    for (let i = 0; i < this.n; i++) {
      tmp.fill(0);
      space.accumulate(docs[i], tmp);
      normalize(tmp);
      this.vecs.set(tmp, i * this.dim);
      for (let j = 0; j < this.dim; j++) this.mean[j] += tmp[j] / this.n;
    }
    for (let i = 0; i < this.n; i++) {
      const o = i * this.dim;
      for (let j = 0; j < this.dim; j++) this.vecs[o + j] -= this.mean[j];
      normalize(this.vecs.subarray(o, o + this.dim));
    }
  }

  /** Query vector in this collection's space (centred the same way); null when no term is known. */
  encode(space: DenseSpace, terms: [string, number][]): Float32Array | null {
    const q = new Float32Array(this.dim);
    if (!space.accumulate(terms, q)) return null;
    normalize(q);
    for (let j = 0; j < this.dim; j++) q[j] -= this.mean[j];
    normalize(q);
    return q;
  }

  /** Cosine of every document with q into `out`. */
  scores(q: Float32Array, out: Float32Array): void {
    const d = this.dim;
    const v = this.vecs;
    for (let i = 0; i < this.n; i++) {
      let s = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) s += v[o + j] * q[j];
      out[i] = s;
    }
  }
}

function normalize(v: Float32Array): void {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j] * v[j];
  s = Math.sqrt(s);
  if (s > 0) for (let j = 0; j < v.length; j++) v[j] /= s;
}

/** tf·idf weights of a term list: (1 + ln tf) · idf. */
export function tfidfWeights(terms: string[], idf: (t: string) => number): [string, number][] {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  return [...tf.entries()].map(([t, c]) => [t, (1 + Math.log(c)) * idf(t)]);
}
