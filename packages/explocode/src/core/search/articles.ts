/**
 * Article scoring: candidates from two sources, then one linear score over a few features.
 *
 * Candidates: the best articles by direct evidence (BM25F of the expanded question — plan terms and
 * learned associations — on the article index), plus the articles cited by the passages that match the
 * question best (fiches, fiche sections, Q&A answers: written in the everyday language of questions,
 * unlike the Code).
 *
 * Features (each roughly in [0, 1]; weights in config.ts `articleWeights`, fitted on the tuning half of
 * the everyday set and the dev set together, checked on the other half — see docs/search.md):
 *  - direct: direct score over the best direct score;
 *  - prop: what the best passages pass on to the articles they cite, (relative score)² diluted by the
 *    length of their reference list (shown as `via` in the explanation);
 *  - head: the best (heading coverage × affinity) over the passages citing the article: how much of
 *    the question the passage's own heading says, times how much the article is what that passage is
 *    about (passage-affinity.ts);
 *  - pop: how many passages cite the article at all (log): the rules people ask about are the ones the
 *    fiches keep citing;
 *  - first: the article opens its section (where the Code states a rule before its details);
 *  - legislative: an L article (the rule; R and D articles say how it is applied);
 *  - model: the share of the direct score due to the learned associations (they over-reach: weighted
 *    down);
 *  - example: the votes of the hand-written questions the question resembles (example-votes.ts); the
 *    articles they vote for are candidates too.
 */
import { selectTop, topK, type Bm25fIndex, type FrenchAnalyzer, type ScoreResult, type WeightedTerm } from '@eig/platform/search';
import type { Candidate } from './candidate.ts';
import type { EngineConfig } from './config.ts';
import type { PrebuiltIndexes } from './indexes.ts';
import type { SemanticModel } from './model.ts';
import { modelExpansionTerms, type QueryPlan } from './query-plan.ts';
import type { ScoreBuffers } from './score-buffers.ts';
import type { SearchCorpus } from './search-corpus.ts';
import { passageAffinities } from './passage-affinity.ts';
import { Ranker, type RankerModel } from './ranker.ts';
import { ExampleVotes, type ExampleResolver } from './example-votes.ts';

/** Passages whose cited articles become candidates (best first). */
const CANDIDATE_PASSAGES = 30;
/** Below this fraction of the best passage score, a passage brings no candidates. */
const MIN_CANDIDATE_PASSAGE_SCORE = 0.25;
/** Below this fraction, a passage passes nothing on (the `prop` feature). */
const MIN_PROPAGATING_PASSAGE_SCORE = 0.4;
/** A passage's share is divided by (articles it cites)^this: a long reference list says less about each. */
const CITATION_DILUTION = 0.35;
/** Best direct matches kept as candidates. */
const DIRECT_CANDIDATES = 100;
/** Each article explains itself by at most this many passages. */
const MAX_VIA = 3;

/** A passage that matched the question: its score relative to the best one, and how much of the question its heading says. */
export interface PassageHit {
  doc: number;
  rel: number;
  headingCoverage: number;
}

export interface ArticleWeights {
  direct: number;
  prop: number;
  head: number;
  pop: number;
  first: number;
  legislative: number;
  model: number;
  /** the votes of the worked examples the question resembles (example-votes.ts) */
  example: number;
}

/** The features a learned article ranker reads (ranker.ts), in order; see `ArticleScorer.features`. */
export const ARTICLE_FEATURES = [
  'direct',
  'directRank',
  'prop',
  'head',
  'hitMax',
  'hitCount',
  'hitAff',
  'hitHc',
  'hitRank',
  'hitSize',
  'pop',
  'first',
  'legislative',
  'decree',
  'model',
  'qCover',
  'synCover',
  'titleCover',
  'citedCover',
  'sectionMass',
  'sectionProp',
  'length',
  'depth',
  'qLen',
  'qPass',
  'qDirect',
  'example',
] as const;
export const N_ARTICLE_FEATURES = ARTICLE_FEATURES.length;
const F = Object.fromEntries(ARTICLE_FEATURES.map((n, i) => [n, i])) as Record<(typeof ARTICLE_FEATURES)[number], number>;

