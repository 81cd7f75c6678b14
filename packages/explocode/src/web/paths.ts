/** Front-end URLs of ExploCode pages (one place, used by pages, loaders and the search bar). */
import type { DocType } from '../http/schemas.ts';

export const CONVENTION_COOKIE = 'eig_explocode_idcc';
export const SEARCH_PAGE_SIZE = 20;
/**
 * The engine serves results up to offset 1 000: pagination never offers more (a larger total is
 * announced as "plus de 1 000").
 */
export const SEARCH_MAX_RESULTS = 1000;

/** The last page that can be served for `total` results. */
export function lastSearchPage(total: number, pageSize = SEARCH_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(Math.min(total, SEARCH_MAX_RESULTS) / pageSize));
}

const enc = encodeURIComponent;

export interface SearchUrlParams {
  q?: string;
  type?: DocType | null;
  theme?: string | null;
  idcc?: string | null;
  page?: number;
  /** false: show the results even when the query names a single article or agreement */
  direct?: boolean;
}

export const explocodePaths = {
  home: () => '/explocode',
  search(p: SearchUrlParams): string {
    const sp = new URLSearchParams();
    sp.set('q', p.q ?? '');
    if (p.type) sp.set('type', p.type);
    if (p.theme) sp.set('theme', p.theme);
    if (p.idcc) sp.set('idcc', p.idcc);
    if (p.page && p.page > 1) sp.set('page', String(p.page));
    if (p.direct === false) sp.set('direct', '0');
    return `/explocode/recherche?${sp}`;
  },
  article: (num: string) => `/explocode/article/${enc(num)}`,
  /** Code sections may come as bare "LEGISCTA…" ids (article breadcrumb): themes are "code:LEGISCTA…". */
  theme: (id: string) => `/explocode/theme/${enc(/^LEGISCTA/.test(id) ? `code:${id}` : id)}`,
  fiche: (id: string) => `/explocode/fiche/${enc(id)}`,
  contribution: (id: string, idcc?: string | null) => `/explocode/reponse/${enc(id)}${idcc ? `?idcc=${enc(idcc)}` : ''}`,
  convention: (idcc: string) => `/explocode/convention/${enc(idcc)}`,
  conventions: (q?: string) => `/explocode/conventions${q ? `?q=${enc(q)}` : ''}`,
  chooseConvention: (idcc: string, back: string) => `/explocode/conventions/choisir?idcc=${enc(idcc)}&retour=${enc(back)}`,
  forgetConvention: (back: string) => `/explocode/conventions/oublier?retour=${enc(back)}`,
  how: () => '/explocode/comment-ca-marche',
  severanceTool: () => '/explocode/outils/indemnite-licenciement',
  noticeTool: () => '/explocode/outils/preavis',
  suggestApi: (q: string, limit = 6) => `/api/explocode/suggest?q=${enc(q)}&limit=${limit}`,
};

export const DOC_TYPE_LABELS: Record<DocType, { plural: string; singular: string }> = {
  article: { plural: 'Articles du Code du travail', singular: 'Article du Code du travail' },
  fiche: { plural: 'Fiches', singular: 'Fiche' },
  contribution: { plural: 'Questions-réponses', singular: 'Question-réponse' },
  convention: { plural: 'Conventions collectives', singular: 'Convention collective' },
  theme: { plural: 'Thèmes', singular: 'Thème' },
};

/** Display order of result groups. */
export const DOC_TYPE_ORDER: DocType[] = ['contribution', 'fiche', 'article', 'convention', 'theme'];
