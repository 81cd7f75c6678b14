/**
 * Everything a page needs to render, computed on the server (see server/loaders.ts), serialised
 * into the HTML and read back by the client for hydration. Must stay JSON-serialisable.
 */
import type { Stand } from '@eig/platform/service.ts';
import type {
  AdminDatasetsResponse,
  AdminJobsResponse,
  ArticleResponse,
  ContributionResponse,
  ConventionArticlesResponse,
  ConventionResponse,
  Convention,
  DocType,
  Fiche,
  RootThemesResponse,
  SearchResponse,
  StatusResponse,
  ThemeResponse,
} from '../services/explocode/api-types.ts';

/** Shared by every page. */
export interface PageContext {
  /** Path + query string of the current page, e.g. "/explocode/recherche?q=cong%C3%A9s". */
  url: string;
  /** Which suite service the page belongs to (drives the header navigation); null for suite pages. */
  service: string | null;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** ExploCode: readiness/ingest progress, null when it could not be read. */
  explocodeStatus?: StatusResponse | null;
  /** ExploCode: the collective agreement the user chose (cookie), if any. */
  convention?: Pick<Convention, 'idcc' | 'title' | 'shortTitle'> | null;
  /** The logged-in staff member (session cookie), if any: the header then offers to log out. */
  user?: PageUser | null;
}

export interface PageUser {
  email: string;
  roles: string[];
}

/** A message shown at the top of a page after an action (e.g. an ingest started). */
export interface Notice {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export interface SearchParams {
  q: string;
  type: DocType | null;
  theme: string | null;
  idcc: string | null;
  page: number;
}

export type PageData =
  | { page: 'home'; stands: Stand[]; progress: Record<string, StatusResponse | null> }
  | { page: 'not-found'; message: string }
  | { page: 'unavailable'; message: string }
  | { page: 'accessibility' }
  | { page: 'forbidden'; message: string }
  /** `returnTo`: local path to go back to once logged in; `error`: why the last attempt failed. */
  | { page: 'login'; returnTo: string; email: string; error: string | null }
  | { page: 'explocode.home'; themes: RootThemesResponse }
  | {
      page: 'explocode.search';
      params: SearchParams;
      pageSize: number;
      /** null when no query was typed yet */
      response: SearchResponse | null;
      /** title of the theme the search is narrowed to */
      themeTitle: string | null;
    }
  | { page: 'explocode.article'; data: ArticleResponse }
  | { page: 'explocode.theme'; data: ThemeResponse; pageNum: number; pageSize: number }
  | { page: 'explocode.fiche'; data: Fiche }
  | { page: 'explocode.contribution'; data: ContributionResponse; idcc: string | null }
  | { page: 'explocode.convention'; data: ConventionResponse; q: string; articles: ConventionArticlesResponse | null }
  | { page: 'explocode.conventions'; q: string; results: Convention[] | null }
  | { page: 'explocode.how' }
  | { page: 'explocode.admin'; datasets: AdminDatasetsResponse; jobs: AdminJobsResponse; notice: Notice | null };

export type PageState = PageData & {
  /** Document title */
  title: string;
  /** HTTP status of the page */
  status: number;
  ctx: PageContext;
};

export const STATE_ELEMENT_ID = 'eig-state';
