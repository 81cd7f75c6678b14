/**
 * Article scoring: two kinds of evidence, added.
 * - direct: BM25F of the expanded question (plan terms, learned associations, optional PRF terms) on
 *   the article index, plus the optional dense similarity;
 * - propagated: the question is matched against the passages (fiches, fiche sections, Q&A answers —
 *   written in the everyday language of questions, unlike the Code); the best ones pass a share of their
 *   score to the articles they cite (shown as `via` in the explanation).
 */
import { selectTop, topK, type FrenchAnalyzer, type ScoreResult, type WeightedTerm } from '@eig/platform/search';
import type { Candidate } from './candidate.ts';
import type { EngineConfig } from './config.ts';
import { denseQueryVector, type DenseVectors } from './dense-vectors.ts';
import type { PrebuiltIndexes } from './indexes.ts';
import type { SemanticModel } from './model.ts';
import { modelExpansionTerms, notionCoverage, queryNotions, type QueryPlan } from './query-plan.ts';
import type { ScoreBuffers } from './score-buffers.ts';
import type { SearchCorpus } from './search-corpus.ts';

/** Passages considered for propagation (best first). */
const PROPAGATING_PASSAGES = 15;
/** A passage scoring below this fraction of the best one propagates nothing. */
const MIN_RELATIVE_PASSAGE_SCORE = 0.4;
/** A passage's share is divided by (articles it cites)^this: a long reference list says less about each. */
const CITATION_DILUTION = 0.35;
/** Each article explains itself by at most this many passages. */
const MAX_VIA = 3;

export class ArticleScorer {
  /** combined (direct + propagated) score per article, zeroed after each search (see reset) */
  private readonly combined: Float64Array;
  private readonly touched: number[] = [];

  constructor(
    private readonly c: SearchCorpus,
    private readonly an: FrenchAnalyzer,
    private readonly idx: Pick<PrebuiltIndexes, 'art' | 'pass'>,
    private readonly buffers: ScoreBuffers,
    private readonly config: EngineConfig,
    private readonly model: SemanticModel | undefined,
    private readonly dense: DenseVectors | null,
  ) {
    this.combined = new Float64Array(c.articles.length);
  }

  /** How many allowed articles the last search matched at all (read before `reset`). */
  get matched(): number {
    return this.touched.length;
  }

  /** The k best allowed articles. Sets plan.model, plan.maxDirect and (with propagation) plan.maxPassage. */
  search(plan: QueryPlan, k: number, allowed: (i: number) => boolean): Candidate[] {
    const mterms = modelExpansionTerms(plan, this.model, this.config.modelWeight);
    plan.model = mterms;
    const direct = this.addDirect(plan, mterms, allowed);
    this.addDenseArticles(plan, allowed);
    const via = new Map<number, { p: number; s: number }[]>();
    if (this.config.propagation) this.addPropagated(plan, mterms, allowed, via);
    const comb = this.combined;
    const order = this.c.artOrder;
    const top = selectTop(this.touched, comb, k, (d) => order[d]);
    return top.map((i) => {
      const v = (via.get(i) ?? []).sort((a, b) => b.s - a.s).slice(0, MAX_VIA);
      return { type: 'article' as const, idx: i, score: comb[i], mask: direct.masks[i], via: v.map((x) => x.p) };
    });
  }

  /** Clears the combined scores (after every search, even a failed one). */
  reset(): void {
    for (const d of this.touched) this.combined[d] = 0;
    this.touched.length = 0;
  }

  /** Direct BM25F evidence, normalised by the best direct score and weighted by `weights.direct`. */
  private addDirect(plan: QueryPlan, mterms: WeightedTerm[], allowed: (i: number) => boolean): ScoreResult {
    const prf = this.config.propagation && this.config.prfWeight > 0 ? this.prfTerms(plan) : [];
    const dterms = mterms.length || prf.length ? [...plan.terms, ...mterms, ...prf] : plan.terms;
    const direct = this.idx.art.score(dterms, this.buffers.get('art', this.idx.art));
    let maxD = 0;
    for (const d of direct.touched) if (direct.scores[d] > maxD) maxD = direct.scores[d];
    plan.maxDirect = maxD;
    const comb = this.combined;
    const touched = this.touched;
    const wd = this.config.weights.direct / (maxD || 1);
    for (const d of direct.touched) {
      if (!allowed(d)) continue;
      comb[d] = wd * direct.scores[d];
      touched.push(d);
    }
    return direct;
  }

