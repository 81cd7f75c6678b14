/**
 * ExploCode v2 (issue 11): the bugs a user hits at once, each with a test that would have caught it.
 * A small corpus shaped like the real one (the full-size checks run in the bench: bench/issue-checks.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Contribution, Corpus, Theme } from '../types.ts';
import { buildEngine } from './engine.ts';
import { trainModel } from './model.ts';
import { browseThemes } from './browse-themes.ts';
import type { PublicServiceEntry } from './domain.ts';
import { corpusBuilders } from '../../test-fixtures/corpus.ts';

const { section: sec, article: art, fiche, agreement: conv } = corpusBuilders();
const qr = (id: string, title: string, text: string, cited: string[], byIdcc: string[] = []): Contribution => ({
  id,
  slug: id,
  title,
  generic: { idcc: null, text, html: text, citedArticles: cited },
  byConvention: byIdcc.map((idcc) => ({ idcc, text: `Réponse propre à la convention ${idcc}.`, html: '', citedArticles: [] })),
});
const theme = (
  id: string,
  title: string,
  parentId: string | null,
  path: string[],
  counts: [number, number],
  source: Theme['source'] = 'code',
): Theme => ({
  id,
  source,
  title,
  parentId,
  path,
  counts: { articles: counts[0], fiches: counts[1], contributions: 0 },
});

const sections = [
  sec('P1', 'Partie législative', null, 1),
  sec('DUR', 'Titre II : Durée du travail, répartition et aménagement des horaires', 'P1', 2),
  sec('HS', 'Section 3 : Durée légale et heures supplémentaires', 'DUR', 3),
  sec('CP', 'Chapitre Ier : Congés payés', 'P1', 2),
  sec('CHO', 'Chapitre II : Régime d’assurance', 'P1', 2),
  sec('LIC', 'Chapitre IV : Conséquences du licenciement', 'P1', 2),
  sec('ECO1', 'Chapitre III : Licenciement pour motif économique', 'P1', 2),
  sec('P2', 'Partie réglementaire', null, 1),
  sec('ECO2', 'Chapitre III : Licenciement pour motif économique', 'P2', 2),
  sec('OLD', 'Partie réglementaire ancienne - Décrets simples', null, 1),
];
const articles = [
  art(
    'L3121-28',
    'Toute heure accomplie au delà de la durée légale hebdomadaire est une heure supplémentaire qui ouvre droit à une majoration salariale.',
    ['P1', 'DUR', 'HS'],
  ),
  art(
    'L3121-36',
    'A défaut d’accord, les heures supplémentaires donnent lieu à une majoration de salaire de 25 % pour chacune des huit premières heures.',
    ['P1', 'DUR', 'HS'],
  ),
  art(
    'L3141-16',
    'L’employeur fixe la période de prise des congés et l’ordre des départs ; il peut refuser les dates demandées par le salarié.',
    ['P1', 'CP'],
  ),
  art('L3141-3', 'Le salarié a droit à un congé de deux jours et demi ouvrables par mois de travail effectif chez le même employeur.', [
    'P1',
    'CP',
  ]),
  art(
    'L5422-1',
    'Ont droit à l’allocation d’assurance les travailleurs involontairement privés d’emploi, aptes au travail et recherchant un emploi, dont le patron ou l’employeur a refusé de poursuivre le contrat.',
    ['P1', 'CHO'],
  ),
  art(
    'L1234-9',
    'Le salarié titulaire d’un contrat de travail à durée indéterminée, licencié alors qu’il compte huit mois d’ancienneté, a droit à une indemnité de licenciement.',
    ['P1', 'LIC'],
  ),
  art(
    'L1233-3',
    'Constitue un licenciement pour motif économique le licenciement effectué pour une suppression d’emploi consécutive à des difficultés économiques.',
    ['P1', 'ECO1'],
  ),
  art('R1233-1', 'Le licenciement pour motif économique donne lieu à la consultation du comité social et économique.', ['P2', 'ECO2']),
  art(
    'R4412-149',
    'La valeur limite biologique du plomb dans le sang est de 400 µg/l de sang pour les hommes ; la soudure au plomb expose.',
    ['OLD'],
  ),
];
const corpus: Corpus = {
  version: 'v2-test',
  sections,
  articles,
  fiches: [
    fiche(
      'F2391',
      "Heures supplémentaires d'un salarié du secteur privé",
      [
        [
          'Qu’est-ce qu’une heure supplémentaire ?',
          'Une heure supplémentaire est une heure de travail au-delà de 35 heures par semaine.',
          ['L3121-28'],
        ],
        ['Quelle majoration pour les heures sup ?', 'Les heures supplémentaires sont majorées de 25 %.', ['L3121-36']],
      ],
      ['Travail', 'Temps de travail dans le secteur privé'],
    ),
    fiche(
      'F12803',
      'Un employeur peut-il refuser des congés demandés par le salarié ?',
      [
        [
          'Refus des dates de congés',
          'Votre employeur peut refuser vos dates de congés payés : c’est lui qui fixe l’ordre des départs.',
          ['L3141-16'],
        ],
      ],
      ['Travail', 'Congés dans le secteur privé'],
    ),
    fiche('les-conges-payes', 'Les congés payés', [
      ['Combien de jours de congés ?', 'Le salarié a droit à 2,5 jours ouvrables de congés payés par mois.', ['L3141-3']],
    ]),
    fiche(
      'F14860',
      'Allocation chômage d’aide au retour à l’emploi (ARE)',
      [['Conditions', 'L’allocation est versée au demandeur d’emploi privé involontairement d’emploi.', ['L5422-1']]],
      ['Social - Santé', 'Chômage'],
    ),
    fiche('la-procedure-de-licenciement-economique-de-2-9-salaries', 'La procédure de licenciement économique de 2 à 9 salariés', [
      [
        'Quelle procédure ?',
        'Le licenciement pour motif économique de 2 à 9 salariés suppose la consultation du CSE.',
        ['L1233-3', 'R1233-1'],
      ],
    ]),
    fiche(
      'F1',
      'Chèque-vacances',
      [['Qui peut en bénéficier ?', 'Le chèque-vacances aide à partir en vacances et à payer les loisirs.', []]],
      ['Loisirs', 'Vacances'],
    ),
  ],
  contributions: [
    qr('qr-delegation', 'Combien d’heures de délégation pour les élus ?', 'Les élus disposent d’heures de délégation chaque mois.', []),
    qr('qr-astreinte', 'Les heures d’astreinte sont-elles payées ?', 'Les heures d’astreinte donnent lieu à une compensation.', []),
    qr('qr-nuit', 'Combien d’heures de nuit ?', 'Le travail de nuit est limité à huit heures.', []),
    qr('qr-conges', 'L’employeur peut-il refuser les congés ?', 'L’employeur fixe l’ordre des départs.', ['L3141-16'], ['1486']),
    qr(
      'quelle-est-la-duree-de-preavis-en-cas-de-licenciement',
      'Quelle est la durée de préavis en cas de licenciement ?',
      'Le préavis dépend de l’ancienneté.',
      ['L1234-9'],
      ['843'],
    ),
  ],
  conventions: [
    conv('1486', "Bureaux d'études techniques, cabinets d'ingénieurs-conseils (SYNTEC)", 900000),
    conv('573', 'Commerces de gros', 340000),
    conv('1557', 'Commerce des articles de sport et équipements de loisirs', 20000),
    conv('2216', 'Commerce de détail et de gros à prédominance alimentaire', 650000),
    conv('16', 'Transports routiers et activités auxiliaires du transport', 680000),
    conv('275', 'Transport aérien (personnel au sol)', 85000),
    conv('843', 'Boulangerie-pâtisserie (entreprises artisanales)', 135000),
    conv('1747', 'Activités industrielles de boulangerie et pâtisserie', 20000),
  ],
  themes: [
    theme('code:P1', 'Partie législative', null, [], [8, 3]),
    theme('code:DUR', 'Titre II : Durée du travail, répartition et aménagement des horaires', 'code:P1', ['Partie législative'], [2, 1]),
    theme(
      'code:HS',
      'Section 3 : Durée légale et heures supplémentaires',
      'code:DUR',
      ['Partie législative', 'Titre II : Durée du travail'],
      [2, 1],
    ),
    theme('code:CP', 'Chapitre Ier : Congés payés', 'code:P1', ['Partie législative'], [2, 2]),
    theme('code:ECO1', 'Chapitre III : Licenciement pour motif économique', 'code:P1', ['Partie législative'], [1, 1]),
    theme('code:P2', 'Partie réglementaire', null, [], [1, 1]),
    theme('code:ECO2', 'Chapitre III : Licenciement pour motif économique', 'code:P2', ['Partie réglementaire'], [1, 1]),
    theme('code:OLD', 'Partie réglementaire ancienne - Décrets simples', null, [], [1, 0]),
    theme('sp:travail', 'Travail', null, [], [3, 2], 'service-public'),
    theme(
      'sp:travail/temps-de-travail-dans-le-secteur-prive',
      'Temps de travail dans le secteur privé',
      'sp:travail',
      ['Travail'],
      [2, 1],
      'service-public',
    ),
    theme('sp:travail/conges-dans-le-secteur-prive', 'Congés dans le secteur privé', 'sp:travail', ['Travail'], [1, 1], 'service-public'),
    theme('sp:travail/assistante-maternelle', 'Assistante maternelle', 'sp:travail', ['Travail'], [0, 5], 'service-public'),
    theme('sp:loisirs', 'Loisirs', null, [], [0, 1], 'service-public'),
    theme('sp:loisirs/vacances', 'Vacances', 'sp:loisirs', ['Loisirs'], [0, 1], 'service-public'),
  ],
};

/** A few entries of service-public.fr's index: work, and the other subjects the detector contrasts it with. */
const publicService: PublicServiceEntry[] = [
  ...[
    'Heures supplémentaires d’un salarié',
    'Congés payés du salarié',
    'Licenciement pour motif économique',
    'Indemnité de licenciement',
    'Préavis de démission',
    'Salaire et fiche de paie',
    'Arrêt maladie du salarié',
    'Rupture conventionnelle',
  ].map((title) => ({ title, theme: 'Accueil particuliers > Travail > Contrat', subject: 'Travail' })),
  ...[
    ['Divorce par consentement mutuel', 'Famille'],
    'Pension alimentaire et garde des enfants,Famille'.split(','),
    ['Taxe foncière', 'Fiscalité'],
    ['Impôt sur le revenu : déclaration', 'Fiscalité'],
    ['Bail d’habitation et loyer du locataire', 'Logement'],
    ['Caution du logement loué', 'Logement'],
    ['Permis de conduire : retrait de points', 'Transports'],
    ['Horaires et tarifs de la piscine municipale', 'Loisirs'],
    ['Succession et héritage', 'Famille'],
    ['Carte d’identité', 'Papiers - Citoyenneté'],
  ].map(([title, subject]) => ({ title, theme: `Accueil particuliers > ${subject}`, subject })),
];

