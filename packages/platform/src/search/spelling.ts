/**
 * Typo correction for query words the corpus has never seen ("licenciment", "démisionner",
 * "prudhomme"): people type fast, on phones, without accents. Norvig-style: every spelling at one
 * edit (deletion, transposition, substitution, insertion) of the folded word is stemmed and looked
 * up in the index; the variant whose stem is the most frequent wins. No vocabulary to store or
 * snapshot: the index itself is the dictionary. Only words of `minLength`+ letters are corrected,
 * where one edit rarely turns a word into another real one. Any language: the analyzer's folded
 * alphabet gives the letters to insert or substitute (`spellingOptions(analyzer)`).
 */
import type { Analyzer } from './analyzer.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export interface SpellingOptions {
  /** shorter words are left alone (too many real words one edit apart) */
  minLength?: number;
  /** letters that may be inserted or substituted (default: a–z, French folded) */
  alphabet?: string;
  /** longer words are left alone: no word that long is a typo, and its variants cost O(length²) (default: no limit) */
  maxLength?: number;
}

/** Spelling options of an analyzer's language (its alphabet and minimum word length), at most 40 letters. */
export function spellingOptions(analyzer: Analyzer): SpellingOptions {
  return { minLength: analyzer.spellingMinLength, alphabet: analyzer.alphabet, maxLength: 40 };
}

/**
 * All folded strings at one edit of `w` (may contain duplicates), in order of how common the typo is:
 * swapped letters, then a missing letter, an extra letter, a wrong letter. The first variant of the
 * best frequency wins, so this order also picks the readable spelling among variants of one stem
 * ("preavsi" → "preavis", not "preavii").
 */
export function oneEditVariants(w: string, alphabet: string = LETTERS): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < w.length; i++) out.push(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  for (let i = 0; i <= w.length; i++) {
    for (const c of alphabet) out.push(w.slice(0, i) + c + w.slice(i));
  }
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  for (let i = 0; i < w.length; i++) {
    for (const c of alphabet) if (c !== w[i]) out.push(w.slice(0, i) + c + w.slice(i + 1));
  }
  return out;
}

/**
 * The best correction of the folded word `norm`, or null when it needs none or none is found.
 * `frequency(stem)` says how common a stem is in the corpus (0 = unknown).
 */
export function correctSpelling(
  norm: string,
  stem: (norm: string) => string,
  frequency: (stem: string) => number,
  opts: SpellingOptions = {},
): string | null {
  if (norm.length < (opts.minLength ?? 5) || norm.length > (opts.maxLength ?? Infinity) || /\d/.test(norm)) return null;
  if (frequency(stem(norm)) > 0) return null;
  let best: string | null = null;
  let bestFreq = 0;
  const seen = new Set<string>();
  for (const v of oneEditVariants(norm, opts.alphabet)) {
    if (seen.has(v)) continue;
    seen.add(v);
    const f = frequency(stem(v));
    if (f > bestFreq) {
      best = v;
      bestFreq = f;
    }
  }
  return best;
}
