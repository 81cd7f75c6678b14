/**
 * The off-topic detector on short queries: a word the corpus does not know, that reaches a labour
 * stem only through the typo corrector ("coucou" → "concou", the stem of "concours"), is not labour
 * evidence, while short real questions, typos included, still get results. A small corpus shaped like
 * the real one (the full-size figures are in the bench: docs/search.md).
 */
import { describe, expect, it } from 'vitest';
import type { Corpus } from '../types.ts';
import { buildEngine } from './engine.ts';
import { trainModel } from './model.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURE_COUNT, loadDomainModel, type PublicServiceEntry } from './domain.ts';
import { labourAcronyms } from './synonyms.ts';
import { corpusBuilders } from '../../test-fixtures/corpus.ts';

const { article, fiche, agreement } = corpusBuilders();
const conv = agreement('1486', "Bureaux d'études techniques (SYNTEC)", 900000);

const topics: [string, string, string][] = [
  [
    'L1234-9',
    'Indemnité de licenciement',
    'Le salarié licencié en contrat à durée indéterminée (CDI) a droit à une indemnité de licenciement.',
  ],
  ['L1234-1', 'Préavis de licenciement et de démission', 'Le salarié licencié ou en démission a droit à un préavis.'],
  [
    'L1237-11',
    'La rupture conventionnelle',
    'La rupture conventionnelle du contrat de travail est convenue entre l’employeur et le salarié.',
  ],
  ['L1237-1', 'La démission du salarié', 'La démission est la rupture du contrat de travail à l’initiative du salarié.'],
  ['L3141-1', 'Les congés payés', 'Tout salarié a droit chaque année à des congés payés à la charge de l’employeur.'],
  [
    'L3121-28',
    'Les heures supplémentaires (heures sup)',
    'Toute heure accomplie au-delà de la durée légale est une heure supplémentaire majorée.',
  ],
  ['L3231-2', 'Le SMIC', 'Le salaire minimum interprofessionnel de croissance (SMIC) assure aux salariés un minimum.'],
  ['L1221-19', "La période d'essai", "Le contrat de travail à durée indéterminée peut comporter une période d'essai."],
  [
    'L2311-2',
    'Le comité social et économique (CSE)',
    'Un comité social et économique (CSE) est mis en place dans les entreprises de onze salariés.',
  ],
  ['L3121-44', 'Les jours de réduction du temps de travail (RTT)', 'Un accord peut prévoir des jours de RTT.'],
  ['L1226-1', 'Arrêt maladie du salarié', 'Le salarié en arrêt maladie perçoit une indemnité complémentaire.'],
  ['L1411-1', "Le conseil de prud'hommes", "Le conseil de prud'hommes règle les différends nés du contrat de travail."],
  [
    'L911-7',
    "La mutuelle d'entreprise",
    'L’employeur fait bénéficier ses salariés d’une mutuelle d’entreprise, une couverture complémentaire santé.',
  ],
  ['R4624-10', 'La visite médicale d’embauche', 'Le salarié bénéficie d’une visite médicale d’information et de prévention.'],
  ['L3151-1', 'Le compte épargne-temps', 'Le compte épargne-temps permet au salarié d’accumuler des droits à congé rémunéré.'],
  [
    'L2254-2',
    'Les accords de performance collective',
    'Un accord de performance collective aménage la durée du travail et la rémunération des salariés.',
  ],
  ['L1221-13', 'Le registre unique du personnel', 'Un registre unique du personnel est tenu dans tout établissement.'],
  [
    'D3131-1',
    'Le repos dans les hôtels, cafés et restaurants',
    'Dans les hôtels, cafés et restaurants, le repos du salarié est de onze heures.',
  ],
  // the one heading with "concours": a rare labour stem, one edit away from "coucou"
  ['L6321-1', 'Préparation aux concours de la fonction publique', 'Le congé de formation permet de préparer un concours.'],
];
// the bulk of a Code: a thousand articles that say "licenciement", none "concours"
const filler = Array.from({ length: 1000 }, (_, i) =>
  article(`R${1000 + i}`, `Le licenciement du salarié, le contrat de travail et l’employeur : disposition ${i}.`),
);
const corpus: Corpus = {
  version: 'domain-test',
  sections: [{ id: 'S1', title: 'Partie législative', parentId: null, depth: 1, order: 0 }],
  articles: [...topics.map(([num, , text]) => article(num, text)), ...filler],
  fiches: topics.map(([num, title, text], i) => fiche(`f${i}`, title, [[title, text, [num]]])),
  contributions: [],
  conventions: [conv],
  themes: [],
};
const publicService: PublicServiceEntry[] = [
  ...topics.map(([, title]) => ({ title, theme: 'Accueil particuliers > Travail', subject: 'Travail' })),
  ...[
    ['Divorce à l’amiable', 'Famille'],
    ['Taxe foncière', 'Fiscalité'],
    ['Bail d’habitation et loyer du locataire', 'Logement'],
    ['Permis de conduire : retrait de points', 'Transports'],
    ['Horaires et tarifs de la piscine municipale', 'Loisirs'],
    ['Café, restaurant : licence et hygiène de la restauration', 'Commerce'],
    ['Succession et héritage', 'Famille'],
    ['Carte d’identité', 'Papiers - Citoyenneté'],
  ]
    // about as many entries about the other subjects as labour headings (with the lexicon's phrasings)
    .flatMap((e) => Array.from({ length: 60 }, () => e))
    .map(([title, subject]) => ({ title, theme: `Accueil particuliers > ${subject}`, subject })),
];
const engine = buildEngine(corpus, trainModel(corpus), {}, undefined, publicService);

