/** The contributors' views and their props; their interface strings are `staff.*` in content/i18n/<lang>.json. */
import { defineView } from '@eig/platform/web';
import type { I18nResource } from '../core/schemas.ts';
import type * as api from '../http/schemas.ts';

export interface StaffShared {
  css: string;
  /** Interface language of the staff page (`?lang=`, then the staff language cookie, else French). */
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: I18nResource;
  fallback: I18nResource;
  /** The language switcher: the same page in each of the eight languages. */
  languages: { lang: string; nativeName: string; href: string; current: boolean; dir: 'ltr' | 'rtl' }[];
  /** Who is connected, as Karfu'R sees them. */
  actor: { id: string; email: string; roles: string[]; languages: string[]; structures: string[]; admin: boolean };
  /** `detail`: the French message of a staff API error whose code is translated in `text`. */
  notice: { severity: 'success' | 'info' | 'error'; text: string; detail?: string | null } | null;
}

export interface LanguageOption {
  code: string;
  name: string;
}

export const staffViews = {
  dashboard: defineView<{
    shared: StaffShared;
    progress: api.ProgressResponse;
    languages: LanguageOption[];
    queue: api.ModerationQueue;
    editable: { id: string; title: string; structure: string | null; label: string }[];
  }>('karfur.staff.dashboard'),
  translations: defineView<{ shared: StaffShared; lang: string; languages: LanguageOption[]; progress: api.ProgressResponse }>(
    'karfur.staff.translations',
  ),
  translate: defineView<{
    shared: StaffShared;
    editor: api.TranslationEditor;
    languageName: string;
    dir: 'ltr' | 'rtl';
    texts: Record<string, { source: string; value: string }>;
  }>('karfur.staff.translate'),
  fiche: defineView<{
    shared: StaffShared;
    moderation: api.ModerationView | null;
    /** Form fields (the draft if any, else the published version, else a new fiche). */
    form: Record<string, string>;
    isNew: boolean;
    structures: { id: string; name: string }[];
    themes: { id: string; label: string }[];
    needs: { id: string; label: string }[];
    error: { text: string; detail: string | null } | null;
  }>('karfur.staff.fiche'),
  freshness: defineView<{ shared: StaffShared; data: api.FreshnessResponse }>('karfur.staff.freshness'),
  audit: defineView<{ shared: StaffShared; data: api.AuditResponse; page: number; fiche: string | null }>('karfur.staff.audit'),
  admin: defineView<{
    shared: StaffShared;
    jobs: api.JobsResponse;
    members: { userId: string; email: string; kind: string; value: string }[];
    structures: { id: string; name: string }[];
    languages: LanguageOption[];
    figures: { fiches: number; structures: number; contentVersion: number; searchVersion: number | null; vdd: unknown };
  }>('karfur.staff.admin'),
};
