/**
 * Worked examples: hand-written everyday questions and the articles that answer them (shipped inside
 * the semantic model, `examples`; see model.ts). A question worded like one of them is probably
 * answered by the same articles, even when it shares no word with those articles: "je me marie, j'ai
 * droit à des jours ?" finds the example "combien de jours de conges pour mon mariage" and its article
 * on family-event leave. This is nearest-neighbour retrieval over questions, the way a search engine
 * learns from the queries whose answers it knows.
 *
 * The examples are scored with BM25F on their words, with the question's plan (its own terms and
 * their synonyms). The best examples vote for their articles: (score relative to the best)² × how
 * much of the question the best example says (its score over the ideal score of the question's own
 * terms, capped at 1), split over the example's articles. A question no example resembles gets
 * little or no vote.
 */
import { Bm25fBuilder, Bm25fIndex, topK, type FrenchAnalyzer, type ScoreResult } from '@eig/platform/search';
import type { QueryPlan } from './query-plan.ts';

/** A hand-written question and the numbers of the articles that answer it. */
export interface WorkedExample {
  query: string;
  articles: string[];
}

/** Examples that vote (best first). */
const VOTING_EXAMPLES = 5;

export class ExampleVotes {
  private readonly idx: Bm25fIndex;
  private readonly answers: number[][];
  private readonly buffer: ScoreResult;

  /** `articleOf`: the index of an article by its number (undefined: not in the corpus; the example keeps the others). */
  constructor(examples: readonly WorkedExample[], an: FrenchAnalyzer, articleOf: (num: string) => number | undefined) {
    const b = new Bm25fBuilder([{ name: 'question', weight: 1, b: 0.75 }]);
    this.answers = [];
    for (const e of examples) {
      const arts = [...new Set(e.articles.map(articleOf).filter((i): i is number => i !== undefined))];
      if (!arts.length) continue;
      b.add([an.terms(e.query)]);
      this.answers.push(arts);
    }
    this.idx = b.build();
    this.buffer = { scores: new Float32Array(this.idx.n), masks: new Int32Array(this.idx.n), touched: [] };
  }

  get size(): number {
    return this.answers.length;
  }

  /** Each voted article's vote, in (0, 1]. */
  votes(plan: QueryPlan): Map<number, number> {
    const out = new Map<number, number>();
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
      for (const { doc, score } of top) {
        const arts = this.answers[doc];
        const v = ((score / best) ** 2 * cover) / arts.length;
        for (const a of arts) out.set(a, Math.min(1, (out.get(a) ?? 0) + v));
      }
      return out;
    } finally {
      Bm25fIndex.reset(r);
    }
  }
}
