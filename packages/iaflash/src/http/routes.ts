/**
 * IA Flash's JSON API under /api/iaflash: thin wrappers that validate, document and serialise; the
 * work is in IaflashService. Public (no login, nothing stored): analyze, plates/read,
 * registry/normalize, matchvec/predict. Agents and administrators: batches, review, registry,
 * statistics. Administrators: training and model activation.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MiB, defineUpload, receiveUpload, requireRole } from '@eig/platform';
import type { IaflashSettings } from '../settings.ts';
import { ADMIN_ROLE, AGENT_ROLE, type IaflashService } from '../service/api.ts';
import { toHttpError } from '../service/errors.ts';
import * as s from './schemas.ts';

const errors = { 400: s.errorBody, 413: s.errorBody, 415: s.errorBody, 422: s.errorBody, 503: s.errorBody };
const authErrors = { 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };

export const photoUpload = (st: IaflashSettings) =>
  defineUpload({
    files: {
      image: { maxBytes: st.IAFLASH_MAX_PHOTO_BYTES, types: ['image/jpeg', 'image/png'] },
      plateImage: { maxBytes: st.IAFLASH_MAX_PHOTO_BYTES, types: ['image/jpeg', 'image/png'], required: false },
    },
    fields: s.analyzeFields,
  });

/** One photo and nothing else (matchvec/predict, plates/read), with the same limits as /analyze. */
export const imageUpload = (st: IaflashSettings) => defineUpload({ files: { image: photoUpload(st).files.image } });

export const batchUpload = (st: IaflashSettings) =>
  defineUpload({
    files: {
      photos: { maxBytes: st.IAFLASH_MAX_ZIP_BYTES, types: ['application/zip'], storage: 'disk' },
      cases: { maxBytes: 50 * MiB, types: ['text/csv', 'text/plain'] },
    },
    fields: z.object({ name: z.string().max(200).optional() }),
  });

export const trainUpload = (st: IaflashSettings) =>
  defineUpload({
    files: {
      photos: { maxBytes: st.IAFLASH_MAX_ZIP_BYTES, types: ['application/zip'], storage: 'disk' },
      labels: { maxBytes: 50 * MiB, types: ['text/csv', 'text/plain'], required: false },
    },
    fields: z.object({ name: z.string().max(200).optional() }),
  });

export const registryUpload = defineUpload({
  files: { registry: { maxBytes: 200 * MiB, types: ['text/csv', 'text/plain'], storage: 'disk' } },
});

const wrap = async <T>(fn: () => Promise<T>): Promise<T> => {
  try {
    return await fn();
  } catch (err) {
    throw toHttpError(err);
  }
};

/**
 * matchvec's `POST /matchvec/predict` (multipart `image`), answered in its shape. Mounted twice: under
 * /api/iaflash with the rest of the API, and at the root path itself (the module's compatibility routes),
 * so that an existing matchvec integration switches without change.
 */
export async function matchvecRoute(app: FastifyInstance, api: IaflashService, settings: IaflashSettings): Promise<void> {
  const image = imageUpload(settings);
  app.withTypeProvider<ZodTypeProvider>().post(
    '/matchvec/predict',
    {
      schema: {
        tags: ['IA Flash'],
        summary: 'Compatibilité matchvec (IA Flash de l’ANTAI) : même réponse que /matchvec/predict',
        response: { 200: s.matchvecResponse, ...errors },
      },
    },
    async (req) => {
      const { files } = await receiveUpload(req, image);
      return api.matchvec(await files.image[0].read());
    },
  );
}

