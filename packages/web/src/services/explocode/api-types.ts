/**
 * Shapes of the ExploCode JSON API as the web front end consumes them (/api/explocode/...).
 * Domain objects come from the explocode package; only the envelopes are declared here.
 */
import type { SearchResponse, SuggestResponse, SearchResult, ThemeHit } from '@eig/explocode/core/engine-contract.ts';
import type { Article, Contribution, ContributionAnswer, Convention, DocType, Fiche, Theme } from '@eig/explocode/core/types.ts';

export type { SearchResponse, SuggestResponse, SearchResult, ThemeHit, Contribution, ContributionAnswer, Convention, DocType, Fiche, Theme };

export interface Ref {
  id: string;
  title: string;
}

export interface ArticleResponse {
  article: Pick<Article, 'id' | 'num' | 'text' | 'html' | 'legifranceUrl' | 'dateDebut'>;
  breadcrumb: Ref[];
  previous: { num: string; title?: string } | null;
  next: { num: string; title?: string } | null;
  citedBy: { fiches: (Ref & { sections: { anchor: string; title: string }[] })[]; contributions: Ref[] };
}

export interface ThemeResponse {
  theme: Theme;
  ancestors: Ref[];
  children: (Ref & { count: number })[];
  articles: { num: string; id: string; snippet?: string }[];
  fiches: Ref[];
  contributions: Ref[];
  /** Full sizes of the three lists (they may be truncated). */
  totals?: { articles: number; fiches: number; contributions: number };
}

export type RootThemesResponse = (Ref & { count: number })[];

export interface ContributionResponse {
  contribution: Contribution;
  answer: ContributionAnswer | null;
}

export interface ConventionsResponse {
  results: Convention[];
}

export interface ConventionResponse {
  convention: Convention;
  contributions: Ref[];
}

export interface ConventionArticlesResponse {
  results: { id: string; num: string | null; text: string; path: string[] }[];
}

export interface IngestProgress {
  state: string;
  done: number;
  total: number;
  message: string;
}

export interface StatusResponse {
  ready: boolean;
  dataset: { version: string; activatedAt: string } | null;
  ingest: IngestProgress | null;
  counts: Record<string, number>;
}

/** GET /api/explocode/admin/jobs (role admin). */
export interface AdminJob {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: { done: number; total: number; message: string };
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}
export interface AdminJobsResponse {
  jobs: AdminJob[];
  /** true while an ingest is queued or running */
  running: boolean;
}

/** GET /api/explocode/admin/datasets (role admin). */
export interface AdminDataset {
  id: number;
  version: string;
  status: string;
  counts: Record<string, number>;
  error: string | null;
  createdAt: string;
  activatedAt: string | null;
}
export interface AdminDatasetsResponse {
  served: { id: number; version: string; activatedAt: string | null } | null;
  datasets: AdminDataset[];
}
