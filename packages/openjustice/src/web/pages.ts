/**
 * Open Justice's pages: loaders call the same OpenJusticeApi as the JSON routes. Every action has a
 * plain form (POST, then a redirect with a notice): the review works without JavaScript, read-only
 * plus these forms; the review island enhances it (span selection, undo/redo).
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, defineUpload, receiveUpload, type AuthUser, type ServiceContext, type ServiceWeb } from '@eig/platform';
import { definePage, redirect, view, type PageDefinition } from '@eig/platform/web';
import { openJusticeFor } from '../context.ts';
import { OpenJusticeApi } from '../http/api.ts';
import { ADMIN_ROLE, AGENT_ROLE, STATUSES, type Action, type Status } from '../review/workflow.ts';
import { isCategoryName, type FormEdit } from '../service/review.ts';
import type { OpenJusticeSettings } from '../settings.ts';
import { views, type Notice, type Viewer } from './views.ts';

type Ctx = ServiceContext<OpenJusticeSettings>;
type Form = Record<string, string | undefined>;
const LIST_PAGE_SIZE = 25;
/** The demo form on the home page: a decision or two, not a whole register (that is an import). */
const DEMO_MAX_CHARS = 200_000;

const apiOf = (ctx: Ctx) => new OpenJusticeApi(openJusticeFor(ctx));
const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Form;
const formOf = (req: FastifyRequest) => (req.body ?? {}) as Form;

const viewerOf = (u: AuthUser): Viewer => ({
  id: u.id,
  email: u.email,
  isAdmin: u.roles.includes(ADMIN_ROLE),
  isAgent: u.roles.includes(AGENT_ROLE) || u.roles.includes(ADMIN_ROLE),
});

function requireStaff(req: FastifyRequest): AuthUser {
  if (!req.user) throw new HttpError(401, 'Connectez-vous pour relire les décisions.');
  if (!viewerOf(req.user).isAgent) throw new HttpError(403, 'Ces pages sont réservées aux agents et administrateurs Open Justice.');
  return req.user;
}

function requireAdmin(req: FastifyRequest): AuthUser {
  const u = requireStaff(req);
  if (!u.roles.includes(ADMIN_ROLE)) throw new HttpError(403, 'Cette page est réservée aux administrateurs Open Justice.');
  return u;
}

function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new HttpError(401, 'Connectez-vous pour consulter les décisions publiées.');
  return req.user;
}

const idOf = (req: FastifyRequest): number => {
  const n = Number((req.params as { id: string }).id);
  if (!Number.isSafeInteger(n) || n < 1) throw new HttpError(404, 'Décision inconnue.');
  return n;
};

const NOTICES: Record<string, Notice> = {
  enregistree: { severity: 'success', text: 'Occultations enregistrées.' },
  modifiee: { severity: 'success', text: 'Modification enregistrée.' },
  claim: { severity: 'success', text: 'Décision prise en charge : vous pouvez la relire.' },
  save: { severity: 'success', text: 'Relecture enregistrée.' },
  resume: { severity: 'info', text: 'Relecture reprise.' },
  unclaim: { severity: 'info', text: 'Décision remise dans la file.' },
  validate: { severity: 'success', text: 'Décision validée.' },
  confirm: { severity: 'success', text: 'Validation confirmée : la décision est publiée.' },
  reject: { severity: 'info', text: 'Décision renvoyée en correction.' },
  release: { severity: 'success', text: 'Décision mise à disposition des agents.' },
  lock: { severity: 'info', text: 'Décision verrouillée.' },
  unlock: { severity: 'info', text: 'Décision déverrouillée.' },
  reopen: { severity: 'info', text: 'Décision rouverte pour correction.' },
  attribuee: { severity: 'success', text: 'Attribution enregistrée.' },
  'openjustice.stale': {
    severity: 'error',
    text: 'La décision a été modifiée entre-temps : la page a été rechargée, refaites votre modification.',
  },
  'openjustice.forbidden': { severity: 'error', text: 'Vous ne pouvez pas faire cette action sur cette décision.' },
  'openjustice.bad_transition': { severity: 'error', text: 'Cette action n’est pas possible dans l’état actuel de la décision.' },
  'openjustice.bad_annotations': { severity: 'error', text: 'Modification impossible : vérifiez le texte ou la catégorie choisis.' },
  'openjustice.not_an_agent': { severity: 'error', text: 'Cet utilisateur n’est pas agent Open Justice.' },
  erreur: { severity: 'error', text: 'L’action n’a pas pu être faite. Veuillez réessayer.' },
};

