/**
 * A compact in-memory BM25F inverted index (Robertson/Zaragoza "simple BM25F"): per-field length
 * normalisation and weights folded into one pseudo term frequency per (term, doc) at build time,
 * then the usual BM25 saturation. Postings are typed arrays; a query is a list of weighted terms.
 */

export interface FieldSpec {
  name: string;
  weight: number;
  b: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export interface Bm25Params {
  k1: number;
  /** idf = ln(1 + (N - df + 0.5) / (df + 0.5)) */
}

interface Postings {
  docs: Int32Array;
  tfw: Float32Array;
}

export interface SerializedBm25f {
  k1: number;
  n: number;
  fields: FieldSpec[];
  terms: string[];
  docs: number[][];
  tfw: number[][];
}

/** Compact form for binary snapshots: postings of term i are docs/tfw[offsets[i] .. offsets[i+1]). */
export interface PackedBm25f {
  k1: number;
  n: number;
  fields: FieldSpec[];
  terms: string[];
  offsets: Int32Array;
  docs: Int32Array;
  tfw: Float32Array;
}

export class Bm25fBuilder {
  private readonly fieldLens: number[][] = [];
  private readonly docTerms: Map<string, number[]>[] = []; // term -> tf per field

  constructor(
    readonly fields: FieldSpec[],
    readonly k1 = 1.2,
  ) {}

  /** Add a document; `fieldTerms[i]` is the analyzed terms of field i. Returns its local id. */
  add(fieldTerms: (string[] | undefined)[]): number {
    const id = this.docTerms.length;
    const m = new Map<string, number[]>();
    const lens: number[] = [];
    for (let f = 0; f < this.fields.length; f++) {
      const terms = fieldTerms[f] ?? [];
      lens.push(terms.length);
      for (const t of terms) {
        let tf = m.get(t);
        if (!tf) {
          tf = new Array(this.fields.length).fill(0);
          m.set(t, tf);
        }
        tf[f]++;
      }
    }
    this.fieldLens.push(lens);
    this.docTerms.push(m);
    return id;
  }

  build(): Bm25fIndex {
    const nf = this.fields.length;
    const n = this.docTerms.length;
    const avg = new Array(nf).fill(0);
    for (const lens of this.fieldLens) for (let f = 0; f < nf; f++) avg[f] += lens[f];
    for (let f = 0; f < nf; f++) avg[f] = n > 0 ? avg[f] / n || 1 : 1;
    const acc = new Map<string, { docs: number[]; tfw: number[] }>();
    for (let d = 0; d < n; d++) {
      const lens = this.fieldLens[d];
      const norm = this.fields.map((fs, f) => 1 - fs.b + (fs.b * lens[f]) / avg[f]);
      for (const [t, tf] of this.docTerms[d]) {
        let w = 0;
        for (let f = 0; f < nf; f++) if (tf[f] > 0) w += (this.fields[f].weight * tf[f]) / norm[f];
        if (w <= 0) continue;
        let p = acc.get(t);
        if (!p) {
          p = { docs: [], tfw: [] };
          acc.set(t, p);
        }
        p.docs.push(d);
        p.tfw.push(w);
      }
    }
    const postings = new Map<string, Postings>();
    for (const [t, p] of acc) postings.set(t, { docs: Int32Array.from(p.docs), tfw: Float32Array.from(p.tfw) });
    return new Bm25fIndex(this.fields, this.k1, n, postings);
  }
}

export interface ScoreResult {
  scores: Float32Array;
  /** bit i set = query term i matched (first 31 terms) */
  masks: Int32Array;
  touched: number[];
}

export class Bm25fIndex {
  constructor(
    readonly fields: FieldSpec[],
    readonly k1: number,
    readonly n: number,
    private readonly postings: Map<string, Postings>,
  ) {}

