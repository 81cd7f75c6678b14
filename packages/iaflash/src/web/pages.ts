/**
 * IA Flash's pages: loaders call the same IaflashService as the JSON routes. Every action is a plain
 * form (multipart uploads, POST then redirect with a notice): the service works without JavaScript;
 * two islands only follow progress (a batch's analysis, a training).
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, receiveUpload, type AuthUser, type ServiceContext, type ServiceWeb } from '@eig/platform';
import { definePage, redirect, view, type PageDefinition } from '@eig/platform/web';
import { iaflashFor } from '../context.ts';
import { ADMIN_ROLE, IaflashService, isAdmin, isStaff } from '../service/api.ts';
import { toHttpError } from '../service/errors.ts';
import { batchUpload, photoUpload, trainUpload } from '../http/routes.ts';
import { DECISIONS, FLAG_STATUSES, type DecisionValue, type FlagStatus } from '../http/schemas.ts';
import type { IaflashSettings } from '../settings.ts';
import { views, type Notice, type Viewer } from './views.ts';

type Ctx = ServiceContext<IaflashSettings>;
type Form = Record<string, string | undefined>;
const RESULTS_PAGE_SIZE = 50;

const apiOf = (ctx: Ctx) => new IaflashService(iaflashFor(ctx));
const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Form;
const formOf = (req: FastifyRequest) => (req.body ?? {}) as Form;
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

const viewerOf = (u: AuthUser): Viewer => ({ email: u.email, isAgent: isStaff(u), isAdmin: isAdmin(u) });

function requireStaff(req: FastifyRequest): AuthUser {
  if (!req.user) throw new HttpError(401, 'Connectez-vous pour accéder aux dossiers IA Flash.');
  if (!isStaff(req.user)) throw new HttpError(403, 'Ces pages sont réservées aux agents et administrateurs IA Flash.');
  return req.user;
}

function requireAdmin(req: FastifyRequest): AuthUser {
  const u = requireStaff(req);
  if (!isAdmin(u)) throw new HttpError(403, 'Cette action est réservée aux administrateurs IA Flash.');
  return u;
}

const idOf = (req: FastifyRequest, what: string): number => {
  const n = Number((req.params as { id: string }).id);
  if (!Number.isSafeInteger(n) || n < 1) throw new HttpError(404, `${what} inconnu(e).`);
  return n;
};

const NOTICES: Record<string, Notice> = {
  confirm: { severity: 'success', text: 'Doute confirmé : le dossier suit la procédure habituelle de vérification.' },
  dismiss: { severity: 'success', text: 'Alerte écartée.' },
  reopen: { severity: 'info', text: 'Alerte rouverte.' },
  lot: { severity: 'success', text: 'Lot enregistré : l’analyse se poursuit en tâche de fond.' },
  'lot.fini': { severity: 'success', text: 'Lot enregistré et analysé.' },
  entrainement: { severity: 'success', text: 'Entraînement lancé : il se poursuit en tâche de fond.' },
  'iaflash.stale': { severity: 'error', text: 'L’alerte a été traitée entre-temps : la page a été rechargée.' },
  'iaflash.bad_transition': { severity: 'error', text: 'Cette action n’est pas possible dans l’état actuel de l’alerte.' },
  'iaflash.reopen_forbidden': { severity: 'error', text: 'Seuls les administrateurs peuvent rouvrir une alerte.' },
};

const noticeOf = (req: FastifyRequest): Notice | null => {
  const q = queryOf(req);
  if (q.erreur && !NOTICES[q.erreur]) return { severity: 'error', text: q.erreur.slice(0, 300) };
  return NOTICES[q.erreur ?? q.ok ?? ''] ?? null;
};

const userError = (err: unknown): HttpError | null => {
  const e = toHttpError(err);
  return e instanceof HttpError && e.statusCode < 500 && e.statusCode !== 401 && e.statusCode !== 403 ? e : null;
};

const pages: PageDefinition<IaflashSettings>[] = [
  definePage<IaflashSettings>({
    path: '/iaflash',
    async load({ req, ctx }) {
      const info = await apiOf(ctx).modelInfo();
      return view(
        views.home,
        { viewer: req.user ? viewerOf(req.user) : null, model: info.active },
        { title: 'IA Flash : plaques doublées' },
      );
    },
  }),
  definePage<IaflashSettings>({
    path: '/iaflash/analyser',
    load({ req, ctx }) {
      return view(
        views.analyse,
        {
          viewer: req.user ? viewerOf(req.user) : null,
          form: { plate: '', registeredMake: '', registeredModel: '' },
          result: null,
          photo: null,
          error: null,
          maxMb: mb(ctx.settings.IAFLASH_MAX_PHOTO_BYTES),
        },
        { title: 'Analyser une photo' },
      );
    },
  }),
  definePage<IaflashSettings>({
    method: 'POST',
    path: '/iaflash/analyser',
    async load({ req, ctx }) {
      const base = {
        viewer: req.user ? viewerOf(req.user) : null,
        form: { plate: '', registeredMake: '', registeredModel: '' },
        maxMb: mb(ctx.settings.IAFLASH_MAX_PHOTO_BYTES),
      };
      try {
        const { files, fields } = await receiveUpload(req, photoUpload(ctx.settings));
        base.form = {
          plate: fields.plate ?? '',
          registeredMake: fields.registeredMake ?? '',
          registeredModel: fields.registeredModel ?? '',
        };
        // The trial page never stores: `store` is for the API.
        const out = await apiOf(ctx).analyze(await files.image[0].read(), { ...fields, store: undefined }, req.user ?? null, {
          thumbnail: true,
          plateImage: files.plateImage[0] ? await files.plateImage[0].read() : undefined,
        });
        const { thumbnail, ...result } = out;
        const photo = thumbnail ? `data:image/jpeg;base64,${thumbnail.toString('base64')}` : null;
        return view(views.analyse, { ...base, result, photo, error: null }, { title: 'Analyse de la photo' });
      } catch (err) {
        const e = userError(err);
        if (!e) throw toHttpError(err);
        return view(views.analyse, { ...base, result: null, photo: null, error: e.message }, { title: 'Analyse impossible' });
      }
    },
  }),
  definePage<IaflashSettings>({
    path: '/iaflash/lots',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      return view(
        views.batches,
        {
          viewer: viewerOf(user),
          batches: await apiOf(ctx).batches(),
          notice: noticeOf(req),
          maxMb: mb(ctx.settings.IAFLASH_MAX_ZIP_BYTES),
        },
        { title: 'Lots de dossiers' },
      );
    },
  }),
  definePage<IaflashSettings>({
    method: 'POST',
    path: '/iaflash/lots',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      try {
        const { files, fields } = await receiveUpload(req, batchUpload(ctx.settings));
        const out = await apiOf(ctx).submitBatch({
          name: fields.name || files.photos[0].filename,
          origin: 'web',
          user,
          zip: await files.photos[0].read(),
          casesCsv: await files.cases[0].read(),
        });
        return redirect(`/iaflash/lots/${out.batch.id}?ok=lot`, 303);
      } catch (err) {
        const e = userError(err);
        if (!e) throw toHttpError(err);
        return redirect(`/iaflash/lots?erreur=${encodeURIComponent(e.message.slice(0, 300))}`, 303);
      }
    },
  }),
  definePage<IaflashSettings>({
    path: '/iaflash/lots/:id',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const q = queryOf(req);
      const decision = DECISIONS.includes(q.decision as DecisionValue) ? (q.decision as DecisionValue) : null;
      const status = q.status === 'pending' || q.status === 'done' || q.status === 'failed' ? q.status : null;
      const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 100_000);
      const data = await apiOf(ctx).results(idOf(req, 'Lot'), {
        decision: decision ?? undefined,
        status: status ?? undefined,
        page,
        page_size: RESULTS_PAGE_SIZE,
      });
      // The redirect after an upload says the analysis goes on; reloaded once it has ended, that would be false.
      const notice = q.ok === 'lot' && data.batch.pending === 0 ? NOTICES['lot.fini'] : noticeOf(req);
      return view(
        views.batch,
        { viewer: viewerOf(user), data, filters: { decision, status }, pageSize: RESULTS_PAGE_SIZE, notice },
        { title: `Lot no ${data.batch.id}${page > 1 ? `, page ${page}` : ''}` },
      );
    },
  }),
  definePage<IaflashSettings>({
    path: '/iaflash/revue',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const q = queryOf(req);
      const status = FLAG_STATUSES.includes(q.statut as FlagStatus) ? (q.statut as FlagStatus) : 'open';
      const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 100_000);
      const data = await apiOf(ctx).flags(status, page);
      return view(views.review, { viewer: viewerOf(user), status, data, notice: noticeOf(req) }, { title: 'Alertes à examiner' });
    },
  }),
  definePage<IaflashSettings>({
    path: '/iaflash/revue/:id',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const detail = await apiOf(ctx).flag(idOf(req, 'Alerte'));
      return view(views.flag, { viewer: viewerOf(user), detail, notice: noticeOf(req) }, { title: `Alerte no ${detail.flag.id}` });
    },
  }),
  definePage<IaflashSettings>({
    method: 'POST',
    path: '/iaflash/revue/:id',
    bodyLimit: 32 * 1024,
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const id = idOf(req, 'Alerte');
      const f = formOf(req);
      const action = f.action === 'confirm' || f.action === 'dismiss' || f.action === 'reopen' ? f.action : null;
      if (!action) throw new HttpError(400, 'Action inconnue.');
      const version = f.version && /^\d+$/.test(f.version) ? Number(f.version) : undefined;
      try {
        await apiOf(ctx).decide(id, { action, comment: f.comment, version }, user);
        return redirect(action === 'reopen' ? `/iaflash/revue/${id}?ok=reopen` : `/iaflash/revue?ok=${action}`, 303);
      } catch (err) {
        if (err instanceof HttpError && NOTICES[err.code])
          return redirect(`/iaflash/revue/${id}?erreur=${encodeURIComponent(err.code)}`, 303);
        throw err;
      }
    },
  }),
  definePage<IaflashSettings>({
    path: '/iaflash/modele',
    async load({ req, ctx }) {
      const api = apiOf(ctx);
      const staff = isStaff(req.user);
      const [info, stats] = await Promise.all([api.modelInfo(), staff ? api.stats() : Promise.resolve(null)]);
      return view(
        views.model,
        { viewer: req.user ? viewerOf(req.user) : null, info, stats, notice: noticeOf(req), maxMb: mb(ctx.settings.IAFLASH_MAX_ZIP_BYTES) },
        { title: 'Le modèle IA Flash et ses mesures' },
      );
    },
  }),
  definePage<IaflashSettings>({
    method: 'POST',
    path: '/iaflash/modele/entrainer',
    async load({ req, ctx }) {
      const user = requireAdmin(req);
      try {
        const { files, fields } = await receiveUpload(req, trainUpload(ctx.settings));
        await apiOf(ctx).startTraining({
          zip: await files.photos[0].read(),
          labelsCsv: files.labels?.[0] ? await files.labels[0].read() : null,
          name: fields.name,
          user,
        });
        return redirect('/iaflash/modele?ok=entrainement', 303);
      } catch (err) {
        const e = userError(err);
        if (!e) throw toHttpError(err);
        return redirect(`/iaflash/modele?erreur=${encodeURIComponent(e.message.slice(0, 300))}`, 303);
      }
    },
  }),
];

export const iaflashWeb: ServiceWeb<IaflashSettings> = {
  pages,
  nav: [
    { text: 'IA Flash', href: '/iaflash', isActive: (p) => p === '/iaflash' },
    { text: 'Analyser une photo', href: '/iaflash/analyser' },
    { text: 'Alertes', href: '/iaflash/revue' },
    { text: 'Lots', href: '/iaflash/lots' },
    { text: 'Modèle', href: '/iaflash/modele' },
  ],
  footerLinks: [{ text: 'IA Flash : comment la décision est prise', href: '/iaflash' }],
  adminLinks: [{ text: 'IA Flash : modèle, entraînement et statistiques', href: '/iaflash/modele', roles: [ADMIN_ROLE] }],
};
