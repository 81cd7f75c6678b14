/**
 * Domain vocabulary written by the project for search (content/search-keywords.json): words people use
 * for each need in each language (including French administrative words and acronyms as they are
 * transliterated: "كاف" for CAF, "پرفکتور" for préfecture), a few per fiche, and synonym groups per
 * language expanded at query time. It is written for the domain, not for any list of test questions.
 */
import { z } from 'zod';
import { LANGUAGE_CODES, type LanguageCode } from '../languages.ts';

const perLanguage = z.partialRecord(z.enum(LANGUAGE_CODES), z.array(z.string().min(1).max(80)).max(60));

export const searchKeywordsSchema = z.object({
  needs: z.record(z.string(), perLanguage),
  fiches: z.record(z.string(), perLanguage),
  /** Groups of equivalent phrases, per language. */
  synonyms: z.partialRecord(z.enum(LANGUAGE_CODES), z.array(z.array(z.string().min(1).max(80)).min(2).max(12)).max(400)),
});
export type SearchKeywords = z.infer<typeof searchKeywordsSchema>;

export const EMPTY_KEYWORDS: SearchKeywords = { needs: {}, fiches: {}, synonyms: {} };

export function synonymsOf(k: SearchKeywords, lang: LanguageCode): string[][] {
  return k.synonyms[lang] ?? [];
}
