import type { DocType } from './types.ts';

/** Why a result matched: shown to the user next to every result. */
export interface Explanation {
  terms: string[]; // query terms found in the document (surface forms)
  synonyms: { from: string; to: string }[]; // expansions that matched
  themes: string[]; // titles of matched themes the document belongs to
  via: { type: DocType; id: string; title: string }[]; // e.g. the fiches citing this article
  semantic: number; // contribution of the learned association model (0 if none)
  route?: string; // "numéro d'article reconnu", "IDCC reconnu"...
}

export interface SearchResult {
  type: DocType;
  id: string;
  num?: string; // articles
  idcc?: string; // conventions, convention-specific answers
  title: string;
  breadcrumb: string[];
  snippet: string; // HTML-escaped text with <mark> around matched terms
  url: string; // front-end path, e.g. "/explocode/article/L1234-9"
  score: number;
  explanation: Explanation;
}

export interface ThemeHit {
  id: string;
  title: string;
  path: string[];
  count: number; // documents it holds
  score: number;
}

export interface SearchOptions {
  type?: DocType;
  limit: number;
  offset?: number;
  idcc?: string; // convention-specific answers first
  themeId?: string; // narrow to a theme
}

export interface SearchResponse {
  query: string;
  /** Set when the presearch router recognised an article number, an IDCC or an agreement name. */
  route: { kind: 'article' | 'convention'; target: string; url: string } | null;
  /** The legal notions (themes) the question was matched to. */
  themes: ThemeHit[];
  results: SearchResult[];
  total: number;
}

export interface SuggestTheme {
  id: string;
  title: string;
  path: string[];
  count: number;
}

export interface SuggestResponse {
  themes: SuggestTheme[];
  completions: string[];
}

export interface SearchEngine {
  search(q: string, opts: SearchOptions): SearchResponse;
  suggest(q: string, limit?: number): SuggestResponse;
  stats(): { documents: number; terms: number; buildMs: number };
}
