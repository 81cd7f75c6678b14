/**
 * Worked examples: hand-written everyday questions with the articles, fiches and question-réponses
 * that answer them (shipped inside the semantic model, `examples`; see model.ts). A question worded
 * like one of them is probably answered by the same documents, even when it shares no word with them:
 * "je me marie, j'ai droit à des jours ?" finds the example "combien de jours de conges pour mon
 * mariage" and its article and fiche on family-event leave. This is nearest-neighbour retrieval over
 * questions, the way a search engine learns from the queries whose answers it knows.
 *
 * The examples are scored with BM25F on their words, with the question's plan (its own terms and
 * their synonyms). The best examples vote: (score relative to the best)² × how much of the question
 * the best example says (its score over the ideal score of the question's own terms, capped at 1).
 * An article vote is split over the example's articles (they answer together); a document vote is
 * not (each document the example lists answers it on its own, often the same fiche published twice).
 * A question no example resembles gets little or no vote.
 */
import { Bm25fBuilder, Bm25fIndex, topK, type FrenchAnalyzer, type ScoreResult } from '@eig/platform/search';
import type { QueryPlan } from './query-plan.ts';

/** A hand-written question, the numbers of the articles that answer it, and the documents that do. */
export interface WorkedExample {
  query: string;
  articles: string[];
  /** fiche ids (ministry slug or service-public "Fxxxx"), best first */
  fiches?: string[];
  /** question-réponse slugs, best first */
  contributions?: string[];
}

/** Where an example's answers are in the corpus (undefined: not in it; the example keeps the others). */
export interface ExampleResolver {
  article(num: string): number | undefined;
  fiche(id: string): number | undefined;
  contribution(slug: string): number | undefined;
}

/** Each voted article's, fiche's and question-réponse's vote, in (0, 1]. */
export interface ExampleVoteSet {
  articles: Map<number, number>;
  fiches: Map<number, number>;
  contributions: Map<number, number>;
}

interface Answers {
  articles: number[];
  fiches: number[];
  contributions: number[];
}

/** Examples that vote (best first). */
const VOTING_EXAMPLES = 5;

export class ExampleVotes {
  private readonly idx: Bm25fIndex;
  private readonly answers: Answers[];
  private readonly buffer: ScoreResult;

  constructor(examples: readonly WorkedExample[], an: FrenchAnalyzer, resolve: ExampleResolver) {
    const b = new Bm25fBuilder([{ name: 'question', weight: 1, b: 0.75 }]);
    this.answers = [];
    const indexes = (keys: readonly string[] | undefined, of: (key: string) => number | undefined) => [
      ...new Set((keys ?? []).map(of).filter((i): i is number => i !== undefined)),
    ];
    for (const e of examples) {
      const a: Answers = {
        articles: indexes(e.articles, (k) => resolve.article(k)),
        fiches: indexes(e.fiches, (k) => resolve.fiche(k)),
        contributions: indexes(e.contributions, (k) => resolve.contribution(k)),
      };
      if (!a.articles.length && !a.fiches.length && !a.contributions.length) continue;
      b.add([an.terms(e.query)]);
      this.answers.push(a);
    }
    this.idx = b.build();
    this.buffer = { scores: new Float32Array(this.idx.n), masks: new Int32Array(this.idx.n), touched: [] };
  }

  get size(): number {
    return this.answers.length;
  }

  votes(plan: QueryPlan): ExampleVoteSet {
    const out: ExampleVoteSet = { articles: new Map(), fiches: new Map(), contributions: new Map() };
    if (!this.answers.length || !plan.nOriginal) return out;
    const r = this.idx.score(plan.terms, this.buffer);
    try {
      const top = topK(r, VOTING_EXAMPLES);
      const best = top[0]?.score ?? 0;
      if (best <= 0) return out;
      // the score of an example that says each of the question's words once at the average length;
      // words no example uses count too (at the idf of an unseen word): they are what no example says
      let ideal = 0;
      for (let i = 0; i < plan.nOriginal; i++) ideal += plan.terms[i].weight * this.idx.idf(plan.terms[i].term);
      const cover = ideal > 0 ? Math.min(1, best / ideal) : 0;
      const add = (m: Map<number, number>, i: number, v: number) => m.set(i, Math.min(1, (m.get(i) ?? 0) + v));
      for (const { doc, score } of top) {
        const { articles, fiches, contributions } = this.answers[doc];
        const v = (score / best) ** 2 * cover;
        for (const a of articles) add(out.articles, a, v / articles.length);
        for (const f of fiches) add(out.fiches, f, v);
        for (const x of contributions) add(out.contributions, x, v);
      }
      return out;
    } finally {
      Bm25fIndex.reset(r);
    }
  }
}
