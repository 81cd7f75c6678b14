/**
 * Folding per language: what two spellings of one word must share to match. Each function folds
 * one token (or any string) and may change its length; offsets are never computed on folded text
 * (the tokenizer keeps spans of the original string). French folding lives in ../normalize.ts and is
 * not touched here.
 *
 * Unicode normalisation is done with the platform's String.prototype.normalize (ICU), letter
 * variant tables are written out below because no maintained npm package covers Persian, Pashto
 * or Tigrinya spelling variants (arabic-text-normalizer, the one Arabic package, only strips marks).
 */

/** Soft hyphen and zero-width joiner: invisible, may sit inside a word, never part of it. */
const INVISIBLE = /[\u00ad\u200d]/g;

/** Persian (U+06F0–06F9) and Arabic-Indic (U+0660–0669) digits → ASCII. */
const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
function asciiDigit(c: string): string {
  const k = c.charCodeAt(0);
  return String.fromCharCode(48 + (k >= 0x06f0 ? k - 0x06f0 : k - 0x0660));
}

function common(s: string): string {
  if (s.includes('\u00ad') || s.includes('\u200d')) s = s.replace(INVISIBLE, '');
  return s;
}

// ---------------------------------------------------------------------------------------------
// Arabic script (Arabic, Persian/Dari, Pashto)

/**
 * Harakat and other vowel/Quranic marks, superscript alef, and tatweel (kashida, U+0640).
 * Hamza above/below (U+0654/0655) are marks too: NFKC first composes them onto their carrier
 * (ا + ٔ → أ), so only stray ones are dropped.
 */
const ARABIC_MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed\u0640]/g;

function arabicScript(table: Readonly<Record<string, string>>, variants: RegExp) {
  return (text: string): string => {
    let s = common(text);
    // NFKC: presentation forms (ﻻ, ﷲ, isolated/final glyph codes from PDFs) → letters;
    // decomposed hamza sequences → composed letters
    if (/[^\u0000-\u007f]/.test(s)) s = s.normalize('NFKC');
    s = s.toLowerCase();
    s = s.replace(ARABIC_MARKS, '');
    s = s.replace(variants, (c) => table[c] ?? c);
    return s.replace(EASTERN_DIGITS, asciiDigit);
  };
}

/**
 * Arabic: alef forms (أ إ آ ٱ) → ا, alef maksura ى → ي, Persian yeh/kaf (ی ک, typed on Persian
 * keyboards) → ي ك, heh variants (ە ۀ) → ه. Hamza on waw/yeh (ؤ ئ) and lone hamza (ء) are kept,
 * as Lucene's ArabicNormalizer does; the Snowball Arabic stemmer applies its own hamza rules.
 * Canonical letters are the Arabic ones (ي ك): the stemmer expects them. Teh marbuta (ة) is
 * folded to ه AFTER stemming (`arabicTermFold`): the stemmer strips ة as a noun ending but ه only
 * as a pronoun suffix of longer words, so folding first merged fewer forms (مساعدة/المساعدة,
 * حماية/الحماية, عائلة/العائلة, مدرسة/المدرسة stayed apart).
 */
