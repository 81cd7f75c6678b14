/**
 * ExploCode's pages: each a Fastify route whose loader reads the same functions as the JSON API
 * (ExplocodeApi) and returns a view with the props it needs, nothing more.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, statusBody, type ServiceContext, type ServiceWeb } from '@eig/platform';
import { definePage, redirect, view, type PageDefinition } from '@eig/platform/web';
import { explocodeFor as servicesFor, explocodeStatus } from '../context.ts';
import type { DocType } from '../http/schemas.ts';
import { DOC_TYPES } from '../core/types.ts';
import { CONVENTION_COOKIE, SEARCH_PAGE_SIZE, explocodePaths, lastSearchPage } from './paths.ts';
import { SEARCH_INPUT_ID, views, type SearchParams, type Shared } from './views.ts';
import { parseNoticeForm, parseSeveranceForm } from './calculator-forms.ts';

const THEME_PAGE_SIZE = 50;
const MAX_PAGE = 500;

type Query = Record<string, string | undefined>;
const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Query;

export function parseIdcc(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^0*(\d{1,4})$/.exec(value.trim());
  return m ? m[1] : null;
}

export function parseSearchParams(query: Query, cookieIdcc: string | null): SearchParams {
  const q = (query.q ?? '').trim().slice(0, 200);
  const rawType = query.type;
  const type = rawType && (DOC_TYPES as readonly string[]).includes(rawType) ? (rawType as DocType) : null;
  const theme = query.theme?.trim().slice(0, 200) || null;
  // An explicit (even empty) idcc parameter wins over the remembered choice.
  const idcc = query.idcc !== undefined ? parseIdcc(query.idcc) : cookieIdcc;
  const pageNum = Number.parseInt(query.page ?? '1', 10);
  const page = Number.isFinite(pageNum) && pageNum > 0 ? Math.min(pageNum, MAX_PAGE) : 1;
  return { q, type, theme, idcc, page };
}

const cookieIdcc = (req: FastifyRequest) => parseIdcc(req.cookies?.[CONVENTION_COOKIE]);

/** What every ExploCode page shows besides its data: readiness while preparing, the chosen agreement. */
async function shared(req: FastifyRequest, ctx: ServiceContext): Promise<Shared> {
  const { runtime, api } = servicesFor(ctx);
  const idcc = cookieIdcc(req);
  const convention =
    idcc && runtime.ready
      ? await api.convention(idcc).then(
          (c) => c.convention,
          () => null,
        )
      : null;
  let status: Shared['status'] = null;
  if (!runtime.ready) {
    const s = statusBody(await explocodeStatus(ctx));
    status = { ready: s.ready, message: s.message, progress: s.progress };
  }
  return {
    status,
    convention: convention ? { idcc: convention.idcc, title: convention.title, shortTitle: convention.shortTitle } : null,
    preparing: !runtime.ready && runtime.datasetId === null,
  };
}

function pageOf(value: string | undefined): number {
  return Math.min(Math.max(Number.parseInt(value ?? '1', 10) || 1, 1), MAX_PAGE);
}

const NOTICES: Record<string, { severity: 'success' | 'info' | 'error'; text: string }> = {
  lancee: { severity: 'success', text: 'L’ingestion est lancée : son avancement s’affiche ci-dessous.' },
  'deja-en-cours': { severity: 'info', text: 'Une ingestion est déjà en attente ou en cours : attendez qu’elle se termine.' },
  erreur: { severity: 'error', text: 'L’ingestion n’a pas pu être lancée. Veuillez réessayer.' },
};

function requireAdmin(req: FastifyRequest): void {
  if (!req.user) throw new HttpError(401, 'Connectez-vous pour accéder à l’administration.');
  if (!req.user.roles.includes('admin')) throw new HttpError(403, 'Cette page est réservée aux administrateurs de la suite.');
}

/** Remembers (or forgets) the chosen agreement in a cookie, then goes back to the page. */
function setConventionCookie(req: FastifyRequest, reply: FastifyReply, idcc: string | null) {
  const options = { path: '/', sameSite: 'lax' as const, httpOnly: true, secure: req.protocol === 'https' };
  if (idcc) reply.setCookie(CONVENTION_COOKIE, idcc, { ...options, maxAge: 365 * 24 * 3600 });
  else reply.clearCookie(CONVENTION_COOKIE, options);
}

