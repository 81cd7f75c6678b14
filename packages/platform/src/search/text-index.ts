/**
 * A BM25F index bound to one language: documents and queries go through the same analyzer, the
 * index corrects typos with that language's alphabet and highlights with its tokenizer. One index
 * per language (Karfu'R: search in the language the user reads, then in French as a fallback).
 * The raw `Bm25fBuilder`/`Bm25fIndex` underneath stay language-free (a service may use them directly).
 */
import type { Analyzer, QueryToken, SearchLanguage } from './analyzer.ts';
import { Bm25fBuilder, Bm25fIndex, topK, type FieldSpec, type PackedBm25f, type WeightedTerm } from './bm25f.ts';
import { snippet } from './highlight.ts';
import { correctSpelling, spellingOptions } from './spelling.ts';

export interface TextField {
  name: string;
  /** default 1 */
  weight?: number;
  /** length normalisation, default 0.75 */
  b?: number;
}

export interface TextSearchOptions {
  /** default 10, at most 1000 */
  limit?: number;
  offset?: number;
  /** documents allowed (filters: theme, département...) */
  filter?: (doc: number) => boolean;
  /** correct query words the index has never seen (default true) */
  spelling?: boolean;
}

export interface TextHit {
  doc: number;
  score: number;
  /** index terms of the query that this document contains */
  matched: string[];
}

export interface TextSearchResult {
  lang: SearchLanguage;
  hits: TextHit[];
  /** every matching document (after the filter), not just this page */
  total: number;
  /** the analysed query (surfaces and offsets into the query string) */
  query: QueryToken[];
  /** the weighted terms searched for (corrections included) */
  terms: WeightedTerm[];
  /** typos corrected: folded word typed → folded word searched */
  corrections: { from: string; to: string }[];
}

/** Snapshot form: the language travels with the postings, so an index is never read with another analyzer. */
export interface PackedTextIndex {
  lang: SearchLanguage;
  index: PackedBm25f;
}

/** Weight of a corrected word: a guess counts a little less than what was typed. */
const CORRECTION_WEIGHT = 0.8;
/** The score masks hold 31 bits: no more query terms than that. */
const MAX_TERMS = 31;
/** Queries are questions, not documents: longer input is cut (at a whole character). */
export const TEXT_QUERY_MAX_CHARS = 1000;

export class TextIndexBuilder {
  private readonly builder: Bm25fBuilder;
  private readonly names: string[];

  constructor(
    readonly analyzer: Analyzer,
    fields: readonly TextField[],
    k1 = 1.2,
  ) {
    if (fields.length === 0) throw new Error('a text index needs at least one field');
    this.names = fields.map((f) => f.name);
    const specs: FieldSpec[] = fields.map((f) => ({ name: f.name, weight: f.weight ?? 1, b: f.b ?? 0.75 }));
    this.builder = new Bm25fBuilder(specs, k1);
  }

  /** Adds a document (its fields by name; missing ones are empty) and returns its id (0, 1, 2...). */
  add(doc: Readonly<Record<string, string | null | undefined>>): number {
    return this.builder.add(this.names.map((n) => this.analyzer.terms(doc[n] ?? '')));
  }

  build(): TextIndex {
    return new TextIndex(this.analyzer, this.builder.build());
  }
}

export class TextIndex {
  constructor(
    readonly analyzer: Analyzer,
    readonly bm25: Bm25fIndex,
  ) {}

  get lang(): SearchLanguage {
    return this.analyzer.lang;
  }

  /** Number of documents. */
  get size(): number {
    return this.bm25.n;
  }

  /** Analyses `q` in the index's language, corrects unknown words, and ranks documents by BM25F. */
  search(q: string, opts: TextSearchOptions = {}): TextSearchResult {
    const limit = Math.max(1, Math.min(1000, Math.floor(opts.limit ?? 10) || 10));
    const offset = Math.max(0, Math.min(10_000, Math.floor(opts.offset ?? 0) || 0));
    const an = this.analyzer;
    let text = typeof q === 'string' ? q : '';
    if (text.length > TEXT_QUERY_MAX_CHARS)
      text = text.slice(0, TEXT_QUERY_MAX_CHARS - (/[\ud800-\udbff]/.test(text[TEXT_QUERY_MAX_CHARS - 1]) ? 1 : 0));
    const query = an.query(text, MAX_TERMS);
    const terms: WeightedTerm[] = [];
    const corrections: { from: string; to: string }[] = [];
    const seen = new Set<string>();
    const df = (stem: string) => this.bm25.df(stem);
    for (const t of query) {
      let term = t.term;
      let weight = 1;
      if (opts.spelling !== false && df(term) === 0) {
        const fixed = correctSpelling(t.norm, (n) => an.stem(n), df, spellingOptions(an));
        if (fixed) {
          corrections.push({ from: t.norm, to: fixed });
          term = an.stem(fixed);
          weight = CORRECTION_WEIGHT;
        }
      }
      if (seen.has(term)) continue;
      seen.add(term);
      terms.push({ term, weight });
    }
    const r = this.bm25.score(terms);
    let total = 0;
    for (const d of r.touched) if (r.scores[d] > 0 && (!opts.filter || opts.filter(d))) total++;
    const hits = topK(r, offset + limit, opts.filter)
      .slice(offset)
      .map(({ doc, score, mask }) => ({ doc, score, matched: terms.filter((_, i) => (mask >> i) & 1).map((t) => t.term) }));
    return { lang: this.lang, hits, total, query, terms, corrections };
  }

  /**
   * HTML snippet of a document's text (escaped) around what `result` matched, `<mark>`ed. The
   * text is cut and marked at offsets of the original string: right-to-left text and marks come
   * out as they were; render it inside an element with `dir={index.analyzer.dir}`.
   */
  snippet(text: string, result: Pick<TextSearchResult, 'terms'>, length?: number): string {
    return snippet(text, new Set(result.terms.map((t) => t.term)), { analyzer: this.analyzer, length });
  }

  pack(): PackedTextIndex {
    return { lang: this.lang, index: this.bm25.pack() };
  }

  /** Inverse of pack(). Throws when the analyzer given is of another language than the index. */
  static unpack(p: PackedTextIndex, analyzer: Analyzer): TextIndex {
    if (analyzer.lang !== p.lang) throw new Error(`index in ${p.lang} read with a ${analyzer.lang} analyzer`);
    return new TextIndex(analyzer, Bm25fIndex.unpack(p.index));
  }
}
