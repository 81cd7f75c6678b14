/**
 * Karfu'R's views and their props: the contract between the loaders (pages.ts, staff-pages.ts) and
 * the React components (views/*.tsx). Data props are the API's own types (http/schemas.ts).
 */
import { defineView } from '@eig/platform/web';
import type { I18nResource } from '../core/schemas.ts';
import type * as api from '../http/schemas.ts';
import type { DepartementShape } from './france-map.ts';

/** What every public page gets: its language, strings and the visitor's own lists (cookies). */
export interface PublicShared {
  lang: string;
  dir: 'ltr' | 'rtl';
  strings: I18nResource;
  fallback: I18nResource;
  assets: { css: string; js: string; sw: string; manifest: string };
  /** The same page in every language (language switch). */
  languages: { lang: string; nativeName: string; href: string; current: boolean; dir: 'ltr' | 'rtl' }[];
  /** Fiche ids in the visitor's journey (cookie), and favourites. */
  journey: string[];
  favourites: string[];
  /** Current path and query, for forms' return address. */
  url: string;
  /** The content is still being imported. */
  preparing: boolean;
}

export interface SearchForm {
  q: string;
  theme: string | null;
  need: string | null;
  lieu: string;
  age: number | null;
  niveau: string | null;
  statut: string | null;
  type: string | null;
  page: number;
}

export const views = {
  home: defineView<{ shared: PublicShared; themes: api.ThemesResponse; total: number }>('karfur.home'),
  theme: defineView<{ shared: PublicShared; theme: api.ThemesResponse['themes'][number]; fiches: Record<string, api.FicheSummary[]> }>(
    'karfur.theme',
  ),
  need: defineView<{
    shared: PublicShared;
    theme: { id: string; label: string };
    need: api.ThemesResponse['themes'][number]['needs'][number];
    fiches: api.FicheSummary[];
    structures: number;
  }>('karfur.need'),
  fiche: defineView<{ shared: PublicShared; fiche: api.FicheResponse; sponsorUrl: string | null }>('karfur.fiche'),
  search: defineView<{
    shared: PublicShared;
    form: SearchForm;
    themes: api.ThemesResponse;
    response: api.FichesResponse | null;
    placeError: string | null;
    pageSize: number;
  }>('karfur.search'),
  structures: defineView<{
    shared: PublicShared;
    response: api.StructuresResponse;
    lieu: string;
    besoin: string | null;
    needs: { id: string; label: string }[];
    placeError: string | null;
    map: { viewBox: string; shapes: DepartementShape[]; attribution: string; counts: Record<string, number> };
  }>('karfur.structures'),
  structure: defineView<{ shared: PublicShared; structure: api.StructureSummary }>('karfur.structure'),
  journey: defineView<{
    shared: PublicShared;
    journey: api.JourneyView | null;
    /** The owner's own journey (editable) or a shared one (read only). */
    owner: boolean;
    notice: string | null;
  }>('karfur.journey'),
  favourites: defineView<{ shared: PublicShared; fiches: api.FicheSummary[] }>('karfur.favourites'),
  offline: defineView<{ shared: PublicShared }>('karfur.offline'),
};