const frEuros = (x: number) => `${x.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;

/** A calculator's 400 (dates in the wrong order…) is shown on the form, not as an error page. */
function calculatorError(errors: Record<string, string>) {
  return (err: unknown): null => {
    if (err instanceof HttpError && err.statusCode === 400) {
      errors.form = err.message;
      return null;
    }
    throw err;
  };
}

/** The home's and the empty search's themes; none (rather than an error page) while the engine loads. */
function browse(ctx: ServiceContext, limit = 12) {
  return servicesFor(ctx).runtime.ready
    ? servicesFor(ctx)
        .api.browseThemes(limit)
        .catch(() => [])
    : Promise.resolve([]);
}

const pages: PageDefinition[] = [
  definePage({
    path: '/explocode',
    async load({ req, ctx }) {
      const s = await shared(req, ctx);
      const themes = s.preparing ? [] : await browse(ctx);
      return view(
        views.home,
        { shared: s, themes },
        { title: 'Le droit du travail, simplement', skipLinks: [{ label: 'Recherche', anchor: `#${SEARCH_INPUT_ID}` }] },
      );
    },
  }),
  definePage({
    path: '/explocode/recherche',
    async load({ req, ctx }) {
      const q = queryOf(req);
      const s = await shared(req, ctx);
      const params = parseSearchParams(q, s.convention?.idcc ?? cookieIdcc(req));
      const base = { shared: s, url: req.url, params, pageSize: SEARCH_PAGE_SIZE };
      const skipLinks = [{ label: 'Recherche', anchor: `#${SEARCH_INPUT_ID}` }];
      if (!params.q && !params.theme)
        return view(
          views.search,
          { ...base, response: null, themeTitle: null, browse: await browse(ctx) },
          { title: 'Recherche', skipLinks },
        );
      const { api } = servicesFor(ctx);
      const response = await api.search({
        q: params.q,
        type: params.type ?? undefined,
        limit: SEARCH_PAGE_SIZE,
        offset: (params.page - 1) * SEARCH_PAGE_SIZE,
        idcc: params.idcc ?? undefined,
        theme: params.theme ?? undefined,
      });
      // Only an unambiguous query (an IDCC, an exact agreement name, an article number) goes straight
      // to its page; "commerce" shows the results, with the agreements it names on top.
      if (response.direct && params.page === 1 && !params.type && !params.theme && q.direct !== '0')
        return redirect(response.direct.url, 302);
      // Past the last page that can be served: the last one.
      const last = lastSearchPage(response.total);
      if (params.page > last) return redirect(explocodePaths.search({ ...params, page: last, direct: false }), 302);
      let themeTitle: string | null = null;
      if (params.theme) {
        themeTitle = response.themes.find((t) => t.id === params.theme)?.title ?? null;
        themeTitle ??= await api.theme(params.theme, { limit: 1, offset: 0 }).then(
          (t) => t.theme.title,
          () => null,
        );
      }
      const label = params.q ? `« ${params.q} »` : (themeTitle ?? 'Recherche');
      return view(
        views.search,
        { ...base, response, themeTitle, browse: response.total === 0 ? await browse(ctx) : [] },
        { title: `Résultats pour ${label}${params.page > 1 ? `, page ${params.page}` : ''}`, skipLinks },
      );
    },
  }),
  definePage({
    path: '/explocode/article/:num',
    async load({ req, ctx }) {
      const { num } = req.params as { num: string };
      const [s, data] = await Promise.all([shared(req, ctx), servicesFor(ctx).api.article(num.slice(0, 100))]);
      return view(views.article, { shared: s, data }, { title: `Article ${data.article.num} du Code du travail` });
    },
  }),
  definePage({
    path: '/explocode/theme/:id',
    async load({ req, ctx }) {
      const { id } = req.params as { id: string };
      const pageNum = pageOf(queryOf(req).page);
      const [s, data] = await Promise.all([
        shared(req, ctx),
        servicesFor(ctx).api.theme(id.slice(0, 300), { limit: THEME_PAGE_SIZE, offset: (pageNum - 1) * THEME_PAGE_SIZE }),
      ]);
      return view(
        views.theme,
        { shared: s, data, pageNum, pageSize: THEME_PAGE_SIZE },
        { title: `Thème : ${data.theme.title}${pageNum > 1 ? `, page ${pageNum}` : ''}` },
      );
    },
  }),
  definePage({
    path: '/explocode/fiche/:id',
    async load({ req, ctx }) {
      const { id } = req.params as { id: string };
      const [s, data] = await Promise.all([shared(req, ctx), servicesFor(ctx).api.fiche(id.slice(0, 300))]);
      return view(views.fiche, { shared: s, data }, { title: `${data.title} — Fiche` });
    },
  }),
  ...['/explocode/reponse/:id', '/explocode/contribution/:id'].map((path) =>
    // The API's result URLs use /contribution/<slug>; our links use /reponse/<id>: both work.
    definePage({
      path,
      async load({ req, ctx }) {
        const { id } = req.params as { id: string };
        const q = queryOf(req);
        const s = await shared(req, ctx);
        const idcc = q.idcc !== undefined ? parseIdcc(q.idcc) : (s.convention?.idcc ?? null);
        const data = await servicesFor(ctx).api.contribution(id.slice(0, 300), idcc ?? undefined);
        return view(
          views.contribution,
          {
            shared: s,
            url: req.url,
            contribution: { id: data.contribution.id, slug: data.contribution.slug, title: data.contribution.title },
            answer: data.answer,
            generic: data.contribution.generic,
            convention: data.convention,
            agreementsWithAnswer: data.contribution.byConvention.length,
            idcc,
          },
          { title: `${data.contribution.title} — Question-réponse` },
        );
      },
    }),
  ),
  definePage({
    path: '/explocode/conventions',
    async load({ req, ctx }) {
      const q = (queryOf(req).q ?? '').trim().slice(0, 200);
      const s = await shared(req, ctx);
      const results = q ? await servicesFor(ctx).api.conventions(q, 20) : null;
      return view(
        views.conventions,
        { shared: s, url: req.url, q, results },
        { title: q ? `Conventions collectives pour « ${q} »` : 'Trouver sa convention collective' },
      );
    },
  }),
  definePage({
    path: '/explocode/conventions/choisir',
    async load({ req, reply }) {
      const q = queryOf(req);
      setConventionCookie(req, reply, parseIdcc(q.idcc));
      return redirect(q.retour ?? explocodePaths.home(), 303);
    },
  }),
  definePage({
    path: '/explocode/conventions/oublier',
    async load({ req, reply }) {
      setConventionCookie(req, reply, null);
      return redirect(queryOf(req).retour ?? explocodePaths.home(), 303);
    },
  }),
  definePage({
    path: '/explocode/convention/:idcc',
    async load({ req, ctx }) {
      const idcc = parseIdcc((req.params as { idcc: string }).idcc);
      if (!idcc) throw new HttpError(404, 'Cet identifiant de convention collective (IDCC) est invalide.');
      const { api } = servicesFor(ctx);
      const q = (queryOf(req).q ?? '').trim().slice(0, 200);
      const [s, data] = await Promise.all([shared(req, ctx), api.convention(idcc)]);
      const articles = q ? await api.conventionArticles(idcc, q, 20) : null;
      return view(
        views.convention,
        { shared: s, url: req.url, data, q, articles },
        { title: `${data.convention.shortTitle || data.convention.title} (IDCC ${data.convention.idcc})` },
      );
    },
  }),
  definePage({
    path: '/explocode/outils',
    async load({ req, ctx }) {
      return view(views.tools, { shared: await shared(req, ctx) }, { title: 'Simulateurs : indemnité de licenciement, préavis' });
    },
  }),
  definePage({
    path: '/explocode/outils/indemnite-licenciement',
    async load({ req, ctx }) {
      const s = await shared(req, ctx);
      const { input, ...form } = parseSeveranceForm(queryOf(req), s.convention?.idcc ?? null);
      const result = input ? await servicesFor(ctx).api.severance(input).catch(calculatorError(form.errors)) : null;
      const title = result
        ? `Résultat : ${result.eligible ? frEuros(result.amount) : 'pas d’indemnité légale'} — Indemnité de licenciement`
        : form.submitted
          ? 'Erreur dans le formulaire — Indemnité de licenciement'
          : 'Simulateur d’indemnité légale de licenciement';
      return view(
        views.severance,
        { shared: s, form, result },
        { title, description: 'Calculer l’indemnité légale de licenciement, étape par étape, avec les articles du Code du travail.' },
      );
    },
  }),
  definePage({
    path: '/explocode/outils/preavis',
    async load({ req, ctx }) {
      const s = await shared(req, ctx);
      const { input, ...form } = parseNoticeForm(queryOf(req), s.convention?.idcc ?? null);
      const result = input ? await servicesFor(ctx).api.notice(input).catch(calculatorError(form.errors)) : null;
      const title = result
        ? 'Résultat — Préavis de licenciement ou de démission'
        : form.submitted
          ? 'Erreur dans le formulaire — Préavis'
          : 'Simulateur de préavis de licenciement ou de démission';
      return view(
        views.notice,
        { shared: s, form, result },
        { title, description: 'La durée du préavis de licenciement ou de démission : la loi et votre convention collective.' },
      );
    },
  }),
  definePage({
    path: '/explocode/comment-ca-marche',
    async load({ req, ctx }) {
      return view(views.how, { shared: await shared(req, ctx) }, { title: 'Comment fonctionne la recherche' });
    },
  }),
  definePage({
    path: '/explocode/admin',
    async load({ req, ctx }) {
      requireAdmin(req);
      const { admin } = servicesFor(ctx);
      const [s, datasets, jobs] = await Promise.all([shared(req, ctx), admin.datasets(), admin.ingestJobs()]);
      const notice = NOTICES[queryOf(req).ingestion ?? ''] ?? null;
      return view(views.admin, { shared: s, datasets, jobs, notice }, { title: 'Administration' });
    },
  }),
  definePage({
    method: 'POST',
    path: '/explocode/admin/ingestion',
    async load({ req, ctx }) {
      requireAdmin(req);
      const force = ((req.body ?? {}) as Query).force === '1';
      const result = await servicesFor(ctx)
        .admin.startIngest(force)
        .then(
          (jobId) => {
            req.log.info({ event: 'ingest_requested', jobId, userId: req.user?.id, force }, 'ingest requested');
            return 'lancee';
          },
          (err: unknown) => (err instanceof HttpError && err.statusCode === 409 ? 'deja-en-cours' : 'erreur'),
        );
      return redirect(`/explocode/admin?ingestion=${result}`, 303);
    },
  }),
];

