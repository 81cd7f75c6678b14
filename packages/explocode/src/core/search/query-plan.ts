/**
 * From the question to the weighted terms every index is scored with: analysis (stop words and
 * scaffolding, light stemming), synonym expansion, learned associations. The plan also remembers where
 * each term came from, so that a result can say which of the question's words and which synonyms it
 * matched (term i is bit i of a document's match mask).
 */
import { correctSpelling, type Bm25fIndex, type FrenchAnalyzer, type SynonymMap, type WeightedTerm } from '@eig/platform/search';
import { MAX_QUERY_CHARS, MAX_TERMS, WEAK_QUERY_TERMS, type EngineConfig } from './config.ts';
import type { ExampleVoteSet } from './example-votes.ts';
import type { SemanticModel } from './model.ts';
import { buildSynonymMap, DEFAULT_SYNONYM_WEIGHTS } from './synonyms.ts';

export interface QueryPlan {
  terms: WeightedTerm[]; // original first, then synonyms
  /** learned association terms (article index only), set by the article scorer */
  model: WeightedTerm[];
  /** the worked examples' votes (example-votes.ts), set by the article scorer */
  examples?: ExampleVoteSet;
  /** max direct article score (for the semantic share) */
  maxDirect: number;
  /** best passage score (article pool calibration), set by the article scorer */
  maxPassage: number;
  kinds: ('q' | 'syn' | 'model')[];
  surfaces: string[]; // per term: surface (q) or "from→to" label
  synFrom: { from: string; to: string }[]; // per term (syn only)
  nOriginal: number;
  keys: Set<string>; // stems to highlight
  /**
   * question words replaced by their typo correction ("licenciment" → "licenciement") or, `cut`, by
   * the completion of a last word cut while typing ("trav" → "travail")
   */
  corrections: { from: string; to: string; cut?: boolean }[];
}

/** The query as a bounded, printable string (anything else — non-strings, control characters — is blanked). */
export function sanitizeQuery(q: unknown): string {
  if (typeof q !== 'string') return '';

  return q
    .slice(0, 4 * MAX_QUERY_CHARS)
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, ' ')
    .slice(0, MAX_QUERY_CHARS)
    .trim();
}

/**
 * The synonym map. A lexicon rule fires only for everyday wording: some term of its source phrase must
 * be rare in the articles (`lexiconMaxDf`); the Code's own vocabulary is searched as it is.
 */
export function buildQuerySynonyms(an: FrenchAnalyzer, config: EngineConfig, artIdx: Bm25fIndex, articleCount: number): SynonymMap {
  const maxDf = config.lexiconMaxDf * articleCount;
  return buildSynonymMap(an, { ...DEFAULT_SYNONYM_WEIGHTS, ...config.synonymWeights }, (phrase) => {
    const ts = an.terms(phrase);
    return (config.lexiconPhrases && ts.length >= 2) || ts.some((t) => artIdx.df(t) <= maxDf);
  });
}

/** What the plan may ask about the corpus's vocabulary. */
export interface PlanVocabulary {
  /** how common a stem is in the corpus (0 = unknown), for typo correction */
  frequency?: (stem: string) => number;
  /** the word a word cut while typing begins ("trav" → "travail"), given the text typed before it, or null */
  complete?: (norm: string, before: string) => string | null;
  /**
   * the same, only when the titles' phrases continue the words typed before with it: evidence enough
   * to complete even a fragment the synonym map knows ("visite médi": "médi" is also the stem of
   * "médiation")
   */
  continues?: (norm: string, before: string) => string | null;
}

/**
 * The question's own terms (scaffolding down-weighted, typos corrected, a last word cut while typing
 * completed), then up to 12 synonym matches.
 */
