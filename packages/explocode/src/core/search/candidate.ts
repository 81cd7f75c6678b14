import type { DocType } from '../types.ts';

/** A scored candidate; materialised into a SearchResult (results.ts) only if it lands on the returned page. */
export interface Candidate {
  type: DocType;
  idx: number;
  score: number;
  /**
   * the score that places the candidate among the other types when it differs from `score` (mixing.ts):
   * an article's score without the worked examples' votes, which the mixing weights were not fitted for
   */
  mixScore?: number;
  /** query terms the document matched (bit i = plan term i) */
  mask: number;
  via?: number[]; // passages (articles)
  route?: string;
}
