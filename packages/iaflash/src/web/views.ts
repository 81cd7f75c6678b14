/**
 * IA Flash's views and their props: the contract between the page loaders (pages.ts) and the React
 * components (views/*.tsx). Props are the API's own types.
 */
import { defineView } from '@eig/platform/web';
import type * as api from '../http/schemas.ts';

export interface Notice {
  severity: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

export interface Viewer {
  email: string;
  isAgent: boolean;
  isAdmin: boolean;
}

export interface AnalyseForm {
  plate: string;
  registeredMake: string;
  registeredModel: string;
}

export const views = {
  home: defineView<{ viewer: Viewer | null; model: api.ModelInfo['active'] }>('iaflash.home'),
  analyse: defineView<{
    viewer: Viewer | null;
    form: AnalyseForm;
    result: api.AnalyzeResponse | null;
    /** data: URL of the re-encoded thumbnail (nothing is stored). */
    photo: string | null;
    error: string | null;
    maxMb: number;
  }>('iaflash.analyse'),
  batches: defineView<{ viewer: Viewer; batches: api.BatchSummary[]; notice: Notice | null; maxMb: number }>('iaflash.batches'),
  batch: defineView<{
    viewer: Viewer;
    data: api.ResultsResponse;
    filters: { decision: api.DecisionValue | null; status: 'pending' | 'done' | 'failed' | null };
    pageSize: number;
    notice: Notice | null;
  }>('iaflash.batch'),
  review: defineView<{ viewer: Viewer; status: api.FlagStatus; data: api.FlagsResponse; notice: Notice | null }>('iaflash.review'),
  flag: defineView<{ viewer: Viewer; detail: api.FlagDetail; notice: Notice | null }>('iaflash.flag'),
  model: defineView<{ viewer: Viewer | null; info: api.ModelInfo; stats: api.StatsResponse | null; notice: Notice | null; maxMb: number }>(
    'iaflash.model',
  ),
};
