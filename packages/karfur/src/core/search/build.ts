/** Builds the per-language indexes of a set of published fiches (pure; the job and the tests call it). */
import { LANGUAGE_CODES, type LanguageCode } from '../languages.ts';
import { resolveFiche } from '../fallback.ts';
import type { Fiche, FicheTranslation, Taxonomy } from '../schemas.ts';
import { searchDocument } from './documents.ts';
import { buildLanguageIndex, type LanguageIndex } from './engine.ts';
import type { SearchKeywords } from './keywords.ts';

export interface SearchCorpus {
  fiches: readonly Fiche[];
  translation(ficheId: string, lang: LanguageCode): FicheTranslation | undefined;
  taxonomy: Taxonomy;
  keywords: SearchKeywords;
}

export function buildIndexFor(corpus: SearchCorpus, lang: LanguageCode): LanguageIndex {
  const docs = corpus.fiches.map((f) => ({
    id: f.id,
    doc: searchDocument(resolveFiche(f, corpus.translation(f.id, lang), lang), lang, corpus.taxonomy, corpus.keywords),
  }));
  return buildLanguageIndex(lang, docs, corpus.keywords);
}

export function buildAllIndexes(corpus: SearchCorpus, langs: readonly LanguageCode[] = LANGUAGE_CODES): LanguageIndex[] {
  return langs.map((l) => buildIndexFor(corpus, l));
}
