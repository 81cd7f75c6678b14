/**
 * Lexicons the engine consults. The core receives them (no I/O here); src/lexicon-data.ts loads the
 * real ones from npm packages (@etalab/decoupage-administratif communes, an-array-of-french-words).
 */
import { fold } from './text.ts';

export interface Lexicons {
  /** folded commune names ("saint-etienne", "la ciotat") */
  communes: Set<string>;
  /** folded French common words (dictionary), to tell a capitalised common word from a name */
  words: Set<string>;
  /** longest commune name in words, bounds the lexicon scan */
  maxCommuneWords: number;
  /** folded names of departments and regions, words joined by one space ("pas de calais", "saone et loire") */
  areas: Set<string>;
}

export const areaKey = (s: string) => fold(s).replace(/[’']/g, "'").replace(/[\s-]+/g, ' ').trim();

export function makeLexicons(communes: Iterable<string>, words: Iterable<string>, areas: Iterable<string> = []): Lexicons {
  const c = new Set<string>();
  let maxWords = 1;
  for (const n of communes) {
    const f = fold(n).replace(/[’']/g, "'");
    c.add(f);
    maxWords = Math.max(maxWords, f.split(/[\s-]+/).length);
  }
  const w = new Set<string>();
  for (const x of words) w.add(fold(x));
  return { communes: c, words: w, maxCommuneWords: Math.min(maxWords, 8), areas: new Set([...areas].map(areaKey)) };
}

export const EMPTY_LEXICONS: Lexicons = { communes: new Set(), words: new Set(), maxCommuneWords: 1, areas: new Set() };
