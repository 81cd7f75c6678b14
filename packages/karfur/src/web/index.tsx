/** Karfu'R's views for the server renderer, each bound to its ref (props checked at compile time). */
import { bindView, type BoundView } from '@eig/web/ui/server';
import { views as v } from './views.ts';
import { staffViews as sv } from './staff-views.ts';
import { HomePage, NeedPage, OfflinePage, ThemePage } from './views/PublicPages.tsx';
import { FichePage } from './views/FichePage.tsx';
import { SearchPage } from './views/SearchPage.tsx';
import { StructurePage, StructuresPage } from './views/DirectoryPages.tsx';
import { FavouritesPage, JourneyPage } from './views/JourneyPages.tsx';
import {
  StaffAdmin,
  StaffAudit,
  StaffDashboard,
  StaffFiche,
  StaffFreshness,
  StaffTranslate,
  StaffTranslations,
} from './views/StaffPages.tsx';

export const views: BoundView[] = [
  bindView(v.home, HomePage),
  bindView(v.theme, ThemePage),
  bindView(v.need, NeedPage),
  bindView(v.fiche, FichePage),
  bindView(v.search, SearchPage),
  bindView(v.structures, StructuresPage),
  bindView(v.structure, StructurePage),
  bindView(v.journey, JourneyPage),
  bindView(v.favourites, FavouritesPage),
  bindView(v.offline, OfflinePage),
  bindView(sv.dashboard, StaffDashboard),
  bindView(sv.translations, StaffTranslations),
  bindView(sv.translate, StaffTranslate),
  bindView(sv.fiche, StaffFiche),
  bindView(sv.freshness, StaffFreshness),
  bindView(sv.audit, StaffAudit),
  bindView(sv.admin, StaffAdmin),
];
