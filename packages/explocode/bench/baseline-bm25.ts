/**
 * The eval README's plain BM25 baseline, EXACTLY as specified (independent of our analyzer):
 * one document per article in force of legi-data (text = num + article text); lowercase, œ→oe, æ→ae,
 * accents stripped (NFD), split on anything not [a-z0-9], French stop words (Snowball list + cet cette
 * ceux celle celles celui dont si sans sous ni car lors leurs quel quels quelle quelles), no stemming;
 * BM25 k1 = 1.2, b = 0.75, idf = ln(1 + (N − df + 0.5)/(df + 0.5)); query terms de-duplicated; ties by
 * code order; top 10.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { SNOWBALL_FRENCH_STOPWORDS, EXTRA_FRENCH_STOPWORDS } from '@eig/platform/search';

export interface BaselineDoc {
  id: string;
  num: string;
  order: number;
}

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}
const STOP = new Set([...SNOWBALL_FRENCH_STOPWORDS, ...EXTRA_FRENCH_STOPWORDS].map(norm));
const tokens = (s: string) =>
  norm(s)
    .split(/[^a-z0-9]+/)
    .filter((t) => t && !STOP.has(t));

interface LegiNode {
  type: string;
  data: { id: string; num?: string; texte?: string; dateDebut?: number | string; dateFin?: number | string };
  children?: LegiNode[];
}

const DATE = Date.parse('2026-03-27T00:00:00Z');

/** Articles in force at the dataset date, in code order. */
export function loadLegiArticles(): { id: string; num: string; text: string }[] {
  const require = createRequire(import.meta.url);
  const file = require.resolve('@socialgouv/legi-data/data/LEGITEXT000006072050.json');
  const root = JSON.parse(readFileSync(file, 'utf8')) as LegiNode;
  const out: { id: string; num: string; text: string }[] = [];
  const walk = (n: LegiNode) => {
    if (n.type === 'article') {
      const deb = Number(n.data.dateDebut);
      const fin = Number(n.data.dateFin);
      if (deb <= DATE && DATE < fin) out.push({ id: n.data.id, num: (n.data.num ?? '').trim(), text: n.data.texte ?? '' });
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return out;
}

export class PlainBm25 {
  private readonly post = new Map<string, { d: number[]; tf: number[] }>();
  private readonly len: Float64Array;
  private readonly avg: number;
  readonly docs: BaselineDoc[];

  constructor(articles: { id: string; num: string; text: string }[]) {
    this.docs = articles.map((a, i) => ({ id: a.id, num: a.num, order: i }));
    this.len = new Float64Array(articles.length);
    let tot = 0;
    articles.forEach((a, d) => {
      const toks = tokens(`${a.num} ${a.text}`);
      this.len[d] = toks.length;
      tot += toks.length;
      const tf = new Map<string, number>();
      for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, c] of tf) {
        let p = this.post.get(t);
        if (!p) this.post.set(t, (p = { d: [], tf: [] }));
        p.d.push(d);
        p.tf.push(c);
      }
    });
    this.avg = tot / articles.length;
  }

  search(q: string, k = 10): BaselineDoc[] {
    const N = this.docs.length;
    const scores = new Map<number, number>();
    for (const t of new Set(tokens(q))) {
      const p = this.post.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (N - p.d.length + 0.5) / (p.d.length + 0.5));
      for (let i = 0; i < p.d.length; i++) {
        const d = p.d[i];
        const tf = p.tf[i];
        const s = (idf * tf * 2.2) / (tf + 1.2 * (1 - 0.75 + (0.75 * this.len[d]) / this.avg));
        scores.set(d, (scores.get(d) ?? 0) + s);
      }
    }
    return [...scores.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([d]) => this.docs[d]);
  }
}
