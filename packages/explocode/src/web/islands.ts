import type { IslandLoaders } from '@eig/web/ui';

/** ExploCode's islands for the browser: each loads on demand, only on the pages that have it. */
export const islands: IslandLoaders = {
  'explocode.search-combobox': () => import('./islands/SearchCombobox.tsx').then((m) => m.SearchCombobox as never),
  'explocode.result-announcer': () => import('./islands/ResultAnnouncer.tsx').then((m) => m.ResultAnnouncer as never),
  'explocode.admin': () => import('./islands/AdminLive.tsx').then((m) => m.AdminLive as never),
};
