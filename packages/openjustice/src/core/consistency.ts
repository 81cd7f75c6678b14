/**
 * Document-level consistency: every occurrence of a found name is masked, accent- and
 * case-insensitively (DUPONT, Dupont, Dupônt), and professionals found once stay in clear everywhere.
 * One regex alternation over the folded text: linear in the text size.
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import { escapeRe, foldSameLength } from './text.ts';
import type { Lexicons } from './lexicon.ts';

export interface KeyInfo {
  category: Category;
  personKey?: string;
  score: number;
}

const WORD_CHAR = /[\p{L}\p{M}\d]/u;

/**
 * Finds every occurrence of the given folded keys in the text, at word boundaries, and returns spans
 * for those not overlapping `taken` (sorted, non-overlapping).
 */
export function propagate(text: string, folded: string, keys: Map<string, KeyInfo>, taken: Span[]): Span[] {
  const list = [...keys.keys()].filter((k) => k.length >= 2).sort((a, b) => b.length - a.length);
  if (!list.length) return [];
  // keys are folded the same way as the text; the regex matches whole words only
  const re = new RegExp(list.map((k) => escapeRe(k).replace(/[\s\u00a0]+/g, '[\\s\\u00a0]+')).join('|'), 'g');
  const out: Span[] = [];
  let ti = 0;
  for (const m of folded.matchAll(re)) {
    const s = m.index!, e = s + m[0].length;
    if ((s > 0 && WORD_CHAR.test(folded[s - 1])) || (e < folded.length && WORD_CHAR.test(folded[e]))) continue;
    // hyphenated compounds: "Martin" inside "Martin-Rivière" is not a mention of Martin
    if (folded[e] === '-' && WORD_CHAR.test(folded[e + 1] ?? '')) continue;
    if (s > 0 && folded[s - 1] === '-' && WORD_CHAR.test(folded[s - 2] ?? '')) continue;
    while (ti < taken.length && taken[ti].end <= s) ti++;
    if (ti < taken.length && taken[ti].start < e) continue;
    const info = keys.get(m[0]) ?? keys.get(m[0].replace(/[\s\u00a0]+/g, ' '));
    if (!info) continue;
    out.push({ start: s, end: e, category: info.category, score: info.score, source: 'consistency', personKey: info.personKey });
  }
  return out;
}

export const foldText = (text: string) => foldSameLength(text);

/** A key is worth propagating alone if it is not an everyday French word ("Blanc" stays only in context). */
export function propagatable(key: string, lex: Lexicons, category: Category): boolean {
  if (key.length < 2) return false;
  if (category === 'personnePhysiquePrenom') return key.length >= 3 && !lex.words.has(key);
  if (category === 'personnePhysiqueNom') return key.length >= 2;
  return key.length >= 3;
}
