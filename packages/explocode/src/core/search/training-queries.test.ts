import { describe, expect, it } from 'vitest';
import type { Contribution, Fiche } from '../types.ts';
import { deriveTrainingQueries, isValidationDoc, MAX_RELEVANT, stableUnit } from './training-queries.ts';

const section = (title: string, citedArticles: string[]) => ({ anchor: '', title, text: '', html: '', citedArticles });
const fiche = (id: string, title: string, citedArticles: string[], sections: ReturnType<typeof section>[]): Fiche => ({
  id,
  source: 'fiches-travail',
  title,
  description: '',
  url: '',
  breadcrumb: [],
  date: null,
  intro: '',
  sections,
  citedArticles,
});
const contribution = (id: string, title: string, citedArticles: string[]): Contribution => ({
  id,
  slug: id,
  title,
  generic: { idcc: null, text: '', html: '', citedArticles },
  byConvention: [],
});
const known = (n: string) => /^[LRD]\d/.test(n);

describe('deriveTrainingQueries', () => {
  const corpus = {
    fiches: [
      fiche(
        'les-delegues',
        'Les délégués syndicaux',
        ['L2143-3', 'L2143-5'],
        [
          section('Quelle est la durée du mandat ?', ['L2143-11']),
          section('Qui peut désigner un délégué syndical dans une entreprise de plus de cinquante salariés ?', ['L2143-3']),
          section('Textes de référence', ['L2143-3']),
          section('Sans citation', []),
        ],
      ),
      fiche('F123', 'Congé de maternité', ['L1225-17', 'X999'], []),
    ],
    contributions: [contribution('uuid-1', 'Quelle est la durée du préavis de démission ?', ['L1237-1'])],
  };

  it('turns titles, section titles and questions into judged questions with the articles they cite', () => {
    const qs = deriveTrainingQueries(corpus, known);
    expect(qs.map((q) => [q.kind, q.query, q.articles.map((a) => a.num).join(' ')])).toEqual([
      ['fiche-title', 'Les délégués syndicaux', 'L2143-3 L2143-5'],
      // a short section title gets the fiche title before it
      ['section', 'Les délégués syndicaux : Quelle est la durée du mandat ?', 'L2143-11'],
      ['section', 'Qui peut désigner un délégué syndical dans une entreprise de plus de cinquante salariés ?', 'L2143-3'],
      // unknown articles are dropped
      ['fiche-title', 'Congé de maternité', 'L1225-17'],
      ['question', 'Quelle est la durée du préavis de démission ?', 'L1237-1'],
    ]);
    expect(qs.every((q) => q.doc && q.id.startsWith(q.doc))).toBe(true);
  });

  it('leaves out excluded documents, boilerplate sections, questions without citations or with too many', () => {
    const many = Array.from({ length: MAX_RELEVANT + 1 }, (_, i) => `L1000-${i + 1}`);
    const qs = deriveTrainingQueries(
      { fiches: [...corpus.fiches, fiche('big', 'Une fiche qui cite tout', many, [])], contributions: corpus.contributions },
      known,
      new Set(['les-delegues', 'uuid-1']),
    );
    expect(qs.map((q) => q.doc)).toEqual(['F123']);
  });

  it('keeps one question per text', () => {
    const dup = { fiches: [fiche('a', 'Même titre', ['L1'], []), fiche('b', 'même  titre', ['L2'], [])], contributions: [] };
    expect(deriveTrainingQueries(dup, known)).toHaveLength(1);
  });
});

describe('stable split', () => {
  it('is deterministic, in [0, 1), and puts about the asked share in validation', () => {
    expect(stableUnit('F2258')).toBe(stableUnit('F2258'));
    const docs = Array.from({ length: 2000 }, (_, i) => `doc-${i}`);
    expect(docs.every((d) => stableUnit(d) >= 0 && stableUnit(d) < 1)).toBe(true);
    const share = docs.filter((d) => isValidationDoc(d, 0.25)).length / docs.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });
});
