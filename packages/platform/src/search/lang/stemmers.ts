/**
 * Stemmers per language, from a maintained npm package, loaded on first use (French needs none of
 * them: its light stemmer is ../french-stemmer.ts). Where no package gives a usable stemmer there
 * is none: a hand-written stemmer for a language nobody on the team reads would do more harm than
 * good, and BM25 still matches exact folded forms.
 *
 * - en, ru, ar, uk: `@orama/stemmers` (Orama, maintained, no dependencies, one entry point per
 *   language). English is Porter2, Russian and Arabic the Snowball algorithms (Arabic by Assem
 *   Chelli), Ukrainian a light suffix-stripping stemmer (Snowball has no Ukrainian). Outputs were
 *   checked equal to `snowball-stemmers` (en/ru/ar) and nlp.js's StemmerUk (uk) on the test words;
 *   Orama is the better-kept package of the three and ships TypeScript types.
 * - fa: none. `@nlpjs/lang-fa` ships an empty stemmer (its `innerStem` does nothing) and no other
 *   npm package stems Persian. The ZWNJ split plus affix stop words (./stopwords.ts) covers the
 *   plural and verbal affixes written detached ("پناهنده‌ها", "می‌روم").
 * - ps, ti: none exists on npm (nor in Snowball or Lucene).
 */
import { createRequire } from 'node:module';
import type { SearchLanguage } from '../analyzer.ts';

export type Stemmer = (norm: string) => string;

/** Which library stems each language (null: none). Shown in the docs and by the analyzers. */
export const STEMMER_LIBRARY: Readonly<Record<Exclude<SearchLanguage, 'fr'>, string | null>> = {
  en: '@orama/stemmers/english (Porter2)',
  ar: '@orama/stemmers/arabic (Snowball Arabic)',
  ru: '@orama/stemmers/russian (Snowball Russian)',
  uk: '@orama/stemmers/ukrainian (light suffix stripping)',
  fa: null,
  ps: null,
  ti: null,
};

const ENTRY = { en: 'english', ar: 'arabic', ru: 'russian', uk: 'ukrainian' } as const;

/** The stemmer of the language, or null when no well-kept package stems it. */
export function loadStemmer(lang: Exclude<SearchLanguage, 'fr'>): Stemmer | null {
  if (!Object.hasOwn(ENTRY, lang)) return null;
  const entry = ENTRY[lang as keyof typeof ENTRY];
  // synchronous load through the package's "require" export condition: analyzers are built synchronously
  const mod = createRequire(import.meta.url)(`@orama/stemmers/${entry}`) as { stemmer: Stemmer };
  return mod.stemmer;
}
