/**
 * What differs between languages other than French: folding, tokenising, alphabet, direction.
 *
 * Tokenising is a Unicode-property regular expression over the ORIGINAL text (letters, marks and
 * digits of any script; soft hyphen and ZWJ inside a word), so that every token keeps its offsets
 * for highlighting and each token is folded on its own. Intl.Segmenter (UAX #29) was measured and
 * not used: on these eight space-separated scripts it finds the same words, but it is ~40 times
 * slower (0.03 M tokens/s against 0.8–8 M on Node 20) and superlinear on long strings, and its
 * two differences are the wrong way round for search: it keeps "پناهنده‌ها" whole across the
 * ZWNJ (Persian needs a split, see below) and joins "l'asile" into one word in English text.
 */
import type { SearchLanguage } from '../analyzer.ts';
import { arabicTermFold, foldArabic, foldEnglish, foldPashto, foldPersian, foldRussian, foldTigrinya, foldUkrainian } from './fold.ts';

export type OtherLanguage = Exclude<SearchLanguage, 'fr'>;

export interface LanguageProfile {
  lang: OtherLanguage;
  dir: 'ltr' | 'rtl';
  fold: (text: string) => string;
  /** applied to every index term after stemming (Arabic: teh marbuta → heh) */
  termFold?: (term: string) => string;
  /** global, unicode regex matching one token of the original text */
  word: RegExp;
  alphabet: string;
  spellingMinLength: number;
}

const W = '\\p{L}\\p{M}\\p{N}\\u00ad\\u200d';
/** A run of letters, marks and digits. ZWNJ (U+200C) is not in it: it separates tokens. */
const PLAIN_WORD = new RegExp(`[${W}]+`, 'gu');
/** Same, with apostrophes inside a word (Ukrainian "сім'я", English "don't"; not at either end). */
const APOSTROPHE_WORD = new RegExp(`[${W}]+(?:['’ʼ‘][${W}]+)*`, 'gu');

/** Tigrinya's consonant series (7 vowel orders + the labialised -wa): base code points. */
const TIGRINYA_SERIES = [
  0x1200, 0x1208, 0x1210, 0x1218, 0x1228, 0x1230, 0x1238, 0x1240, 0x1250, 0x1260, 0x1268, 0x1270, 0x1278, 0x1290, 0x1298, 0x12a0, 0x12a8,
  0x12b8, 0x12c8, 0x12d0, 0x12d8, 0x12e0, 0x12e8, 0x12f0, 0x1300, 0x1308, 0x1320, 0x1328, 0x1330, 0x1338, 0x1348, 0x1350,
];
const TIGRINYA_ALPHABET = TIGRINYA_SERIES.flatMap((b) => Array.from({ length: 8 }, (_, i) => String.fromCharCode(b + i)))
  .filter((c) => /\p{L}/u.test(c))
  .join('');

export const PROFILES: Readonly<Record<OtherLanguage, LanguageProfile>> = {
  en: { lang: 'en', dir: 'ltr', fold: foldEnglish, word: APOSTROPHE_WORD, alphabet: 'abcdefghijklmnopqrstuvwxyz', spellingMinLength: 5 },
  ru: {
    lang: 'ru',
    dir: 'ltr',
    fold: foldRussian,
    word: APOSTROPHE_WORD,
    alphabet: 'абвгдежзийклмнопрстуфхцчшщъыьэюя',
    spellingMinLength: 5,
  },
  uk: {
    lang: 'uk',
    dir: 'ltr',
    fold: foldUkrainian,
    word: APOSTROPHE_WORD,
    alphabet: "абвгдеєжзиіїйклмнопрстуфхцчшщьюя'",
    spellingMinLength: 5,
  },
  ar: {
    lang: 'ar',
    dir: 'rtl',
    fold: foldArabic,
    termFold: arabicTermFold,
    word: PLAIN_WORD,
    alphabet: 'ءابتثجحخدذرزسشصضطظعغفقكلمنهويؤئة',
    spellingMinLength: 5,
  },
  // Persian splits on ZWNJ as Lucene's PersianAnalyzer does: "می‌روم" → "می" + "روم", "پناهنده‌ها" → "پناهنده" + "ها"
  fa: {
    lang: 'fa',
    dir: 'rtl',
    fold: foldPersian,
    word: PLAIN_WORD,
    alphabet: 'ءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیؤئ',
    spellingMinLength: 5,
  },
  ps: {
    lang: 'ps',
    dir: 'rtl',
    fold: foldPashto,
    word: PLAIN_WORD,
    alphabet: 'ءابپتټثجځچڅحخدډذرړزژږسشښصضطظعغفقکګلمنڼوهیؤ',
    spellingMinLength: 5,
  },
  // one Ethiopic character is a syllable: 4 syllables are about 8 Latin letters
  ti: { lang: 'ti', dir: 'ltr', fold: foldTigrinya, word: PLAIN_WORD, alphabet: TIGRINYA_ALPHABET, spellingMinLength: 4 },
};