/** The candidates of one search and their feature vectors (row i = cands[i], N_ARTICLE_FEATURES wide). */
export interface ArticleCandidates {
  cands: number[];
  x: Float64Array;
  masks: Int32Array;
  via: Map<number, { p: number; s: number }[]>;
}

export class ArticleScorer {
  /** final score per article, zeroed after each search (see reset) */
  private readonly combined: Float64Array;
  private readonly touched: number[] = [];
  /** every article the last search matched, directly or through a passage (for the total) */
  private matchedCount = 0;
  /** per passage, how much each cited article is what it is about */
  private readonly affinity: Float32Array[];
  /** per passage, the analyzed terms of its own heading */
  private readonly headingTerms: Set<string>[];
  private readonly prior: Float32Array;
  /** query-independent features */
  private readonly opens: Uint8Array;
  private readonly lengthF: Float32Array;
  /** per article, the terms of its two innermost section titles, and of the headings of the passages citing it */
  private readonly titleTerms: Set<string>[];
  private readonly citedTerms: (Set<string> | null)[];
  /** per article, a dense id of its innermost section (section coherence) */
  private readonly sectionOf: Int32Array;
  private readonly sectionAcc: Float64Array;
  private readonly sectionPropAcc: Float64Array;
  /** the passages of the current search (computed once, see passageHits) */
  private hits: PassageHit[] | null = null;
  private readonly ranker: Ranker | null;
  private readonly examples: ExampleVotes | null;

  constructor(
    private readonly c: SearchCorpus,
    private readonly an: FrenchAnalyzer,
    private readonly idx: Pick<PrebuiltIndexes, 'art' | 'pass'>,
    private readonly buffers: ScoreBuffers,
    private readonly config: EngineConfig,
    private readonly model: SemanticModel | undefined,
    ranker?: RankerModel | null,
  ) {
    this.ranker = ranker ? new Ranker(ranker) : null;
    this.examples = model?.examples?.length ? new ExampleVotes(model.examples, an, exampleResolver(c)) : null;
    this.combined = new Float64Array(c.articles.length);
    this.affinity = passageAffinities(c, an, idx.art);
    this.headingTerms = c.passages.map((p) => new Set(an.terms(p.heading)));
    // query-independent part of the score: pop, first, legislative
    const w = config.articleWeights;
    this.opens = new Uint8Array(c.articles.length);
    const seen = new Set<string>();
    [...c.articles.keys()]
      .sort((a, b) => c.articles[a].order - c.articles[b].order)
      .forEach((i) => {
        const s = c.articles[i].sectionId;
        if (!seen.has(s)) {
          seen.add(s);
          this.opens[i] = 1;
        }
      });
    this.prior = Float32Array.from(c.articles, (a, i) => {
      const pop = config.propagation ? Math.log(1 + c.citedBy[i].length) / 4 : 0;
      return w.pop * pop + w.first * this.opens[i] + w.legislative * (a.num.startsWith('L') ? 1 : 0);
    });
    this.lengthF = Float32Array.from(c.articles, (a) => Math.log(1 + a.text.length) / 8);
    const sectionTerms = new Map<string, Set<string>>();
    const termsOfSection = (id: string) => {
      let s = sectionTerms.get(id);
      if (!s) sectionTerms.set(id, (s = new Set(an.terms(c.sectionTitle.get(id) ?? ''))));
      return s;
    };
    this.titleTerms = c.articles.map((a) => {
      const ids = a.path.slice(-2);
      if (ids.length === 1) return termsOfSection(ids[0]);
      return new Set([...termsOfSection(ids[0] ?? ''), ...termsOfSection(ids[1] ?? '')]);
    });
    this.citedTerms = c.citedBy.map((ps) => (ps.length ? new Set(ps.flatMap((p) => [...this.headingTerms[p]])) : null));
    const sectionIds = new Map<string, number>();
    this.sectionOf = Int32Array.from(c.articles, (a) => {
      let k = sectionIds.get(a.sectionId);
      if (k === undefined) sectionIds.set(a.sectionId, (k = sectionIds.size));
      return k;
    });
    this.sectionAcc = new Float64Array(sectionIds.size);
    this.sectionPropAcc = new Float64Array(sectionIds.size);
  }

  /** How many allowed articles the last search matched at all (read before `reset`). */
  get matched(): number {
    return this.matchedCount;
  }

