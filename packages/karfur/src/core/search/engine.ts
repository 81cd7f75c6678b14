/**
 * Karfu'R's multilingual search: one BM25F index per language (the platform's TextIndex), searched
 * in the reader's language, merged with the French index (the source language, where every fiche
 * is complete), so that an Arabic reader who types "CAF" or "titre de séjour" finds the fiche, and a
 * fiche not yet translated is still found by its taxonomy and keywords in the reader's language.
 *
 * Merge: scores of each index are divided by that index's best score for the query, then summed,
 * the French side weighted by the share of the query the French analyzer could read (Latin words):
 * a query written entirely in Arabic script leaves the French side silent instead of adding noise.
 * Pure and synchronous; a query is bounded (1,000 characters, 31 terms, top 200 per index).
 */
import {
  createAnalyzer,
  correctSpelling,
  spellingOptions,
  SynonymMap,
  TextIndexBuilder,
  TextIndex,
  topK,
  type Analyzer,
  type PackedTextIndex,
  type SearchLanguage,
  type WeightedTerm,
} from '@eig/platform/search';
import { LANGUAGE_CODES, SOURCE_LANGUAGE, type LanguageCode } from '../languages.ts';
import { SEARCH_FIELDS, type SearchDocument } from './documents.ts';
import { synonymsOf, type SearchKeywords } from './keywords.ts';

/** Weight of a synonym's terms against the words typed. */
const SYNONYM_WEIGHT = 0.6;
const CORRECTION_WEIGHT = 0.8;
const MAX_QUERY_CHARS = 1000;
const MAX_TERMS = 31;
/** Candidates taken from each index before merging: far more than a results page. */
const CANDIDATES = 200;

export interface LanguageIndex {
  lang: LanguageCode;
  index: TextIndex;
  /** Fiche id of each document number. */
  ids: string[];
  synonyms: SynonymMap;
}

export interface PackedLanguageIndex {
  lang: LanguageCode;
  ids: string[];
  packed: PackedTextIndex;
}

export interface SearchHit {
  id: string;
  score: number;
  /** The document matched in the reader's language index (else only in French). */
  inLanguage: boolean;
  /** Index terms matched, per language (for highlighting). */
  terms: { lang: LanguageCode; terms: string[] }[];
}

export interface SearchOutcome {
  hits: SearchHit[];
  total: number;
  corrections: { from: string; to: string }[];
  /** Synonyms used, for the explanation. */
  synonyms: { from: string; to: string }[];
  /** Query terms per language (stems), for snippets. */
  queryTerms: Partial<Record<LanguageCode, string[]>>;
}

function synonymMapFor(analyzer: Analyzer, keywords: SearchKeywords, lang: LanguageCode): SynonymMap {
  const map = new SynonymMap(analyzer);
  for (const group of synonymsOf(keywords, lang)) map.addGroup(group, SYNONYM_WEIGHT);
  return map;
}

const analyzers = new Map<LanguageCode, Analyzer>();
/** One analyzer per language and process: they cache folded forms and stems. */
export function analyzerFor(lang: LanguageCode): Analyzer {
  let a = analyzers.get(lang);
  if (!a) analyzers.set(lang, (a = createAnalyzer(lang as SearchLanguage)));
  return a;
}

export function buildLanguageIndex(
  lang: LanguageCode,
  docs: { id: string; doc: SearchDocument }[],
  keywords: SearchKeywords,
): LanguageIndex {
  const analyzer = analyzerFor(lang);
  const b = new TextIndexBuilder(analyzer, SEARCH_FIELDS);
  const ids: string[] = [];
  for (const { id, doc } of docs) {
    b.add(doc as unknown as Record<string, string>);
    ids.push(id);
  }
  return { lang, index: b.build(), ids, synonyms: synonymMapFor(analyzer, keywords, lang) };
}

export function packLanguageIndex(li: LanguageIndex): PackedLanguageIndex {
  return { lang: li.lang, ids: li.ids, packed: li.index.pack() };
}

export function unpackLanguageIndex(p: PackedLanguageIndex, keywords: SearchKeywords): LanguageIndex {
  const analyzer = analyzerFor(p.lang);
  return { lang: p.lang, ids: p.ids, index: TextIndex.unpack(p.packed, analyzer), synonyms: synonymMapFor(analyzer, keywords, p.lang) };
}

interface Scored {
  scores: Map<string, { score: number; terms: string[] }>;
  max: number;
  terms: WeightedTerm[];
  corrections: { from: string; to: string }[];
  synonyms: { from: string; to: string }[];
  /** Query tokens this analyzer kept (its script). */
  tokens: number;
}

function clip(q: string): string {
  if (q.length <= MAX_QUERY_CHARS) return q;
  return q.slice(0, MAX_QUERY_CHARS - (/[\ud800-\udbff]/.test(q[MAX_QUERY_CHARS - 1]) ? 1 : 0));
}

