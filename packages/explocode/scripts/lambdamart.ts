/**
 * A small LambdaMART (gradient-boosted regression trees on LambdaRank gradients, Burges 2010), written
 * here because the data is tiny (hundreds of queries, a few hundred candidates each), training must be
 * deterministic and dependency-free, and the model has to be evaluated inside the engine in
 * microseconds (ranker.ts reads the trees this writes). No npm package fits all three: the JS
 * gradient-boosting packages are regression/classification only or wrap native code.
 *
 * Features are pre-binned (quantile thresholds) so that a split search is one pass over histograms.
 * The boosting starts from a base score per candidate (the engine's fitted linear score), so that the
 * trees only learn corrections to it: with little data, that is safer than learning from scratch.
 */
import type { RankerTree } from '../src/core/search/ranker.ts';

export interface RankQuery {
  /** n candidates × nf features, row-major */
  x: Float64Array;
  n: number;
  /** graded relevance per candidate (0 = not relevant) */
  rel: Float64Array;
  /** base score per candidate (the boosting starts from it) */
  base: Float64Array;
  /** weight of the query in the objective */
  weight: number;
  /** tie-break per candidate (lower first), e.g. the article's position in the code */
  order: Int32Array;
}

export interface LambdaMartParams {
  trees: number;
  depth: number;
  shrinkage: number;
  minLeaf: number;
  /** L2 on leaf values */
  lambda: number;
  /** NDCG truncation of the LambdaRank deltas */
  ndcgAt: number;
  bins: number;
  /** share of features tried per tree (1 = all) */
  featureFraction: number;
  seed: number;
  /** features the trees may not split on (still read by the linear part) */
  exclude?: number[];
}

export const DEFAULT_LM: LambdaMartParams = {
  trees: 150,
  depth: 3,
  shrinkage: 0.05,
  minLeaf: 20,
  lambda: 1,
  ndcgAt: 10,
  bins: 32,
  featureFraction: 1,
  seed: 1,
};

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Per feature, sorted distinct cut points (≤ bins − 1) from the training rows' quantiles. */
function cutPoints(qs: RankQuery[], nf: number, bins: number): Float64Array[] {
  const out: Float64Array[] = [];
  for (let f = 0; f < nf; f++) {
    const vals: number[] = [];
    for (const q of qs) for (let i = 0; i < q.n; i++) vals.push(q.x[i * nf + f]);
    vals.sort((a, b) => a - b);
    const cuts: number[] = [];
    for (let b = 1; b < bins; b++) {
      const v = vals[Math.floor((b / bins) * vals.length)];
      if (v !== undefined && (cuts.length === 0 || v > cuts[cuts.length - 1])) cuts.push(v);
    }
    // a cut equal to the maximum splits nothing
    while (cuts.length && cuts[cuts.length - 1] >= vals[vals.length - 1]) cuts.pop();
    out.push(Float64Array.from(cuts));
  }
  return out;
}

/** Bin of value v: number of cuts < v... i.e. go left (bin ≤ b) ⇔ v ≤ cuts[b]. */
function binOf(cuts: Float64Array, v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (v <= cuts[m]) hi = m;
    else lo = m + 1;
  }
  return lo;
}

/** LambdaRank gradients (g) and Hessians (h) of NDCG@k for one query at scores s. */
function lambdas(q: RankQuery, s: Float64Array, off: number, g: Float64Array, h: Float64Array, k: number): void {
  const n = q.n;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => s[off + b] - s[off + a] || q.order[a] - q.order[b]);
  const rank = new Int32Array(n);
  idx.forEach((i, r) => (rank[i] = r));
  const ideal = [...q.rel].sort((a, b) => b - a);
  let idcg = 0;
  for (let r = 0; r < Math.min(k, n); r++) idcg += (Math.pow(2, ideal[r]) - 1) / Math.log2(r + 2);
  if (idcg === 0) return;
  const disc = (r: number) => (r < k ? 1 / Math.log2(r + 2) : 0);
  for (let i = 0; i < n; i++) {
    if (q.rel[i] <= 0) continue;
    for (let j = 0; j < n; j++) {
      if (q.rel[j] >= q.rel[i]) continue;
      const ri = rank[i];
      const rj = rank[j];
      if (ri >= k && rj >= k) {
        // both beyond the cut-off: the swap changes nothing at @k, but keep a small push so that
        // deep relevant candidates still move up
        if (ri < rj) continue;
      }
      const gain = Math.pow(2, q.rel[i]) - Math.pow(2, q.rel[j]);
      const dNdcg = Math.max(1e-3 * gain, Math.abs(gain * (disc(ri) - disc(rj))) / idcg);
      const rho = 1 / (1 + Math.exp(s[off + i] - s[off + j]));
      const lam = dNdcg * rho * q.weight;
      g[off + i] += lam;
      g[off + j] -= lam;
      const hh = dNdcg * rho * (1 - rho) * q.weight;
      h[off + i] += hh;
      h[off + j] += hh;
    }
  }
}

