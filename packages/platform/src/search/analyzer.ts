import { createRequire } from 'node:module';
import { fold, tokenizeFolded, tokenizeWithOffsets, type SurfaceToken } from './normalize.ts';
import { frenchLightStem, frenchMinimalStem } from './french-stemmer.ts';
import { FRENCH_ELISIONS, FRENCH_QUERY_NOISE, FRENCH_STOPWORDS } from './stopwords.ts';

export type StemMode = 'light' | 'minimal' | 'snowball' | 'none';

export interface AnalyzerOptions {
  stem?: StemMode;
  stopwords?: ReadonlySet<string>;
  /** drop tokens shorter than this (after folding); default 1 (keep all) */
  minLength?: number;
}

export interface QueryToken {
  norm: string; // folded surface form
  term: string; // indexed term (stem)
  surface: string; // as typed
  start: number;
  end: number;
}

type Stemmer = (w: string) => string;

/** The languages the search library analyses (ISO 639-1). `fa` covers Persian and Dari. */
export type SearchLanguage = 'fr' | 'en' | 'ar' | 'fa' | 'ps' | 'ru' | 'ti' | 'uk';

/**
 * What an index, the highlighter, the synonym map and typo correction need from a language.
 * Index side: `terms`. Query side: `query` (with surfaces and offsets). Highlighting: `tokens`,
 * whose offsets point into the original string, and `stem` to compare a token with query terms.
 * `createAnalyzer(lang)` (lang/index.ts) returns one per language; French is `FrenchAnalyzer`.
 */
export interface Analyzer {
  readonly lang: SearchLanguage;
  /** writing direction of the language, for whoever renders its snippets (`dir` attribute) */
  readonly dir: 'ltr' | 'rtl';
  /** letters of the folded alphabet: what typo correction may insert or substitute */
  readonly alphabet: string;
  /** words shorter than this (folded, in UTF-16 units) are never typo-corrected */
  readonly spellingMinLength: number;
  /** Case, diacritics and letter variants folded; no tokenising (prefix matching, comparisons). */
  fold(text: string): string;
  /** Index term (stem) of one folded token. */
  stem(norm: string): string;
  isStopword(norm: string): boolean;
  /** Index-side analysis: the sequence of terms of a text. */
  terms(text: string, out?: string[]): string[];
  /** Folded tokens without stemming (stop words removed unless keepStopwords). */
  norms(text: string, keepStopwords?: boolean): string[];
  /** Query-side analysis (stop words and question scaffolding dropped), with surfaces and offsets. */
  query(q: string, maxTerms?: number): QueryToken[];
  /** Every token with its folded form and its offsets in the ORIGINAL string (highlighting). */
  tokens(text: string): SurfaceToken[];
}

const LATIN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

let snowball: Stemmer | null = null;
function snowballStem(): Stemmer {
  if (!snowball) {
    const require = createRequire(import.meta.url);
    const lib = require('snowball-stemmers') as { newStemmer(lang: string): { stem(w: string): string } };
    const st = lib.newStemmer('french');
    snowball = (w) => fold(st.stem(w));
  }
  return snowball;
}

/**
 * French analyzer: fold (lowercase, œ→oe, accents) → tokenize on [a-z0-9]+ → elision (l', qu'...)
 * → stop words → stemming (light by default). Caches stems.
 */
export class FrenchAnalyzer implements Analyzer {
  readonly lang = 'fr' as const;
  readonly dir = 'ltr' as const;
  readonly alphabet = LATIN_ALPHABET;
  readonly spellingMinLength = 5;
  readonly stemMode: StemMode;
  readonly stopwords: ReadonlySet<string>;
  private readonly minLength: number;
  private readonly stemmer: Stemmer;
  private readonly cache = new Map<string, string>();

  constructor(opts: AnalyzerOptions = {}) {
    this.stemMode = opts.stem ?? 'light';
    this.stopwords = opts.stopwords ?? FRENCH_STOPWORDS;
    this.minLength = opts.minLength ?? 1;
    this.stemmer =
      this.stemMode === 'light'
        ? frenchLightStem
        : this.stemMode === 'minimal'
          ? frenchMinimalStem
          : this.stemMode === 'snowball'
            ? snowballStem()
            : (w) => w;
  }

  /** Stem one folded token (cached). */
  stem(norm: string): string {
    let s = this.cache.get(norm);
    if (s === undefined) {
      s = this.stemmer(norm);
      if (this.cache.size < 500_000) this.cache.set(norm, s);
    }
    return s;
  }

  isStopword(norm: string): boolean {
    return this.stopwords.has(norm);
  }

  fold(text: string): string {
    return fold(text);
  }

  tokens(text: string): SurfaceToken[] {
    return tokenizeWithOffsets(text);
  }

  /** Index-side analysis: the sequence of terms of a text. */
  terms(text: string, out: string[] = []): string[] {
    if (!text) return out;
    tokenizeFolded(fold(text), (tok, apos) => {
      if (apos && FRENCH_ELISIONS.has(tok)) return;
      if (tok.length < this.minLength || this.stopwords.has(tok)) return;
      out.push(this.stem(tok));
    });
    return out;
  }

  /** Folded tokens without stemming (stop words removed unless keepStopwords). */
  norms(text: string, keepStopwords = false): string[] {
    const out: string[] = [];
    tokenizeFolded(fold(text), (tok, apos) => {
      if (apos && FRENCH_ELISIONS.has(tok)) return;
      if (!keepStopwords && this.stopwords.has(tok)) return;
      out.push(tok);
    });
    return out;
  }

  /**
   * Query-side analysis, with surface forms and offsets. Question scaffolding ("comment", "peut",
   * "mon"...) is dropped too, unless nothing else would remain.
   */
  query(q: string, maxTerms = 32): QueryToken[] {
    const toks = tokenizeWithOffsets(q);
    const all: QueryToken[] = [];
    for (const t of toks) {
      if (t.apostrophe && FRENCH_ELISIONS.has(t.norm)) continue;
      if (this.stopwords.has(t.norm)) continue;
      all.push({ norm: t.norm, term: this.stem(t.norm), surface: q.slice(t.start, t.end), start: t.start, end: t.end });
      if (all.length >= maxTerms * 4) break;
    }
    let kept = all.filter((t) => !FRENCH_QUERY_NOISE.has(t.norm));
    if (kept.length === 0) kept = all;
    return kept.slice(0, maxTerms);
  }
}