/** BM25F over one language index, with typo correction and the language's synonyms. */
function scoreIn(li: LanguageIndex, q: string, allowed: ((id: string) => boolean) | null): Scored {
  const an = li.index.analyzer;
  const bm = li.index.bm25;
  const query = an.query(q, MAX_TERMS);
  const terms: WeightedTerm[] = [];
  const corrections: { from: string; to: string }[] = [];
  const seen = new Set<string>();
  const add = (term: string, weight: number) => {
    if (seen.has(term) || terms.length >= MAX_TERMS) return;
    seen.add(term);
    terms.push({ term, weight });
  };
  const effective: string[] = [];
  for (const t of query) {
    let term = t.term;
    let weight = 1;
    if (bm.df(term) === 0) {
      const fixed = correctSpelling(
        t.norm,
        (n) => an.stem(n),
        (s) => bm.df(s),
        spellingOptions(an),
      );
      if (fixed) {
        corrections.push({ from: t.norm, to: fixed });
        term = an.stem(fixed);
        weight = CORRECTION_WEIGHT;
      }
    }
    effective.push(term);
    add(term, weight);
  }
  const synonyms: { from: string; to: string }[] = [];
  for (const m of li.synonyms.expand(
    effective,
    query.map((t) => t.surface),
  )) {
    synonyms.push({ from: m.from, to: m.to });
    const w = m.weight / Math.sqrt(m.terms.length);
    for (const term of m.terms) add(term, w);
  }
  const scores = new Map<string, { score: number; terms: string[] }>();
  let max = 0;
  if (terms.length > 0) {
    const r = bm.score(terms);
    const filter = allowed ? (d: number) => allowed(li.ids[d]) : undefined;
    for (const h of topK(r, CANDIDATES, filter)) {
      const matched = terms.filter((_, i) => (h.mask >> i) & 1).map((t) => t.term);
      scores.set(li.ids[h.doc], { score: h.score, terms: matched });
      if (h.score > max) max = h.score;
    }
  }
  return { scores, max, terms, corrections, synonyms, tokens: query.length };
}

export class MultilingualSearch {
  private readonly byLang: Map<LanguageCode, LanguageIndex>;

  constructor(indexes: LanguageIndex[]) {
    this.byLang = new Map(indexes.map((i) => [i.lang, i]));
    if (!this.byLang.has(SOURCE_LANGUAGE)) throw new Error('the French index is required');
  }

  get languages(): LanguageCode[] {
    return LANGUAGE_CODES.filter((l) => this.byLang.has(l));
  }

  sizeOf(lang: LanguageCode): number {
    return this.byLang.get(lang)?.index.size ?? 0;
  }

  index(lang: LanguageCode): LanguageIndex | undefined {
    return this.byLang.get(lang);
  }

  /**
   * Ranked fiche ids for `q` read in `lang`, restricted to `allowed` (filters), `offset`/`limit` paging.
   * The reader's language comes first; the French index adds what the query says in Latin letters.
   */
  search(q: string, lang: LanguageCode, opts: { allowed?: (id: string) => boolean; limit?: number; offset?: number } = {}): SearchOutcome {
    const text = clip(typeof q === 'string' ? q : '');
    const allowed = opts.allowed ?? null;
    const limit = Math.max(1, Math.min(100, opts.limit ?? 20));
    const offset = Math.max(0, Math.min(CANDIDATES, opts.offset ?? 0));
    const own = this.byLang.get(lang) ?? this.byLang.get(SOURCE_LANGUAGE)!;
    const mine = scoreIn(own, text, allowed);
    const parts: { lang: LanguageCode; s: Scored; weight: number }[] = [{ lang: own.lang, s: mine, weight: 1 }];
    if (own.lang !== SOURCE_LANGUAGE) {
      const fr = scoreIn(this.byLang.get(SOURCE_LANGUAGE)!, text, allowed);
      // The share of the query the French analyzer could read: all-Arabic queries leave French out.
      const own_tokens = Math.max(1, mine.tokens);
      const latinShare = Math.min(1, fr.tokens / own_tokens);
      if (fr.tokens > 0) parts.push({ lang: SOURCE_LANGUAGE, s: fr, weight: 0.35 + 0.65 * latinShare });
    }
    const merged = new Map<string, SearchHit>();
    for (const { lang: l, s, weight } of parts) {
      if (s.max <= 0) continue;
      for (const [id, { score, terms }] of s.scores) {
        const h = merged.get(id) ?? { id, score: 0, inLanguage: false, terms: [] };
        h.score += (weight * score) / s.max;
        if (l === own.lang) h.inLanguage = true;
        h.terms.push({ lang: l, terms });
        merged.set(id, h);
      }
    }
    const ranked = [...merged.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return {
      hits: ranked.slice(offset, offset + limit),
      total: ranked.length,
      corrections: parts.flatMap((p) => p.s.corrections),
      synonyms: parts.flatMap((p) => p.s.synonyms),
      queryTerms: Object.fromEntries(parts.map((p) => [p.lang, p.s.terms.map((t) => t.term)])),
    };
  }

  /** HTML snippet (escaped, `<mark>`ed) of a text in `lang` around the query's terms. */
  snippet(text: string, lang: LanguageCode, terms: readonly string[], length = 200): string {
    const li = this.byLang.get(lang) ?? this.byLang.get(SOURCE_LANGUAGE)!;
    return li.index.snippet(text, { terms: terms.map((term) => ({ term, weight: 1 })) }, length);
  }
}
