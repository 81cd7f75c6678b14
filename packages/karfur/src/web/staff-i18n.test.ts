/**
 * The staff screens in the page's language: rendered in Arabic, they carry the Arabic strings of
 * `staff.*` (content/i18n/ar.json) and none of the French interface strings; the moderation state
 * labels of the staff API are shown in the page's language. (The `lang`/`dir` on <html> and the
 * language choice are checked in the browser test, packages/server/test/karfur-browser.test.ts.)
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStarterContent, type StarterContent } from '../content.ts';
import { translator } from '../core/i18n.ts';
import { LANGUAGE_CODES, directionOf, type LanguageCode } from '../core/languages.ts';
import { moderationLabel } from '../core/moderation.ts';
import type { I18nResource } from '../core/schemas.ts';
import type { StaffShared } from './staff-views.ts';
import { errorText, ficheForm } from './staff-pages.ts';
import {
  StaffAdmin,
  StaffAudit,
  StaffDashboard,
  StaffFiche,
  StaffFreshness,
  StaffTranslate,
  StaffTranslations,
  stateLabel,
} from './views/StaffPages.tsx';

let c: StarterContent;
beforeAll(async () => {
  c = await loadStarterContent();
});

const flatten = (r: I18nResource, prefix = ''): [string, string][] =>
  Object.entries(r).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flatten(v, `${prefix}${k}.`),
  );

function shared(lang: LanguageCode): StaffShared {
  return {
    css: '/karfur.css',
    lang,
    dir: directionOf(lang),
    strings: c.i18n[lang],
    fallback: c.i18n.fr,
    languages: LANGUAGE_CODES.map((l) => ({ lang: l, nativeName: l, href: `?lang=${l}`, current: l === lang, dir: directionOf(l) })),
    actor: { id: '1', email: 'trad@exemple.gouv.fr', roles: ['karfur.translator'], languages: ['ar'], structures: [], admin: false },
    notice: { severity: 'success', text: translator(c.i18n[lang], lang, c.i18n.fr)('staff.notice.saved') },
  };
}

const progress = {
  byLanguage: { ar: { ratio: 0.5, inProgressWords: 12, toReviewWords: 3, words: 1200 } },
  byFiche: [],
  translators: [{ translator: 'trad@exemple.gouv.fr', words: { ar: 40 }, validatedWords: 20, total: 40 }],
};

function pages(lang: LanguageCode): string[] {
  const s = shared(lang);
  const render = <P extends object>(C: FunctionComponent<P>, props: P) => renderToStaticMarkup(createElement(C, props));
  const draftLabel = moderationLabel({
    structure: 's',
    published: 1,
    withdrawn: false,
    draft: { version: 1, status: 'pending_structure', author: '', comment: null },
  });
  return [
    render(StaffDashboard, {
      shared: s,
      progress,
      languages: [{ code: 'ar', name: 'x' }],
      queue: { items: [{ id: 'f', title: 'Atelier vélo', structure: 's', status: 'pending_structure', author: null, label: draftLabel }] },
      editable: [],
    } as never),
    render(StaffTranslate, {
      shared: s,
      languageName: 'x',
      dir: 'rtl',
      texts: { title: { source: 'Atelier vélo solidaire', value: '' } },
      editor: {
        fiche: 'f',
        lang: 'ar',
        title: 'Atelier vélo',
        units: [
          {
            unit: 'title',
            status: 'to_translate',
            sourceWords: 2,
            comment: 'trop long',
            diff: null,
            source: 'Atelier vélo solidaire',
            value: null,
            actions: ['save_draft', 'submit', 'reject'],
            memory: [{ segment: 'Atelier vélo', matches: [{ target: 'عنوان', exact: false, score: 0.8, fiche: 'g' }] }],
          },
        ],
      },
    } as never),
    render(StaffFiche, {
      shared: s,
      moderation: null,
      form: ficheForm(null),
      isNew: true,
      structures: [],
      themes: [],
      needs: [],
      error: null,
    } as never),
    render(StaffTranslations, { shared: s, lang: 'ar', languages: [{ code: 'ar', name: 'x' }], progress } as never),
    render(StaffFreshness, {
      shared: s,
      data: {
        structures: [
          {
            id: 's',
            name: 'Parole partagée',
            fiches: [{ id: 'f', title: 'Atelier vélo', freshness: { lastUpdated: '2025-01-15', ageDays: 400, stale: true } }],
          },
        ],
      },
    } as never),
    render(StaffAudit, {
      shared: s,
      page: 2,
      fiche: null,
      data: {
        total: 120,
        entries: [
          {
            id: 1,
            at: '2026-03-01T10:00:00.000Z',
            actor: 'a@b.fr',
            action: 'publish',
            fiche: 'f',
            structure: null,
            lang: null,
            unit: null,
            detail: null,
          },
        ],
      },
    } as never),
    render(StaffAdmin, {
      shared: { ...s, actor: { ...s.actor, admin: true } },
      jobs: {
        jobs: [{ id: '1', name: 'karfur.search-index', state: 'done', progress: null, createdAt: '2026-03-01T10:00:00Z', error: null }],
      },
      members: [{ userId: '1', email: 'a@b.fr', kind: 'language', value: 'ar' }],
      structures: [],
      languages: [{ code: 'ar', name: 'x' }],
      figures: { fiches: 51, structures: 10, contentVersion: 3, searchVersion: null, vdd: null },
    } as never),
  ];
}

describe('staff screens in the page language', () => {
  it('renders Arabic strings and no French interface string', () => {
    const html = pages('ar').join('\n');
    const t = translator(c.i18n.ar, 'ar', c.i18n.fr);
    for (const key of [
      'staff.title.dashboard',
      'staff.dashboard.queueTitle',
      'staff.progress.caption',
      'staff.action.save_draft',
      'staff.fiche.kind',
      'staff.nav.area',
    ])
      expect(html).toContain(t(key));
    expect(html).toContain(t('staff.state.pending_structure'));
    expect(html).toContain('تم الحفظ.');
    expect(html).toContain('فهرس البحث'); // the admin jobs island, with its labels
    expect(html).toContain(t('staff.audit.pageOf', { page: 2, pages: 3 }));
    // No French interface string (interpolated ones are checked by their fixed part).
    // What a reader sees or hears: text nodes and aria-label values (not ids, names or URLs).
    const shown = [html.replace(/<[^>]*>/g, '\n'), ...[...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1])].join('\n');
    const leftovers = flatten(c.i18n.fr.staff as I18nResource)
      .map(([, v]) =>
        v
          .split(/\{\{\w+\}\}/)
          .sort((x, y) => y.length - x.length)[0]
          .trim(),
      )
      .filter((v) => v.length >= 4 && !/Karfu|service-public|eig users|https/.test(v))
      .filter((v) => shown.includes(v.replace(/'/g, '&#x27;')) || shown.includes(v));
    expect(leftovers).toEqual([]);
    // French content stays marked as French.
    expect(html).toContain('lang="fr"');
  });

  it('still renders the French screens from the French strings', () => {
    const html = pages('fr').join('\n');
    expect(html).toContain('Brouillons à traiter');
    expect(html).toContain('Enregistrer le brouillon');
    expect(html).toContain('Publiée, en attente de validation par la structure');
  });

  it('shows a staff API error in the page language, its French message kept as the detail', () => {
    const t = translator(c.i18n.ar, 'ar', c.i18n.fr);
    const msg = 'Une traduction doit être validée par une autre personne que son auteur.';
    expect(errorText(t, 'ar', msg, 'karfur.forbidden')).toEqual({ text: 'لا يحق لك القيام بهذا الإجراء.', detail: msg });
    expect(errorText(t, 'fr', msg, 'karfur.forbidden')).toEqual({ text: msg, detail: null });
    expect(errorText(t, 'ar', 'Autre chose', 'karfur.not_a_known_code')).toEqual({ text: 'Autre chose', detail: null });
    const html = renderToStaticMarkup(
      createElement(StaffFreshness, {
        shared: { ...shared('ar'), notice: { severity: 'error', ...errorText(t, 'ar', msg, 'karfur.forbidden') } },
        data: { structures: [] },
      } as never),
    );
    expect(html).toContain('لا يحق لك القيام بهذا الإجراء.');
    expect(html).toContain(`<span lang="fr" dir="ltr">${msg}</span>`);
  });

  it('shows every moderation state of the staff API in the page language', () => {
    const t = translator(c.i18n.en, 'en', c.i18n.fr);
    expect(stateLabel(t, 'Jamais publiée, brouillon en cours')).toBe('Never published, draft in progress');
    expect(stateLabel(t, 'Dépubliée')).toBe('Withdrawn');
    expect(stateLabel(t, 'something else')).toBe('something else');
  });
});