  /** Dense similarity added to the direct candidates (denseTopK = 0) or its top k joining them. */
  private addDenseArticles(plan: QueryPlan, allowed: (i: number) => boolean): void {
    const dense = this.dense;
    const wa = this.config.denseArticles;
    if (!(dense?.art && wa > 0)) return;
    const qv = denseQueryVector(dense, plan, dense.art, this.idx.art);
    if (!qv) return;
    const comb = this.combined;
    const touched = this.touched;
    dense.art.scores(qv, dense.artBuf);
    if (this.config.denseTopK === 0) for (const d of touched) comb[d] += wa * Math.max(0, dense.artBuf[d]);
    const cands: number[] = [];
    for (let i = 0; i < dense.art.n; i++) if (dense.artBuf[i] > 0) cands.push(i);
    for (const d of selectTop(cands, dense.artBuf, this.config.denseTopK, (x) => this.c.artOrder[x], allowed)) {
      if (comb[d] === 0) touched.push(d);
      comb[d] += wa * dense.artBuf[d];
    }
  }

  /** Propagated evidence: the best passages pass a share of their relative score to the articles they cite. */
  private addPropagated(plan: QueryPlan, mterms: WeightedTerm[], allowed: (i: number) => boolean, via: Map<number, { p: number; s: number }[]>): void {
    const pf = this.config.modelOnPassages;
    const pterms = pf > 0 && mterms.length ? [...plan.terms, ...mterms.map((t) => ({ term: t.term, weight: t.weight * pf }))] : plan.terms;
    const pr = this.idx.pass.score(pterms, this.buffers.get('pass', this.idx.pass));
    this.fuseDensePassages(plan, pr);
    const top = topK(pr, PROPAGATING_PASSAGES);
    const maxP = top[0]?.score ?? 1;
    plan.maxPassage = top[0]?.score ?? 0;
    // coverage of the question by the best passage: a weak match should propagate little
    const notions = this.config.propCoverage > 0 ? queryNotions(plan, this.idx.pass) : null;
    const comb = this.combined;
    const touched = this.touched;
    for (const { doc, score, mask } of top) {
      const p = this.c.passages[doc];
      if (!p.cited.length) continue;
      const rel = score / maxP;
      if (rel < MIN_RELATIVE_PASSAGE_SCORE) continue;
      const cov = notions ? Math.pow(notionCoverage(notions, mask), this.config.propCoverage) : 1;
      const share = (this.config.weights.prop * rel * rel * cov) / Math.pow(p.cited.length, CITATION_DILUTION);
      for (const a of p.cited) {
        if (!allowed(a)) continue;
        if (comb[a] === 0) touched.push(a);
        comb[a] += share;
        const l = via.get(a);
        if (l) l.push({ p: doc, s: share });
        else via.set(a, [{ p: doc, s: share }]);
      }
    }
  }

  /** Fused passage score, in BM25 units: bm25 + wp·maxBM25·cos (the dense top k join the candidates). */
  private fuseDensePassages(plan: QueryPlan, pr: ScoreResult): void {
    const dense = this.dense;
    const wp = this.config.densePassages;
    if (!(dense?.pass && wp > 0 && pr.touched.length)) return;
    const qv = denseQueryVector(dense, plan, dense.pass, this.idx.pass);
    if (!qv) return;
    dense.pass.scores(qv, dense.passBuf);
    let maxB = 0;
    for (const d of pr.touched) if (pr.scores[d] > maxB) maxB = pr.scores[d];
    const cands: number[] = [];
    for (let i = 0; i < dense.pass.n; i++) if (dense.passBuf[i] > 0) cands.push(i);
    const extra = selectTop(cands, dense.passBuf, this.config.denseTopK);
    for (const d of pr.touched) pr.scores[d] += wp * maxB * Math.max(0, dense.passBuf[d]);
    for (const d of extra)
      if (pr.scores[d] === 0) {
        pr.touched.push(d);
        pr.scores[d] = wp * maxB * dense.passBuf[d];
      }
  }

  /** PRF terms: title terms of the top passages for the question, weighted by their relative score. */
  private prfTerms(plan: QueryPlan): WeightedTerm[] {
    const pass = this.idx.pass;
    const pr = pass.score(plan.terms, this.buffers.get('prf', pass));
    const top = topK(pr, this.config.prfPassages);
    const maxP = top[0]?.score ?? 0;
    if (!maxP) return [];
    const have = new Set(plan.terms.map((t) => t.term));
    const acc = new Map<string, number>();
    for (const { doc, score } of top) {
      const rel = score / maxP;
      if (rel < 0.5) continue;
      const ts = [...new Set(this.an.terms(this.c.passages[doc].title))].filter((t) => !have.has(t));
      for (const t of ts) acc.set(t, (acc.get(t) ?? 0) + rel);
    }
    const n = this.config.prfPassages;
    return [...acc.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([term, w]) => ({ term, weight: (this.config.prfWeight * w) / n }));
  }
}
