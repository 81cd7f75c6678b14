import type { IslandLoaders } from '../ui/island-attrs.ts';

/** The suite's own islands (keys used with island() in the shell and the UI kit). Client-side loaders only. */
export const webIslands: IslandLoaders = {
  'web.service-status': () => import('../ui/status.tsx').then((m) => m.ServiceStatusAlert as never),
  'web.stand-progress': () => import('./StandProgress.tsx').then((m) => m.StandProgress as never),
  'web.jobs': () => import('./JobsTable.tsx').then((m) => m.JobsTable as never),
};
