/**
 * The contributors' pages: translation per section, moderation, freshness, audit and administration.
 * Plain forms posting to the same functions as the staff API; each POST redirects back with a notice
 * (post/redirect/get), so everything works without JavaScript.
 *
 * Interface language: the public pages' mechanism (content/i18n/<lang>.json through translator(),
 * `lang`/`dir` in the page definition, a cookie scoped to /karfur), chosen on the staff pages
 * themselves: `?lang=<code>` (the switcher's links) sets the karfur_staff_lang cookie; without it the
 * cookie, else French. Staff URLs stay the same in every language.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, type ServiceContext } from '@eig/platform';
import { definePage, redirect, view, type PageDefinition } from '@eig/platform/web';
import { karfurFor } from '../context.ts';
import type { KarfurSettings } from '../runtime.ts';
import { IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB } from '../runtime.ts';
import { actorOf } from '../http/staff.ts';
import { LANGUAGES, LANGUAGE_CODES, TARGET_LANGUAGES, directionOf, isLanguageCode, type LanguageCode } from '../core/languages.ts';
import { translator, type Translate } from '../core/i18n.ts';
import { isAdmin, type Actor } from '../core/roles.ts';
import { blocksToText, textToBlocks, textToUnit, unitToText } from '../core/block-text.ts';
import { SECTION_KEYS, unitKeySchema, type Fiche, type FicheKind, type UnitKey } from '../core/schemas.ts';
import { MODERATION_ACTIONS, type ModerationAction } from '../core/moderation.ts';
import { assetUrls } from '../http/asset-routes.ts';
import { STAFF_LANG_COOKIE, karfurPaths } from './paths.ts';
import { cookieOptions } from './cookies.ts';
import { staffViews, type StaffShared } from './staff-views.ts';

type Ctx = ServiceContext<KarfurSettings>;
type Form = Record<string, string | undefined>;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `?ok=` of the redirect after a form → the notice's severity and its key under `staff.notice`. */
const NOTICES: Record<string, { severity: 'success' | 'info'; key: string }> = {
  enregistre: { severity: 'success', key: 'saved' },
  soumis: { severity: 'success', key: 'submitted' },
  valide: { severity: 'success', key: 'validated' },
  refuse: { severity: 'info', key: 'rejected' },
  publie: { severity: 'success', key: 'published' },
  lancee: { severity: 'success', key: 'jobStarted' },
  membre: { severity: 'success', key: 'members' },
};

/** The staff page's language: `?lang=` (remembered in the staff cookie), else the cookie, else French. */
function staffLanguage(req: FastifyRequest, reply: FastifyReply): LanguageCode {
  const asked = ((req.query ?? {}) as Form).lang;
  if (isLanguageCode(asked)) {
    if (req.cookies?.[STAFF_LANG_COOKIE] !== asked) reply.setCookie(STAFF_LANG_COOKIE, asked, cookieOptions(req, false));
    return asked;
  }
  const remembered = req.cookies?.[STAFF_LANG_COOKIE];
  return isLanguageCode(remembered) ? remembered : 'fr';
}

/** The same staff page in another language (the notice of a redirect is not carried over). */
function switchHref(req: FastifyRequest, lang: LanguageCode): string {
  const url = new URL(req.url, 'http://x');
  url.searchParams.delete('ok');
  url.searchParams.delete('erreur');
  url.searchParams.delete('code');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

/** Name of a language in the page's language (Intl), e.g. "arabe (العربية)" on a French page. */
export function languageName(code: LanguageCode, pageLang: LanguageCode): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([LANGUAGES[pageLang].bcp47], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) name = pageLang === 'fr' ? LANGUAGES[code].frenchName : LANGUAGES[code].nativeName;
  return name.charAt(0).toLocaleUpperCase(LANGUAGES[pageLang].bcp47) + name.slice(1);
}

/**
 * An error of the staff functions (their messages are French, shared with the API's clients) on a
 * staff page: in French as is; in another language the translation of its code (`staff.error.*`),
 * with the French message kept as the detail.
 */
export function errorText(
  t: Translate,
  lang: LanguageCode,
  message: string,
  code: string | undefined,
): { text: string; detail: string | null } {
  const key = code && /^(karfur\.)?[a-z_]{1,40}$/.test(code) ? `staff.error.${code.replace(/^karfur\./, '')}` : null;
  const translated = key ? t(key) : null;
  if (lang === 'fr' || !key || translated === key || translated === null) return { text: message, detail: null };
  return { text: translated, detail: message };
}