  get termCount(): number {
    return this.postings.size;
  }

  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  idf(term: string): number {
    const df = this.df(term);
    return Math.log(1 + (this.n - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Documents containing the term (any field). */
  docsOf(term: string): Int32Array | undefined {
    return this.postings.get(term)?.docs;
  }

  /**
   * Score documents for weighted terms. Reuses `into` buffers when given (avoid allocation per
   * query). Term i sets bit i of the doc's mask (i < 31).
   */
  score(terms: WeightedTerm[], into?: ScoreResult): ScoreResult {
    const res: ScoreResult = into ?? { scores: new Float32Array(this.n), masks: new Int32Array(this.n), touched: [] };
    const k1 = this.k1;
    for (let i = 0; i < terms.length; i++) {
      const { term, weight } = terms[i];
      const p = this.postings.get(term);
      if (!p || weight === 0) continue;
      const idf = this.idf(term) * weight;
      const bit = i < 31 ? 1 << i : 0;
      const { docs, tfw } = p;
      for (let j = 0; j < docs.length; j++) {
        const d = docs[j];
        const w = tfw[j];
        if (res.masks[d] === 0 && res.scores[d] === 0) res.touched.push(d);
        res.scores[d] += (idf * w * (k1 + 1)) / (k1 + w);
        res.masks[d] |= bit;
      }
    }
    return res;
  }

  /** Score contribution of one weighted term to one document (0 if absent); postings are sorted by doc. */
  termScore(term: string, weight: number, doc: number): number {
    const p = this.postings.get(term);
    if (!p || weight === 0) return 0;
    const { docs, tfw } = p;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = docs[mid];
      if (d === doc) {
        const w = tfw[mid];
        return (this.idf(term) * weight * w * (this.k1 + 1)) / (this.k1 + w);
      }
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Reset a ScoreResult after use (cheap: only touched docs). */
  static reset(r: ScoreResult): void {
    for (const d of r.touched) {
      r.scores[d] = 0;
      r.masks[d] = 0;
    }
    r.touched.length = 0;
  }

  serialize(): SerializedBm25f {
    const terms: string[] = [];
    const docs: number[][] = [];
    const tfw: number[][] = [];
    for (const [t, p] of this.postings) {
      terms.push(t);
      docs.push(Array.from(p.docs));
      tfw.push(Array.from(p.tfw, (x) => Math.round(x * 1000) / 1000));
    }
    return { k1: this.k1, n: this.n, fields: this.fields, terms, docs, tfw };
  }

  pack(): PackedBm25f {
    const terms = [...this.postings.keys()];
    const offsets = new Int32Array(terms.length + 1);
    let tot = 0;
    terms.forEach((t, i) => {
      offsets[i] = tot;
      tot += this.postings.get(t)!.docs.length;
    });
    offsets[terms.length] = tot;
    const docs = new Int32Array(tot);
    const tfw = new Float32Array(tot);
    terms.forEach((t, i) => {
      const p = this.postings.get(t)!;
      docs.set(p.docs, offsets[i]);
      tfw.set(p.tfw, offsets[i]);
    });
    return { k1: this.k1, n: this.n, fields: this.fields, terms, offsets, docs, tfw };
  }

  /** Inverse of pack(); postings are views on the packed arrays (no copy). Throws on inconsistent input. */
  static unpack(p: PackedBm25f): Bm25fIndex {
    const m = new Map<string, Postings>();
    const { terms, offsets, docs, tfw } = p;
    if (offsets.length !== terms.length + 1 || offsets[terms.length] !== docs.length || docs.length !== tfw.length)
      throw new Error('bad packed index');
    for (let i = 0; i < terms.length; i++) {
      const a = offsets[i];
      const b = offsets[i + 1];
      if (b < a) throw new Error('bad packed index');
      m.set(terms[i], { docs: docs.subarray(a, b), tfw: tfw.subarray(a, b) });
    }
    for (let j = 0; j < docs.length; j++) if (docs[j] < 0 || docs[j] >= p.n) throw new Error('bad packed index');
    return new Bm25fIndex(p.fields, p.k1, p.n, m);
  }

  static deserialize(s: SerializedBm25f): Bm25fIndex {
    const m = new Map<string, Postings>();
    for (let i = 0; i < s.terms.length; i++) m.set(s.terms[i], { docs: Int32Array.from(s.docs[i]), tfw: Float32Array.from(s.tfw[i]) });
    return new Bm25fIndex(s.fields, s.k1, s.n, m);
  }
}

/**
 * Indices of the k best candidates by `scores` (descending, positive scores only), ties broken by
 * `tiebreak` ascending (default: index). Bounded heap: O(n log k) instead of sorting everything.
 */
export function selectTop(
  cands: ArrayLike<number>,
  scores: ArrayLike<number>,
  k: number,
  tiebreak?: (doc: number) => number,
  filter?: (doc: number) => boolean,
): number[] {
  if (k <= 0) return [];
  const tb = tiebreak ?? ((d: number) => d);
  // "a worse than b"
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && tb(a) > tb(b));
  const heap: number[] = []; // min-heap on "worse" (root = worst kept)
  const up = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  };
  const down = (i: number) => {
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && worse(heap[l], heap[m])) m = l;
      if (r < n && worse(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let j = 0; j < cands.length; j++) {
    const d = cands[j];
    if (!(scores[d] > 0)) continue;
    if (filter && !filter(d)) continue;
    if (heap.length < k) {
      heap.push(d);
      up(heap.length - 1);
    } else if (worse(heap[0], d)) {
      heap[0] = d;
      down(0);
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}

/** Top-k of a ScoreResult (optionally filtered), ties broken by `tiebreak` ascending (default: doc id). */
export function topK(
  r: ScoreResult,
  k: number,
  filter?: (doc: number) => boolean,
  tiebreak?: (doc: number) => number,
): { doc: number; score: number; mask: number }[] {
  return selectTop(r.touched, r.scores, k, tiebreak, filter).map((d) => ({ doc: d, score: r.scores[d], mask: r.masks[d] }));
}