export const foldArabic = arabicScript({ أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا', ى: 'ي', ی: 'ي', ک: 'ك', ە: 'ه', ۀ: 'ه' }, /[أإآٱىیکەۀ]/g);

/** Arabic index terms: teh marbuta → heh, once the stemmer has seen it. */
export function arabicTermFold(term: string): string {
  return term.includes('ة') ? term.replace(/ة/g, 'ه') : term;
}

/**
 * Persian/Dari: Arabic yeh, alef maksura → Persian yeh ی; Arabic kaf → Persian kaf ک; ة ۀ ە → ه;
 * alef forms (أ إ آ ٱ) → ا (آ as well: people type "اب" for "آب" often enough that recall wins).
 * ZWNJ is not folded here: the tokenizer splits on it (see ./profiles.ts).
 */
export const foldPersian = arabicScript(
  { ي: 'ی', ى: 'ی', ك: 'ک', ة: 'ه', ە: 'ه', ۀ: 'ه', أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا' },
  /[يىكةەۀأإآٱ]/g,
);

/**
 * Pashto: the five yehs (ي ی ې ۍ ئ, plus alef maksura ى) are typed interchangeably on Persian and
 * Arabic keyboards, so all fold to ی (which also merges some gender/number endings: a recall
 * choice, as no Pashto stemmer exists); Persian gaf گ → Pashto ګ (both are used for /g/);
 * Arabic kaf ك → ک; ة ۀ ە → ه; alef forms → ا. The letters proper to Pashto (ټ ډ ړ ږ ښ ځ څ ڼ)
 * are kept.
 */
export const foldPashto = arabicScript(
  { ي: 'ی', ى: 'ی', ې: 'ی', ۍ: 'ی', ئ: 'ی', گ: 'ګ', ك: 'ک', ة: 'ه', ە: 'ه', ۀ: 'ه', أ: 'ا', إ: 'ا', آ: 'ا', ٱ: 'ا' },
  /[يىېۍئگكةەۀأإآٱ]/g,
);

// ---------------------------------------------------------------------------------------------
// Cyrillic (Russian, Ukrainian)

/** Stress marks (acute, grave) of learners' texts; other marks belong to letters (й ё ї). */
const STRESS = /[\u0300\u0301]/g;

function cyrillicBase(text: string): string {
  let s = common(text).toLowerCase();
  // NFD/NFC round trip only when a combining stress mark may be there (or precomposed ѐ ѝ)
  if (/[\u0300\u0301\u0450\u045d]/.test(s)) s = s.normalize('NFD').replace(STRESS, '').normalize('NFC');
  return s.replace(EASTERN_DIGITS, asciiDigit);
}

/** Russian: lowercase, stress marks dropped, ё → е (most texts write е for ё). */
export function foldRussian(text: string): string {
  const s = cyrillicBase(text);
  return s.includes('ё') ? s.replace(/ё/g, 'е') : s;
}

/**
 * Ukrainian: lowercase, stress marks dropped; є, і, ї stay distinct letters (they carry meaning:
 * "її"/"ії", "їх"/"іх", and the stemmer's vowel classes rely on them); ґ → г (keyboards without ґ,
 * and texts that never used it, write г: minimal pairs like ґрати/грати are rare); apostrophe
 * variants (’ ʼ ‘ `) → ' so that "сім’я" and "сім'я" match; ё (Russian loans) → е.
 */
export function foldUkrainian(text: string): string {
  let s = cyrillicBase(text);
  if (s.includes('ґ')) s = s.replace(/ґ/g, 'г');
  if (s.includes('ё')) s = s.replace(/ё/g, 'е');
  return /[’ʼ‘`]/.test(s) ? s.replace(/[’ʼ‘`]/g, "'") : s;
}

// ---------------------------------------------------------------------------------------------
// Latin (English)

/**
 * English: NFKC (ligatures, full-width letters), lowercase, Latin diacritics dropped (café → cafe),
 * apostrophes → ', possessive 's dropped (as Lucene's EnglishPossessiveFilter: the stemmer keeps it).
 */
export function foldEnglish(text: string): string {
  let s = common(text);
  if (/[^\u0000-\u007f]/.test(s)) {
    s = s
      .normalize('NFKC')
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .normalize('NFC');
    if (/[’ʼ‘`]/.test(s)) s = s.replace(/[’ʼ‘`]/g, "'");
    s = s.replace(EASTERN_DIGITS, asciiDigit);
  } else s = s.toLowerCase();
  return s.includes("'s") ? s.replace(/'s(?![\p{L}\p{M}\p{N}])/gu, '') : s;
}

// ---------------------------------------------------------------------------------------------
// Ethiopic (Tigrinya)

/**
 * Tigrinya: the Ethiopic syllabary has series that Tigrinya pronounces alike and writes
 * interchangeably: ሠ (śa, U+1220–1227) → ሰ (U+1230–1237), ፀ (ṣ́a, U+1340–1346) → ጸ (U+1338–133E),
 * ኀ (ḫa, U+1280–1286) → ሐ (U+1210–1216). Orders (vowels) are kept: a syllable's vowel is part of
 * the word. ሀ/ሐ and አ/ዐ stay apart: they are distinct sounds in Tigrinya (unlike in Amharic).
 */
export function foldTigrinya(text: string): string {
  let s = common(text);
  if (/[^\u0000-\u007f]/.test(s)) s = s.normalize('NFC');
  s = s.toLowerCase();
  if (/[\u1220-\u1227\u1340-\u1346\u1280-\u1286]/.test(s)) {
    s = s.replace(/[\u1220-\u1227\u1340-\u1346\u1280-\u1286]/g, (c) => {
      const k = c.charCodeAt(0);
      if (k <= 0x1227) return String.fromCharCode(k + 0x10);
      if (k >= 0x1340) return String.fromCharCode(k - 0x08);
      return String.fromCharCode(k - 0x70);
    });
  }
  return s.replace(EASTERN_DIGITS, asciiDigit);
}
