/**
 * The eight languages of Karfu'R. French is the source of every fiche; the others are translations.
 * Arabic, Persian (Dari) and Pashto are written right to left.
 */
export const LANGUAGE_CODES = ['fr', 'en', 'ar', 'fa', 'ps', 'ru', 'ti', 'uk'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];
export const SOURCE_LANGUAGE: LanguageCode = 'fr';
export const TARGET_LANGUAGES = LANGUAGE_CODES.filter((l) => l !== SOURCE_LANGUAGE) as Exclude<LanguageCode, 'fr'>[];

export type TextDirection = 'ltr' | 'rtl';

export interface LanguageInfo {
  code: LanguageCode;
  /** The language's name in itself, shown in the language switcher. */
  nativeName: string;
  /** Its name in French, for staff screens. */
  frenchName: string;
  dir: TextDirection;
  /** BCP 47 tag for `lang` attributes, hreflang and speech-synthesis voice matching. */
  bcp47: string;
}

export const LANGUAGES: Readonly<Record<LanguageCode, LanguageInfo>> = {
  fr: { code: 'fr', nativeName: 'Français', frenchName: 'Français', dir: 'ltr', bcp47: 'fr-FR' },
  en: { code: 'en', nativeName: 'English', frenchName: 'Anglais', dir: 'ltr', bcp47: 'en' },
  ar: { code: 'ar', nativeName: 'العربية', frenchName: 'Arabe', dir: 'rtl', bcp47: 'ar' },
  fa: { code: 'fa', nativeName: 'فارسی / دری', frenchName: 'Persan / Dari', dir: 'rtl', bcp47: 'fa' },
  ps: { code: 'ps', nativeName: 'پښتو', frenchName: 'Pachto', dir: 'rtl', bcp47: 'ps' },
  ru: { code: 'ru', nativeName: 'Русский', frenchName: 'Russe', dir: 'ltr', bcp47: 'ru' },
  ti: { code: 'ti', nativeName: 'ትግርኛ', frenchName: 'Tigrigna', dir: 'ltr', bcp47: 'ti' },
  uk: { code: 'uk', nativeName: 'Українська', frenchName: 'Ukrainien', dir: 'ltr', bcp47: 'uk' },
};

export function isLanguageCode(s: unknown): s is LanguageCode {
  return typeof s === 'string' && (LANGUAGE_CODES as readonly string[]).includes(s);
}

export function directionOf(lang: LanguageCode): TextDirection {
  return LANGUAGES[lang].dir;
}

/**
 * Picks the best language from an Accept-Language header ("ar-SA,ar;q=0.9,fr;q=0.8"), French when
 * none of ours is asked for. Pure: the HTTP layer passes the header.
 */
export function negotiateLanguage(header: string | undefined | null): LanguageCode {
  if (!header) return SOURCE_LANGUAGE;
  const ranked = header
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.base && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const r of ranked) {
    // Dari is Persian in our content ("prs" is its own ISO 639-3 code, some devices send it).
    const base = r.base === 'prs' ? 'fa' : r.base;
    if (isLanguageCode(base)) return base;
  }
  return SOURCE_LANGUAGE;
}
