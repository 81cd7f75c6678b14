import type { IslandLoaders } from '@eig/web/ui';

/**
 * Karfu'R's islands for the browser. The public pages have none on purpose: React alone would weigh
 * more than a third of the 150 KB page budget; their enhancements (speech, share sheet, copy, print,
 * service worker) are a small script without a framework (assets/karfur.js). Staff pages use islands.
 */
export const islands: IslandLoaders = {
  'karfur.admin-jobs': () => import('./islands/AdminJobs.tsx').then((m) => m.AdminJobs as never),
};