const engine = buildEngine(corpus, trainModel(corpus), {}, undefined, publicService);

describe('an honest "no answer" for off-topic and nonsense queries', () => {
  it.each(['ggggg', 'qsdfgh', 'recette de la tarte aux pommes', 'divorce par consentement mutuel', 'taxe foncière'])(
    '"%s" gets results [] and total 0',
    (q) => {
      const r = engine.search(q, { limit: 10 });
      expect(r.results).toEqual([]);
      expect(r.total).toBe(0);
      expect(r.themes).toEqual([]);
      expect(r.outOfScope).toBe(true);
    },
  );
  it.each(['heures sup', 'mon patron peut-il refuser mes congés ?', 'indemnité de licenciement'])(
    'a real question still gets results: "%s"',
    (q) => {
      const r = engine.search(q, { limit: 10 });
      expect(r.results.length).toBeGreaterThan(0);
      expect(r.outOfScope).toBe(false);
    },
  );
  it('never highlights a single letter (the "g" of µg/l)', () => {
    for (const q of ['ggggg', 'g', 'plomb g'])
      for (const x of engine.search(q, { limit: 10 }).results) expect(x.snippet).not.toMatch(/<mark>\w<\/mark>/);
  });
  it('routed queries are never judged off-topic', () => {
    expect(engine.search('L3121-28', { limit: 3 }).results[0].num).toBe('L3121-28');
    expect(engine.search('1486', { limit: 3 }).route?.target).toBe('1486');
  });
  it("a last word cut while typing is completed, from the titles' phrases", () => {
    const r = engine.search('heures supplé', { limit: 5 });
    expect(r.outOfScope).toBe(false);
    expect(r.spellingSuggestions).toEqual(['heures supplémentaires']);
    expect(engine.search('indemnité de licenciement', { limit: 5 }).spellingSuggestions).toEqual([]);
  });
  it('suggests the corrected spelling, also with an empty answer', () => {
    const r = engine.search('licenciment economique', { limit: 5 });
    expect(r.spellingSuggestions).toEqual(['licenciement économique']);
  });
  it('suggests only words the headings write: the corrector matches stems, and "contrax" → "contratx" is no word', () => {
    expect(engine.search('contrax', { limit: 5 }).spellingSuggestions).toEqual(['contrat']);
    expect(engine.search('congxs', { limit: 5 }).spellingSuggestions).toEqual(['congé']);
    expect(engine.search('demandess', { limit: 5 }).spellingSuggestions).toEqual(['demandées']);
  });
});

