/**
 * Karfu'R's public pages: each loader calls the same functions as the API (KarfurApi) and returns a
 * view in the reader's language (`/karfur/<lang>/...`, `lang` and `dir` on <html>, hreflang links).
 * Everything works without JavaScript: the journey and favourites are kept in cookies and changed
 * by plain forms; the enhancement script only adds speech, sharing and offline reading.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, type ServiceContext, type ServiceWeb } from '@eig/platform';
import { definePage, redirect, view, type PageDefinition, type PageAlternate } from '@eig/platform/web';
import { karfurFor } from '../context.ts';
import type { KarfurSettings } from '../runtime.ts';
import { LANGUAGES, LANGUAGE_CODES, directionOf, isLanguageCode, negotiateLanguage, type LanguageCode } from '../core/languages.ts';
import { translator } from '../core/i18n.ts';
import { CECRL_LEVELS, FICHE_KINDS, LEGAL_STATUSES } from '../core/schemas.ts';
import { assetUrls } from '../http/asset-routes.ts';
import type * as api from '../http/schemas.ts';
import { franceMap } from './france-map.ts';
import { FAVOURITES_COOKIE, JOURNEY_COOKIE, LANG_COOKIE, SEARCH_PAGE_SIZE, karfurPaths } from './paths.ts';
import { views, type PublicShared, type SearchForm } from './views.ts';
import { staffPages } from './staff-pages.ts';
import { cookieOptions } from './cookies.ts';

type Ctx = ServiceContext<KarfurSettings>;
type Query = Record<string, string | undefined>;
const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Query;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function langParam(req: FastifyRequest): LanguageCode {
  const { lang } = req.params as { lang: string };
  if (!isLanguageCode(lang))
    throw new HttpError(
      404,
      'Cette langue n’est pas disponible. Langues proposées : français, English, العربية, فارسی, پښتو, Русский, ትግርኛ, Українська.',
    );
  return lang;
}

/** The journey cookie holds "<read token>.<edit token>": the owner's browser is the only holder of the edit token. */
export function journeyCookie(req: FastifyRequest): { token: string; editToken: string } | null {
  const raw = req.cookies?.[JOURNEY_COOKIE];
  const m = raw ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(raw) : null;
  return m ? { token: m[1], editToken: m[2] } : null;
}

export function favouritesCookie(req: FastifyRequest): string[] {
  const raw = req.cookies?.[FAVOURITES_COOKIE] ?? '';
  return [...new Set(raw.split('.').filter((x) => SLUG.test(x) && x.length <= 80))].slice(0, 100);
}

async function shared(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: Ctx,
  lang: LanguageCode,
  pathFor: (l: LanguageCode) => string,
): Promise<PublicShared> {
  const k = karfurFor(ctx);
  const i18n = await k.runtime.i18n();
  // The chosen language persists: in the URL, and in a cookie for /karfur.
  if (req.cookies?.[LANG_COOKIE] !== lang) reply.setCookie(LANG_COOKIE, lang, cookieOptions(req, false));
  let journey: string[] = [];
  const jc = journeyCookie(req);
  if (jc) {
    const row = await k.runtime.repo.journey(jc.token).catch(() => null);
    journey = row ? (row.items as { fiche: string }[]).map((i) => i.fiche) : [];
  }
  const catalog = await k.runtime.current();
  return {
    lang,
    dir: directionOf(lang),
    strings: i18n[lang],
    fallback: i18n.fr,
    assets: assetUrls(),
    languages: LANGUAGE_CODES.map((l) => ({
      lang: l,
      nativeName: LANGUAGES[l].nativeName,
      href: pathFor(l),
      current: l === lang,
      dir: directionOf(l),
    })),
    journey,
    favourites: favouritesCookie(req),
    url: req.url.slice(0, 500),
    preparing: catalog.fiches.size === 0,
  };
}

