import type { DocType } from './types.ts';
import type { AgreementAnswer, AgreementTopic } from './calculators/index.ts';

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
  /**
   * What to show: the title, followed by the nearest ancestor that tells it apart when another theme
   * of the list has the same title ("Licenciement pour motif économique (Partie réglementaire)").
   */
  label?: string;
  path: string[];
  count: number; // documents it holds
  score: number;
}

/** A collective agreement the query names ("transport", "boulangerie", "idcc 1486"). */
export interface ConventionHit {
  idcc: string;
  title: string; // short title
  url: string; // "/explocode/convention/16"
  effectif: number | null;
}

export interface SearchOptions {
  type?: DocType;
  limit: number;
  offset?: number;
  idcc?: string; // convention-specific answers first
  themeId?: string; // narrow to a theme
}

/**
 * What the engine answers. The fields added by ExploCode v2 (route.unambiguous, conventions, themes[].label,
 * spellingSuggestions, outOfScope, and SuggestTheme.query) are always set by the engine; they are optional
 * in the types only so that clients written before them (the web's mocks) still compile — make them
 * required once the API schemas and pages use them.
 */
export interface SearchResponse {
  query: string;
  /**
   * Set when the presearch router recognised an article number, an IDCC or an agreement name.
   * `unambiguous`: the query is that target and nothing else (an article number, an IDCC, a name only
   * one agreement answers to): only then may a client jump straight to `url`.
   */
  route: { kind: 'article' | 'convention'; target: string; url: string; unambiguous?: boolean } | null;
  /** The agreements the query names, best first (up to 10; [] when it names none): listed above the results. */
  conventions?: ConventionHit[];
  /** The legal notions (themes) the question was matched to; none for an off-topic query. */
  themes: ThemeHit[];
  results: SearchResult[];
  total: number;
  /**
   * The query corrected for typos ("licenciment économique" → "licenciement économique"), when some of
   * its words were: "Essayez avec l'orthographe…". Also given with an empty answer.
   */
  spellingSuggestions?: string[];
  /** The question does not look like a labour-law question (off-topic or nonsense): results is []. */
  outOfScope?: boolean;
}

export interface SuggestTheme {
  id: string;
  title: string;
  path: string[];
  count: number;
  /** The text that replaces the typed fragment when the theme is chosen (the search is then run with it). */
  query?: string;
}

export interface SuggestResponse {
  themes: SuggestTheme[];
  completions: string[];
}

/** A theme of the home's "browse by theme" list. */
export interface BrowseTheme {
  id: string;
  title: string;
  count: number; // documents it holds
}

export interface SearchEngine {
  search(q: string, opts: SearchOptions): SearchResponse;
  /** A collective agreement's own answer to a calculator's question (null when the question-réponses have none). */
  agreementAnswer(idcc: string, topic: AgreementTopic): AgreementAnswer | null;
  suggest(q: string, limit?: number): SuggestResponse;
  /** The labour-law themes a worker looks for, most searched first (the home's "browse by theme"). */
  browseThemes(limit?: number): BrowseTheme[];
  stats(): { documents: number; terms: number; buildMs: number };
}