  /** The k best allowed articles. Sets plan.model, plan.maxDirect and (with propagation) plan.maxPassage. */
  search(plan: QueryPlan, k: number, allowed: (i: number) => boolean): Candidate[] {
    const fc = this.features(plan, allowed);
    const comb = this.combined;
    const { cands, x, masks, via } = fc;
    const w = this.config.articleWeights;
    const ranker = this.ranker;
    cands.forEach((a, i) => {
      const o = i * N_ARTICLE_FEATURES;
      // the learned ranker is the linear score plus tree corrections: same scale, so the mixing of
      // types (mixing.ts) keeps its calibration (selectTop keeps positive scores only)
      comb[a] = ranker
        ? Math.max(1e-6, ranker.score(x, o))
        : 1e-6 +
          w.direct * x[o + F.direct] +
          w.prop * x[o + F.prop] +
          w.head * x[o + F.head] +
          w.model * x[o + F.model] +
          w.example * x[o + F.example] +
          this.prior[a];
    });
    const maskOf = new Map<number, number>();
    const exampleOf = new Map<number, number>();
    cands.forEach((a, i) => {
      maskOf.set(a, masks[i]);
      // (a learned ranker has no separable example term: its score is its own calibration)
      if (!ranker) exampleOf.set(a, w.example * x[i * N_ARTICLE_FEATURES + F.example]);
    });
    const order = this.c.artOrder;
    const top = selectTop(cands, comb, k, (d) => order[d]);
    return top.map((i) => {
      const v = (via.get(i) ?? []).sort((a, b) => b.s - a.s).slice(0, MAX_VIA);
      const mixScore = comb[i] - (exampleOf.get(i) ?? 0);
      return { type: 'article' as const, idx: i, score: comb[i], mixScore, mask: maskOf.get(i) ?? 0, via: v.map((x) => x.p) };
    });
  }

