/**
 * Stemmers per language, from maintained npm packages, loaded on first use (French needs none of
 * them). Where no package gives a usable stemmer, there is none: a hand-written one for a language
 * nobody on the team reads would do more harm than good, and BM25 still matches exact folded forms.
 *
 * - en, ru, ar: `snowball-stemmers` (the Snowball project's algorithms compiled to JavaScript:
 *   Porter2 for English, Snowball Russian, Snowball Arabic by Assem Chelli).
 * - uk: `@nlpjs/lang-uk` (nlp.js, AXA Group): a light suffix-stripping Ukrainian stemmer. Snowball
 *   has no Ukrainian algorithm.
 * - fa: none. `@nlpjs/lang-fa` ships an empty stemmer (its `innerStem` does nothing) and no other
 *   npm package stems Persian. The ZWNJ split plus affix stop words (./stopwords.ts) covers the
 *   plural and verbal affixes that are written detached.
 * - ps, ti: none exists on npm (nor in Snowball or Lucene).
 */
import { createRequire } from 'node:module';
import type { SearchLanguage } from '../analyzer.ts';

export type Stemmer = (norm: string) => string;

/** Which library stems each language (null: none). Shown in the docs and by the analyzers. */
export const STEMMER_LIBRARY: Readonly<Record<Exclude<SearchLanguage, 'fr'>, string | null>> = {
  en: 'snowball-stemmers (english / Porter2)',
  ar: 'snowball-stemmers (arabic)',
  ru: 'snowball-stemmers (russian)',
  uk: '@nlpjs/lang-uk (StemmerUk)',
  fa: null,
  ps: null,
  ti: null,
};

const require = createRequire(import.meta.url);

interface SnowballLib {
  newStemmer(lang: string): { stem(w: string): string };
}

function snowball(algorithm: 'english' | 'russian' | 'arabic'): Stemmer {
  const st = (require('snowball-stemmers') as SnowballLib).newStemmer(algorithm);
  return (w) => st.stem(w);
}

function nlpjsUkrainian(): Stemmer {
  const { StemmerUk } = require('@nlpjs/lang-uk') as { StemmerUk: new () => { stem(w: string): string } };
  const st = new StemmerUk();
  // the stemmer works on Cyrillic only; it returns other tokens (numbers, Latin words) unchanged
  return (w) => st.stem(w);
}

/** A new stemmer for the language, or null when no well-kept package stems it. */
export function loadStemmer(lang: Exclude<SearchLanguage, 'fr'>): Stemmer | null {
  switch (lang) {
    case 'en':
      return snowball('english');
    case 'ru':
      return snowball('russian');
    case 'ar':
      return snowball('arabic');
    case 'uk':
      return nlpjsUkrainian();
    default:
      return null;
  }
}