describe('short queries and the typo corrector', () => {
  it('"coucou" is corrected towards a rare labour stem ("concours") but gets an empty answer', () => {
    const r = engine.search('coucou', { limit: 10 });
    expect(r.outOfScope).toBe(true);
    expect(r.results).toEqual([]);
    expect(r.total).toBe(0);
  });
  it.each(['rien', "aujourd'hui", "rien aujourd'hui"])('scaffolding alone ("%s") is no question: empty answer', (q) => {
    // "aujourd'hui" is cut at its apostrophe; "hui" was corrected towards "huit" and counted as labour
    const r = engine.search(q, { limit: 10 });
    expect(r.outOfScope).toBe(true);
    expect(r.total).toBe(0);
  });
  it('scaffolding does not hide a real question: "je n\'ai rien reçu aujourd\'hui pour mes congés payés"', () => {
    expect(engine.search("je n'ai rien reçu aujourd'hui pour mes congés payés", { limit: 10 }).results.length).toBeGreaterThan(0);
  });
  it.each([
    'smic',
    'cdi',
    'préavis',
    'congés payés',
    'heures sup',
    'licenciement',
    'rupture conventionnelle',
    'mutuelle',
    'arrêt maladie',
    "prud'hommes",
    'idcc 1486',
    'L1234-9',
    'syntec',
    'cse',
    'rtt',
    'démission',
    "période d'essai",
    'concours',
  ])('a short real query still gets results: "%s"', (q) => {
    const r = engine.search(q, { limit: 10 });
    expect(r.outOfScope).toBe(false);
    expect(r.results.length).toBeGreaterThan(0);
  });
  it.each(['licenciment', 'demision', 'conges payes', 'licensiement', 'rupture conventi'])(
    'a typo of a frequent labour word, or a word cut while typing, still gets results: "%s"',
    (q) => {
      const r = engine.search(q, { limit: 10 });
      expect(r.outOfScope).toBe(false);
      expect(r.results.length).toBeGreaterThan(0);
    },
  );
  it('a last word cut while typing is completed even when it is also a stem the synonyms know ("médi", of "médiation")', () => {
    const r = engine.search('visite médi', { limit: 10 });
    expect(r.outOfScope).toBe(false);
    expect(r.spellingSuggestions).toEqual(['visite médicale']);
  });
  it('a correction is trusted as far as the corrected stem is common', () => {
    // engine internals on purpose: the detector's weighing of corrections
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const d = (engine as any).domain as { correctionTrust(stem: string): number };
    expect(d.correctionTrust('zzzz')).toBe(0);
    expect(d.correctionTrust('licenc')).toBeGreaterThan(d.correctionTrust('concour'));
  });
});