async function staffShared(
  req: FastifyRequest,
  reply: FastifyReply,
  ctx: Ctx,
): Promise<{ actor: Actor; shared: StaffShared; t: Translate; lang: LanguageCode }> {
  const lang = staffLanguage(req, reply);
  const actor = await actorOf(req, karfurFor(ctx).runtime);
  const i18n = await karfurFor(ctx).runtime.i18n();
  const t = translator(i18n[lang], lang, i18n.fr);
  const { ok, erreur: err, code } = (req.query ?? {}) as Form;
  const notice = NOTICES[ok ?? ''];
  return {
    actor,
    t,
    lang,
    shared: {
      css: assetUrls().css,
      lang,
      dir: directionOf(lang),
      strings: i18n[lang],
      fallback: i18n.fr,
      languages: LANGUAGE_CODES.map((l) => ({
        lang: l,
        nativeName: LANGUAGES[l].nativeName,
        href: switchHref(req, l),
        current: l === lang,
        dir: directionOf(l),
      })),
      actor: {
        id: actor.id,
        email: req.user!.email,
        roles: [...actor.roles],
        languages: [...(actor.languages ?? [])],
        structures: [...(actor.structures ?? [])],
        admin: isAdmin(actor),
      },
      notice: err
        ? { severity: 'error', ...errorText(t, lang, err.slice(0, 400), code) }
        : notice
          ? { severity: notice.severity, text: t(`staff.notice.${notice.key}`) }
          : null,
    },
  };
}

const languageOptions = (pageLang: LanguageCode) =>
  TARGET_LANGUAGES.map((code) => ({ code, name: `${languageName(code, pageLang)} (${LANGUAGES[code].nativeName})` }));

/** Title, `lang` and `dir` of a staff page (the document's <html> carries them, as on public pages). */
const meta = (lang: LanguageCode, title: string, status?: number) => ({
  title,
  lang,
  dir: directionOf(lang),
  ...(status ? { status } : {}),
});

/** Runs a form action; a 4xx becomes a notice on the page it came from instead of an error page. */
async function act(back: string, ok: string, fn: () => Promise<unknown>) {
  try {
    await fn();
    return redirect(`${back}${back.includes('?') ? '&' : '?'}ok=${ok}`, 303);
  } catch (e) {
    if (e instanceof HttpError && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 401) {
      const q = new URLSearchParams({ erreur: e.message.slice(0, 300), code: e.code });
      return redirect(`${back}${back.includes('?') ? '&' : '?'}${q.toString()}`, 303);
    }
    throw e;
  }
}

/** The fiche editor's fields: a fiche's values, or the empty form of a new fiche (null). */
export function ficheForm(f: Fiche | null): Record<string, string> {
  if (!f)
    return {
      id: '',
      kind: 'dispositif',
      title: '',
      summary: '',
      theme: '',
      need: '',
      structure: '',
      sponsorName: '',
      conditions: '',
      what: '',
      why: '',
      how: '',
      steps: '',
      next: '',
      location: 'national',
      departements: '',
      links: '',
    };
  const sec = (k: string) => blocksToText(f.sections.find((s) => s.key === k)?.body ?? []);
  return {
    id: f.id,
    kind: f.kind,
    title: f.title,
    summary: f.summary,
    theme: f.themes.join(' '),
    need: f.needs.join(' '),
    structure: f.sponsor.structure ?? '',
    sponsorName: f.sponsor.name,
    conditions: f.conditions.join('\n'),
    what: sec('what'),
    why: sec('why'),
    how: sec('how'),
    steps: sec('steps'),
    next: sec('next'),
    location: f.location.kind,
    departements: f.location.kind === 'departements' ? f.location.departements.join(' ') : '',
    links: f.links.map((l) => `${l.label} | ${l.url}`).join('\n'),
  };
}

