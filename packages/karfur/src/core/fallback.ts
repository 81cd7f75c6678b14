/**
 * Language resolution of a fiche: each unit is shown in the reader's language when a displayable
 * translation exists and is still current, else in French with `translated: false`, so the page can show
 * its "not yet translated" notice exactly where it applies.
 */
import { SOURCE_LANGUAGE, type LanguageCode } from './languages.ts';
import { sourceUnits, unitHash, unitKeysOf } from './fiche.ts';
import type { Block, Fiche, FicheSection, FicheTranslation, TranslationStatus, UnitKey, UnitValue } from './schemas.ts';

/**
 * Statuses shown to readers. A translation whose French source changed ("to review") is still better
 * than French for most readers and is shown with a notice; drafts are never shown. Validation pending
 * ("to_validate") is shown with a notice too: in a platform where experts are scarce, refugies.info's
 * experience is that a reviewed draft helps more than French; set `displayStatuses` to change it.
 */
export const DEFAULT_DISPLAY_STATUSES: readonly TranslationStatus[] = ['validated', 'to_review', 'to_validate'];

export interface ResolvedUnit<V extends UnitValue = UnitValue> {
  value: V;
  /** Language of the text actually shown. */
  lang: LanguageCode;
  translated: boolean;
  /** Status of the translation shown, null when French is shown. */
  status: TranslationStatus | null;
  /** The French changed since this translation was made (it is shown but flagged). */
  outdated: boolean;
}

export interface LocalizedFiche {
  id: string;
  kind: Fiche['kind'];
  /** Requested language. */
  lang: LanguageCode;
  /** Every unit is in the requested language (always true in French). */
  translated: boolean;
  /** Some but not all units are translated. */
  partial: boolean;
  /** Share of the fiche's text (by characters) shown in the requested language, 0..1. */
  coverage: number;
  title: ResolvedUnit<string>;
  summary: ResolvedUnit<string>;
  conditions: ResolvedUnit<string[]> | null;
  sections: (ResolvedUnit<Block[]> & { key: FicheSection['key'] })[];
  fiche: Fiche;
}

export interface ResolveOptions {
  displayStatuses?: readonly TranslationStatus[];
}

function isUsable(fiche: Fiche, tr: FicheTranslation | undefined, key: UnitKey, source: UnitValue, statuses: readonly TranslationStatus[]) {
  const unit = tr?.units[key];
  if (!unit || !statuses.includes(unit.status)) return null;
  const outdated = unit.sourceHash !== unitHash(source);
  // A translation made from another French text is "to review" even before the workflow flags it.
  if (outdated && !statuses.includes('to_review')) return null;
  // Shape must match the French: a string for title/summary, a list for conditions, blocks for sections.
  if (typeof unit.value !== typeof source || Array.isArray(unit.value) !== Array.isArray(source)) return null;
  void fiche;
  return { unit, outdated };
}

export function resolveFiche(
  fiche: Fiche,
  translation: FicheTranslation | undefined,
  lang: LanguageCode,
  opts: ResolveOptions = {},
): LocalizedFiche {
  const statuses = opts.displayStatuses ?? DEFAULT_DISPLAY_STATUSES;
  const src = sourceUnits(fiche);
  const tr = lang === SOURCE_LANGUAGE || translation?.lang !== lang || translation.fiche !== fiche.id ? undefined : translation;
  const resolved = new Map<UnitKey, ResolvedUnit>();
  let words = 0;
  let translatedWords = 0;
  for (const key of unitKeysOf(fiche)) {
    const source = src.get(key)!;
    const w = Math.max(1, JSON.stringify(source).length);
    words += w;
    if (lang === SOURCE_LANGUAGE) {
      translatedWords += w;
      resolved.set(key, { value: source, lang, translated: true, status: null, outdated: false });
      continue;
    }
    const ok = isUsable(fiche, tr, key, source, statuses);
    if (ok) {
      translatedWords += w;
      resolved.set(key, {
        value: ok.unit.value,
        lang,
        translated: true,
        status: ok.unit.status,
        outdated: ok.outdated || ok.unit.status === 'to_review',
      });
    } else {
      resolved.set(key, { value: source, lang: SOURCE_LANGUAGE, translated: false, status: null, outdated: false });
    }
  }
  const units = [...resolved.values()];
  const all = units.every((u) => u.translated);
  const some = units.some((u) => u.translated);
  return {
    id: fiche.id,
    kind: fiche.kind,
    lang,
    translated: all,
    partial: some && !all,
    coverage: words ? translatedWords / words : 1,
    title: resolved.get('title') as ResolvedUnit<string>,
    summary: resolved.get('summary') as ResolvedUnit<string>,
    conditions: (resolved.get('conditions') as ResolvedUnit<string[]> | undefined) ?? null,
    sections: fiche.sections.map((s) => ({ key: s.key, ...(resolved.get(s.key) as ResolvedUnit<Block[]>) })),
    fiche,
  };
}

/** Label of a taxonomy entry in a language, French if missing (the taxonomy is complete, but be safe). */
export function localizedLabel<T extends { labels: Partial<Record<LanguageCode, { label: string; description: string }>> }>(
  entry: T,
  lang: LanguageCode,
): { label: string; description: string; lang: LanguageCode; translated: boolean } {
  const l = entry.labels[lang];
  if (l) return { ...l, lang, translated: true };
  return { ...entry.labels[SOURCE_LANGUAGE]!, lang: SOURCE_LANGUAGE, translated: false };
}
