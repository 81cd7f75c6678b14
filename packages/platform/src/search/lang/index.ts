import { FrenchAnalyzer, type Analyzer, type AnalyzerOptions, type SearchLanguage } from '../analyzer.ts';
import { LanguageAnalyzer, type LanguageAnalyzerOptions } from './language-analyzer.ts';
import { PROFILES } from './profiles.ts';

export { LanguageAnalyzer, type LanguageAnalyzerOptions } from './language-analyzer.ts';
export { STEMMER_LIBRARY } from './stemmers.ts';
export { foldArabic, foldEnglish, foldPashto, foldPersian, foldRussian, foldTigrinya, foldUkrainian } from './fold.ts';

/** Every language the search library analyses; French first (the source language). */
export const SEARCH_LANGUAGES: readonly SearchLanguage[] = ['fr', 'en', 'ar', 'fa', 'ps', 'ru', 'ti', 'uk'];

export function isSearchLanguage(x: unknown): x is SearchLanguage {
  return typeof x === 'string' && (SEARCH_LANGUAGES as readonly string[]).includes(x);
}

/** Writing direction of a language (Arabic, Persian and Pashto are right-to-left). */
export function languageDirection(lang: SearchLanguage): 'ltr' | 'rtl' {
  return lang === 'ar' || lang === 'fa' || lang === 'ps' ? 'rtl' : 'ltr';
}

/**
 * A new analyzer for `lang`. French is the `FrenchAnalyzer` (light stemmer by default, exactly as
 * a service uses it); every other language a `LanguageAnalyzer` (see docs/search-languages.md).
 * Analyzers cache folded forms and stems: keep one per index, not one per query.
 * Throws a RangeError for a language it does not know.
 */
export function createAnalyzer(lang: 'fr', opts?: AnalyzerOptions): FrenchAnalyzer;
export function createAnalyzer(lang: SearchLanguage, opts?: LanguageAnalyzerOptions): Analyzer;
export function createAnalyzer(lang: SearchLanguage, opts?: AnalyzerOptions | LanguageAnalyzerOptions): Analyzer {
  if (lang === 'fr') return new FrenchAnalyzer(opts as AnalyzerOptions | undefined);
  const profile = Object.hasOwn(PROFILES, lang) ? PROFILES[lang] : undefined;
  if (!profile) throw new RangeError(`unknown search language: ${String(lang).slice(0, 20)}`);
  return new LanguageAnalyzer(profile, opts as LanguageAnalyzerOptions | undefined);
}