/** The form back to a fiche; the schema check (and its French messages) happens in saveDraft. */
function ficheFromForm(body: Form, base: Fiche | null): unknown {
  const kind = (body.kind === 'demarche' ? 'demarche' : 'dispositif') as FicheKind;
  const words = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean);
  const today = new Date().toISOString().slice(0, 10);
  const location =
    body.location === 'departements'
      ? { kind: 'departements', departements: words(body.departements).map((d) => d.toUpperCase()) }
      : { kind: body.location === 'online' ? 'online' : 'national' };
  return {
    ...(base ?? {
      public: { statuses: ['refugee', 'subsidiary_protection', 'temporary_protection'], openToFrench: false },
      age: { min: null, max: null },
      frenchLevel: null,
      price: { kind: 'free' },
      dates: null,
      partners: [],
      source: { kind: 'project' },
      createdAt: today,
    }),
    id: (body.id ?? base?.id ?? '').trim(),
    kind,
    title: (body.title ?? '').trim(),
    summary: (body.summary ?? '').replace(/\s+/g, ' ').trim(),
    themes: words(body.theme),
    needs: words(body.need),
    sponsor: { structure: body.structure?.trim() || null, name: (body.sponsorName ?? '').trim() || (base?.sponsor.name ?? '') },
    conditions: (body.conditions ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
    location,
    sections: SECTION_KEYS[kind].map((key) => ({ key, body: textToBlocks(body[key] ?? '') })),
    links: (body.links ?? '')
      .split(/\r?\n/)
      .map((l) => l.split('|').map((x) => x.trim()))
      .filter((p) => p.length === 2 && p[0] && p[1])
      .map(([label, url]) => ({ label, url })),
    updatedAt: today,
  };
}

async function ficheEditProps(
  ctx: Ctx,
  shared: StaffShared,
  id: string | null,
  actor: Actor,
  error: { text: string; detail: string | null } | null,
  posted?: Form,
) {
  const k = karfurFor(ctx);
  const c = await k.runtime.current();
  const moderation = id ? await k.staff.moderationView(actor, id) : null;
  const current = moderation ? (moderation.draft?.fiche ?? moderation.published) : null;
  const form = posted ? Object.fromEntries(Object.entries(posted).map(([key, v]) => [key, v ?? ''])) : ficheForm(current);
  return {
    shared,
    moderation,
    form,
    isNew: !id,
    error,
    structures: [...c.structures.values()]
      .filter((s) => isAdmin(actor) || actor.structures?.includes(s.id))
      .map((s) => ({ id: s.id, name: s.name })),
    themes: c.taxonomy.themes.map((t) => ({ id: t.id, label: t.labels[shared.lang as LanguageCode].label })),
    needs: c.taxonomy.needs.map((n) => ({ id: n.id, label: n.labels[shared.lang as LanguageCode].label })),
  };
}

