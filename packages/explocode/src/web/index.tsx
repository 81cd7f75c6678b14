/** ExploCode's views for the server renderer, each bound to its ref (props checked at compile time). */
import { bindView, type BoundView } from '@eig/web/ui/server';
import { views as v } from './views.ts';
import { ExploHomePage } from './views/ExploHome.tsx';
import { SearchPage } from './views/SearchPage.tsx';
import { ArticlePage } from './views/ArticlePage.tsx';
import { ThemePage } from './views/ThemePage.tsx';
import { FichePage } from './views/FichePage.tsx';
import { ContributionPage } from './views/ContributionPage.tsx';
import { ConventionPage, ConventionsPage } from './views/ConventionPages.tsx';
import { HowPage } from './views/HowPage.tsx';
import { AdminPage } from './views/AdminPage.tsx';
import { NoticePage, SeverancePage, ToolsPage } from './views/CalculatorPages.tsx';

export const views: BoundView[] = [
  bindView(v.home, ExploHomePage),
  bindView(v.search, SearchPage),
  bindView(v.article, ArticlePage),
  bindView(v.theme, ThemePage),
  bindView(v.fiche, FichePage),
  bindView(v.contribution, ContributionPage),
  bindView(v.conventions, ConventionsPage),
  bindView(v.convention, ConventionPage),
  bindView(v.how, HowPage),
  bindView(v.admin, AdminPage),
  bindView(v.tools, ToolsPage),
  bindView(v.severance, SeverancePage),
  bindView(v.notice, NoticePage),
];
