import type { Analyzer, QueryToken } from '../analyzer.ts';
import type { SurfaceToken } from '../normalize.ts';
import type { LanguageProfile, OtherLanguage } from './profiles.ts';
import { loadStemmer, STEMMER_LIBRARY, type Stemmer } from './stemmers.ts';
import { RAW_QUERY_NOISE, rawStopwords } from './stopwords.ts';

export interface LanguageAnalyzerOptions {
  /** stem tokens with the language's stemmer, where it has one (default true) */
  stem?: boolean;
  /** replaces the language's stop list (folded forms) */
  stopwords?: ReadonlySet<string>;
}

const CACHE_LIMIT = 200_000;
const APOS = new Set(["'", '’', 'ʼ', '`', '‘']);

/**
 * Analyzer of a language other than French: tokens are found in the original text (./profiles.ts),
 * each folded on its own (cached: words repeat), stop words dropped, then stemmed where a stemmer
 * exists (cached). Index side and highlighting side share the same tokenizer and folding, so a
 * highlighted token's key always equals the indexed term.
 */
export class LanguageAnalyzer implements Analyzer {
  readonly lang: OtherLanguage;
  readonly dir: 'ltr' | 'rtl';
  readonly alphabet: string;
  readonly spellingMinLength: number;
  readonly stopwords: ReadonlySet<string>;
  readonly queryNoise: ReadonlySet<string>;
  /** the library that stems this language, or null (no stemming) */
  readonly stemmerLibrary: string | null;
  private readonly word: RegExp;
  private readonly foldFn: (s: string) => string;
  private readonly stemmer: Stemmer | null;
  private readonly termFold: ((term: string) => string) | null;
  private readonly normCache = new Map<string, string>();
  private readonly stemCache = new Map<string, string>();

  constructor(profile: LanguageProfile, opts: LanguageAnalyzerOptions = {}) {
    this.lang = profile.lang;
    this.dir = profile.dir;
    this.alphabet = profile.alphabet;
    this.spellingMinLength = profile.spellingMinLength;
    this.foldFn = profile.fold;
    // shared by every analyzer of the language: V8 compiles a regular expression to native code
    // per RegExp object, after running it interpreted for a while (its lastIndex is reset on every
    // use, and no call re-enters the tokenizer)
    this.word = profile.word;
    this.stemmer = opts.stem === false ? null : loadStemmer(profile.lang);
    this.termFold = profile.termFold ?? null;
    this.stemmerLibrary = this.stemmer ? STEMMER_LIBRARY[profile.lang] : null;
    this.stopwords = opts.stopwords ?? this.foldedSet(rawStopwords(profile.lang));
    this.queryNoise = this.foldedSet(RAW_QUERY_NOISE[profile.lang]);
  }

  private foldedSet(list: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const w of list) for (const t of this.tokens(w)) out.add(t.norm);
    return out;
  }

  fold(text: string): string {
    return this.foldFn(text);
  }

  /** Folded form of one token of the original text (cached). */
  private norm(raw: string): string {
    let n = this.normCache.get(raw);
    if (n === undefined) {
      n = this.foldFn(raw);
      // a compatibility ligature may fold to several words (ﷺ): keep one token
      if (/\s/.test(n)) n = n.replace(/\s+/g, '');
      if (this.normCache.size < CACHE_LIMIT) this.normCache.set(raw, n);
    }
    return n;
  }

  stem(norm: string): string {
    if (!this.stemmer && !this.termFold) return norm;
    let s = this.stemCache.get(norm);
    if (s === undefined) {
      s = this.stemmer && !/\d/.test(norm) ? this.stemmer(norm) || norm : norm;
      if (this.termFold) s = this.termFold(s);
      if (this.stemCache.size < CACHE_LIMIT) this.stemCache.set(norm, s);
    }
    return s;
  }

  isStopword(norm: string): boolean {
    return this.stopwords.has(norm);
  }

  tokens(text: string): SurfaceToken[] {
    const out: SurfaceToken[] = [];
    if (!text) return out;
    const re = this.word;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const norm = this.norm(m[0]);
      if (!norm) continue; // tatweel or marks alone
      const end = m.index + m[0].length;
      out.push({ norm, start: m.index, end, apostrophe: APOS.has(text[end]) });
    }
    return out;
  }

  terms(text: string, out: string[] = []): string[] {
    if (!text) return out;
    const re = this.word;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const norm = this.norm(m[0]);
      if (!norm || this.stopwords.has(norm)) continue;
      out.push(this.stem(norm));
    }
    return out;
  }

  norms(text: string, keepStopwords = false): string[] {
    const out: string[] = [];
    for (const t of this.tokens(text)) if (keepStopwords || !this.stopwords.has(t.norm)) out.push(t.norm);
    return out;
  }

  query(q: string, maxTerms = 32): QueryToken[] {
    const all: QueryToken[] = [];
    for (const t of this.tokens(q)) {
      if (this.stopwords.has(t.norm)) continue;
      all.push({ norm: t.norm, term: this.stem(t.norm), surface: q.slice(t.start, t.end), start: t.start, end: t.end });
      if (all.length >= maxTerms * 4) break;
    }
    let kept = all.filter((t) => !this.queryNoise.has(t.norm));
    if (kept.length === 0) kept = all;
    return kept.slice(0, maxTerms);
  }
}
