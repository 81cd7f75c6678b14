/**
 * Mixing the types into one list. Articles, fiches and answers carry linear scores (articles.ts,
 * documents.ts) whose scale is known: each is divided by a typical good score (`mixing` in config.ts)
 * and capped, so that a fiche or an answer that matches well comes before the articles (how-to
 * questions are answered in plain language first, the articles that ground the answer next), and an
 * article that matches much better than any document still comes first. Agreements and themes keep
 * BM25F scores: within the type, relative to its best hit, weighted by how well that best hit covers
 * the question (its score over the ideal score of the question's terms) and by a type boost (low: an
 * agreement or a theme is rarely what a question asks for; the router lists the agreements a query
 * names above the results).
 */
import type { Bm25fIndex } from '@eig/platform/search';
import type { DocType } from '../types.ts';
import type { Candidate } from './candidate.ts';
import { TYPE_BOOST } from './config.ts';
import type { PrebuiltIndexes } from './indexes.ts';
import type { QueryPlan } from './query-plan.ts';
import type { SearchCorpus } from './search-corpus.ts';

/** Added to the agreement and the Q&A answers specific to the agreement chosen with `idcc`: they come first. */
const CHOSEN_AGREEMENT_BONUS = 2;

export interface Pool {
  type: DocType;
  cands: Candidate[];
}

export interface MixingWeights {
  /** a fiche or answer scoring this much (documents.ts) is a full match */
  documentScale: number;
  /** an article scoring this much (articles.ts) is a full match */
  articleScale: number;
  /** weight of a full-match article against a full-match document */
  articleShare: number;
}

/** All pools calibrated into one list, best first (ties: by type name). */
export function mixPools(
  pools: Pool[],
  plan: QueryPlan,
  indexes: PrebuiltIndexes,
  c: SearchCorpus,
  idcc: string | undefined,
  m: MixingWeights,
): Candidate[] {
  const merged: Candidate[] = [];
  for (const { type, cands } of pools) {
    let max = 0;
    for (const r of cands) if (r.score > max) max = r.score;
    max ||= 1;
    const quality = type === 'convention' || type === 'theme' ? poolQuality(type, plan, max, indexes) : 1;
    // the pool keeps its order (by score) but takes the distribution of its mixing scores: the i-th
    // best article gets the i-th best mixScore, so that a better order does not shift the calibration
    const calibrated = type === 'article' ? cands.map((r) => r.mixScore ?? r.score).sort((a, b) => b - a) : [];
    cands.forEach((r, i) => {
      const conv = idcc && concernsAgreement(c, r, idcc) ? CHOSEN_AGREEMENT_BONUS : 0;
      let s: number;
      if (type === 'article') s = (m.articleShare * calibrated[i]) / m.articleScale;
      else if (type === 'fiche' || type === 'contribution') s = r.score / m.documentScale;
      else s = (r.score / max) * quality * TYPE_BOOST[type];
      merged.push({ ...r, score: Math.round((s + conv) * 1e4) / 1e4 });
    });
  }
  merged.sort((a, b) => b.score - a.score || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  return merged;
}

/** Whether a candidate is the agreement `idcc` or a Q&A with an answer specific to it. */
function concernsAgreement(c: SearchCorpus, r: Candidate, idcc: string): boolean {
  if (r.type === 'convention') return c.conventions[r.idx].idcc === idcc;
  if (r.type === 'contribution') return c.contributions[r.idx].byConvention.some((a) => a.idcc === idcc);
  return false;
}

/** How well the best agreement or theme covers the question, in [0.2, 1]. */
function poolQuality(type: 'convention' | 'theme', plan: QueryPlan, max: number, indexes: PrebuiltIndexes): number {
  const idx = type === 'convention' ? indexes.conv : indexes.theme;
  const ideal = idealScore(idx, plan);
  const q = ideal > 0 ? max / ideal : 0;
  // squashed into [0.2, 1]: coverage beyond the ideal (synonyms) does not count twice
  return 0.2 + 0.8 * Math.min(1, Math.sqrt(Math.max(0, q)));
}

/** Ideal BM25F score of the question's own terms in an index (every term matched, saturated tf). */
function idealScore(idx: Bm25fIndex, plan: QueryPlan): number {
  let s = 0;
  for (let i = 0; i < plan.nOriginal; i++) {
    const t = plan.terms[i];
    if (idx.has(t.term)) s += t.weight * idx.idf(t.term) * (idx.k1 + 1);
  }
  return s;
}
