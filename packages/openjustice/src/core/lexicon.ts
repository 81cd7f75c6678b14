/**
 * Lexicons the engine consults. The core receives them (no I/O here); src/lexicon-data.ts loads the
 * real ones from npm packages (@etalab/decoupage-administratif communes, an-array-of-french-words).
 */
import { fold } from './text.ts';

/** Word-prefixes of a folded name, words joined as the scan joins them (space for a gap, nothing for "'"). */
function addPrefixes(name: string, into: Set<string>) {
  const parts = name.split(/(?<=')|(?=')|[\s]+/).filter(Boolean);
  let acc = '';
  for (let k = 0; k < parts.length - 1; k++) {
    acc += (k > 0 && parts[k] !== "'" && !acc.endsWith("'") ? ' ' : '') + parts[k];
    into.add(acc);
    into.add(acc.replace(/ /g, '-'));
  }
}

export interface Lexicons {
  /** folded commune names ("saint-etienne", "la ciotat") */
  communes: Set<string>;
  /** folded French common words (dictionary), to tell a capitalised common word from a name */
  words: Set<string>;
  /** the dictionary words that carry diacritics, lowercase as written ("été", "cœur"): "Alès" is not the word "ales" */
  accentedWords?: Set<string>;
  /** longest commune name in words, bounds the lexicon scan */
  maxCommuneWords: number;
  /** folded names of departments and regions, words joined by one space ("pas de calais", "saone et loire") */
  areas: Set<string>;
  /** every proper word-prefix of a commune or area name ("la", "saint-denis de"): lets a scan stop early */
  prefixes: Set<string>;
}

export const areaKey = (s: string) =>
  fold(s)
    .replace(/[’']/g, "'")
    .replace(/[\s-]+/g, ' ')
    .trim();

export function makeLexicons(communes: Iterable<string>, words: Iterable<string>, areas: Iterable<string> = []): Lexicons {
  const c = new Set<string>();
  let maxWords = 1;
  for (const n of communes) {
    const f = fold(n).replace(/[’']/g, "'");
    c.add(f);
    maxWords = Math.max(maxWords, f.split(/[\s-]+/).length);
  }
  const w = new Set<string>();
  const accented = new Set<string>();
  for (const x of words) {
    const f = fold(x);
    w.add(f);
    if (f !== x.toLowerCase()) accented.add(x.toLowerCase().normalize('NFC'));
  }
  const a = new Set([...areas].map(areaKey));
  const prefixes = new Set<string>();
  for (const n of c) addPrefixes(n.replace(/-/g, ' '), prefixes);
  for (const n of a) addPrefixes(n, prefixes);
  return { communes: c, words: w, accentedWords: accented, maxCommuneWords: Math.min(maxWords, 8), areas: a, prefixes };
}

export const EMPTY_LEXICONS: Lexicons = {
  communes: new Set(),
  words: new Set(),
  maxCommuneWords: 1,
  areas: new Set(),
  prefixes: new Set(),
};

/**
 * True when a written word is an everyday French word. A word written with diacritics is one only when the
 * dictionary has it with the same diacritics: "Orange", "Tours", "Été" are words, "Alès" (the word "ales") is not.
 */
export function isEverydayWord(lex: Lexicons, word: string): boolean {
  const f = fold(word);
  if (!lex.words.has(f)) return false;
  const lower = word.toLowerCase().normalize('NFC');
  if (!lex.accentedWords || lower === f) return true;
  return lex.accentedWords.has(lower);
}
