import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { KarfurApi } from './api.ts';
import * as s from './schemas.ts';

const tags = ['Karfu’R'];
const errors = { 400: s.errorBody, 404: s.errorBody, 503: s.errorBody };

/** The open API: thin wrappers that validate, document and serialise; the work is in KarfurApi. */
export async function publicRoutes(app: FastifyInstance, api: KarfurApi): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/fiches',
    {
      schema: {
        tags,
        summary: 'Fiches publiées : recherche plein texte dans la langue de lecture (avec le français en secours) et filtres',
        querystring: s.fichesQuery,
        response: { 200: s.fichesResponse, ...errors },
      },
    },
    async (req) => api.fiches(req.query),
  );

  r.get(
    '/fiches/:id',
    {
      schema: {
        tags,
        summary: 'Une fiche dans une langue : chaque partie non traduite est donnée en français (translated: false)',
        params: s.idParams,
        querystring: s.langQuery,
        response: { 200: s.ficheResponse, ...errors },
      },
    },
    async (req) => api.fiche(req.params.id, req.query.lang),
  );

  r.get(
    '/themes',
    {
      schema: {
        tags,
        summary: 'Les thèmes et leurs besoins, dans une langue, avec le nombre de fiches',
        querystring: s.langQuery,
        response: { 200: s.themesResponse, ...errors },
      },
    },
    async (req) => api.themes(req.query.lang),
  );

  r.get(
    '/structures',
    {
      schema: {
        tags,
        summary: 'Annuaire des structures, par département (ou code postal, commune) et activité',
        querystring: s.structuresQuery,
        response: { 200: s.structuresResponse, ...errors },
      },
    },
    async (req) => api.structures(req.query),
  );

  r.get(
    '/structures/:id',
    {
      schema: {
        tags,
        summary: 'Une structure',
        params: s.idParams,
        querystring: s.langQuery,
        response: { 200: s.structureSummary, ...errors },
      },
    },
    async (req) => api.structure(req.params.id, req.query.lang),
  );

  r.get(
    '/languages',
    { schema: { tags, summary: 'Les huit langues et la part du contenu traduite', response: { 200: s.languagesResponse, ...errors } } },
    async () => api.languages(),
  );

  // ---- journeys: no account; the read token is the share link, the edit token stays with its owner.
  const journeyTags = ['Karfu’R — parcours'];
  const editHeader = z.object({ 'x-edit-token': z.string().regex(/^[A-Za-z0-9_-]{22}$/, { message: 'jeton de modification invalide' }) });

  r.post(
    '/journeys',
    {
      schema: {
        tags: journeyTags,
        summary: 'Créer un parcours (sans compte) ; la réponse donne le jeton de modification, à garder',
        querystring: s.langQuery,
        body: z.object({ fiche: z.string().max(80).optional() }).default({}),
        response: { 201: s.journeyCreated, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await api.createJourney(req.query.lang, req.body.fiche)),
  );

  r.get(
    '/journeys/:token',
    {
      schema: {
        tags: journeyTags,
        summary: 'Un parcours partagé (lecture seule)',
        params: s.tokenParams,
        querystring: s.langQuery,
        response: { 200: s.journeyResponse, ...errors },
      },
    },
    async (req) => api.journey(req.params.token, req.query.lang),
  );

  r.patch(
    '/journeys/:token',
    {
      schema: {
        tags: journeyTags,
        summary: 'Modifier un parcours (en-tête X-Edit-Token)',
        params: s.tokenParams,
        querystring: s.langQuery,
        headers: editHeader,
        body: s.journeyEditBody,
        response: { 200: s.journeyResponse, 403: s.errorBody, ...errors },
      },
    },
    async (req) => api.editJourney(req.params.token, req.headers['x-edit-token'], req.body, req.query.lang),
  );

  r.delete(
    '/journeys/:token',
    {
      schema: {
        tags: journeyTags,
        summary: 'Supprimer un parcours',
        params: s.tokenParams,
        headers: editHeader,
        response: { 204: z.null(), 403: s.errorBody, ...errors },
      },
    },
    async (req, reply) => {
      await api.deleteJourney(req.params.token, req.headers['x-edit-token']);
      return reply.code(204).send(null);
    },
  );
}
