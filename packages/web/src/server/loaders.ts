/**
 * Server-side page loaders: map a request (path, query, cookies) to the PageState the React app
 * renders. Data comes only from the suite's public JSON API, called in-process (app.inject) through
 * the `api` function, so pages show exactly what API clients get.
 */
import type { Stand } from '@eig/platform/service.ts';
import type { Notice, PageContext, PageData, PageState, PageUser, SearchParams } from '../app/state.ts';
import type {
  AdminDatasetsResponse,
  AdminJobsResponse,
  ArticleResponse,
  ContributionResponse,
  ConventionArticlesResponse,
  ConventionResponse,
  ConventionsResponse,
  DocType,
  Fiche,
  RootThemesResponse,
  SearchResponse,
  StatusResponse,
  ThemeResponse,
} from '../services/explocode/api-types.ts';
import { adaptConvention, adaptConventionArticles, adaptTheme, countOf, type RawConventionArticles, type RawConventionResponse, type RawThemeResponse } from '../services/explocode/adapt.ts';
import { CONVENTION_COOKIE, SEARCH_PAGE_SIZE, explocodePaths } from '../services/explocode/paths.ts';

export interface ApiResult<T> {
  status: number;
  body: T;
}
export type ApiCall = <T>(path: string) => Promise<ApiResult<T>>;

export interface LoadInput {
  path: string;
  query: URLSearchParams;
  cookies: Record<string, string>;
  api: ApiCall;
  stands: () => Promise<Stand[]>;
  /** The logged-in staff member, from the session cookie (the auth plugin's `req.user`). */
  user?: PageUser | null;
  /**
   * Like `api`, but forwarding the visitor's cookie header: only for the pages of logged-in staff
   * (administration), so that public pages never depend on who is looking.
   */
  apiWithSession?: ApiCall;
}

export type LoadOutcome =
  | { kind: 'page'; state: PageState; setCookie?: string }
  | { kind: 'redirect'; location: string; status: 302 | 303; setCookie?: string };

const SITE = 'Suite EIG';
const EXPLOCODE = 'ExploCode';
const API = '/api/explocode';
const THEME_PAGE_SIZE = 50;
const DOC_TYPES: readonly DocType[] = ['article', 'fiche', 'contribution', 'convention', 'theme'];
const enc = encodeURIComponent;

function title(...parts: string[]): string {
  return [...parts, SITE].join(' — ');
}

function baseCtx(url: string, service: string | null): PageContext {
  return { url, service, lang: 'fr', dir: 'ltr' };
}

function page(ctx: PageContext, data: PageData, pageTitle: string, status = 200): LoadOutcome {
  return { kind: 'page', state: { ...data, title: pageTitle, status, ctx } };
}

function notFound(ctx: PageContext, message = 'La page que vous cherchez est introuvable.'): LoadOutcome {
  return page(ctx, { page: 'not-found', message }, title('Page introuvable'), 404);
}

function unavailable(ctx: PageContext, message: string, status = 503): LoadOutcome {
  return page(ctx, { page: 'unavailable', message }, title('Service indisponible'), status);
}

/** Error message from an API error body ({ message }) or a default. */
function apiMessage(body: unknown, fallback: string): string {
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string' && body.message) {
    return body.message;
  }
  return fallback;
}

/** Only local absolute paths are accepted as redirect targets (no open redirect); returned percent-encoded. */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return explocodePaths.home();
  try {
    const u = new URL(value, 'http://suite.invalid');
    if (u.origin !== 'http://suite.invalid') return explocodePaths.home();
    const path = u.pathname + u.search + u.hash;
    // Check what is returned, not only what came in: dot-segments collapse ("/.//evil.com" resolves to
    // the path "//evil.com"), which a browser reads as another host.
    if (path.startsWith('//') || path.startsWith('/\\')) return explocodePaths.home();
    return path;
  } catch {
    return explocodePaths.home();
  }
}

export function parseIdcc(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^0*(\d{1,5})$/.exec(value.trim());
  return m ? m[1] : null;
}

export function parseSearchParams(query: URLSearchParams, cookieIdcc: string | null): SearchParams {
  const q = (query.get('q') ?? '').trim().slice(0, 200);
  const rawType = query.get('type');
  const type = rawType && (DOC_TYPES as readonly string[]).includes(rawType) ? (rawType as DocType) : null;
  const theme = query.get('theme')?.trim() || null;
  // An explicit (even empty) idcc parameter wins over the remembered choice.
  const idcc = query.has('idcc') ? parseIdcc(query.get('idcc')) : cookieIdcc;
  const pageNum = Number.parseInt(query.get('page') ?? '1', 10);
  const pageClamped = Number.isFinite(pageNum) && pageNum > 0 ? Math.min(pageNum, 500) : 1;
  return { q, type, theme, idcc, page: pageClamped };
}

