/**
 * ExploCode's views and the props each renders: the contract between the page loaders (pages.ts,
 * server) and the React components (views/*.tsx). Props are the API's own types (http/schemas.ts).
 */
import { defineView } from '@eig/platform/web';
import type * as api from '../http/schemas.ts';

/** The readiness shown on every page while the first ingest runs (null once ready: no banner, no script). */
export interface ServiceStatusView {
  ready: boolean;
  message: string | null;
  progress: { done: number; total: number; message: string } | null;
}

/** The collective agreement the visitor chose (cookie), shown in the header and used by answers. */
export interface ChosenConvention {
  idcc: string;
  title: string;
  shortTitle: string;
}

/** What every ExploCode view gets besides its own data. */
export interface Shared {
  status: ServiceStatusView | null;
  convention: ChosenConvention | null;
  /** True while the first ingest is running (no dataset served yet). */
  preparing: boolean;
}

export interface SearchParams {
  q: string;
  type: api.DocType | null;
  theme: string | null;
  idcc: string | null;
  page: number;
}

/** A calculator's form as typed, and what was wrong with it. */
export interface CalculatorForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  submitted: boolean;
}

export const views = {
  /** `themes`: the labour-law themes a worker looks for, most searched first (browseThemes). */
  home: defineView<{ shared: Shared; themes: api.BrowseThemes }>('explocode.home'),
  search: defineView<{
    shared: Shared;
    /** The current URL (for "forget my agreement" return links). */
    url: string;
    params: SearchParams;
    pageSize: number;
    /** null when no query was typed yet */
    response: api.SearchResponse | null;
    themeTitle: string | null;
    /** Themes offered when there is nothing (yet) to show: an empty search, no answer. */
    browse: api.BrowseThemes;
  }>('explocode.search'),
  article: defineView<{ shared: Shared; data: api.ArticleResponse }>('explocode.article'),
  theme: defineView<{ shared: Shared; data: api.ThemeResponse; pageNum: number; pageSize: number }>('explocode.theme'),
  fiche: defineView<{ shared: Shared; data: api.FicheResponse }>('explocode.fiche'),
  contribution: defineView<{
    shared: Shared;
    url: string;
    contribution: { id: string; slug: string; title: string };
    /** The answer shown: for the chosen agreement when there is one, else the general answer. */
    answer: api.ContributionResponse['answer'];
    generic: api.ContributionResponse['contribution']['generic'];
    convention: api.Convention | null;
    /** Agreements that have their own answer (idcc only): to offer the choice. */
    agreementsWithAnswer: number;
    idcc: string | null;
  }>('explocode.contribution'),
  conventions: defineView<{ shared: Shared; url: string; q: string; results: api.Convention[] | null }>('explocode.conventions'),
  convention: defineView<{
    shared: Shared;
    url: string;
    data: api.ConventionResponse;
    q: string;
    articles: api.ConventionArticlesResponse | null;
  }>('explocode.convention'),
  how: defineView<{ shared: Shared }>('explocode.how'),
  tools: defineView<{ shared: Shared }>('explocode.tools'),
  severance: defineView<{ shared: Shared; form: CalculatorForm; result: api.SeveranceResponse | null }>('explocode.severance'),
  notice: defineView<{ shared: Shared; form: CalculatorForm; result: api.NoticeResponse | null }>('explocode.notice'),
  admin: defineView<{
    shared: Shared;
    datasets: api.AdminDatasetsResponse;
    jobs: api.AdminJobsResponse;
    notice: { severity: 'success' | 'info' | 'warning' | 'error'; text: string } | null;
  }>('explocode.admin'),
};

export const SEARCH_INPUT_ID = 'recherche-explocode';
