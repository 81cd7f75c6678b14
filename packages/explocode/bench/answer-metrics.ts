/**
 * The everyday-question metrics of ExploCode v2 (issue 11), beside the article metrics of metrics.ts:
 *  - mixed first answer: a search without a type filter; its first result answers the question when it
 *    is one of the gold answer documents (fiche, question-réponse) or one of the gold articles;
 *  - off-topic: share of off-topic/nonsense queries that get an empty answer (results [] and total 0),
 *    beside the share of real questions that still get results.
 */
import type { SearchResponse, SearchResult } from '../src/core/engine-contract.ts';
import type { EvalQuery, GoldAnswer, OffTopicQuery } from './eval-data.ts';

export type Searcher = (q: string) => Pick<SearchResponse, 'results' | 'total'>;

/** Whether a result is one of the question's gold documents or articles. */
export function answers(r: SearchResult, q: EvalQuery): boolean {
  if (r.type === 'article') return q.articles.some((a) => a.num === r.num || (a.id !== '' && a.id === r.id));
  return (q.answers ?? []).some((g: GoldAnswer) =>
    g.type === 'fiche'
      ? r.type === 'fiche' && r.id === g.id
      : r.type === 'contribution' && r.url.split('?')[0].endsWith('/' + encodeURIComponent(g.slug)),
  );
}

export interface FirstAnswerMetrics {
  n: number;
  /** share of questions whose first result answers them */
  first: number;
  /** share with an answering result in the top 3 */
  top3: number;
  /** share whose first result is a fiche or a question-réponse (not an article, agreement or theme) */
  firstIsDoc: number;
}

export function firstAnswer(queries: EvalQuery[], search: Searcher): FirstAnswerMetrics {
  let first = 0;
  let top3 = 0;
  let doc = 0;
  for (const q of queries) {
    const rs = search(q.query).results;
    if (rs[0] && answers(rs[0], q)) first++;
    if (rs.slice(0, 3).some((r) => answers(r, q))) top3++;
    if (rs[0] && (rs[0].type === 'fiche' || rs[0].type === 'contribution')) doc++;
  }
  const n = queries.length || 1;
  return { n: queries.length, first: first / n, top3: top3 / n, firstIsDoc: doc / n };
}

export interface OffTopicMetrics {
  /** share of off-topic queries answered with results [] and total 0 */
  empty: number;
  nOff: number;
  /** share of real questions that still get at least one result */
  answered: number;
  nReal: number;
  /** off-topic queries that got results (for the diagnosis) */
  leaks: string[];
  /** real questions that got nothing */
  lost: string[];
}

export function offTopicRates(off: OffTopicQuery[], real: { query: string }[], search: Searcher): OffTopicMetrics {
  const leaks: string[] = [];
  for (const q of off) {
    const r = search(q.query);
    if (r.results.length > 0 || r.total > 0) leaks.push(q.query);
  }
  const lost: string[] = [];
  for (const q of real) if (search(q.query).results.length === 0) lost.push(q.query);
  return {
    empty: off.length ? 1 - leaks.length / off.length : 0,
    nOff: off.length,
    answered: real.length ? 1 - lost.length / real.length : 0,
    nReal: real.length,
    leaks,
    lost,
  };
}
