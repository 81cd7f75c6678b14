/**
 * Translation progress: per language, per fiche and words translated per translator. Counted in words
 * of the French source (what a translator is paid for and what readers miss), only validated units count
 * as done; "in progress" counts drafts and units waiting for an expert.
 */
import { TARGET_LANGUAGES, type LanguageCode } from './languages.ts';
import { sourceUnits, unitHash, unitWordCount } from './fiche.ts';
import type { Fiche, FicheTranslation, TranslationStatus } from './schemas.ts';

export interface ProgressFigures {
  words: number;
  validatedWords: number;
  inProgressWords: number;
  toReviewWords: number;
  /** validatedWords / words, 0..1 */
  ratio: number;
}

function empty(): ProgressFigures {
  return { words: 0, validatedWords: 0, inProgressWords: 0, toReviewWords: 0, ratio: 0 };
}
function finish(p: ProgressFigures): ProgressFigures {
  return { ...p, ratio: p.words ? p.validatedWords / p.words : 0 };
}

/** Effective status: a validated unit whose French changed is "to review" even before the flag is stored. */
export function effectiveStatus(status: TranslationStatus, sourceHash: string, currentHash: string): TranslationStatus {
  return (status === 'validated' || status === 'to_validate') && sourceHash !== currentHash ? 'to_review' : status;
}

function addFiche(p: ProgressFigures, fiche: Fiche, tr: FicheTranslation | undefined) {
  for (const [key, value] of sourceUnits(fiche)) {
    const words = unitWordCount(value);
    p.words += words;
    const unit = tr?.units[key];
    if (!unit) continue;
    const status = effectiveStatus(unit.status, unit.sourceHash, unitHash(value));
    if (status === 'validated') p.validatedWords += words;
    else if (status === 'to_review') p.toReviewWords += words;
    else if (status === 'draft' || status === 'to_validate') p.inProgressWords += words;
  }
}

type TranslationLookup = (ficheId: string, lang: LanguageCode) => FicheTranslation | undefined;

export function indexTranslations(translations: Iterable<FicheTranslation>): TranslationLookup {
  const map = new Map<string, FicheTranslation>();
  for (const t of translations) map.set(`${t.fiche}\u0000${t.lang}`, t);
  return (id, lang) => map.get(`${id}\u0000${lang}`);
}

export function progressByLanguage(
  fiches: readonly Fiche[],
  lookup: TranslationLookup,
  languages: readonly LanguageCode[] = TARGET_LANGUAGES,
): Record<string, ProgressFigures> {
  const out: Record<string, ProgressFigures> = {};
  for (const lang of languages) {
    const p = empty();
    for (const f of fiches) addFiche(p, f, lookup(f.id, lang));
    out[lang] = finish(p);
  }
  return out;
}

export function progressOfFiche(fiche: Fiche, lookup: TranslationLookup, languages: readonly LanguageCode[] = TARGET_LANGUAGES) {
  return Object.fromEntries(
    languages.map((lang) => {
      const p = empty();
      addFiche(p, fiche, lookup(fiche.id, lang));
      return [lang, finish(p)];
    }),
  ) as Record<string, ProgressFigures>;
}

export interface TranslatorFigures {
  translator: string;
  /** Source words of units this person drafted, by language. */
  words: Record<string, number>;
  validatedWords: number;
  total: number;
}

/** Words translated per translator (the French words of the units they drafted), most active first. */
export function wordsByTranslator(fiches: readonly Fiche[], translations: Iterable<FicheTranslation>): TranslatorFigures[] {
  const byId = new Map(fiches.map((f) => [f.id, sourceUnits(f)]));
  const acc = new Map<string, TranslatorFigures>();
  for (const t of translations) {
    const src = byId.get(t.fiche);
    if (!src) continue;
    for (const [key, unit] of Object.entries(t.units)) {
      const value = src.get(key as never);
      if (!value || !unit) continue;
      const words = unitWordCount(value);
      const f = acc.get(unit.translator) ?? { translator: unit.translator, words: {}, validatedWords: 0, total: 0 };
      f.words[t.lang] = (f.words[t.lang] ?? 0) + words;
      f.total += words;
      if (unit.status === 'validated') f.validatedWords += words;
      acc.set(unit.translator, f);
    }
  }
  return [...acc.values()].sort((a, b) => b.total - a.total || a.translator.localeCompare(b.translator));
}