describe('how-to questions put the fiche that answers first', () => {
  it('"heures sup" → the fiche "Heures supplémentaires d\'un salarié du secteur privé", before question-réponses that merely say "heures"', () => {
    const r = engine.search('heures sup', { limit: 10 });
    expect(r.results[0]).toMatchObject({ type: 'fiche', id: 'F2391' });
  });
  it('"mon patron peut-il refuser mes congés ?" does not list L5422-1 (unemployment benefit) first', () => {
    const arts = engine.search('mon patron peut-il refuser mes congés ?', { limit: 10, type: 'article' }).results;
    expect(arts[0].num).toBe('L3141-16');
    const mixed = engine.search('mon patron peut-il refuser mes congés ?', { limit: 10 }).results;
    expect(['F12803', 'qr-conges']).toContain(mixed[0].id);
    expect(mixed.findIndex((x) => x.num === 'L5422-1')).not.toBe(0);
  });
});

describe('the router says when a route is unambiguous; otherwise the matching agreements are listed', () => {
  it.each([
    ['1486', 'convention', '1486'],
    ['idcc 1486', 'convention', '1486'],
    ['syntec', 'convention', '1486'],
    ['L3121-28', 'article', 'L3121-28'],
    ['article L. 3121-28', 'article', 'L3121-28'],
  ])('"%s" is unambiguous', (q, kind, target) => {
    expect(engine.search(q, { limit: 3 }).route).toEqual(expect.objectContaining({ kind, target, unambiguous: true }));
  });
  it.each([
    ['commerce', ['573', '1557', '2216']],
    ['transport', ['16', '275']],
    ['boulangerie', ['843', '1747']],
  ])('"%s" matches several agreements: no jump, the agreements listed on top', (q, idccs) => {
    const r = engine.search(q, { limit: 10 });
    expect(r.route?.unambiguous ?? false).toBe(false);
    expect(r.conventions?.map((c) => c.idcc).sort()).toEqual([...idccs].sort());
  });
  it('an article number inside a question is recognised but not a jump', () => {
    const r = engine.search('L3121-28 majoration des heures', { limit: 5 });
    expect(r.route).toMatchObject({ kind: 'article', target: 'L3121-28', unambiguous: false });
  });
  it('"convention 1486" shows no off-topic theme ("Rupture conventionnelle" came from the word "convention")', () => {
    const r = engine.search('convention 1486', { limit: 5 });
    expect(r.route).toMatchObject({ target: '1486', unambiguous: true });
    expect(r.themes).toEqual([]);
  });
});

