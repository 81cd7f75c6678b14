import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { defineUpload, receiveUpload, keepUpload, MiB, requireRole } from '@eig/platform';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import { HttpError } from '@eig/platform';
import type { KarfurStaff } from './staff.ts';
import { actorOf, STAFF_ROLES } from './staff.ts';
import { IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB } from '../runtime.ts';
import * as s from './schemas.ts';

const tags = ['Karfu’R — contribution'];
const errors = { 400: s.errorBody, 401: s.errorBody, 403: s.errorBody, 404: s.errorBody, 409: s.errorBody };

/** A structure's logo: small images only, checked by content (the platform's uploads). */
export const logoUpload = defineUpload({ files: { logo: { maxBytes: 2 * MiB, types: ['image/png', 'image/jpeg', 'image/webp'] } } });

const JOB_NAMES = {
  'import-contenu': IMPORT_CONTENT_JOB,
  'import-service-public': IMPORT_VDD_JOB,
  'index-recherche': SEARCH_INDEX_JOB,
} as const;

/** Translators, experts, structures and admins: every route checks the session, the role and the state. */
export async function staffRoutes(app: FastifyInstance, staff: KarfurStaff, dataDir: string): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const preHandler = requireRole(...STAFF_ROLES);
  const actor = (req: FastifyRequest) => actorOf(req, staff.runtime);

  r.get(
    '/translations/progress',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Avancement des traductions par langue, par fiche, et mots traduits par traducteur',
        response: { 200: s.progressResponse, ...errors },
      },
    },
    async (req) => {
      await actor(req);
      return staff.progress();
    },
  );

  r.get(
    '/translations/:fiche/:lang',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Les parties d’une fiche à traduire dans une langue : statut, mémoire de traduction, différences du français',
        params: s.translationParams,
        response: { 200: s.translationEditorResponse, ...errors },
      },
    },
    async (req) => staff.editor(await actor(req), req.params.fiche, req.params.lang),
  );

  r.post(
    '/translations/:fiche/:lang/:unit',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Agir sur la traduction d’une partie : brouillon, soumission, validation, refus, relecture confirmée',
        params: s.unitParams,
        body: s.translationAction,
        response: { 200: s.unitEditorSchema, ...errors },
      },
    },
    async (req) => staff.translate(await actor(req), req.params.fiche, req.params.lang, req.params.unit, req.body),
  );

  r.get(
    '/moderation/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'État de modération d’une fiche et actions permises',
        params: s.idParams,
        response: { 200: s.moderationView, ...errors },
      },
    },
    async (req) => staff.moderationView(await actor(req), req.params.id),
  );

  r.post(
    '/moderation',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Proposer une nouvelle fiche (brouillon)',
        body: s.draftBody,
        response: { 201: s.moderationView, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await staff.saveDraft(await actor(req), null, req.body.fiche)),
  );

  r.put(
    '/moderation/:id/draft',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Écrire le brouillon d’une fiche (la version publiée reste en ligne)',
        params: s.idParams,
        body: s.draftBody,
        response: { 200: s.moderationView, ...errors },
      },
    },
    async (req) => staff.saveDraft(await actor(req), req.params.id, req.body.fiche),
  );

  r.post(
    '/moderation/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Soumettre, valider (structure puis administration), refuser, publier, retirer',
        params: s.idParams,
        body: s.moderationBody,
        response: { 200: s.moderationView, ...errors },
      },
    },
    async (req) => staff.moderate(await actor(req), req.params.id, req.body.action, req.body.comment),
  );

  r.get(
    '/moderation',
    {
      preHandler,
      schema: { tags, summary: 'Brouillons qui attendent la personne connectée', response: { 200: s.moderationQueue, ...errors } },
    },
    async (req) => staff.queue(await actor(req)),
  );

  r.get(
    '/freshness',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Fiches à revoir (plus d’un an, ou bientôt) par structure',
        response: { 200: s.freshnessResponse, ...errors },
      },
    },
    async (req) => staff.freshness(await actor(req)),
  );

  r.get(
    '/audit',
    {
      preHandler,
      schema: { tags, summary: 'Journal des modifications', querystring: s.auditQuery, response: { 200: s.auditResponse, ...errors } },
    },
    async (req) => staff.audit(await actor(req), req.query),
  );

  r.post(
    '/admin/members',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Rattacher un compte à une structure ou à une langue (ou l’en détacher)',
        body: s.memberBody,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await staff.setMember(await actor(req), req.body);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/admin/jobs/:job',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Lancer une tâche : import du contenu de départ, import service-public.fr, reconstruction de l’index',
        params: z.object({ job: z.enum(Object.keys(JOB_NAMES) as [keyof typeof JOB_NAMES]) }),
        response: { 202: s.jobAccepted, ...errors },
      },
    },
    async (req, reply) => reply.code(202).send({ jobId: await staff.startJob(await actor(req), JOB_NAMES[req.params.job]) }),
  );

  r.get(
    '/admin/jobs',
    {
      preHandler,
      schema: { tags, summary: 'Tâches récentes de Karfu’R et leur avancement', response: { 200: s.jobsResponse, ...errors } },
    },
    async (req) => {
      staff.requireAdmin(await actor(req));
      return staff.jobsList();
    },
  );

  r.post(
    '/structures/:id/logo',
    {
      preHandler,
      schema: {
        tags,
        summary: 'Envoyer le logo d’une structure (PNG, JPEG ou WebP, 2 Mo au plus)',
        params: s.idParams,
        consumes: ['multipart/form-data'],
        response: { 201: s.uploadResponse, 413: s.errorBody, 415: s.errorBody, ...errors },
      },
    },
    async (req, reply) => {
      const who = await actor(req);
      const c = await staff.runtime.current();
      if (!c.structures.has(req.params.id)) throw new HttpError(404, 'Structure introuvable.', 'karfur.structure_not_found');
      if (
        !who.roles.includes('karfur.admin') &&
        !who.roles.includes('admin') &&
        !(who.roles.includes('karfur.structure-manager') && who.structures?.includes(req.params.id))
      ) {
        throw new HttpError(403, 'Seuls les responsables de la structure peuvent changer son logo.', 'forbidden');
      }
      const { files } = await receiveUpload(req, logoUpload);
      const file = files.logo[0];
      const dir = path.join(dataDir, 'karfur', 'logos');
      await mkdir(dir, { recursive: true });
      await keepUpload(req, file, path.join(dir, `${req.params.id}`));
      await staff.runtime.repo.audit(staff.runtime.repo.db, {
        actor: who.id,
        action: 'logo_uploaded',
        structure: req.params.id,
        detail: { type: file.type, size: file.size },
      });
      return reply.code(201).send({ structure: req.params.id, type: file.type, size: file.size });
    },
  );
}