export async function iaflashRoutes(app: FastifyInstance, api: IaflashService, settings: IaflashSettings): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = requireRole(AGENT_ROLE, ADMIN_ROLE);
  const admin = requireRole(ADMIN_ROLE);
  const tags = ['IA Flash'];
  const staffTags = ['IA Flash — agents'];
  const photos = photoUpload(settings);
  const image = imageUpload(settings);

  r.post(
    '/analyze',
    {
      schema: {
        tags,
        summary: 'Analyse une photo : véhicule, top 5 marque/modèle, cohérence avec le registre',
        description:
          'Multipart : « image » (JPEG ou PNG), et facultatifs « plate », « registeredMake », « registeredModel » (chaînes brutes du registre, normalisées), ' +
          '« plateImage » (l’image recadrée de la plaque : le lecteur la lit et signale un désaccord avec « plate », qui fait foi). ' +
          'Sans marque ni modèle, la plaque est cherchée dans le registre importé. Rien n’est conservé, sauf « store=true » (agents connectés).',
        response: { 200: s.analyzeResponse, ...errors, 401: s.errorBody, 403: s.errorBody },
      },
    },
    async (req) => {
      const { files, fields } = await receiveUpload(req, photos);
      const out = await api.analyze(await files.image[0].read(), fields, req.user ?? null, {
        plateImage: files.plateImage[0] ? await files.plateImage[0].read() : undefined,
      });
      delete out.thumbnail;
      return out;
    },
  );

  await matchvecRoute(app, api, settings);

  r.post(
    '/plates/read',
    {
      schema: { tags, summary: 'Lit une plaque française sur une image de plaque recadrée', response: { 200: s.plateResponse, ...errors } },
    },
    async (req) => {
      const { files } = await receiveUpload(req, image);
      return api.readPlate(await files.image[0].read());
    },
  );

  r.post(
    '/registry/normalize',
    {
      schema: {
        tags,
        summary: 'Normalise une marque/modèle du registre (SIV) : « reneau clioRT » → RENAULT CLIO',
        body: s.normalizeBody,
        response: { 200: s.normalizeResponse, 400: s.errorBody },
      },
    },
    async (req) => api.normalize(req.body.raw),
  );

  // ---- registry, batches (agents)

  r.post(
    '/registry',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Importe un extrait du registre (CSV plate,make,model) pour retrouver la marque et le modèle par la plaque',
        response: { 200: s.registryImportResponse, ...errors, ...authErrors },
      },
    },
    async (req) => {
      const { files } = await receiveUpload(req, registryUpload);
      return wrap(async () => api.importRegistry(await files.registry[0].read()));
    },
  );

  r.post(
    '/batches',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Soumet un lot : « photos » (zip) et « cases » (CSV file,plate,make,model[,plate_file]) ; analysé en tâche de fond',
        response: { 202: s.batchSubmitResponse, ...errors, ...authErrors },
      },
    },
    async (req, reply) => {
      const { files, fields } = await receiveUpload(req, batchUpload(settings));
      const out = await wrap(async () =>
        api.submitBatch({
          name: fields.name ?? files.photos[0].filename,
          origin: 'api',
          user: req.user!,
          zip: await files.photos[0].read(),
          casesCsv: await files.cases[0].read(),
        }),
      );
      return reply.code(202).send({ batch: out.batch, jobs: out.jobs });
    },
  );

  r.get(
    '/batches',
    {
      preHandler: staff,
      schema: { tags: staffTags, summary: 'Lots récents et leur avancement', response: { 200: s.batchesResponse, ...authErrors } },
    },
    async () => ({ batches: await api.batches() }),
  );

  r.get(
    '/batches/:id',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Avancement et résultats d’un lot (filtrés, paginés)',
        params: s.idParams,
        querystring: s.resultsQuery,
        response: { 200: s.resultsResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.results(req.params.id, req.query),
  );

  r.get(
    '/batches/:id/results.csv',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Résultats d’un lot en CSV (séparateur « ; »)',
        params: s.idParams,
        querystring: s.resultsQuery.pick({ decision: true, status: true }),
        response: { 200: z.string(), ...authErrors, 400: s.errorBody },
      },
    },
    async (req, reply) => {
      const csv = await api.resultsCsv(req.params.id, req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="iaflash-lot-${req.params.id}.csv"`)
        .send(csv);
    },
  );

  // ---- review (agents)

  r.get(
    '/flags',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'File des alertes (plaques doublées suspectées)',
        querystring: s.flagsQuery,
        response: { 200: s.flagsResponse, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.flags(req.query.status, req.query.page),
  );

  r.get(
    '/flags/:id',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Une alerte : véhicule, top 5, registre, raisons, journal',
        params: s.idParams,
        response: { 200: s.flagDetail, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.flag(req.params.id),
  );

  r.get(
    '/flags/:id/photo',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Photo de l’alerte (réencodée, JPEG)',
        params: s.idParams,
        response: { 200: z.any(), ...authErrors, 400: s.errorBody },
      },
    },
    async (req, reply) => {
      const photo = await api.flagPhoto(req.params.id);
      if (!photo)
        return reply.code(404).send({
          statusCode: 404,
          code: 'iaflash.photo_gone',
          message: 'Photo indisponible (effacée à la fin de la durée de conservation).',
        });
      return reply.type('image/jpeg').header('cache-control', 'private, no-store').send(photo);
    },
  );

  r.post(
    '/flags/:id/decision',
    {
      preHandler: staff,
      schema: {
        tags: staffTags,
        summary: 'Décision de l’agent : confirmer le doute ou l’écarter (journalisé). N’envoie ni n’annule jamais une amende.',
        params: s.idParams,
        body: s.decideBody,
        response: { 200: s.flagSummary, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => api.decide(req.params.id, req.body, req.user!),
  );

  r.get(
    '/stats',
    {
      preHandler: staff,
      schema: { tags: staffTags, summary: 'Statistiques par jour et par modèle', response: { 200: s.statsResponse, ...authErrors } },
    },
    async () => api.stats(),
  );

  // ---- model

  r.get(
    '/model',
    {
      schema: { tags, summary: 'Modèle actif : classes, seuil, mesures de validation ; modèles entraînés', response: { 200: s.modelInfo } },
    },
    async () => api.modelInfo(),
  );

  r.post(
    '/models',
    {
      preHandler: admin,
      schema: {
        tags: ['IA Flash — administration'],
        summary: 'Entraîne un modèle : « photos » (zip) et « labels » (CSV file,make,model[,group]) ; tâche de fond',
        response: { 202: s.trainResponse, ...errors, ...authErrors },
      },
    },
    async (req, reply) => {
      const { files, fields } = await receiveUpload(req, trainUpload(settings));
      const out = await wrap(async () =>
        api.startTraining({
          zip: await files.photos[0].read(),
          labelsCsv: files.labels?.[0] ? await files.labels[0].read() : null,
          name: fields.name,
          user: req.user!,
        }),
      );
      return reply.code(202).send(out);
    },
  );

  r.post(
    '/models/:id/activate',
    {
      preHandler: admin,
      schema: {
        tags: ['IA Flash — administration'],
        summary: 'Rend un modèle entraîné actif',
        params: s.idParams,
        response: { 200: s.modelInfo, ...authErrors, 400: s.errorBody },
      },
    },
    async (req) => {
      await api.activate(req.params.id);
      return api.modelInfo();
    },
  );
}
