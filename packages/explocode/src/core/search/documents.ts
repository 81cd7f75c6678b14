/**
 * Fiches and question-réponses: the documents that answer a how-to question in plain language, so the
 * ones that come first in a mixed search. One linear score over a few features (weights in config.ts
 * `documentWeights`, fitted like the article weights — see docs/search.md):
 *  - bm: BM25F of the question on the document's own index, over the best of its type;
 *  - titlePrecision: how much of the title the question says (idf share of the title's words the
 *    question or its synonyms use): "Congé maternité d'une salariée" beats "Licenciement d'une salariée
 *    enceinte ou en congé de maternité" for "congé maternité";
 *  - titleCoverage: how much of the question the title says;
 *  - heading: the best (heading coverage × relative score) of the document's passages (its own title,
 *    its sections, the answer): a fiche whose section "Quelle est la durée du préavis ?" asks the
 *    question;
 *  - ministry: a fiche of the ministry of labour (fiches-travail), written for this audience;
 *  - articleVote: the document cites the best articles for the question (1/rank summed over the top 10);
 *  - example: the votes of the hand-written questions the question resembles that this document
 *    answers (example-votes.ts, computed with the articles); a voted document is a candidate.
 */
import { topK, type Bm25fIndex, type FrenchAnalyzer } from '@eig/platform/search';
import type { Candidate } from './candidate.ts';
import type { PrebuiltIndexes } from './indexes.ts';
import type { QueryPlan } from './query-plan.ts';
import type { ScoreBuffers } from './score-buffers.ts';
import type { SearchCorpus } from './search-corpus.ts';
import type { PassageHit } from './articles.ts';

export interface DocumentWeights {
  bm: number;
  titlePrecision: number;
  titleCoverage: number;
  heading: number;
  ministry: number;
  articleVote: number;
  example: number;
}

/** Best BM25F fiches / answers kept as candidates (the passages add their owners). */
const FICHE_CANDIDATES = 30;
const ANSWER_CANDIDATES = 10;
/** The words service-public titles name their audience with. */
const AUDIENCE_WORDS = 'salarié salariés secteur privé';
/** Articles whose citing documents get a vote. */
const VOTING_ARTICLES = 10;

export interface DocumentPools {
  fiches: Candidate[];
  contributions: Candidate[];
  matchedFiches: number;
  matchedContributions: number;
}

export class DocumentScorer {
  private readonly ficheTitle: string[][];
  private readonly answerTitle: string[][];
  private readonly ficheCites: Set<number>[];
  private readonly answerCites: Set<number>[];

  constructor(
    private readonly c: SearchCorpus,
    an: FrenchAnalyzer,
    private readonly idx: Pick<PrebuiltIndexes, 'art' | 'fiche' | 'contrib'>,
    private readonly buffers: ScoreBuffers,
    private readonly weights: DocumentWeights,
  ) {
    // service-public titles end with their audience ("… d'un salarié du secteur privé"): that says who
    // the fiche is for, not what it is about, so it does not count against the title's precision
    const audience = new Set(an.terms(AUDIENCE_WORDS));
    this.ficheTitle = c.fiches.map((f) => [...new Set(an.terms(f.title))].filter((t) => !audience.has(t)));
    this.answerTitle = c.contributions.map((x) => [...new Set(an.terms(x.title))]);
    const byNum = (nums: string[]) => new Set(nums.map((n) => c.artByNum.get(n)).filter((i): i is number => i !== undefined));
    this.ficheCites = c.fiches.map((f) => byNum(f.citedArticles));
    this.answerCites = c.contributions.map((x) => byNum(x.generic.citedArticles));
  }