export function buildQueryPlan(
  q: string,
  an: FrenchAnalyzer,
  syn: SynonymMap,
  config: EngineConfig,
  vocabulary: PlanVocabulary = {},
): QueryPlan {
  const { frequency, complete, continues } = vocabulary;
  const corrections: QueryPlan['corrections'] = [];
  // the last word, when nothing follows it, may be cut while typing ("accident du trav")
  const cut = /[\p{L}\p{N}]$/u.test(q.trim()) && q === q.trimEnd();
  // a one-letter stem ("ggggg" → "g") matches units and initials ("µg/l"), never a notion
  const all = an.query(q, MAX_TERMS);
  const lastEnd = all.length ? all[all.length - 1].end : -1;
  const toks = all
    .filter((t) => t.term.length > 1 || /\d/.test(t.term))
    .map((t) => {
      if (!config.spelling || !frequency) return t;
      // Everyday words the synonym map knows ("patron") are not typos, even if the Code never uses them;
      // but a last word that the titles' phrases continue the typed words with is being typed ("visite
      // médi": "médi" is also the stem of "médiation"). (Only a word no heading uses whole: complete()
      // and continues() say so.)
      const known = syn.startsPhrase(t.term);
      const completeLast = known ? continues : complete;
      const whole = cut && completeLast && t.end === lastEnd && t.end === q.length ? completeLast(t.norm, q.slice(0, t.start)) : null;
      if (whole) {
        corrections.push({ from: t.surface, to: whole, cut: true });
        return { ...t, norm: whole, term: an.stem(whole) };
      }
      if (known) return t;
      const fixed = correctSpelling(t.norm, (n) => an.stem(n), frequency);
      // a typo rarely hits the first letter; "pommes" → "hommes" or "tarte" → "parte" are other words
      if (!fixed || fixed[0] !== t.norm[0]) return t;
      corrections.push({ from: t.surface, to: fixed });
      return { ...t, norm: fixed, term: an.stem(fixed) };
    });
  const terms: WeightedTerm[] = [];
  const kinds: QueryPlan['kinds'] = [];
  const surfaces: string[] = [];
  const synFrom: QueryPlan['synFrom'] = [];
  const seen = new Map<string, number>();
  for (const t of toks) {
    if (seen.has(t.term)) continue;
    seen.set(t.term, terms.length);
    terms.push({ term: t.term, weight: WEAK_QUERY_TERMS.has(t.norm) ? config.weakTermWeight : 1 });
    kinds.push('q');
    surfaces.push(t.surface);
    synFrom.push({ from: '', to: '' });
  }
  const nOriginal = terms.length;
  // Corrections are shown like synonyms in the explanation ("licenciment → licenciement").
  for (let i = 0; i < nOriginal; i++) {
    const c = corrections.find((x) => x.from === surfaces[i]);
    if (c) synFrom[i] = { from: c.from, to: c.to };
  }
  if (config.synonyms && toks.length) {
    const matches = syn.expand(
      toks.map((t) => t.term),
      toks.map((t) => t.surface),
    );
    for (const m of matches.slice(0, 12)) {
      for (const st of m.terms) {
        if (seen.has(st)) continue;
        seen.set(st, terms.length);
        // each term of a multi-word synonym weighs weight/√n
        terms.push({ term: st, weight: m.weight / Math.sqrt(m.terms.length) });
        kinds.push('syn');
        surfaces.push(m.to);
        synFrom.push({ from: m.from, to: m.to });
      }
    }
  }
  const keys = new Set(terms.map((t) => t.term));
  return { terms, model: [], maxDirect: 0, maxPassage: 0, kinds, surfaces, synFrom, nOriginal, keys, corrections };
}

/**
 * Learned association terms of the question's own terms (article index only): summed over the
 * question's terms, the 24 strongest kept, scaled down for long questions so that the expansion does
 * not outweigh the question.
 */
export function modelExpansionTerms(plan: QueryPlan, model: SemanticModel | undefined, modelWeight: number): WeightedTerm[] {
  const out: WeightedTerm[] = [];
  if (!model) return out;
  const acc = new Map<string, number>();
  const have = new Set(plan.terms.map((t) => t.term));
  for (let i = 0; i < plan.nOriginal; i++) {
    const a = model.assoc[plan.terms[i].term];
    if (!a) continue;
    for (const [d, w] of a) if (!have.has(d)) acc.set(d, (acc.get(d) ?? 0) + w);
  }
  const lambda = modelWeight / Math.max(1, Math.sqrt(plan.nOriginal));
  for (const [d, w] of [...acc.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 24))
    out.push({ term: d, weight: lambda * Math.min(1.5, w) });
  return out;
}

/** The question's words and the synonyms a document matched, from its match mask (explanations). */
export function matchedTerms(plan: QueryPlan, mask: number): { terms: string[]; synonyms: { from: string; to: string }[] } {
  const terms: string[] = [];
  const synonyms: { from: string; to: string }[] = [];
  const seenSyn = new Set<string>();
  for (let i = 0; i < plan.terms.length && i < 31; i++) {
    if (!(mask & (1 << i))) continue;
    if (plan.kinds[i] === 'q') terms.push(plan.surfaces[i]);
    // a question word matched through its typo correction, or a synonym
    if (plan.synFrom[i].from) {
      const k = plan.synFrom[i].from + '→' + plan.synFrom[i].to;
      if (!seenSyn.has(k)) {
        seenSyn.add(k);
        synonyms.push(plan.synFrom[i]);
      }
    }
  }
  return { terms, synonyms };
}
