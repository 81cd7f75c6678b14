/**
 * Candidate features of judged queries, for fitting and cross-validating the learned article ranker
 * (scripts/train-ranker.ts). Runs the engine's own stages (router → query plan → article candidates
 * and features) exactly as a search does, then reads which candidates are relevant.
 */
import { ARTICLE_FEATURES, N_ARTICLE_FEATURES } from '../src/core/search/articles.ts';
import type { ExplocodeEngine } from '../src/core/search/engine.ts';
import { buildQueryPlan } from '../src/core/search/query-plan.ts';
import { presearchAll } from '../src/core/search/router.ts';
import { findArticleByNumber } from '../src/core/search/search-corpus.ts';

export interface JudgedQuery {
  id: string;
  query: string;
  /** the document the question was derived from (training questions) */
  doc?: string;
  articles: { num: string; id?: string }[];
}

export interface QueryCandidates {
  id: string;
  query: string;
  /** article numbers of the candidates */
  nums: string[];
  order: Int32Array;
  x: Float64Array;
  rel: Float64Array;
  /** relevant articles that are not candidates at all */
  missing: number;
}

export { ARTICLE_FEATURES, N_ARTICLE_FEATURES };

/** The features of every query's candidates (internals read on purpose: this is a fitting tool). */
export function extractCandidates(engine: ExplocodeEngine, queries: JudgedQuery[]): QueryCandidates[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const e = engine as any;
  const out: QueryCandidates[] = [];
  for (const q of queries) {
    try {
      const pre = presearchAll(q.query, e.router, (n: string) => findArticleByNumber(e.corpus, n));
      const text = pre.route ? pre.route.rest : q.query;
      const plan = buildQueryPlan(text, e.an, e.syn, e.config, e.vocabulary);
      if (!plan.terms.length) continue;
      const fc = e.articles.features(plan, () => true) as { cands: number[]; x: Float64Array };
      const arts = e.corpus.articles as { num: string; id: string; order: number }[];
      const relNum = new Set(q.articles.map((a) => a.num));
      const nums = fc.cands.map((a) => arts[a].num);
      const rel = Float64Array.from(nums, (n) => (relNum.has(n) ? 1 : 0));
      const found = new Set(nums.filter((n) => relNum.has(n)));
      out.push({
        id: q.id,
        query: q.query,
        nums,
        order: Int32Array.from(fc.cands, (a) => arts[a].order),
        x: Float64Array.from(fc.x),
        rel,
        missing: relNum.size - found.size,
      });
    } finally {
      e.buffers.resetAll();
      e.articles.reset();
    }
  }
  return out;
}

/** MRR@10 and hit@10 of a scoring over extracted candidates (ties by code order, like the engine). */
export function rankMetrics(
  qs: QueryCandidates[],
  score: (q: QueryCandidates, i: number) => number,
): { mrr: number; hit: number; n: number } {
  let mrr = 0;
  let hit = 0;
  for (const q of qs) {
    const s = Array.from({ length: q.nums.length }, (_, i) => score(q, i));
    const idx = [...s.keys()].sort((a, b) => s[b] - s[a] || q.order[a] - q.order[b]).slice(0, 10);
    const r = idx.findIndex((i) => q.rel[i] > 0);
    if (r >= 0) {
      mrr += 1 / (r + 1);
      hit++;
    }
  }
  const n = qs.length || 1;
  return { mrr: mrr / n, hit: hit / n, n: qs.length };
}

export const featureIndex = (name: string) => (ARTICLE_FEATURES as readonly string[]).indexOf(name);
export const rowOffset = (i: number) => i * N_ARTICLE_FEATURES;
