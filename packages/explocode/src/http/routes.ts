import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ExplocodeRuntime } from '../runtime.ts';
import type { SearchEngine } from '../core/engine-contract.ts';
import { canonicalArticleNum } from '../core/article-number.ts';
import { searchConventionArticles } from './convention-articles.ts';
import * as s from './schemas.ts';

const tags = ['ExploCode'];

function fail(reply: FastifyReply, statusCode: number, message: string) {
  const error = statusCode === 404 ? 'Not Found' : statusCode === 503 ? 'Service Unavailable' : 'Bad Request';
  return reply.code(statusCode).send({ statusCode, error, message });
}

export async function explocodeRoutes(app: FastifyInstance, runtime: ExplocodeRuntime): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const repo = runtime.repo;

  /** The engine, or a 503 that tells how far the first ingest is. */
  function engineOr503(reply: FastifyReply): SearchEngine | null {
    if (runtime.engine) return runtime.engine;
    const p = runtime.ingest;
    const pct = p && p.total > 0 ? ` (${Math.round((100 * p.done) / p.total)} %)` : '';
    void fail(reply, 503, `ExploCode prépare ses données${pct}, réessayez dans quelques instants.`);
    return null;
  }

  r.get(
    '/search',
    {
      schema: {
        tags,
        summary: 'Recherche dans le Code du travail, les fiches, les questions-réponses et les conventions',
        querystring: s.searchQuery,
        response: { 200: s.searchResponse, 400: s.errorBody, 503: s.errorBody },
      },
    },
    async (req, reply) => {
      const engine = engineOr503(reply);
      if (!engine) return reply;
      const { q, type, limit, offset, idcc, theme } = req.query;
      return engine.search(q, { type: type as never, limit, offset, idcc, themeId: theme });
    },
  );

  r.get(
    '/suggest',
    {
      schema: {
        tags,
        summary: 'Thématiques et complétions proposées pendant la saisie',
        querystring: s.suggestQuery,
        response: { 200: s.suggestResponse, 400: s.errorBody, 503: s.errorBody },
      },
    },
    async (req, reply) => {
      const engine = engineOr503(reply);
      if (!engine) return reply;
      return engine.suggest(req.query.q, req.query.limit);
    },
  );

  r.get(
    '/articles/:num',
    {
      schema: {
        tags,
        summary: "Un article du Code du travail, par numéro (toutes graphies : L1234-9, L. 1234-9…) ou identifiant LEGIARTI",
        params: s.articleParams,
      },
    },
    async (req, reply) => {
      const raw = req.params.num.trim();
      const key = /^LEGIARTI\d+$/i.test(raw) ? raw.toUpperCase() : (canonicalArticleNum(raw) ?? raw);
      const found = await repo.getArticle(key);
      if (!found) return fail(reply, 404, `Article inconnu : ${raw.slice(0, 50)}`);
      const [neighbours, citedBy] = await Promise.all([
        repo.articleNeighbours(found.article.order),
        repo.citedBy(found.article.num),
      ]);
      return { ...found, ...neighbours, citedBy };
    },
  );

  r.get('/themes', { schema: { tags, summary: 'Les thématiques racines (parties du Code, thèmes service-public)' } }, async () =>
    repo.rootThemes(),
  );

  r.get(
    '/themes/:id',
    { schema: { tags, summary: 'Une thématique : sa place dans l’arbre et ce qu’elle contient', params: s.idParams, querystring: s.pageQuery } },
    async (req, reply) => {
      const theme = await repo.getTheme(req.params.id, req.query);
      if (!theme) return fail(reply, 404, 'Thématique inconnue');
      return theme;
    },
  );

  r.get('/fiches/:id', { schema: { tags, summary: 'Une fiche (ministère du Travail ou service-public.fr)', params: s.idParams } }, async (req, reply) => {
    const fiche = await repo.getFiche(req.params.id);
    if (!fiche) return fail(reply, 404, 'Fiche inconnue');
    return fiche;
  });

  r.get(
    '/contributions/:id',
    { schema: { tags, summary: 'Une question-réponse, avec la réponse propre à une convention collective', params: s.idParams, querystring: s.optionalIdccQuery } },
    async (req, reply) => {
      const found = await repo.getContribution(req.params.id, req.query.idcc);
      if (!found) return fail(reply, 404, 'Question-réponse inconnue');
      return found;
    },
  );

  r.get('/conventions', { schema: { tags, summary: 'Trouver une convention collective par nom ou IDCC', querystring: s.conventionsQuery } }, async (req) => ({
    results: await repo.listConventions(req.query.q, req.query.limit),
  }));

  r.get(
    '/conventions/:idcc',
    { schema: { tags, summary: 'Une convention collective et ses réponses propres', params: s.idccParams } },
    async (req, reply) => {
      const found = await repo.getConvention(req.params.idcc);
      if (!found) return fail(reply, 404, `Convention collective inconnue : IDCC ${req.params.idcc}`);
      return found;
    },
  );

  r.get(
    '/conventions/:idcc/articles',
    { schema: { tags, summary: 'Recherche dans les articles d’une convention collective', params: s.idccParams, querystring: s.conventionArticlesQuery } },
    async (req, reply) => {
      const found = await repo.getConvention(req.params.idcc);
      if (!found) return fail(reply, 404, `Convention collective inconnue : IDCC ${req.params.idcc}`);
      return { results: await searchConventionArticles(repo, runtime.datasetId, req.params.idcc, req.query.q, req.query.limit) };
    },
  );

  r.get('/status', { schema: { tags, summary: 'État du contenu : jeu de données servi, ingestion en cours' } }, async () => ({
    ready: runtime.ready,
    dataset: runtime.datasetVersion ? { version: runtime.datasetVersion, activatedAt: runtime.activatedAt } : null,
    ingest: runtime.ingest,
    error: runtime.lastError,
    counts: runtime.ready ? await repo.counts() : null,
  }));
}