interface Node {
  rows: Int32Array;
  depth: number;
}

/**
 * Fits the trees. `onRound(t, trees)` is called after each tree (for early stopping / logging);
 * returning false stops.
 */
export function fitLambdaMart(
  qs: RankQuery[],
  nf: number,
  p: LambdaMartParams,
  onRound?: (t: number, trees: RankerTree[]) => boolean | void,
): RankerTree[] {
  const rand = rng(p.seed);
  const cuts = cutPoints(qs, nf, p.bins);
  const offsets: number[] = [];
  let N = 0;
  for (const q of qs) {
    offsets.push(N);
    N += q.n;
  }
  // binned features, column-major
  const bins: Uint8Array[] = [];
  for (let f = 0; f < nf; f++) {
    const b = new Uint8Array(N);
    qs.forEach((q, qi) => {
      for (let i = 0; i < q.n; i++) b[offsets[qi] + i] = binOf(cuts[f], q.x[i * nf + f]);
    });
    bins.push(b);
  }
  const s = new Float64Array(N);
  qs.forEach((q, qi) => s.set(q.base, offsets[qi]));
  const g = new Float64Array(N);
  const h = new Float64Array(N);
  const trees: RankerTree[] = [];
  const excluded = new Set(p.exclude ?? []);
  for (let t = 0; t < p.trees; t++) {
    g.fill(0);
    h.fill(0);
    qs.forEach((q, qi) => lambdas(q, s, offsets[qi], g, h, p.ndcgAt));
    const feats = [...Array(nf).keys()].filter((f) => !excluded.has(f) && (p.featureFraction >= 1 || rand() < p.featureFraction));
    const tree: RankerTree = { f: [], t: [], l: [], r: [] };
    // rows with no gradient (queries without a relevant candidate) still go down the tree
    const all = Int32Array.from({ length: N }, (_, i) => i);
    const leafOf = new Int32Array(N);
    const grow = (node: Node): number => {
      const id = tree.f.length;
      tree.f.push(-1);
      tree.t.push(0);
      tree.l.push(0);
      tree.r.push(0);
      let G = 0;
      let H = 0;
      for (const r of node.rows) {
        G += g[r];
        H += h[r];
      }
      const leafValue = () => {
        tree.t[id] = G / (H + p.lambda);
        for (const r of node.rows) leafOf[r] = id;
        return id;
      };
      if (node.depth >= p.depth || node.rows.length < 2 * p.minLeaf) return leafValue();
      const parentGain = (G * G) / (H + p.lambda);
      let best = { gain: 1e-9, f: -1, b: -1 };
      for (const f of feats) {
        const nb = cuts[f].length + 1;
        if (nb < 2) continue;
        const hg = new Float64Array(nb);
        const hh = new Float64Array(nb);
        const hc = new Int32Array(nb);
        const col = bins[f];
        for (const r of node.rows) {
          const b = col[r];
          hg[b] += g[r];
          hh[b] += h[r];
          hc[b]++;
        }
        let gl = 0;
        let hl = 0;
        let cl = 0;
        for (let b = 0; b < nb - 1; b++) {
          gl += hg[b];
          hl += hh[b];
          cl += hc[b];
          const cr = node.rows.length - cl;
          if (cl < p.minLeaf || cr < p.minLeaf) continue;
          const gr = G - gl;
          const hr = H - hl;
          const gain = (gl * gl) / (hl + p.lambda) + (gr * gr) / (hr + p.lambda) - parentGain;
          if (gain > best.gain) best = { gain, f, b };
        }
      }
      if (best.f < 0) return leafValue();
      const col = bins[best.f];
      const left: number[] = [];
      const right: number[] = [];
      for (const r of node.rows) (col[r] <= best.b ? left : right).push(r);
      tree.f[id] = best.f;
      tree.t[id] = cuts[best.f][best.b];
      tree.l[id] = grow({ rows: Int32Array.from(left), depth: node.depth + 1 });
      tree.r[id] = grow({ rows: Int32Array.from(right), depth: node.depth + 1 });
      return id;
    };
    grow({ rows: all, depth: 0 });
    for (let r = 0; r < N; r++) s[r] += p.shrinkage * tree.t[leafOf[r]];
    trees.push(tree);
    if (onRound && onRound(t, trees) === false) break;
  }
  return trees;
}

/** Score of one row under the trees (same walk as ranker.ts). */
export function treeScore(trees: RankerTree[], x: ArrayLike<number>, off: number, shrinkage: number): number {
  let t = 0;
  for (const tr of trees) {
    let i = 0;
    while (tr.f[i] >= 0) i = x[off + tr.f[i]] <= tr.t[i] ? tr.l[i] : tr.r[i];
    t += tr.t[i];
  }
  return shrinkage * t;
}