export const staffPages: PageDefinition<KarfurSettings>[] = [
  definePage({
    path: '/karfur/contribuer',
    async load({ req, reply, ctx }) {
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const k = karfurFor(ctx);
      const [progress, queue, editable] = await Promise.all([k.staff.progress(), k.staff.queue(actor), k.staff.editable(actor)]);
      return view(
        staffViews.dashboard,
        { shared, progress, languages: languageOptions(lang), queue, editable: editable.slice(0, 200) },
        meta(lang, t('staff.title.dashboard')),
      );
    },
  }),
  definePage({
    path: '/karfur/contribuer/traductions',
    async load({ req, reply, ctx }) {
      const { shared, t, lang: ui } = await staffShared(req, reply, ctx);
      const q = (req.query ?? {}) as Form;
      const lang = (
        q.langue && isLanguageCode(q.langue) && q.langue !== 'fr' ? q.langue : (shared.actor.languages.find((l) => l !== 'fr') ?? 'en')
      ) as LanguageCode;
      const progress = await karfurFor(ctx).staff.progress();
      return view(
        staffViews.translations,
        { shared, lang, languages: languageOptions(ui), progress },
        meta(ui, t('staff.title.translations', { language: languageName(lang, ui) })),
      );
    },
  }),
  definePage({
    path: '/karfur/contribuer/traductions/:fiche/:lang',
    async load({ req, reply, ctx }) {
      const { fiche, lang } = req.params as { fiche: string; lang: string };
      if (!SLUG.test(fiche) || !isLanguageCode(lang) || lang === 'fr') throw new HttpError(404, 'Fiche ou langue inconnue.');
      const { actor, shared, t, lang: ui } = await staffShared(req, reply, ctx);
      const editor = await karfurFor(ctx).staff.editor(actor, fiche, lang);
      const texts = Object.fromEntries(editor.units.map((u) => [u.unit, { source: unitToText(u.source), value: unitToText(u.value) }]));
      const name = languageName(lang, ui);
      return view(
        staffViews.translate,
        { shared, editor, languageName: name, dir: directionOf(lang), texts },
        meta(ui, t('staff.title.translate', { title: editor.title, language: name })),
      );
    },
  }),
  definePage({
    method: 'POST',
    path: '/karfur/contribuer/traductions/:fiche/:lang/:unit',
    bodyLimit: 128 * 1024,
    async load({ req, reply, ctx }) {
      const { fiche, lang, unit } = req.params as { fiche: string; lang: string; unit: string };
      if (!SLUG.test(fiche) || !isLanguageCode(lang) || lang === 'fr' || !unitKeySchema.safeParse(unit).success)
        throw new HttpError(404, 'Fiche, langue ou partie inconnue.');
      const body = (req.body ?? {}) as Form;
      const back = `${karfurPaths.translate(fiche, lang)}#partie-${unit}`.replace(/#.*$/, '');
      const { actor } = await staffShared(req, reply, ctx);
      const staff = karfurFor(ctx).staff;
      const action = body.action ?? '';
      const ok: Record<string, string> = {
        save_draft: 'enregistre',
        submit: 'soumis',
        validate: 'valide',
        reject: 'refuse',
        confirm_review: 'valide',
      };
      return act(back, ok[action] ?? 'enregistre', async () => {
        if (action === 'save_draft' || action === 'save_submit') {
          const ed = await staff.editor(actor, fiche, lang);
          const u = ed.units.find((x) => x.unit === unit)!;
          const value = textToUnit(body.value ?? '', u.source);
          await staff.translate(actor, fiche, lang, unit as UnitKey, { action: 'save_draft', value });
          if (action === 'save_submit') await staff.translate(actor, fiche, lang, unit as UnitKey, { action: 'submit' });
        } else if (action === 'reject')
          await staff.translate(actor, fiche, lang, unit as UnitKey, { action: 'reject', comment: (body.comment ?? '').slice(0, 1000) });
        else if (action === 'submit' || action === 'validate' || action === 'confirm_review')
          await staff.translate(actor, fiche, lang, unit as UnitKey, { action });
        else throw new HttpError(400, 'Action inconnue.');
      });
    },
  }),
  definePage({
    path: '/karfur/contribuer/fiches/nouvelle',
    async load({ req, reply, ctx }) {
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      return view(staffViews.fiche, await ficheEditProps(ctx, shared, null, actor, null), meta(lang, t('staff.title.newFiche')));
    },
  }),
  definePage({
    method: 'POST',
    path: '/karfur/contribuer/fiches/nouvelle',
    bodyLimit: 256 * 1024,
    async load({ req, reply, ctx }) {
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const body = (req.body ?? {}) as Form;
      try {
        const v = await karfurFor(ctx).staff.saveDraft(actor, null, ficheFromForm(body, null));
        return redirect(`${karfurPaths.editFiche(v.id)}?ok=enregistre`, 303);
      } catch (e) {
        if (!(e instanceof HttpError) || e.statusCode >= 500 || e.statusCode === 401) throw e;
        return view(
          staffViews.fiche,
          await ficheEditProps(ctx, shared, null, actor, errorText(t, lang, e.message, e.code), body),
          meta(lang, t('staff.title.newFiche'), e.statusCode),
        );
      }
    },
  }),
  definePage({
    path: '/karfur/contribuer/fiches/:id',
    async load({ req, reply, ctx }) {
      const { id } = req.params as { id: string };
      if (!SLUG.test(id)) throw new HttpError(404, 'Fiche introuvable.');
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const props = await ficheEditProps(ctx, shared, id, actor, null);
      return view(staffViews.fiche, props, meta(lang, t('staff.title.fiche', { title: props.form.title || id })));
    },
  }),
  definePage({
    method: 'POST',
    path: '/karfur/contribuer/fiches/:id',
    bodyLimit: 256 * 1024,
    async load({ req, reply, ctx }) {
      const { id } = req.params as { id: string };
      if (!SLUG.test(id)) throw new HttpError(404, 'Fiche introuvable.');
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const body = (req.body ?? {}) as Form;
      const staff = karfurFor(ctx).staff;
      const back = karfurPaths.editFiche(id);
      if (body.action === 'save') {
        try {
          const m = await staff.moderationView(actor, id);
          await staff.saveDraft(actor, id, ficheFromForm({ ...body, id }, m.draft?.fiche ?? m.published));
          return redirect(`${back}?ok=enregistre`, 303);
        } catch (e) {
          if (!(e instanceof HttpError) || e.statusCode >= 500 || e.statusCode === 401) throw e;
          return view(
            staffViews.fiche,
            await ficheEditProps(ctx, shared, id, actor, errorText(t, lang, e.message, e.code), body),
            meta(lang, t('staff.title.fiche', { title: id }), e.statusCode),
          );
        }
      }
      const action = body.action as ModerationAction;
      if (!(MODERATION_ACTIONS as readonly string[]).includes(action) || action === 'edit') throw new HttpError(400, 'Action inconnue.');
      const ok = action === 'publish' ? 'publie' : action.endsWith('reject') ? 'refuse' : action === 'submit' ? 'soumis' : 'valide';
      return act(back, ok, () => staff.moderate(actor, id, action, body.comment));
    },
  }),
  definePage({
    path: '/karfur/contribuer/fraicheur',
    async load({ req, reply, ctx }) {
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const data = await karfurFor(ctx).staff.freshness(actor);
      return view(staffViews.freshness, { shared, data }, meta(lang, t('staff.title.freshness')));
    },
  }),
  definePage({
    path: '/karfur/contribuer/journal',
    async load({ req, reply, ctx }) {
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const q = (req.query ?? {}) as Form;
      const page = Math.min(Math.max(Number.parseInt(q.page ?? '1', 10) || 1, 1), 1000);
      const fiche = q.fiche && SLUG.test(q.fiche) ? q.fiche : null;
      const data = await karfurFor(ctx).staff.audit(actor, { fiche: fiche ?? undefined, limit: 50, offset: (page - 1) * 50 });
      const title = fiche ? t('staff.title.auditFiche', { fiche }) : t('staff.title.audit');
      return view(staffViews.audit, { shared, data, page, fiche }, meta(lang, title));
    },
  }),
  definePage({
    path: '/karfur/admin',
    async load({ req, reply, ctx }) {
      const { actor, shared, t, lang } = await staffShared(req, reply, ctx);
      const k = karfurFor(ctx);
      k.staff.requireAdmin(actor);
      const c = await k.runtime.current();
      const [jobs, members, vdd] = await Promise.all([k.staff.jobsList(), k.staff.members(), k.runtime.repo.meta('vdd_imported')]);
      return view(
        staffViews.admin,
        {
          shared,
          jobs,
          members,
          structures: [...c.structures.values()].map((s) => ({ id: s.id, name: s.name })),
          languages: languageOptions(lang),
          figures: {
            fiches: c.fiches.size,
            structures: c.structures.size,
            contentVersion: c.version,
            searchVersion: k.runtime.searchVersion,
            vdd,
          },
        },
        meta(lang, t('staff.title.admin')),
      );
    },
  }),
  definePage({
    method: 'POST',
    path: '/karfur/admin',
    async load({ req, reply, ctx }) {
      const { actor } = await staffShared(req, reply, ctx);
      const body = (req.body ?? {}) as Form;
      const staff = karfurFor(ctx).staff;
      const jobs: Record<string, string> = {
        'import-contenu': IMPORT_CONTENT_JOB,
        'import-service-public': IMPORT_VDD_JOB,
        'index-recherche': SEARCH_INDEX_JOB,
      };
      if (body.action === 'job' && body.job && jobs[body.job])
        return act('/karfur/admin', 'lancee', () => staff.startJob(actor, jobs[body.job!]));
      if (body.action === 'member') {
        return act('/karfur/admin', 'membre', () =>
          staff.setMember(actor, {
            email: (body.email ?? '').trim(),
            kind: body.kind === 'language' ? 'language' : 'structure',
            value: (body.value ?? '').trim(),
            present: body.present !== 'non',
          }),
        );
      }
      throw new HttpError(400, 'Action inconnue.');
    },
  }),
];
