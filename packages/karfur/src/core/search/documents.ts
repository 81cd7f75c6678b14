/**
 * What the search indexes hold for one fiche in one language: the text a reader of that language
 * actually sees (translated units, or nothing when the unit falls back to French), plus the taxonomy
 * labels and the domain keywords of its needs in that language, which exist in all eight languages
 * even when the fiche itself is not translated yet: an untranslated fiche stays findable in Arabic
 * by what it is about.
 */
import { SOURCE_LANGUAGE, type LanguageCode } from '../languages.ts';
import { plainText } from '../fiche.ts';
import type { LocalizedFiche } from '../fallback.ts';
import type { Taxonomy } from '../schemas.ts';
import type { SearchKeywords } from './keywords.ts';

export interface SearchDocument {
  title: string;
  summary: string;
  body: string;
  /** Theme and need labels, need keywords: short, weighted high, little length normalisation. */
  tags: string;
}

export const SEARCH_FIELDS = [
  { name: 'title', weight: 4, b: 0.3 },
  { name: 'summary', weight: 2, b: 0.5 },
  { name: 'body', weight: 1, b: 0.75 },
  { name: 'tags', weight: 2.5, b: 0.2 },
] as const;

function labelsIn(taxonomy: Taxonomy, ids: readonly string[], kind: 'themes' | 'needs', lang: LanguageCode): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const entry = (taxonomy[kind] as { id: string; labels: Record<string, { label: string; description: string }> }[]).find(
      (e) => e.id === id,
    );
    const l = entry?.labels[lang];
    if (l) out.push(l.label, l.description);
  }
  return out;
}

/** The document of a localized fiche in `lang`: only text shown in that language (French units are in the French index). */
export function searchDocument(lf: LocalizedFiche, lang: LanguageCode, taxonomy: Taxonomy, keywords: SearchKeywords): SearchDocument {
  const inLang = <T>(u: { lang: LanguageCode; value: T } | null) => (u && u.lang === lang ? u.value : null);
  const title = inLang(lf.title) ?? '';
  const summary = inLang(lf.summary) ?? '';
  const body = [inLang(lf.conditions), ...lf.sections.map((s) => inLang(s))].filter((v) => v !== null).map((v) => plainText(v as never));
  const f = lf.fiche;
  const tags = [
    ...labelsIn(taxonomy, f.needs, 'needs', lang),
    ...labelsIn(taxonomy, f.themes, 'themes', lang).filter((_, i) => i % 2 === 0), // theme names only: their descriptions are broad
    ...f.needs.flatMap((n) => keywords.needs[n]?.[lang] ?? []),
    ...(keywords.fiches[f.id]?.[lang] ?? []),
  ];
  // Acronyms and names in the French text (CAF, OFPRA, Vitale) are what readers of every language meet in letters.
  if (lang !== SOURCE_LANGUAGE) tags.push(...(keywords.fiches[f.id]?.fr ?? []).filter((k) => /^[A-Z0-9'’ -]{2,}$/.test(k)));
  return { title, summary, body: body.join('\n'), tags: tags.join(' \n ') };
}
