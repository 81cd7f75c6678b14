import { describe, expect, it } from 'vitest';
import { FrenchAnalyzer } from '@eig/platform/search';
import { ExampleVotes } from './example-votes.ts';
import type { QueryPlan } from './query-plan.ts';

const an = new FrenchAnalyzer({ stem: 'light' });
const planOf = (q: string) => {
  const terms = an.terms(q).map((term) => ({ term, weight: 1 }));
  return { terms, nOriginal: terms.length } as unknown as QueryPlan;
};
const articles = new Map([
  ['L3142-4', 0],
  ['L3142-1', 1],
  ['L1234-9', 2],
  ['L3141-3', 3],
]);
const fiches = new Map([
  ['F2278', 0],
  ['conges-pour-evenements-familiaux', 1],
]);
const answers = new Map([['indemnite-de-licenciement', 0]]);
const examples = new ExampleVotes(
  [
    {
      query: 'je me marie le mois prochain, combien de jours de congé ?',
      articles: ['L3142-4', 'L3142-1'],
      fiches: ['F2278', 'conges-pour-evenements-familiaux'],
    },
    { query: 'viré après 3 ans, combien on me doit', articles: ['L1234-9'], contributions: ['indemnite-de-licenciement'] },
    { query: 'combien de semaines de vacances par an', articles: ['L3141-3'] },
    { query: 'une question dont l’article a été abrogé', articles: ['L9999-1'] },
    { query: 'une question dont la fiche a été retirée', articles: [], fiches: ['F0000'] },
  ],
  an,
  { article: (num) => articles.get(num), fiche: (id) => fiches.get(id), contribution: (slug) => answers.get(slug) },
);
const votes = { votes: (plan: QueryPlan) => examples.votes(plan).articles, size: examples.size };

describe('worked examples: nearest-neighbour votes', () => {
  it('a question worded like an example votes for its articles first, split over them', () => {
    const v = votes.votes(planOf('je me marie en juin : combien de jours ?'));
    const best = [...v.entries()].sort((a, b) => b[1] - a[1]);
    expect(best[0][0] === 0 || best[0][0] === 1).toBe(true);
    expect(v.get(0)).toBeCloseTo(v.get(1)!);
    expect(v.get(0)!).toBeGreaterThan(v.get(2) ?? 0);
    expect(v.get(0)!).toBeLessThanOrEqual(0.5);
  });

  it('a question that resembles no example gets no vote', () => {
    expect(votes.votes(planOf('attestation employeur formation')).size).toBe(0);
  });

  it('a question an example only partly says gets a smaller vote than one it says whole', () => {
    const whole = votes.votes(planOf('viré après 3 ans combien on me doit')).get(2)!;
    const part = votes.votes(planOf('viré pour faute grave pendant mon arrêt maladie')).get(2)!;
    expect(part).toBeGreaterThan(0);
    expect(part).toBeLessThan(whole);
  });

  it('drops the articles the corpus does not hold, and the examples left with none', () => {
    expect(votes.size).toBe(3);
  });

  it('votes for the documents the example lists, each with the whole vote (either one answers)', () => {
    const v = examples.votes(planOf('je me marie en juin : combien de jours ?'));
    expect(v.fiches.get(0)).toBeGreaterThan(0.3);
    expect(v.fiches.get(1)).toBeCloseTo(v.fiches.get(0)!);
    // the example's two articles share its vote
    expect(v.fiches.get(0)!).toBeCloseTo(2 * v.articles.get(0)!);
    expect(examples.votes(planOf('viré après 3 ans combien on me doit')).contributions.get(0)).toBeGreaterThan(0.5);
    expect(examples.votes(planOf('attestation employeur formation')).fiches.size).toBe(0);
  });
});
