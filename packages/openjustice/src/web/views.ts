/**
 * Open Justice's views and their props: the contract between the page loaders (pages.ts) and the
 * React components (views/*.tsx). Props are the API's own types.
 */
import { defineView } from '@eig/platform/web';
import type * as api from '../http/schemas.ts';

export interface Notice {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export interface Viewer {
  id: number;
  email: string;
  isAdmin: boolean;
  isAgent: boolean;
}

export interface ListParams {
  status: api.Status | null;
  mine: boolean;
  q: string;
  page: number;
}

export const views = {
  home: defineView<{
    viewer: Viewer | null;
    text: string;
    result: api.PseudonymizeResponse | null;
    error: string | null;
    maxChars: number;
  }>('openjustice.home'),
  list: defineView<{ viewer: Viewer; params: ListParams; data: api.ListResponse; notice: Notice | null }>('openjustice.list'),
  review: defineView<{ viewer: Viewer; detail: api.DecisionDetail; agents: { id: number; email: string }[]; notice: Notice | null }>(
    'openjustice.review',
  ),
  preview: defineView<{ viewer: Viewer; decision: api.DecisionSummary; pseudonymized: string }>('openjustice.preview'),
  history: defineView<{ viewer: Viewer; decision: api.DecisionSummary; entries: api.HistoryResponse['entries'] }>('openjustice.history'),
  admin: defineView<{
    viewer: Viewer;
    stats: api.StatsResponse;
    imports: api.ImportProgress[];
    notice: Notice | null;
    lastImport: api.ImportResponse | null;
  }>('openjustice.admin'),
  openData: defineView<{ viewer: Viewer; q: string; page: number; results: api.SearchResponse | null }>('openjustice.opendata'),
  published: defineView<{ viewer: Viewer; doc: api.PublishedDocument }>('openjustice.published'),
  shortcuts: defineView<Record<string, never>>('openjustice.shortcuts'),
};
