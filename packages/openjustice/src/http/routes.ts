/**
 * Open Justice's JSON API under /api/openjustice: thin wrappers that validate, document and
 * serialise; the work is in OpenJusticeApi. Public: pseudonymize, ner. Staff (agents, admins):
 * review and imports. Logged-in users: open data (export, decision, search).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { MiB, defineUpload, receiveUpload, requireRole, type UploadType } from '@eig/platform';
import type { OpenJusticeSettings } from '../settings.ts';
import { ADMIN_ROLE, AGENT_ROLE } from '../review/workflow.ts';
import type { OpenJusticeApi } from './api.ts';
import * as s from './schemas.ts';

const errors = { 400: s.errorBody, 413: s.errorBody, 415: s.errorBody, 503: s.errorBody };
const authErrors = { 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };
/** Bodies of the synchronous routes: the text limit (1 M characters) as JSON, escapes included, with room. */
const SYNC_BODY_LIMIT = 8 * MiB;

const EXT_OF_TYPE: Partial<Record<UploadType, string>> = {
  'text/plain': '.txt',
  'text/html': '.html',
  'application/json': '.json',
  'application/x-ndjson': '.jsonl',
};

export async function openJusticeRoutes(app: FastifyInstance, api: OpenJusticeApi, settings: OpenJusticeSettings): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireRole(AGENT_ROLE, ADMIN_ROLE);
  const admin = requireRole(ADMIN_ROLE);
  const anyUser = requireRole();
  const tags = ['Open Justice'];
  const reviewTags = ['Open Justice — relecture'];
  const openTags = ['Open Justice — open data'];

  r.post(
    '/pseudonymize',
    {
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Pseudonymise un texte (sans connexion, rien n’est conservé)',
        description: `Réponse immédiate jusqu’à ${settings.OPENJUSTICE_SYNC_MAX_CHARS} caractères ; au-delà, importer la décision (POST /imports) : elle est annotée en tâche de fond.`,
        body: s.pseudonymizeBody,
        response: { 200: s.pseudonymizeResponse, ...errors },
      },
    },
    async (req) => api.pseudonymize(req.body),
  );

  r.post(
    '/ner',
    {
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Service NLP pour Label (requête de Label, réponse nlpResponseType)',
        body: s.labelNerBody,
        response: { 200: s.labelNerResponse, ...errors },
      },
    },
    async (req) => api.labelNer(req.body),
  );

  // ---- review

  r.get(
    '/decisions',
    {
      preHandler: staff,
      schema: {
        tags: reviewTags,
        summary: 'Décisions (paginées, filtrées par statut, attribution, numéro)',
        querystring: s.listQuery,
        response: { 200: s.listResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.list(req.query, req.user!),
  );

  r.get(
    '/decisions/:id',
    {
      preHandler: staff,
      schema: {
        tags: reviewTags,
        summary: 'Une décision à relire : texte, occultations, doutes, risque',
        params: s.idParams,
        response: { 200: s.decisionDetail, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.detail(req.params.id, req.user!),
  );

  r.get(
    '/decisions/:id/preview',
    {
      preHandler: staff,
      schema: {
        tags: reviewTags,
        summary: 'Aperçu du texte pseudonymisé',
        params: s.idParams,
        response: { 200: s.previewResponse, ...authErrors },
      },
    },
    async (req) => api.preview(req.params.id),
  );

  r.put(
    '/decisions/:id/annotations',
    {
      preHandler: staff,
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: reviewTags,
        summary: 'Enregistrer les occultations (statut « saved »)',
        params: s.idParams,
        body: s.saveBody,
        response: { 200: s.changeResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.save(req.params.id, req.user!, req.body),
  );

  r.post(
    '/decisions/:id/actions/:action',
    {
      preHandler: staff,
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: reviewTags,
        summary: 'Action du circuit de relecture (prise en charge, validation, confirmation, verrouillage…)',
        params: s.actionParams,
        body: s.changeBody.optional(),
        response: { 200: s.changeResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.act(req.params.id, req.params.action, req.user!, req.body ?? {}),
  );

  r.post(
    '/decisions/:id/assign',
    {
      preHandler: admin,
      schema: {
        tags: reviewTags,
        summary: 'Pré-attribuer une décision à un agent (administrateurs)',
        params: s.idParams,
        body: s.assignBody,
        response: { 200: s.changeResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.assign(req.params.id, req.user!, req.body.assignee),
  );

  r.get(
    '/decisions/:id/history',
    {
      preHandler: admin,
      schema: {
        tags: reviewTags,
        summary: 'Journal des modifications (qui, quand, avant/après, temps passé)',
        params: s.idParams,
        response: { 200: s.historyResponse, ...authErrors },
      },
    },
    async (req) => api.history(req.params.id),
  );

  r.get(
    '/stats',
    {
      preHandler: admin,
      schema: { tags: reviewTags, summary: 'File de relecture et activité des agents', response: { 200: s.statsResponse, ...authErrors } },
    },
    async () => api.stats(),
  );

  // ---- imports

  const upload = defineUpload({
    files: {
      files: {
        maxBytes: settings.OPENJUSTICE_IMPORT_MAX_FILE_BYTES,
        maxCount: 50,
        types: ['text/plain', 'text/html', 'application/json', 'application/x-ndjson'],
      },
    },
  });

  r.post(
    '/imports',
    {
      preHandler: staff,
      schema: {
        tags: reviewTags,
        summary: 'Importer des décisions (multipart, champ « files » : .txt, .html, .json, .jsonl) ; annotées en tâche de fond',
        response: { 202: s.importResponse, ...authErrors, ...errors },
      },
    },
    async (req, reply) => {
      const { files } = await receiveUpload(req, upload);
      const list = await Promise.all(
        (files.files ?? []).map(async (f) => ({
          filename: /\.(txt|text|html?|xhtml|json|jsonl|ndjson)$/i.test(f.filename)
            ? f.filename
            : `${f.filename}${EXT_OF_TYPE[f.type] ?? ''}`,
          bytes: await f.read(),
        })),
      );
      return reply.code(202).send(await api.importFiles(list, req.user!));
    },
  );

  r.post(
    '/decisions',
    {
      preHandler: staff,
      bodyLimit: SYNC_BODY_LIMIT,
      schema: {
        tags: reviewTags,
        summary: 'Importer une décision (JSON) ; annotée en tâche de fond',
        body: s.decisionImportBody,
        response: { 202: s.importResponse, ...authErrors, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send(await api.importOne(req.body, req.user!)),
  );

  r.get(
    '/imports',
    {
      preHandler: staff,
      schema: { tags: reviewTags, summary: 'Imports récents et leur avancement', response: { 200: s.importsResponse, ...authErrors } },
    },
    async () => ({
      imports: await api.imports(),
    }),
  );

  r.get(
    '/imports/:id',
    {
      preHandler: staff,
      schema: {
        tags: reviewTags,
        summary: 'Avancement d’un import',
        params: s.idParams,
        response: { 200: s.importProgress, ...authErrors },
      },
    },
    async (req) => api.importProgress(req.params.id),
  );

  // ---- open data

  r.get(
    '/export',
    {
      preHandler: anyUser,
      schema: {
        tags: openTags,
        summary: 'Export des décisions publiées, par date de mise à jour (moissonnage incrémental, pages à curseur)',
        description:
          'Ordre stable (update_date, puis identifiant). Pour moissonner : suivre next_cursor jusqu’à null, puis reprendre plus tard avec date_start = le dernier update_date reçu. Les update_date sont attribuées dans l’ordre des validations.',
        querystring: s.exportQuery,
        response: { 200: s.exportResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const page = await api.exportPage(q);
      const next = page.nextCursor
        ? `/api/openjustice/export?${new URLSearchParams({ ...(q.date_start ? { date_start: q.date_start } : {}), ...(q.date_end ? { date_end: q.date_end } : {}), date_type: q.date_type, batch_size: String(q.batch_size), cursor: page.nextCursor })}`
        : null;
      // Documents are stored as JSON: streamed as they are, never parsed and re-serialised.
      const head = `{"batch_size":${q.batch_size},"total":${page.total},"next_cursor":${JSON.stringify(page.nextCursor)},"next_batch":${JSON.stringify(next)},"results":[`;
      async function* body() {
        yield head;
        for (const [i, d] of page.documents.entries()) yield (i ? ',' : '') + d;
        yield ']}';
      }
      return reply.type('application/json; charset=utf-8').send(Readable.from(body()) as never);
    },
  );

  r.get(
    '/decision',
    {
      preHandler: anyUser,
      schema: {
        tags: openTags,
        summary: 'Une décision publiée, par son identifiant (celui de l’export)',
        querystring: s.decisionQuery,
        response: { 200: s.publishedDocument, ...authErrors },
      },
    },
    async (req) => api.decision(req.query.id),
  );

  r.get(
    '/search',
    {
      preHandler: anyUser,
      schema: {
        tags: openTags,
        summary: 'Recherche plein texte dans les décisions publiées',
        querystring: s.searchQuery,
        response: { 200: s.searchResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.search(req.query),
  );
}