/** The 500 page, when loading or rendering a page failed unexpectedly. */
export function errorOutcome(url: URL): LoadOutcome {
  const service = url.pathname.startsWith('/explocode') ? 'explocode' : null;
  return page(
    baseCtx(url.pathname + url.search, service),
    { page: 'unavailable', message: 'Une erreur inattendue est survenue. L’équipe en est informée ; veuillez réessayer plus tard.' },
    title('Erreur'),
    500,
  );
}

/** The login page; `error` set after a failed attempt (the title then starts with "Erreur", RGAA). */
export function loginOutcome(returnTo: string, opts: { email?: string; error?: string | null; status?: number; user?: PageUser | null } = {}): LoadOutcome {
  const url = `/connexion${returnTo !== '/' ? `?retour=${enc(returnTo)}` : ''}`;
  const ctx = { ...baseCtx(url, null), user: opts.user ?? null };
  const error = opts.error ?? null;
  return page(ctx, { page: 'login', returnTo, email: opts.email ?? '', error }, error ? `Erreur : ${title('Connexion')}` : title('Connexion'), opts.status ?? 200);
}

export async function load(input: LoadInput): Promise<LoadOutcome> {
  const outcome = await loadPage(input);
  if (outcome.kind === 'page') outcome.state.ctx.user = input.user ?? null;
  return outcome;
}

async function loadPage(input: LoadInput): Promise<LoadOutcome> {
  const { path, query, api } = input;
  const url = path + (query.size ? `?${query.toString()}` : '');

  if (path === '/') {
    const stands = await input.stands();
    // Services that are not ready yet expose their progress at /api/<id>/status (suite convention).
    const progress: Record<string, StatusResponse | null> = {};
    await Promise.all(
      stands
        .filter((s) => !s.ready)
        .map(async (s) => {
          const r = await api<StatusResponse>(`/api/${enc(s.id)}/status`).catch(() => null);
          progress[s.id] = r && r.status === 200 ? r.body : null;
        }),
    );
    return page(baseCtx(url, null), { page: 'home', stands, progress }, title('Accueil'));
  }

  if (path === '/accessibilite') {
    return page(baseCtx(url, null), { page: 'accessibility' }, title('Accessibilité'));
  }

  if (path === '/connexion') {
    const retour = query.get('retour');
    return loginOutcome(retour ? safeReturnPath(retour) : '/');
  }

  if (path === '/explocode' || path.startsWith('/explocode/')) {
    return loadExplocode(input, url);
  }
  return notFound(baseCtx(url, null));
}