function meta(lang: LanguageCode, title: string, pathFor: (l: LanguageCode) => string, description?: string) {
  const alternates: PageAlternate[] = [
    ...LANGUAGE_CODES.map((l) => ({ lang: l, href: pathFor(l) })),
    { lang: 'x-default', href: pathFor('fr') },
  ];
  return { title, lang, dir: directionOf(lang), alternates, description };
}

async function tFor(ctx: Ctx, lang: LanguageCode) {
  const i18n = await karfurFor(ctx).runtime.i18n();
  return translator(i18n[lang], lang, i18n.fr);
}

function intOrNull(v: string | undefined, min: number, max: number): number | null {
  if (!v || !/^\d{1,3}$/.test(v.trim())) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

export function parseSearchForm(q: Query): SearchForm {
  const pick = <T extends string>(v: string | undefined, allowed: readonly T[]) =>
    v && (allowed as readonly string[]).includes(v) ? (v as T) : null;
  const page = intOrNull(q.page, 1, 25) ?? 1;
  return {
    q: (q.q ?? '')
      .replace(/[\u0000-\u001F\u007F]/g, ' ')
      .trim()
      .slice(0, 200),
    theme: q.theme && SLUG.test(q.theme) ? q.theme : null,
    need: q.need && SLUG.test(q.need) ? q.need : null,
    lieu: (q.lieu ?? '').trim().slice(0, 80),
    age: intOrNull(q.age, 0, 120),
    niveau: pick(q.niveau, [...CECRL_LEVELS, 'none'] as const),
    statut: pick(q.statut, [...LEGAL_STATUSES, 'french'] as const),
    type: pick(q.type, FICHE_KINDS),
    page,
  };
}

/** Runs a search; an unknown place is reported on the form instead of failing the page. */
export async function runSearch(
  ctx: Ctx,
  lang: LanguageCode,
  form: SearchForm,
): Promise<{ response: api.FichesResponse; placeError: string | null }> {
  const { api: a } = karfurFor(ctx);
  const query: api.FichesQuery = {
    lang,
    q: form.q || undefined,
    theme: form.theme ?? undefined,
    need: form.need ?? undefined,
    departement: form.lieu || undefined,
    age: form.age ?? undefined,
    frenchLevel: (form.niveau ?? undefined) as api.FichesQuery['frenchLevel'],
    status: (form.statut ?? undefined) as api.FichesQuery['status'],
    kind: (form.type ?? undefined) as api.FichesQuery['kind'],
    limit: SEARCH_PAGE_SIZE,
    offset: (form.page - 1) * SEARCH_PAGE_SIZE,
  };
  try {
    return { response: await a.fiches(query), placeError: null };
  } catch (e) {
    if (e instanceof HttpError && e.statusCode === 400) {
      const t = await tFor(ctx, lang);
      const code = (e as HttpError & { code?: string }).code;
      const cleared =
        code === 'karfur.unknown_place' ? { ...query, departement: undefined } : { ...query, theme: undefined, need: undefined };
      return {
        response: await a.fiches(cleared),
        placeError: code === 'karfur.unknown_place' ? t('filters.unknownPlace', { place: form.lieu }) : null,
      };
    }
    throw e;
  }
}

function safeReturn(v: string | undefined, fallback: string): string {
  return v && v.startsWith('/karfur/') && !v.startsWith('//') && v.length < 500 ? v : fallback;
}

const pages: PageDefinition<KarfurSettings>[] = [
  definePage({
    path: '/karfur',
    load({ req }) {
      const remembered = req.cookies?.[LANG_COOKIE];
      const lang = isLanguageCode(remembered) ? remembered : negotiateLanguage(req.headers['accept-language']);
      return redirect(karfurPaths.home(lang), 302);
    },
  }),
  definePage({
    path: '/karfur/:lang',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const pathFor = (l: LanguageCode) => karfurPaths.home(l);
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      if (s.preparing) throw new HttpError(503, 'Karfu’R importe son contenu : réessayez dans quelques instants.');
      const { api: a, runtime } = karfurFor(ctx);
      const themes = await a.themes(lang);
      return view(
        views.home,
        { shared: s, themes, total: (await runtime.current()).fiches.size },
        { ...meta(lang, t('app.name'), pathFor, t('app.tagline')), skipLinks: [{ label: t('search.submit'), anchor: '#karfur-q' }] },
      );
    },
  }),
  definePage({
    path: '/karfur/:lang/themes/:id',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const { id } = req.params as { id: string };
      const pathFor = (l: LanguageCode) => karfurPaths.theme(l, id);
      const { api: a } = karfurFor(ctx);
      const themes = await a.themes(lang);
      const theme = themes.themes.find((x) => x.id === id);
      if (!theme) throw new HttpError(404, 'Thème introuvable.');
      const s = await shared(req, reply, ctx, lang, pathFor);
      const list = await a.fiches({ lang, theme: id, limit: 100, offset: 0 });
      const fiches: Record<string, api.FicheSummary[]> = {};
      for (const n of theme.needs) fiches[n.id] = list.results.filter((f) => f.needs.includes(n.id));
      return view(views.theme, { shared: s, theme, fiches }, meta(lang, theme.label, pathFor, theme.description));
    },
  }),
  definePage({
    path: '/karfur/:lang/besoins/:id',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const { id } = req.params as { id: string };
      const pathFor = (l: LanguageCode) => karfurPaths.need(l, id);
      const { api: a, runtime } = karfurFor(ctx);
      const themes = await a.themes(lang);
      const theme = themes.themes.find((x) => x.needs.some((n) => n.id === id));
      const need = theme?.needs.find((n) => n.id === id);
      if (!theme || !need) throw new HttpError(404, 'Besoin introuvable.');
      const s = await shared(req, reply, ctx, lang, pathFor);
      const list = await a.fiches({ lang, need: id, limit: 100, offset: 0 });
      const structures = [...(await runtime.current()).structures.values()].filter((x) => x.activities.includes(id)).length;
      return view(
        views.need,
        { shared: s, theme: { id: theme.id, label: theme.label }, need, fiches: list.results, structures },
        meta(lang, need.label, pathFor, need.description),
      );
    },
  }),
  definePage({
    path: '/karfur/:lang/fiches/:id',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const { id } = req.params as { id: string };
      if (!SLUG.test(id)) throw new HttpError(404, 'Fiche introuvable.');
      const pathFor = (l: LanguageCode) => karfurPaths.fiche(l, id);
      const { api: a, runtime } = karfurFor(ctx);
      const fiche = await a.fiche(id, lang);
      const s = await shared(req, reply, ctx, lang, pathFor);
      const sponsor = fiche.sponsor.structure;
      const sponsorUrl = sponsor && (await runtime.current()).structures.has(sponsor) ? karfurPaths.structure(lang, sponsor) : null;
      return view(views.fiche, { shared: s, fiche, sponsorUrl }, meta(lang, fiche.title.value, pathFor, fiche.summary.value.slice(0, 200)));
    },
  }),
  definePage({
    path: '/karfur/:lang/recherche',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const form = parseSearchForm(queryOf(req));
      const pathFor = (l: LanguageCode) => karfurPaths.search(l, { ...form });
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      const themes = await karfurFor(ctx).api.themes(lang);
      const searched = form.q || form.theme || form.need || form.lieu || form.age !== null || form.niveau || form.statut || form.type;
      const { response, placeError } = searched ? await runSearch(ctx, lang, form) : { response: null, placeError: null };
      const title = form.q ? t('search.resultsFor', { query: form.q }) : t('search.label');
      return view(
        views.search,
        { shared: s, form, themes, response, placeError, pageSize: SEARCH_PAGE_SIZE },
        { ...meta(lang, title, pathFor), skipLinks: [{ label: t('search.submit'), anchor: '#karfur-q' }] },
      );
    },
  }),
  definePage({
    path: '/karfur/:lang/annuaire',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const q = queryOf(req);
      const lieu = (q.lieu ?? '').trim().slice(0, 80);
      const besoin = q.besoin && SLUG.test(q.besoin) ? q.besoin : null;
      const pathFor = (l: LanguageCode) => karfurPaths.structures(l, { lieu, besoin });
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      const { api: a } = karfurFor(ctx);
      let placeError: string | null = null;
      let response: api.StructuresResponse;
      try {
        response = await a.structures({ lang, departement: lieu || undefined, need: besoin ?? undefined });
      } catch (e) {
        if (!(e instanceof HttpError) || e.statusCode !== 400) throw e;
        placeError = t('filters.unknownPlace', { place: lieu });
        response = await a.structures({ lang });
      }
      const all = await a.structures({ lang });
      const counts: Record<string, number> = {};
      for (const st of all.results) for (const d of st.departements) counts[d] = (counts[d] ?? 0) + 1;
      const themes = await a.themes(lang);
      const needs = themes.themes.flatMap((th) => th.needs.map((n) => ({ id: n.id, label: `${th.label} — ${n.label}` })));
      const map = franceMap();
      return view(
        views.structures,
        { shared: s, response, lieu, besoin, needs, placeError, map: { ...map, counts } },
        meta(lang, t('structures.title'), pathFor),
      );
    },
  }),
  definePage({
    path: '/karfur/:lang/annuaire/:id',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const { id } = req.params as { id: string };
      if (!SLUG.test(id)) throw new HttpError(404, 'Structure introuvable.');
      const pathFor = (l: LanguageCode) => karfurPaths.structure(l, id);
      const structure = await karfurFor(ctx).api.structure(id, lang);
      const s = await shared(req, reply, ctx, lang, pathFor);
      return view(views.structure, { shared: s, structure }, meta(lang, structure.name, pathFor, structure.description));
    },
  }),
  definePage({
    path: '/karfur/:lang/parcours',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const pathFor = (l: LanguageCode) => karfurPaths.journey(l);
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      const jc = journeyCookie(req);
      const journey = jc
        ? await karfurFor(ctx)
            .api.journey(jc.token, lang)
            .catch(() => null)
        : null;
      const notices: Record<string, string> = { ajoute: t('journey.added'), retire: t('journey.removed'), note: t('journey.noteSaved') };
      return view(
        views.journey,
        { shared: s, journey, owner: true, notice: notices[queryOf(req).ok ?? ''] ?? null },
        meta(lang, t('journey.title'), pathFor),
      );
    },
  }),
  definePage({
    path: '/karfur/:lang/parcours/:token',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const { token } = req.params as { token: string };
      if (!/^[A-Za-z0-9_-]{22}$/.test(token)) throw new HttpError(404, 'Parcours introuvable : le lien est peut-être incomplet.');
      const pathFor = (l: LanguageCode) => karfurPaths.sharedJourney(l, token);
      const journey = await karfurFor(ctx).api.journey(token, lang);
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      const owner = journeyCookie(req)?.token === token;
      return view(
        views.journey,
        { shared: s, journey, owner, notice: null },
        { ...meta(lang, journey.title ?? t('journey.title'), pathFor), description: t('journey.readOnly') },
      );
    },
  }),
  definePage({
    method: 'POST',
    path: '/karfur/:lang/parcours/modifier',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const body = (req.body ?? {}) as Query;
      const { api: a } = karfurFor(ctx);
      const back = safeReturn(body.retour, karfurPaths.journey(lang));
      const fiche = body.fiche && SLUG.test(body.fiche) ? body.fiche : null;
      let jc = journeyCookie(req);
      // The journey may have been deleted: start a new one.
      if (jc && !(await a.runtime.repo.journey(jc.token))) jc = null;
      let ok: string;
      switch (body.op) {
        case 'add':
          if (!fiche) throw new HttpError(400, 'Fiche manquante.');
          if (!jc) {
            const created = await a.createJourney(lang, fiche);
            reply.setCookie(JOURNEY_COOKIE, `${created.token}.${created.editToken}`, cookieOptions(req));
          } else await a.editJourney(jc.token, jc.editToken, { op: 'add', fiche }, lang);
          ok = 'ajoute';
          break;
        case 'remove':
        case 'check':
        case 'uncheck':
        case 'note':
          if (!jc || !fiche) throw new HttpError(400, 'Parcours ou fiche manquant.');
          if (body.op === 'remove') await a.editJourney(jc.token, jc.editToken, { op: 'remove', fiche }, lang);
          else if (body.op === 'note')
            await a.editJourney(jc.token, jc.editToken, { op: 'note', fiche, note: (body.note ?? '').slice(0, 500) || null }, lang);
          else await a.editJourney(jc.token, jc.editToken, { op: 'check', fiche, done: body.op === 'check' }, lang);
          ok = body.op === 'remove' ? 'retire' : body.op === 'note' ? 'note' : '';
          break;
        case 'forget':
          reply.clearCookie(JOURNEY_COOKIE, { path: '/karfur' });
          return redirect(karfurPaths.journey(lang), 303);
        default:
          throw new HttpError(400, 'Action inconnue.');
      }
      const sep = back.includes('?') ? '&' : '?';
      return redirect(ok && back.startsWith(karfurPaths.journey(lang)) ? `${back}${sep}ok=${ok}` : back, 303);
    },
  }),
  definePage({
    path: '/karfur/:lang/favoris',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const pathFor = (l: LanguageCode) => karfurPaths.favourites(l);
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      const { api: a, runtime } = karfurFor(ctx);
      const c = await runtime.current();
      const fiches = s.favourites.flatMap((id) => {
        const lf = c.localized(id, lang);
        return lf ? [a.summary(c, lf, lang)] : [];
      });
      return view(views.favourites, { shared: s, fiches }, meta(lang, t('favourites.title'), pathFor));
    },
  }),
  definePage({
    method: 'POST',
    path: '/karfur/:lang/favoris/modifier',
    async load({ req, reply }) {
      const lang = langParam(req);
      const body = (req.body ?? {}) as Query;
      const fiche = body.fiche && SLUG.test(body.fiche) ? body.fiche : null;
      if (!fiche) throw new HttpError(400, 'Fiche manquante.');
      const current = favouritesCookie(req);
      const next = body.op === 'remove' ? current.filter((x) => x !== fiche) : [...new Set([fiche, ...current])].slice(0, 100);
      // Favourites stay in the visitor's browser: a cookie, never stored on the server.
      reply.setCookie(FAVOURITES_COOKIE, next.join('.'), cookieOptions(req));
      return redirect(safeReturn(body.retour, karfurPaths.favourites(lang)), 303);
    },
  }),
  definePage({
    path: '/karfur/:lang/hors-ligne',
    async load({ req, reply, ctx }) {
      const lang = langParam(req);
      const pathFor = (l: LanguageCode) => karfurPaths.offline(l);
      const s = await shared(req, reply, ctx, lang, pathFor);
      const t = await tFor(ctx, lang);
      return view(views.offline, { shared: s }, meta(lang, t('notice.offlineTitle'), pathFor));
    },
  }),
];

export const karfurWeb: ServiceWeb<KarfurSettings> = {
  pages: [...pages, ...staffPages],
  nav: [
    {
      text: 'Karfu’R',
      href: '/karfur',
      isActive: (p) => p.startsWith('/karfur') && !p.startsWith('/karfur/contribuer') && !p.startsWith('/karfur/admin'),
    },
    {
      text: 'Karfu’R : contribuer',
      href: '/karfur/contribuer',
      isActive: (p) => p.startsWith('/karfur/contribuer') || p.startsWith('/karfur/admin'),
    },
  ],
  footerLinks: [
    { text: 'Karfu’R : données ouvertes (fiches, CSV)', href: '/api/karfur/export/fiches.csv' },
    { text: 'Karfu’R : plan du site', href: '/api/karfur/sitemap.xml' },
  ],
  adminLinks: [{ text: 'Karfu’R : imports, index et membres', href: '/karfur/admin', roles: ['admin', 'karfur.admin'] }],
};