  /**
   * The candidates of a search and their features. Candidates: the best direct matches and the
   * articles the best passages cite. Sets plan.model, plan.maxDirect and plan.maxPassage.
   */
  features(plan: QueryPlan, allowed: (i: number) => boolean): ArticleCandidates {
    const mterms = modelExpansionTerms(plan, this.model, this.config.modelWeight);
    plan.model = mterms;
    const direct = this.scoreDirect(plan, mterms);
    const maxD = plan.maxDirect || 1;
    const comb = this.combined;
    const touched = this.touched;
    const add = (a: number) => {
      if (comb[a] !== 0 || !allowed(a)) return;
      comb[a] = 1e-9; // marks the candidate; the features come next
      touched.push(a);
    };
    let matched = 0;
    for (const d of direct.touched) if (allowed(d)) matched++;
    const directTop = selectTop(direct.touched, direct.scores, DIRECT_CANDIDATES, undefined, allowed);
    const directRank = new Map<number, number>();
    directTop.forEach((d, r) => {
      directRank.set(d, r);
      add(d);
    });

    const prop = new Map<number, number>();
    const head = new Map<number, number>();
    const via = new Map<number, { p: number; s: number }[]>();
    /** per article: [best rel, count, affinity in the best, best heading coverage, rank of the best, size of the best] */
    const hit = new Map<number, number[]>();
    let hitRankOf = 0;
    if (this.config.propagation) {
      for (const { doc, rel, headingCoverage: hc } of this.passageHits(plan)) {
        const r = hitRankOf++;
        const p = this.c.passages[doc];
        if (!p.cited.length) continue;
        const share = rel >= MIN_PROPAGATING_PASSAGE_SCORE ? (rel * rel) / Math.pow(p.cited.length, CITATION_DILUTION) : 0;
        const aff = this.affinity[doc];
        p.cited.forEach((a, j) => {
          if (!allowed(a)) return;
          if (comb[a] === 0 && direct.scores[a] === 0) matched++;
          add(a);
          if (share > 0) {
            prop.set(a, (prop.get(a) ?? 0) + share);
            const l = via.get(a);
            if (l) l.push({ p: doc, s: share });
            else via.set(a, [{ p: doc, s: share }]);
          }
          const h = hc * aff[j];
          if (h > (head.get(a) ?? 0)) head.set(a, h);
          const e = hit.get(a);
          if (!e) hit.set(a, [rel, 1, aff[j], hc, 1 / (1 + r), 1 / Math.log2(1 + p.cited.length)]);
          else {
            e[1]++;
            if (hc > e[3]) e[3] = hc;
            if (rel > e[0]) {
              e[0] = rel;
              e[2] = aff[j];
              e[4] = 1 / (1 + r);
              e[5] = 1 / Math.log2(1 + p.cited.length);
            }
          }
        });
      }
    }
    // computed here, once per question, for the articles and, read from the plan, for the documents
    plan.examples = this.examples?.votes(plan);
    const votes = plan.examples?.articles ?? new Map<number, number>();
    for (const a of votes.keys()) {
      if (!allowed(a)) continue;
      if (comb[a] === 0 && direct.scores[a] === 0) matched++;
      add(a);
    }
    this.matchedCount = matched;
    // the learned associations' share of each direct score, in one pass over their postings
    const model = mterms.length ? this.idx.art.score(mterms, this.buffers.get('artModel', this.idx.art)) : null;

    // query-level context
    const art = this.idx.art;
    const cap = Math.log(1 + art.n / 10);
    const nq = plan.nOriginal;
    const qw: number[] = [];
    let qTotal = 0;
    let synTotal = 0;
    for (let i = 0; i < plan.terms.length && i < 31; i++) {
      const t = plan.terms[i];
      const wgt = i < nq ? Math.min(cap, art.idf(t.term)) * t.weight : t.weight;
      qw.push(wgt);
      if (i < nq) qTotal += wgt;
      else synTotal += wgt;
    }
    const coverOf = (set: Set<string> | null) => {
      if (!set || !qTotal) return 0;
      let g = 0;
      for (let i = 0; i < nq && i < 31; i++) if (set.has(plan.terms[i].term)) g += qw[i];
      return g / qTotal;
    };
    const ideal = (idx: Bm25fIndex) => {
      let s = 0;
      for (let i = 0; i < nq; i++) if (idx.has(plan.terms[i].term)) s += plan.terms[i].weight * idx.idf(plan.terms[i].term) * (idx.k1 + 1);
      return s;
    };
    const idealD = ideal(art);
    const idealP = ideal(this.idx.pass);
    const qLen = Math.min(1, nq / 10);
    const qPass = idealP > 0 ? Math.min(1.5, plan.maxPassage / idealP) : 0;
    const qDirect = idealD > 0 ? Math.min(1.5, plan.maxDirect / idealD) : 0;

    const n = touched.length;
    const cands = touched.slice();
    const X = new Float64Array(n * N_ARTICLE_FEATURES);
    const masks = new Int32Array(n);
    // section coherence: how much of the direct evidence and of the propagation falls in the article's section
    for (const a of cands) {
      this.sectionAcc[this.sectionOf[a]] += direct.scores[a] / maxD;
      this.sectionPropAcc[this.sectionOf[a]] += prop.get(a) ?? 0;
    }
    for (let i = 0; i < n; i++) {
      const a = cands[i];
      const o = i * N_ARTICLE_FEATURES;
      const mask = direct.masks[a];
      masks[i] = mask;
      let qc = 0;
      let sc = 0;
      for (let b = 0; b < qw.length; b++) {
        if (!(mask & (1 << b))) continue;
        if (b < nq) qc += qw[b];
        else sc += qw[b];
      }
      const h = hit.get(a);
      const r = directRank.get(a);
      const num = this.c.articles[a].num;
      X[o + F.direct] = direct.scores[a] / maxD;
      X[o + F.directRank] = r === undefined ? 0 : 1 / (1 + r);
      X[o + F.prop] = prop.get(a) ?? 0;
      X[o + F.head] = head.get(a) ?? 0;
      X[o + F.hitMax] = h ? h[0] : 0;
      X[o + F.hitCount] = h ? Math.log(1 + h[1]) : 0;
      X[o + F.hitAff] = h ? h[2] : 0;
      X[o + F.hitHc] = h ? h[3] : 0;
      X[o + F.hitRank] = h ? h[4] : 0;
      X[o + F.hitSize] = h ? h[5] : 0;
      X[o + F.pop] = Math.log(1 + this.c.citedBy[a].length) / 4;
      X[o + F.first] = this.opens[a];
      X[o + F.legislative] = num.startsWith('L') ? 1 : 0;
      X[o + F.decree] = num.startsWith('D') ? 1 : 0;
      X[o + F.model] = model ? model.scores[a] / maxD : 0;
      X[o + F.qCover] = qTotal ? qc / qTotal : 0;
      X[o + F.synCover] = synTotal ? sc / synTotal : 0;
      X[o + F.titleCover] = coverOf(this.titleTerms[a]);
      X[o + F.citedCover] = coverOf(this.citedTerms[a]);
      X[o + F.sectionMass] = Math.log(1 + this.sectionAcc[this.sectionOf[a]]);
      X[o + F.sectionProp] = Math.log(1 + this.sectionPropAcc[this.sectionOf[a]]);
      X[o + F.length] = this.lengthF[a];
      X[o + F.depth] = this.c.articles[a].path.length / 10;
      X[o + F.qLen] = qLen;
      X[o + F.qPass] = qPass;
      X[o + F.qDirect] = qDirect;
      X[o + F.example] = votes.get(a) ?? 0;
    }
    for (const a of cands) {
      this.sectionAcc[this.sectionOf[a]] = 0;
      this.sectionPropAcc[this.sectionOf[a]] = 0;
    }
    return { cands, x: X, masks, via };
  }

