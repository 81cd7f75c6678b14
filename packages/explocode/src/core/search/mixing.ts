/**
 * Mixing the types into one list. BM25F scores are not comparable across indexes, so within a type
 * scores are made relative to its best hit; each type is then weighted by how well its best document
 * covers the question (its raw score over the ideal score of the question's terms in that index) and
 * by a type boost. Keeps real differences across types (no ties between the types' best hits).
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

/** All pools calibrated into one list, best first (ties: by type name). */
export function mixPools(pools: Candidate[][], plan: QueryPlan, indexes: PrebuiltIndexes, c: SearchCorpus, idcc: string | undefined): Candidate[] {
  const merged: Candidate[] = [];
  for (const pool of pools) {
    let max = 0;
    for (const r of pool) if (r.score > max) max = r.score;
    max ||= 1;
    const quality = pool.length ? poolQuality(pool[0].type, plan, max, indexes) : 1;
    for (const r of pool) {
      const conv = idcc && concernsAgreement(c, r, idcc) ? CHOSEN_AGREEMENT_BONUS : 0;
      merged.push({ ...r, score: Math.round(((r.score / max) * quality * TYPE_BOOST[r.type] + conv) * 1e4) / 1e4 });
    }
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

/** How well the best document of a type covers the question, in [0.2, 1]. */
function poolQuality(type: DocType, plan: QueryPlan, max: number, indexes: PrebuiltIndexes): number {
  const cov = (raw: number, idx: Bm25fIndex) => {
    const ideal = idealScore(idx, plan);
    return ideal > 0 ? raw / ideal : 0;
  };
  let q: number;
  switch (type) {
    case 'article':
      // an article pool mixes direct and propagated evidence: its best evidence of either kind
      q = Math.max(cov(plan.maxDirect, indexes.art), cov(plan.maxPassage, indexes.pass));
      break;
    case 'fiche':
      q = cov(max, indexes.fiche);
      break;
    case 'contribution':
      q = cov(max, indexes.contrib);
      break;
    case 'convention':
      q = cov(max, indexes.conv);
      break;
    default:
      q = cov(max, indexes.theme);
  }
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
