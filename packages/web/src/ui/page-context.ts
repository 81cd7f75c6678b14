import { createContext, useContext } from 'react';

/** What every view may know about the request, provided by the shell during server rendering. */
export interface PageInfo {
  /** Path and query string, e.g. "/annuaire/recherche?q=logement". */
  url: string;
  path: string;
  /** The logged-in staff member, if any. */
  user: { email: string; roles: string[] } | null;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** The service the page belongs to; null for the suite's own pages. */
  serviceId: string | null;
}

export const PageInfoContext = createContext<PageInfo>({
  url: '/',
  path: '/',
  user: null,
  lang: 'fr',
  dir: 'ltr',
  serviceId: null,
});

/** The current request, in a view. Islands do not see it (they hydrate alone): pass what they need as props. */
export function usePage(): PageInfo {
  return useContext(PageInfoContext);
}