  /**
   * The passages that match the question best (relative score ≥ 0.25 of the best, at most 30), with
   * how much of the question their heading says. Sets plan.maxPassage. Computed once per search.
   */
  passageHits(plan: QueryPlan): PassageHit[] {
    if (this.hits) return this.hits;
    const pr = this.idx.pass.score(plan.terms, this.buffers.get('pass', this.idx.pass));
    const top = topK(pr, CANDIDATE_PASSAGES);
    const maxP = top[0]?.score ?? 1;
    plan.maxPassage = top[0]?.score ?? 0;
    const notions = this.questionNotions(plan);
    this.hits = [];
    for (const { doc, score } of top) {
      const rel = score / maxP;
      if (rel < MIN_CANDIDATE_PASSAGE_SCORE) continue;
      this.hits.push({ doc, rel, headingCoverage: headingCoverage(notions, this.headingTerms[doc]) });
    }
    return this.hits;
  }

  /** Clears the scores (after every search, even a failed one). */
  reset(): void {
    this.hits = null;
    for (const d of this.touched) this.combined[d] = 0;
    this.touched.length = 0;
    this.matchedCount = 0;
  }

  /** Direct BM25F evidence (plan terms, learned associations, optional PRF terms); sets plan.maxDirect. */
  private scoreDirect(plan: QueryPlan, mterms: WeightedTerm[]): ScoreResult {
    const prf = this.config.propagation && this.config.prfWeight > 0 ? this.prfTerms(plan) : [];
    const dterms = mterms.length || prf.length ? [...plan.terms, ...mterms, ...prf] : plan.terms;
    const direct = this.idx.art.score(dterms, this.buffers.get('art', this.idx.art));
    let maxD = 0;
    for (const d of direct.touched) if (direct.scores[d] > maxD) maxD = direct.scores[d];
    plan.maxDirect = maxD;
    return direct;
  }

  /** The question's own terms, weighted by their (capped) idf in the article index. */
  private questionNotions(plan: QueryPlan): { term: string; weight: number }[] {
    const art = this.idx.art;
    const cap = Math.log(1 + art.n / 10);
    return plan.terms.slice(0, plan.nOriginal).map((t) => ({ term: t.term, weight: Math.min(cap, art.idf(t.term)) * t.weight }));
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

/** Share of the question's (idf-weighted) terms that a heading uses, in [0, 1]. */
function headingCoverage(notions: { term: string; weight: number }[], heading: Set<string>): number {
  let total = 0;
  let got = 0;
  for (const n of notions) {
    total += n.weight;
    if (heading.has(n.term)) got += n.weight;
  }
  return total > 0 ? got / total : 0;
}

/** Where the worked examples' articles, fiches and question-réponses are in the corpus. */
function exampleResolver(c: SearchCorpus): ExampleResolver {
  const fiches = new Map(c.fiches.map((f, i) => [f.id, i]));
  const contributions = new Map(c.contributions.map((x, i) => [x.slug, i]));
  return { article: (num) => c.artByNum.get(num), fiche: (id) => fiches.get(id), contribution: (slug) => contributions.get(slug) };
}
