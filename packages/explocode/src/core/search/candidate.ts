import type { DocType } from '../types.ts';

/** A scored candidate; materialised into a SearchResult (results.ts) only if it lands on the returned page. */
export interface Candidate {
  type: DocType;
  idx: number;
  score: number;
  /** query terms the document matched (bit i = plan term i) */
  mask: number;
  via?: number[]; // passages (articles)
  route?: string;
}