async function loadExplocode(input: LoadInput, url: string): Promise<LoadOutcome> {
  const { api, query } = input;
  const path = input.path.replace(/\/+$/, '') || '/';
  const ctx = baseCtx(url, 'explocode');

  // Choosing / forgetting the collective agreement: remembered in a cookie, then back to the page.
  if (path === '/explocode/conventions/choisir' || path === '/explocode/conventions/oublier') {
    const idcc = path.endsWith('choisir') ? parseIdcc(query.get('idcc')) : null;
    const back = safeReturnPath(query.get('retour'));
    const cookie = idcc
      ? `${CONVENTION_COOKIE}=${idcc}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`
      : `${CONVENTION_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly`;
    return { kind: 'redirect', location: back, status: 303, setCookie: cookie };
  }

  const cookieIdcc = parseIdcc(input.cookies[CONVENTION_COOKIE]);
  const [status, convention] = await Promise.all([
    api<StatusResponse>(`${API}/status`).then((r) => (r.status === 200 ? r.body : null)).catch(() => null),
    cookieIdcc
      ? api<ConventionResponse>(`${API}/conventions/${cookieIdcc}`)
          .then((r) => (r.status === 200 ? r.body.convention : null))
          .catch(() => null)
      : Promise.resolve(null),
  ]);
  ctx.explocodeStatus = status;
  ctx.convention = convention
    ? { idcc: convention.idcc, title: convention.title, shortTitle: convention.shortTitle }
    : null;

  const notReady = status !== null && !status.ready;

  /** Calls the API; maps 404 to the 404 page and other failures to the 503 page. */
  async function fetchOr<T>(apiPath: string, what: string): Promise<{ ok: true; body: T } | { ok: false; outcome: LoadOutcome }> {
    const res = await api<T>(apiPath);
    if (res.status === 200) return { ok: true, body: res.body };
    if (res.status === 404) return { ok: false, outcome: notFound(ctx, apiMessage(res.body, `${what} introuvable.`)) };
    if (res.status === 400) return { ok: false, outcome: notFound(ctx, apiMessage(res.body, `Adresse invalide.`)) };
    return {
      ok: false,
      outcome: unavailable(
        ctx,
        notReady
          ? 'ExploCode prépare ses données (premier import en cours). Cette page sera disponible dans quelques minutes.'
          : apiMessage(res.body, 'Le service ne répond pas pour le moment. Veuillez réessayer dans quelques instants.'),
        res.status >= 500 ? res.status : 503,
      ),
    };
  }

  let m: RegExpExecArray | null;

  if (path === '/explocode') {
    const res = await api<RootThemesResponse>(`${API}/themes`).catch(() => null);
    // Accepts {count} or {counts: {articles, fiches, contributions}} per root theme.
    type RawRoot = { id: string; title: string; count?: number; counts?: Record<string, number> };
    const raw = res && res.status === 200 && Array.isArray(res.body) ? (res.body as RawRoot[]) : [];
    const themes: RootThemesResponse = raw.map((t) => ({ id: t.id, title: t.title, count: countOf(t) }));
    return page(ctx, { page: 'explocode.home', themes }, title(EXPLOCODE, 'Le droit du travail, simplement'));
  }

  if (path === '/explocode/recherche') {
    const params = parseSearchParams(query, cookieIdcc);
    if (!params.q && !params.theme) {
      return page(ctx, { page: 'explocode.search', params, pageSize: SEARCH_PAGE_SIZE, response: null, themeTitle: null }, title('Recherche', EXPLOCODE));
    }
    const sp = new URLSearchParams();
    sp.set('q', params.q);
    if (params.type) sp.set('type', params.type);
    sp.set('limit', String(SEARCH_PAGE_SIZE));
    sp.set('offset', String((params.page - 1) * SEARCH_PAGE_SIZE));
    if (params.idcc) sp.set('idcc', params.idcc);
    if (params.theme) sp.set('theme', params.theme);
    const res = await fetchOr<SearchResponse>(`${API}/search?${sp}`, 'Recherche');
    if (!res.ok) return res.outcome;
    const response = res.body;
    // Typed straight into the search bar and recognised as an article number / agreement: go there.
    if (query.get('direct') === '1' && response.route && response.route.url.startsWith('/')) {
      return { kind: 'redirect', location: safeReturnPath(response.route.url), status: 302 };
    }
    let themeTitle: string | null = null;
    if (params.theme) {
      themeTitle = response.themes.find((t) => t.id === params.theme)?.title ?? null;
      if (!themeTitle) {
        const t = await api<RawThemeResponse>(`${API}/themes/${enc(params.theme)}?limit=1`).catch(() => null);
        themeTitle = t && t.status === 200 ? t.body.theme.title : null;
      }
    }
    const label = params.q ? `« ${params.q} »` : (themeTitle ?? 'Recherche');
    const pageSuffix = params.page > 1 ? `, page ${params.page}` : '';
    return page(
      ctx,
      { page: 'explocode.search', params, pageSize: SEARCH_PAGE_SIZE, response, themeTitle },
      title(`Résultats pour ${label}${pageSuffix}`, EXPLOCODE),
    );
  }

  if ((m = /^\/explocode\/article\/([^/]+)$/.exec(path))) {
    const num = decodeURIComponent(m[1]);
    const res = await fetchOr<ArticleResponse>(`${API}/articles/${enc(num)}`, `L'article ${num} est`);
    if (!res.ok) return res.outcome;
    return page(ctx, { page: 'explocode.article', data: res.body }, title(`Article ${res.body.article.num} du Code du travail`, EXPLOCODE));
  }

  if ((m = /^\/explocode\/theme\/([^/]+)$/.exec(path))) {
    const id = decodeURIComponent(m[1]);
    const pageNum = Math.min(Math.max(Number.parseInt(query.get('page') ?? '1', 10) || 1, 1), 500);
    const res = await fetchOr<RawThemeResponse>(
      `${API}/themes/${enc(id)}?limit=${THEME_PAGE_SIZE}&offset=${(pageNum - 1) * THEME_PAGE_SIZE}`,
      'Thème',
    );
    if (!res.ok) return res.outcome;
    const data = adaptTheme(res.body);
    return page(
      ctx,
      { page: 'explocode.theme', data, pageNum, pageSize: THEME_PAGE_SIZE },
      title(`Thème : ${data.theme.title}${pageNum > 1 ? `, page ${pageNum}` : ''}`, EXPLOCODE),
    );
  }

  if ((m = /^\/explocode\/fiche\/([^/]+)$/.exec(path))) {
    const id = decodeURIComponent(m[1]);
    const res = await fetchOr<Fiche>(`${API}/fiches/${enc(id)}`, 'Fiche');
    if (!res.ok) return res.outcome;
    return page(ctx, { page: 'explocode.fiche', data: res.body }, title(res.body.title, 'Fiche', EXPLOCODE));
  }

  // The API's result URLs use /contribution/<slug>; our links use /reponse/<id>: both work.
  if ((m = /^\/explocode\/(?:reponse|contribution)\/([^/]+)$/.exec(path))) {
    const id = decodeURIComponent(m[1]);
    const idcc = query.has('idcc') ? parseIdcc(query.get('idcc')) : cookieIdcc;
    const res = await fetchOr<ContributionResponse>(
      `${API}/contributions/${enc(id)}${idcc ? `?idcc=${idcc}` : ''}`,
      'Réponse',
    );
    if (!res.ok) return res.outcome;
    return page(ctx, { page: 'explocode.contribution', data: res.body, idcc }, title(res.body.contribution.title, 'Question-réponse', EXPLOCODE));
  }

  if (path === '/explocode/conventions') {
    const q = (query.get('q') ?? '').trim().slice(0, 200);
    let results: ConventionsResponse['results'] | null = null;
    if (q) {
      const res = await fetchOr<ConventionsResponse>(`${API}/conventions?q=${enc(q)}&limit=20`, 'Recherche');
      if (!res.ok) return res.outcome;
      results = res.body.results;
    }
    return page(ctx, { page: 'explocode.conventions', q, results }, title(q ? `Conventions collectives pour « ${q} »` : 'Trouver sa convention collective', EXPLOCODE));
  }

  if ((m = /^\/explocode\/convention\/([^/]+)$/.exec(path))) {
    const idcc = parseIdcc(decodeURIComponent(m[1]));
    if (!idcc) return notFound(ctx, 'Cet identifiant de convention collective (IDCC) est invalide.');
    const raw = await fetchOr<RawConventionResponse>(`${API}/conventions/${idcc}`, 'Convention collective');
    if (!raw.ok) return raw.outcome;
    const res = { body: adaptConvention(raw.body) };
    const q = (query.get('q') ?? '').trim().slice(0, 200);
    let articles: ConventionArticlesResponse | null = null;
    if (q) {
      const a = await api<RawConventionArticles>(`${API}/conventions/${idcc}/articles?q=${enc(q)}`).catch(() => null);
      articles = adaptConventionArticles(a && a.status === 200 ? a.body : {});
    }
    return page(
      ctx,
      { page: 'explocode.convention', data: res.body, q, articles },
      title(`${res.body.convention.shortTitle || res.body.convention.title} (IDCC ${res.body.convention.idcc})`, EXPLOCODE),
    );
  }

  if (path === '/explocode/admin') {
    return loadAdmin(input, ctx);
  }

  if (path === '/explocode/comment-ca-marche') {
    return page(ctx, { page: 'explocode.how' }, title('Comment fonctionne la recherche', EXPLOCODE));
  }

  return notFound(ctx);
}

