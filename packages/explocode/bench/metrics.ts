import type { EvalQuery } from './eval-data.ts';

export interface Metrics {
  n: number;
  hit10: number;
  r10: number;
  mrr10: number;
}

export type Ranker = (q: EvalQuery) => { num: string; id: string }[];

/** hit@10, R@10, MRR@10 over queries, overall and per source. Matching on num or id. */
export function evaluate(queries: EvalQuery[], rank: Ranker): Record<string, Metrics> {
  const acc: Record<string, { n: number; hit: number; r: number; mrr: number }> = {};
  const add = (k: string, hit: number, r: number, mrr: number) => {
    const a = (acc[k] ??= { n: 0, hit: 0, r: 0, mrr: 0 });
    a.n++;
    a.hit += hit;
    a.r += r;
    a.mrr += mrr;
  };
  for (const q of queries) {
    const top = rank(q).slice(0, 10);
    const relNum = new Set(q.articles.map((a) => a.num));
    const relId = new Set(q.articles.map((a) => a.id));
    const found = new Set<string>();
    let first = 0;
    top.forEach((d, i) => {
      const hitIdx = q.articles.findIndex((a) => a.num === d.num || a.id === d.id);
      if (relNum.has(d.num) || relId.has(d.id)) {
        if (!first) first = i + 1;
        if (hitIdx >= 0) found.add(q.articles[hitIdx].id);
      }
    });
    const hit = first ? 1 : 0;
    const r = found.size / q.articles.length;
    const mrr = first ? 1 / first : 0;
    add('all', hit, r, mrr);
    add(q.source, hit, r, mrr);
  }
  const out: Record<string, Metrics> = {};
  for (const [k, a] of Object.entries(acc)) out[k] = { n: a.n, hit10: a.hit / a.n, r10: a.r / a.n, mrr10: a.mrr / a.n };
  return out;
}
