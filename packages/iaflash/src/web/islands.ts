import type { IslandLoaders } from '@eig/web/ui';

/** IA Flash's islands for the browser: each loads on demand, only on the pages that have it. */
export const islands: IslandLoaders = {
  'iaflash.batch-progress': () => import('./islands/BatchProgress.tsx').then((m) => m.BatchProgress as never),
  'iaflash.training-progress': () => import('./islands/TrainingProgress.tsx').then((m) => m.TrainingProgress as never),
};