const ADMIN_PATH = '/explocode/admin';
export const loginRedirect = (back: string): LoadOutcome => ({
  kind: 'redirect',
  location: `/connexion?retour=${enc(back)}`,
  status: 303,
});
const forbidden = (ctx: PageContext) =>
  page(ctx, { page: 'forbidden', message: 'Cette page est réservée aux administrateurs de la suite.' }, title('Accès refusé'), 403);

const NOTICES: Record<string, Notice> = {
  lancee: { severity: 'success', text: 'L’ingestion est lancée : son avancement s’affiche ci-dessous.' },
  'deja-en-cours': { severity: 'info', text: 'Une ingestion est déjà en attente ou en cours : attendez qu’elle se termine.' },
  erreur: { severity: 'error', text: 'L’ingestion n’a pas pu être lancée. Veuillez réessayer.' },
};

/** ExploCode administration (role admin): datasets and ingest jobs, read with the visitor's session. */
async function loadAdmin(input: LoadInput, ctx: PageContext): Promise<LoadOutcome> {
  const user = input.user;
  if (!user) return loginRedirect(ADMIN_PATH);
  if (!user.roles.includes('admin')) return forbidden(ctx);
  const call = input.apiWithSession ?? input.api;
  const [datasets, jobs] = await Promise.all([
    call<AdminDatasetsResponse>(`${API}/admin/datasets`),
    call<AdminJobsResponse>(`${API}/admin/jobs`),
  ]);
  for (const res of [datasets, jobs]) {
    if (res.status === 401) return loginRedirect(ADMIN_PATH);
    if (res.status === 403) return forbidden(ctx);
    if (res.status !== 200) return unavailable(ctx, apiMessage(res.body, 'L’administration ne répond pas pour le moment.'), 503);
  }
  const notice = NOTICES[input.query.get('ingestion') ?? ''] ?? null;
  return page(ctx, { page: 'explocode.admin', datasets: datasets.body, jobs: jobs.body, notice }, title('Administration', EXPLOCODE));
}
