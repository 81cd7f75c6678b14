/** IA Flash's views for the server renderer, each bound to its ref (props checked at compile time). */
import { bindView, type BoundView } from '@eig/web/ui/server';
import { views as v } from './views.ts';
import { HomePage } from './views/HomePage.tsx';
import { AnalysePage } from './views/AnalysePage.tsx';
import { BatchesPage, BatchPage } from './views/BatchPages.tsx';
import { FlagPage, ReviewPage } from './views/ReviewPages.tsx';
import { ModelPage } from './views/ModelPage.tsx';

export const views: BoundView[] = [
  bindView(v.home, HomePage),
  bindView(v.analyse, AnalysePage),
  bindView(v.batches, BatchesPage),
  bindView(v.batch, BatchPage),
  bindView(v.review, ReviewPage),
  bindView(v.flag, FlagPage),
  bindView(v.model, ModelPage),
];
