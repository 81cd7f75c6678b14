/** Open Justice's views for the server renderer, each bound to its ref (props checked at compile time). */
import { bindView, type BoundView } from '@eig/web/ui/server';
import { views as v } from './views.ts';
import { HomePage } from './views/HomePage.tsx';
import { ListPage } from './views/ListPage.tsx';
import { ReviewPage } from './views/ReviewPage.tsx';
import { AdminPage, HistoryPage, OpenDataPage, PreviewPage, PublishedPage, ShortcutsPage } from './views/OtherPages.tsx';

export const views: BoundView[] = [
  bindView(v.home, HomePage),
  bindView(v.list, ListPage),
  bindView(v.review, ReviewPage),
  bindView(v.preview, PreviewPage),
  bindView(v.history, HistoryPage),
  bindView(v.admin, AdminPage),
  bindView(v.openData, OpenDataPage),
  bindView(v.published, PublishedPage),
  bindView(v.shortcuts, ShortcutsPage),
];