describe('side-panel themes', () => {
  it('are de-duplicated: one "Licenciement pour motif économique", not one per part of the Code', () => {
    const r = engine.search('licenciement économique', { limit: 10 });
    const titles = r.themes.map((t) => t.title);
    expect(titles.filter((t) => t === 'Licenciement pour motif économique').length).toBe(1);
    expect(new Set(titles).size).toBe(titles.length);
    for (const t of r.themes) expect(t.label).toBeTruthy();
  });
});

describe('suggestions', () => {
  it('a chosen theme replaces the typed fragment', () => {
    const s = engine.suggest('licenciement éco');
    expect(s.themes[0].query).toBe('Licenciement pour motif économique');
  });
  it('never completes to a fragment such as "licenciement économique de 2"', () => {
    for (const q of ['licenciement éco', 'licenciement économique', 'licenciement économique de']) {
      for (const c of engine.suggest(q).completions) expect(c).not.toMatch(/\b\d+$/);
    }
    // typed that far, the whole phrase is offered, not the fragment
    expect(engine.suggest('licenciement économique de 2').completions).toEqual(['licenciement économique de 2 à 9 salariés']);
  });
});

describe('browse by theme (home)', () => {
  it('offers the labour-law themes a worker looks for, most searched first, not the Code\'s structure nor "Loisirs"', () => {
    const list = browseThemes(corpus.themes, 12, { 'conges dans le secteur prive': 100, 'temps de travail dans le secteur prive': 50 });
    expect(list.map((t) => t.title)).toEqual(['Congés dans le secteur privé', 'Temps de travail dans le secteur privé']);
    expect(engine.browseThemes().every((t) => t.id.startsWith('sp:travail/'))).toBe(true);
  });
});

describe('text shown to people', () => {
  it('synonym labels keep their apostrophes ("suppression d emploi")', () => {
    const r = engine.search('licenciement éco', { limit: 10 });
    for (const x of r.results) for (const s of x.explanation.synonyms) expect(s.to).not.toMatch(/\b[dl] [aeiouyhé]/i);
  });
  it('titles get French no-break spaces before "?"', () => {
    const r = engine.search('refuser des congés', { limit: 10, type: 'fiche' });
    const f = r.results.find((x) => x.id === 'F12803');
    expect(f?.title.endsWith('salarié\u202f?')).toBe(true);
  });
});

describe("calculators read the agreements' own answers through the engine", () => {
  it('the notice of a dismissal under IDCC 843', () => {
    expect(engine.agreementAnswer('0843', 'notice-dismissal')).toMatchObject({
      idcc: '843',
      agreement: 'Boulangerie-pâtisserie (entreprises artisanales)',
      url: '/explocode/contribution/quelle-est-la-duree-de-preavis-en-cas-de-licenciement?idcc=843',
    });
    expect(engine.agreementAnswer('843', 'notice-resignation')).toBeNull();
  });
});
