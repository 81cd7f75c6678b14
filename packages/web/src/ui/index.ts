/**
 * The suite's UI kit for service views and islands: DSFR-based components shared by every service,
 * safe in the browser. The server-only half (island wrappers, view binding) is '@eig/web/ui/server'.
 * A service's `src/web/` imports from these two, never from the host.
 */
export { usePage, type PageInfo } from './page-context.ts';
export type { IslandLoaders } from './island-attrs.ts';
export { SanitizedHtml, renumberHeadings, tidy } from './SanitizedHtml.tsx';
export { Snippet } from './Snippet.tsx';
export { parseSnippet, decodeEntities, type SnippetPart } from './highlight.ts';
export { ExternalLink, PageBreadcrumb, RefList, frDate, frNumber, type Crumb } from './common.tsx';
export { ProgressBar, ServiceStatusAlert, percent, useLiveStatus, type Progress, type ServiceStatusView } from './status.tsx';