const isSearchSection = (p: string) => p === '/explocode' || /^\/explocode\/(recherche|article|theme|fiche|reponse|contribution)\b/.test(p);

export const explocodeWeb: ServiceWeb = {
  pages,
  nav: [
    { text: 'ExploCode : rechercher', href: '/explocode', isActive: isSearchSection },
    { text: 'Conventions collectives', href: '/explocode/conventions', isActive: (p) => p.startsWith('/explocode/convention') },
    { text: 'Simulateurs', href: '/explocode/outils', isActive: (p) => p.startsWith('/explocode/outils') },
    { text: 'Comment ça marche ?', href: '/explocode/comment-ca-marche' },
  ],
  async headerItems(req, ctx) {
    const idcc = cookieIdcc(req);
    const convention =
      idcc && servicesFor(ctx).runtime.ready
        ? await servicesFor(ctx)
            .api.convention(idcc)
            .then(
              (c) => c.convention,
              () => null,
            )
        : null;
    return [
      {
        iconId: 'fr-icon-team-line',
        text: convention ? `Ma convention : IDCC ${convention.idcc}` : 'Choisir ma convention',
        href: convention ? explocodePaths.convention(convention.idcc) : explocodePaths.conventions(),
      },
    ];
  },
  footerLinks: [{ text: 'Comment fonctionne la recherche', href: '/explocode/comment-ca-marche' }],
  adminLinks: [{ text: 'ExploCode : données et ingestions', href: '/explocode/admin', roles: ['admin'] }],
};
