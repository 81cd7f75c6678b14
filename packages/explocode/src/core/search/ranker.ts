/**
 * Learned rankers: a score from a feature vector, either linear or an additive ensemble of small
 * regression trees (LambdaMART, fitted by scripts/train-ranker.ts and shipped as JSON under model/).
 * Evaluation is a few hundred comparisons per candidate: cheap enough for every candidate of every
 * search. A model names the features it was fitted on; the engine checks they are the ones it
 * computes, so a model fitted on another feature list is refused rather than silently misread.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RankerTree {
  /** per node: feature index, or -1 for a leaf */
  f: number[];
  /** per node: go left when x[f] <= t (for a leaf: its value) */
  t: number[];
  /** per node: index of the left and right child (leaves: 0) */
  l: number[];
  r: number[];
}

export interface RankerModel {
  format: 'explocode-ranker-v1';
  /** the feature names, in order, the model reads */
  features: string[];
  /** score = bias + Σ weights·x + Σ shrinkage·tree(x) */
  bias: number;
  weights?: number[];
  trees?: RankerTree[];
  shrinkage?: number;
  /** how it was fitted (data, parameters, cross-validated figures): documentation only */
  meta?: Record<string, unknown>;
}

export function parseRankerModel(json: unknown, features: readonly string[]): RankerModel | undefined {
  const m = json as RankerModel;
  if (!m || m.format !== 'explocode-ranker-v1' || !Array.isArray(m.features)) return undefined;
  if (m.features.length !== features.length || m.features.some((f, i) => f !== features[i])) return undefined;
  return m;
}

/** Compiled form: flat typed arrays, one pass per tree. */
export class Ranker {
  private readonly w: Float64Array;
  private readonly nodes: { f: Int16Array; t: Float64Array; l: Int32Array; r: Int32Array }[];
  private readonly shrink: number;

  constructor(private readonly model: RankerModel) {
    this.w = Float64Array.from(model.weights ?? []);
    this.shrink = model.shrinkage ?? 1;
    this.nodes = (model.trees ?? []).map((tr) => ({
      f: Int16Array.from(tr.f),
      t: Float64Array.from(tr.t),
      l: Int32Array.from(tr.l),
      r: Int32Array.from(tr.r),
    }));
  }

  /** The score of the feature vector x[off .. off + features). */
  score(x: ArrayLike<number>, off = 0): number {
    let s = this.model.bias;
    const w = this.w;
    for (let k = 0; k < w.length; k++) s += w[k] * x[off + k];
    let t = 0;
    for (const n of this.nodes) {
      let i = 0;
      while (n.f[i] >= 0) i = x[off + n.f[i]] <= n.t[i] ? n.l[i] : n.r[i];
      t += n.t[i];
    }
    return s + this.shrink * t;
  }
}

/** The learned rankers the engine may use (each optional: without one, the fitted linear score of config.ts). */
export interface Rankers {
  article?: RankerModel;
}

const MODEL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../model');
export const RANKER_FILES = { article: resolve(MODEL_DIR, 'article-ranker.json') } as const;

/**
 * The rankers shipped under model/ (fitted by scripts/train-ranker.ts). A missing or unreadable file,
 * or one fitted on other features, leaves that ranker out.
 */
export function loadShippedRankers(features: { article: readonly string[] }): Rankers {
  const out: Rankers = {};
  try {
    if (existsSync(RANKER_FILES.article))
      out.article = parseRankerModel(JSON.parse(readFileSync(RANKER_FILES.article, 'utf8')), features.article);
  } catch {
    /* the engine runs with its linear score */
  }
  return out;
}