const noticeOf = (req: FastifyRequest): Notice | null => {
  const q = queryOf(req);
  return NOTICES[q.erreur ?? q.ok ?? ''] ?? null;
};

const reviewUrl = (id: number) => `/openjustice/decisions/${id}`;

/** Runs a form's change; redirects back with a notice (the error's code when it failed). */
async function formAction(req: FastifyRequest, id: number, ok: string, run: () => Promise<unknown>, after = reviewUrl(id)) {
  try {
    await run();
    return redirect(`${after}?ok=${encodeURIComponent(ok)}`, 303);
  } catch (err) {
    if (err instanceof HttpError && err.statusCode < 500 && err.statusCode !== 401 && err.statusCode !== 404)
      return redirect(`${reviewUrl(id)}?erreur=${encodeURIComponent(NOTICES[err.code] ? err.code : 'erreur')}`, 303);
    throw err;
  }
}

const versionOf = (f: Form) => (f.version && /^\d+$/.test(f.version) ? Number(f.version) : undefined);

const ACTIONS: readonly Action[] = [
  'release',
  'claim',
  'save',
  'resume',
  'unclaim',
  'validate',
  'confirm',
  'reject',
  'lock',
  'unlock',
  'reopen',
];

const importUpload = (ctx: Ctx) =>
  defineUpload({
    files: {
      files: {
        maxBytes: ctx.settings.OPENJUSTICE_IMPORT_MAX_FILE_BYTES,
        maxCount: 50,
        types: ['text/plain', 'text/html', 'application/json', 'application/x-ndjson'],
      },
    },
  });

