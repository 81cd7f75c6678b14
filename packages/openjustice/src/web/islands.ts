import type { IslandLoaders } from '@eig/web/ui';

/** Open Justice's islands for the browser: each loads on demand, only on the pages that have it. */
export const islands: IslandLoaders = {
  'openjustice.review-editor': () => import('./islands/ReviewEditor.tsx').then((m) => m.ReviewEditor as never),
  'openjustice.imports': () => import('./islands/ImportsLive.tsx').then((m) => m.ImportsLive as never),
};