describe('acronyms of the CDTN synonym list (popular searches that got the empty answer)', () => {
  it('are the groups whose short word the initials of a phrase spell', () => {
    const m = labourAcronyms([
      'compte épargne temps, cet',
      'hôtellerie café et restauration, hcr',
      "système d'information des prestations de service internationale, sipsi",
      'licenciement, rupture',
      'cdd, contrat',
    ]);
    expect([...m]).toEqual([
      ['cet', 'compte épargne temps'],
      ['hcr', 'hôtellerie café et restauration'],
      ['sipsi', "système d'information des prestations de service internationale"],
    ]);
  });
  it.each(['apc', 'rup', 'CET', 'cet', 'hôtellerie café et restauration'])('name a labour notion: "%s" gets results', (q) => {
    const r = engine.search(q, { limit: 10 });
    expect(r.outOfScope).toBe(false);
    expect(r.results.length).toBeGreaterThan(0);
  });
  it('a bare acronym that is a stop word ("cet") is searched as the phrase it stands for', () => {
    expect(engine.search('cet', { limit: 3 }).results[0].title).toMatch(/compte épargne-temps/i);
  });
  it('cafés and restaurants alone stay another subject', () => {
    expect(engine.search('restaurant café', { limit: 10 }).outOfScope).toBe(true);
  });
});

describe('the fitted model file', () => {
  it('the shipped model loads, with one weight per feature and training questions on both sides', () => {
    const m = loadDomainModel();
    expect(m).toBeDefined();
    expect(m!.model.weights).toHaveLength(FEATURE_COUNT);
    expect(m!.labourQuestions.length).toBeGreaterThan(100);
    expect(m!.otherQuestions.length).toBeGreaterThan(100);
  });
  it('a missing, malformed or stale file is refused (the engine then judges every question in scope)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'domain-'));
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    expect(loadDomainModel(join(dir, 'absent.json'))).toBeUndefined();
    expect(loadDomainModel(write('bad.json', '{not json'))).toBeUndefined();
    const stale = { ...loadDomainModel()!, model: { bias: 0, weights: [1, 2, 3, 4, 5, 6], threshold: 0.5 } };
    expect(loadDomainModel(write('stale.json', JSON.stringify(stale)))).toBeUndefined();
    const e = buildEngine(corpus, trainModel(corpus), {}, undefined, publicService, undefined, null);
    expect(e.search('recette de la tarte aux pommes', { limit: 10 }).outOfScope).toBe(false);
  });
  it('the training questions teach each side its words: a daily-life word no heading uses', () => {
    const plain = buildEngine(corpus, trainModel(corpus), {}, undefined, publicService);
    const taught = buildEngine(corpus, trainModel(corpus), {}, undefined, publicService, undefined, {
      ...loadDomainModel()!,
      otherQuestions: [...loadDomainModel()!.otherQuestions, 'quelle farine pour la brioche', 'brioche maison recette'],
    });
    // engine internals on purpose: the contrast of one word
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const odds = (e: unknown, word: string) => (e as any).domain.logOdds((e as any).an.terms(word)[0]) as number | null;
    expect(odds(plain, 'brioche')).toBeNull();
    expect(odds(taught, 'brioche')).toBeLessThan(0);
    expect(odds(taught, 'licenciement')).toBeGreaterThan(0);
  });
});