  /**
   * The k best fiches and answers. `passages`: the passages that matched the question (relative score,
   * heading coverage); `articles`: the best articles, best first.
   */
  search(
    plan: QueryPlan,
    k: number,
    passages: PassageHit[],
    articles: number[],
    wantFiches: boolean,
    wantAnswers: boolean,
    allowedFiche: (i: number) => boolean,
    allowedAnswer: (i: number) => boolean,
  ): DocumentPools {
    const w = this.weights;
    const cap = Math.log(1 + this.idx.art.n / 10);
    const idfOf = (t: string) => Math.min(cap, this.idx.art.idf(t));
    const inPlan = new Set(plan.terms.map((t) => t.term));
    const question = plan.terms.slice(0, plan.nOriginal).map((t) => ({ term: t.term, weight: idfOf(t.term) * t.weight }));
    const qTotal = question.reduce((s, x) => s + x.weight, 0) || 1;
    const titleFeatures = (title: string[]): [number, number] => {
      let all = 0;
      let got = 0;
      for (const t of title) {
        const x = idfOf(t);
        all += x;
        if (inPlan.has(t)) got += x;
      }
      const set = new Set(title);
      let cov = 0;
      for (const n of question) if (set.has(n.term)) cov += n.weight;
      return [all > 0 ? got / all : 0, cov / qTotal];
    };
    const heading = { fiche: new Map<number, number>(), contribution: new Map<number, number>() };
    for (const p of passages) {
      const o = this.c.passages[p.doc].owner;
      const m = heading[o.type];
      const h = p.headingCoverage * p.rel;
      if (h > (m.get(o.idx) ?? 0)) m.set(o.idx, h);
    }
    const vote = (cites: Set<number>) => {
      let v = 0;
      articles.slice(0, VOTING_ARTICLES).forEach((a, r) => {
        if (cites.has(a)) v += 1 / (r + 1);
      });
      return Math.min(1, v / 2);
    };
    const pool = (
      type: 'fiche' | 'contribution',
      index: Bm25fIndex,
      buffer: string,
      n: number,
      titles: string[][],
      cites: Set<number>[],
      votes: Map<number, number> | undefined,
      allowed: (i: number) => boolean,
    ) => {
      const r = index.score(plan.terms, this.buffers.get(buffer, index));
      let max = 0;
      let matched = 0;
      for (const d of r.touched) {
        if (r.scores[d] > max) max = r.scores[d];
        if (r.scores[d] > 0 && allowed(d)) matched++;
      }
      const cands = new Set(topK(r, n, allowed).map((x) => x.doc));
      for (const [i] of heading[type]) if (allowed(i)) cands.add(i);
      for (const [i] of votes ?? []) if (allowed(i)) cands.add(i);
      const out: Candidate[] = [];
      for (const i of cands) {
        const [precision, coverage] = titleFeatures(titles[i]);
        const ministry = type === 'fiche' && this.c.fiches[i].source === 'fiches-travail' ? 1 : 0;
        const score =
          w.bm * (max > 0 ? r.scores[i] / max : 0) +
          w.titlePrecision * precision +
          w.titleCoverage * coverage +
          w.heading * (heading[type].get(i) ?? 0) +
          w.ministry * ministry +
          w.articleVote * vote(cites[i]) +
          w.example * (votes?.get(i) ?? 0);
        out.push({ type, idx: i, score, mask: r.masks[i] });
      }
      out.sort((a, b) => b.score - a.score || a.idx - b.idx);
      return { cands: out.slice(0, k), matched: Math.max(matched, out.length) };
    };
    const f = wantFiches
      ? pool('fiche', this.idx.fiche, 'fiche', FICHE_CANDIDATES, this.ficheTitle, this.ficheCites, plan.examples?.fiches, allowedFiche)
      : { cands: [], matched: 0 };
    const a = wantAnswers
      ? pool(
          'contribution',
          this.idx.contrib,
          'contrib',
          ANSWER_CANDIDATES,
          this.answerTitle,
          this.answerCites,
          plan.examples?.contributions,
          allowedAnswer,
        )
      : { cands: [], matched: 0 };
    return { fiches: f.cands, contributions: a.cands, matchedFiches: f.matched, matchedContributions: a.matched };
  }
}