const pages: PageDefinition<OpenJusticeSettings>[] = [
  definePage<OpenJusticeSettings>({
    path: '/openjustice',
    load({ req }) {
      return view(
        views.home,
        { viewer: req.user ? viewerOf(req.user) : null, text: '', result: null, error: null, maxChars: DEMO_MAX_CHARS },
        { title: 'Pseudonymisation des décisions de justice' },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    method: 'POST',
    path: '/openjustice',
    bodyLimit: 4 * 1024 * 1024,
    async load({ req, ctx }) {
      const text = formOf(req).text ?? '';
      const base = { viewer: req.user ? viewerOf(req.user) : null, text: text.slice(0, DEMO_MAX_CHARS), maxChars: DEMO_MAX_CHARS };
      if (text.length > DEMO_MAX_CHARS)
        return view(
          views.home,
          { ...base, result: null, error: `Texte trop long pour l’essai (${DEMO_MAX_CHARS} caractères au plus) : importez la décision.` },
          { title: 'Essai : erreur' },
        );
      try {
        const result = await apiOf(ctx).pseudonymize({ text });
        return view(views.home, { ...base, result, error: null }, { title: 'Essai : texte pseudonymisé' });
      } catch (err) {
        if (err instanceof HttpError && err.statusCode < 500)
          return view(views.home, { ...base, result: null, error: err.message }, { title: 'Essai : erreur' });
        throw err;
      }
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/decisions',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const q = queryOf(req);
      const status = STATUSES.includes(q.statut as Status) ? (q.statut as Status) : null;
      const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 10_000);
      const params = { status, mine: q.mes === '1', q: (q.q ?? '').trim().slice(0, 200), page };
      const data = await apiOf(ctx).list(
        {
          status: status ?? undefined,
          assignee: params.mine ? 'me' : undefined,
          q: params.q || undefined,
          page,
          page_size: LIST_PAGE_SIZE,
        },
        user,
      );
      return view(
        views.list,
        { viewer: viewerOf(user), params, data, notice: noticeOf(req) },
        { title: `Décisions à relire${page > 1 ? `, page ${page}` : ''}` },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/decisions/:id',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const oj = openJusticeFor(ctx);
      const detail = await apiOf(ctx).detail(idOf(req), user);
      const agents = viewerOf(user).isAdmin ? await oj.review.agents() : [];
      const label = detail.decision.number ?? `no ${detail.decision.id}`;
      return view(
        views.review,
        { viewer: viewerOf(user), detail, agents, notice: noticeOf(req) },
        { title: `Relecture de la décision ${label}`, skipLinks: [{ label: 'Texte de la décision', anchor: '#oj-texte' }] },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/decisions/:id/apercu',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const api = apiOf(ctx);
      const id = idOf(req);
      const [detail, preview] = await Promise.all([api.detail(id, user), api.preview(id)]);
      return view(
        views.preview,
        { viewer: viewerOf(user), decision: detail.decision, pseudonymized: preview.pseudonymized },
        { title: `Aperçu pseudonymisé de la décision ${detail.decision.number ?? id}` },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/decisions/:id/journal',
    async load({ req, ctx }) {
      const user = requireAdmin(req);
      const api = apiOf(ctx);
      const id = idOf(req);
      const [detail, history] = await Promise.all([api.detail(id, user), api.history(id)]);
      return view(
        views.history,
        { viewer: viewerOf(user), decision: detail.decision, entries: history.entries },
        { title: `Journal de la décision ${detail.decision.number ?? id}` },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    method: 'POST',
    path: '/openjustice/decisions/:id/action',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const id = idOf(req);
      const f = formOf(req);
      const action = ACTIONS.find((a) => a === f.action);
      if (!action) throw new HttpError(400, 'Action inconnue.');
      const after = action === 'validate' || action === 'confirm' || action === 'unclaim' ? '/openjustice/decisions' : reviewUrl(id);
      return formAction(req, id, action, () => apiOf(ctx).act(id, action, user, { version: versionOf(f) }), after);
    },
  }),
  definePage<OpenJusticeSettings>({
    method: 'POST',
    path: '/openjustice/decisions/:id/modifier',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const id = idOf(req);
      const f = formOf(req);
      const cat = f.category && isCategoryName(f.category) ? f.category : null;
      let edit: FormEdit;
      if (f.op === 'removeEntity' && f.entityId) edit = { kind: 'removeEntity', entityId: f.entityId };
      else if (f.op === 'changeCategory' && f.entityId && cat) edit = { kind: 'changeCategory', entityId: f.entityId, category: cat };
      else if (f.op === 'link' && f.entityId && f.to) edit = { kind: 'link', from: f.entityId, to: f.to };
      else if (f.op === 'unlinkPerson' && f.entityId) edit = { kind: 'unlinkPerson', entityId: f.entityId };
      else if (f.op === 'addText' && f.text?.trim() && cat) edit = { kind: 'addText', text: f.text.slice(0, 500), category: cat };
      else return redirect(`${reviewUrl(id)}?erreur=openjustice.bad_annotations`, 303);
      return formAction(req, id, 'modifiee', () =>
        openJusticeFor(ctx).review.formEdit(id, { id: user.id, roles: user.roles }, edit, versionOf(f)),
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    method: 'POST',
    path: '/openjustice/decisions/:id/attribuer',
    async load({ req, ctx }) {
      const user = requireAdmin(req);
      const id = idOf(req);
      const raw = formOf(req).assignee ?? '';
      const assignee = /^\d+$/.test(raw) ? Number(raw) : null;
      return formAction(req, id, 'attribuee', () => apiOf(ctx).assign(id, user, assignee));
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/admin',
    async load({ req, ctx }) {
      const user = requireAdmin(req);
      const api = apiOf(ctx);
      const [stats, imports] = await Promise.all([api.stats(), api.imports()]);
      const q = queryOf(req);
      const notice: Notice | null = q.import
        ? { severity: 'success', text: `Import no ${q.import.slice(0, 20)} enregistré : l’annotation se poursuit en tâche de fond.` }
        : q.erreur
          ? { severity: 'error', text: q.erreur.slice(0, 300) }
          : null;
      return view(
        views.admin,
        { viewer: viewerOf(user), stats, imports, notice, lastImport: null },
        { title: 'Administration Open Justice' },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    method: 'POST',
    path: '/openjustice/admin/import',
    async load({ req, ctx }) {
      const user = requireStaff(req);
      const api = apiOf(ctx);
      try {
        const { files } = await receiveUpload(req, importUpload(ctx));
        const list = await Promise.all((files.files ?? []).map(async (f) => ({ filename: f.filename, bytes: await f.read() })));
        const out = await api.importFiles(list, user);
        const [stats, imports] = await Promise.all([api.stats(), api.imports()]);
        return view(
          views.admin,
          {
            viewer: viewerOf(user),
            stats,
            imports,
            notice: {
              severity: 'success',
              text: `${out.decisions} décision(s) importée(s), ${out.duplicates} déjà présente(s) : l’annotation se poursuit en tâche de fond.`,
            },
            lastImport: out,
          },
          { title: 'Import enregistré' },
        );
      } catch (err) {
        if (err instanceof HttpError && err.statusCode < 500 && err.statusCode !== 401 && err.statusCode !== 403)
          return redirect(`/openjustice/admin?erreur=${encodeURIComponent(err.message.slice(0, 300))}`, 303);
        throw err;
      }
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/open-data',
    async load({ req, ctx }) {
      const user = requireUser(req);
      const q = queryOf(req);
      const query = (q.q ?? '').trim().slice(0, 500);
      const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 100);
      const results = query ? await apiOf(ctx).search({ query, page, page_size: 10 }) : null;
      return view(
        views.openData,
        { viewer: viewerOf(user), q: query, page, results },
        { title: query ? `Décisions publiées pour « ${query} »` : 'Décisions publiées (open data)' },
      );
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/publiees/:publicId',
    async load({ req, ctx }) {
      const user = requireUser(req);
      const doc = await apiOf(ctx).decision((req.params as { publicId: string }).publicId.slice(0, 100));
      return view(views.published, { viewer: viewerOf(user), doc }, { title: `Décision publiée ${doc.number ?? doc.id}` });
    },
  }),
  definePage<OpenJusticeSettings>({
    path: '/openjustice/raccourcis',
    load() {
      return view(views.shortcuts, {}, { title: 'Raccourcis clavier de la relecture' });
    },
  }),
];

export const openJusticeWeb: ServiceWeb<OpenJusticeSettings> = {
  pages,
  nav: [
    { text: 'Open Justice : essayer', href: '/openjustice', isActive: (p) => p === '/openjustice' },
    { text: 'Relecture', href: '/openjustice/decisions', isActive: (p) => p.startsWith('/openjustice/decisions') },
    {
      text: 'Open data',
      href: '/openjustice/open-data',
      isActive: (p) => p.startsWith('/openjustice/open-data') || p.startsWith('/openjustice/publiees'),
    },
  ],
  footerLinks: [{ text: 'Open Justice : raccourcis clavier', href: '/openjustice/raccourcis' }],
  adminLinks: [{ text: 'Open Justice : file, statistiques et imports', href: '/openjustice/admin', roles: [ADMIN_ROLE] }],
};
