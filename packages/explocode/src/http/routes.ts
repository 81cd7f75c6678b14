import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ExplocodeApi } from './api.ts';
import * as s from './schemas.ts';

const tags = ['ExploCode'];
const errors = { 400: s.errorBody, 404: s.errorBody, 503: s.errorBody };

/** The public JSON API: thin wrappers that validate, document and serialise; the work is in ExplocodeApi. */
export async function explocodeRoutes(app: FastifyInstance, api: ExplocodeApi): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: 'Recherche dans le Code du travail, les fiches, les questions-réponses et les conventions',
        querystring: s.searchQuery,
        response: { 200: s.searchResponse, ...errors },
      },
    },
    async (req) => api.search(req.query),
  );

  r.get(
    '/suggest',
    {
      schema: {
        tags,
        summary: 'Thématiques et complétions proposées pendant la saisie',
        querystring: s.suggestQuery,
        response: { 200: s.suggestResponse, ...errors },
      },
    },
    async (req) => api.suggest(req.query.q, req.query.limit),
  );

  r.get(
    '/articles/:num',
    {
      schema: {
        tags,
        summary: 'Un article du Code du travail, par numéro (toutes graphies : L1234-9, L. 1234-9…) ou identifiant LEGIARTI',
        params: s.articleParams,
        response: { 200: s.articleResponse, ...errors },
      },
    },
    async (req) => api.article(req.params.num),
  );

  r.get(
    '/themes',
    {
      schema: {
        tags,
        summary: 'Les thématiques racines (parties du Code, thèmes service-public)',
        response: { 200: s.rootThemesResponse, ...errors },
      },
    },
    async () => api.rootThemes(),
  );

  r.get(
    '/themes/browse',
    {
      schema: {
        tags,
        summary: 'Les thèmes du droit du travail qu’un salarié ou un employeur cherche, les plus demandés d’abord',
        querystring: s.browseThemesQuery,
        response: { 200: s.browseThemesResponse, ...errors },
      },
    },
    async (req) => api.browseThemes(req.query.limit),
  );

  r.get(
    '/themes/:id',
    {
      schema: {
        tags,
        summary: 'Une thématique : sa place dans l’arbre et ce qu’elle contient (listes paginées)',
        params: s.idParams,
        querystring: s.pageQuery,
        response: { 200: s.themeResponse, ...errors },
      },
    },
    async (req) => api.theme(req.params.id, req.query),
  );

  r.get(
    '/fiches/:id',
    {
      schema: {
        tags,
        summary: 'Une fiche (ministère du Travail ou service-public.fr)',
        params: s.idParams,
        response: { 200: s.ficheResponse, ...errors },
      },
    },
    async (req) => api.fiche(req.params.id),
  );

  r.get(
    '/contributions/:id',
    {
      schema: {
        tags,
        summary: 'Une question-réponse, avec la réponse propre à une convention collective',
        params: s.idParams,
        querystring: s.optionalIdccQuery,
        response: { 200: s.contributionResponse, ...errors },
      },
    },
    async (req) => api.contribution(req.params.id, req.query.idcc),
  );

  r.get(
    '/conventions',
    {
      schema: {
        tags,
        summary: 'Trouver une convention collective par nom ou IDCC',
        querystring: s.conventionsQuery,
        response: { 200: s.conventionsResponse, ...errors },
      },
    },
    async (req) => ({ results: await api.conventions(req.query.q, req.query.limit) }),
  );

  r.get(
    '/conventions/:idcc',
    {
      schema: {
        tags,
        summary: 'Une convention collective et ses réponses propres',
        params: s.idccParams,
        response: { 200: s.conventionResponse, ...errors },
      },
    },
    async (req) => api.convention(req.params.idcc),
  );

  r.get(
    '/conventions/:idcc/articles',
    {
      schema: {
        tags,
        summary: 'Recherche dans les articles d’une convention collective',
        params: s.idccParams,
        querystring: s.conventionArticlesQuery,
        response: { 200: s.conventionArticlesResponse, ...errors },
      },
    },
    async (req) => api.conventionArticles(req.params.idcc, req.query.q, req.query.limit),
  );

  const calcErrors = { 400: s.errorBody, 503: s.errorBody };

  r.post(
    '/calculators/severance',
    {
      schema: {
        tags,
        summary: 'Indemnité légale de licenciement, étape par étape, avec les articles qui fondent chaque étape',
        description:
          'Ancienneté (L1234-9, L1234-11, R1234-1), salaire de référence (le plus favorable des 12 ou des 3 derniers mois, R1234-4), montant (R1234-2), temps partiel (L3123-5), inaptitude après un accident du travail ou une maladie professionnelle (doublée, L1226-14). Avec l’IDCC, la réponse propre à la convention est citée quand les questions-réponses en ont une.',
        body: s.severanceInput,
        response: { 200: s.severanceResponse, ...calcErrors },
      },
    },
    async (req) => api.severance(req.body),
  );

  r.post(
    '/calculators/notice',
    {
      schema: {
        tags,
        summary:
          'Durée du préavis de licenciement (L1234-1) ou de démission (L1237-1), et la règle de la convention collective quand elle est connue',
        body: s.noticeInput,
        response: { 200: s.noticeResponse, ...calcErrors },
      },
    },
    async (req) => api.notice(req.body),
  );
}
