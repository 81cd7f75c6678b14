/**
 * Stop words and query scaffolding per language (French: ../stopwords.ts).
 *
 * Source: the `stopword` npm package (maintained, 60+ languages) for English, Arabic, Persian,
 * Russian and Ukrainian, with the additions and removals below. It has no list for Pashto or
 * Tigrinya, and no other npm package has one: those two short lists of function words are written
 * here. Lists are folded with the language's own folding before use (see ./profiles.ts).
 *
 * Query scaffolding ("how", "can I"...) is removed from queries only, and only when the query keeps
 * other words, as FRENCH_QUERY_NOISE does for French.
 */
import { createRequire } from 'node:module';
import type { SearchLanguage } from '../analyzer.ts';

type StopwordPackage = Record<'eng' | 'ara' | 'fas' | 'rus' | 'ukr', string[]>;

let pkg: StopwordPackage | null = null;
function stopwordPackage(): StopwordPackage {
  if (!pkg) pkg = createRequire(import.meta.url)('stopword') as StopwordPackage;
  return pkg;
}

const words = (s: string) => s.trim().split(/\s+/);

/**
 * Content words of the `stopword` Arabic list (it was built from news text: dates, numbers,
 * "visit", "year", "agency"...) that guidance texts need to find: kept searchable.
 */
const ARABIC_KEEP = new Set(
  words(`زيارة سنة سنوات عام عاما عامة قوة اليوم الوقت صباح مساء غدا امس مليون مليار شخصا عين حار نهاية اعادة عدد
  ايام ايار مايو الماضي المقبل الاول الاولى الثاني الثانية السابق الاخيرة اطار الذاتي لوكالة برس للامم اعلنت اكد صفر
  ثلاثة اربعة عشرة عشر الف أخ أب بن لقاء`),
);

/**
 * Persian: the package's list (48 conjunctions and prepositions) lacks the commonest words ("this",
 * "that", "is", "one", "self"); and the affixes that Persian writes after a zero-width non-joiner
 * (plural ها/های/هایی, indefinite ای, comparative تر/ترین, verbal می/نمی) become tokens of their own
 * when the tokenizer splits on ZWNJ, so they are stop words: "پناهنده‌ها" then matches "پناهنده".
 */
const PERSIAN_EXTRA = words('این آن است هست نیست بود شد شود یک خود هر همه ها های هایی ای تر ترین می نمی');

/** Pashto function words (no list exists on npm): conjunctions, postpositions, pronouns, copulas. */
const PASHTO = words(`او و د په له ته کې کښې سره چې دا دې دغه هغه هغې هم خو یا نو بیا پر تر څخه نه لپاره
  یې مې مو یو ده دي دی وه وو به شي شو زه موږ تاسو دوی`);

/** Tigrinya function words (no list exists on npm): prepositions, articles, demonstratives, copulas, conjunctions. */
const TIGRINYA = words(`ኣብ ካብ ምስ ናይ ናብ ክሳብ እቲ እታ እቶም እተን እዚ እዚኣ እዚኦም እዘን እዩ እያ እዮም እየን እዮ ኣሎ ኣላ ኣለዉ
  ነይሩ ወይ ግን ከኣ ድማ ውን እውን ከም ኩሉ ኩሎም`);

/** Words added to the package's lists where it misses a common function word. */
const EXTRA: Partial<Record<SearchLanguage, string[]>> = {
  en: words('can also get may might must shall would could'),
  ru: words('это также который которая которые'),
  uk: words('також які яке це цього цієї'),
};

/** Raw (unfolded) stop list of a language other than French. */
export function rawStopwords(lang: Exclude<SearchLanguage, 'fr'>): string[] {
  switch (lang) {
    case 'en':
      return [...stopwordPackage().eng, ...EXTRA.en!];
    case 'ar':
      return stopwordPackage().ara.filter((w) => !ARABIC_KEEP.has(w));
    case 'fa':
      return [...stopwordPackage().fas, ...PERSIAN_EXTRA];
    case 'ru':
      return [...stopwordPackage().rus, ...EXTRA.ru!];
    case 'uk':
      return [...stopwordPackage().ukr, ...EXTRA.uk!];
    case 'ps':
      return PASHTO;
    case 'ti':
      return TIGRINYA;
  }
}

/** Question scaffolding per language: interrogatives, "can/must/want", first person. */
export const RAW_QUERY_NOISE: Readonly<Record<Exclude<SearchLanguage, 'fr'>, string[]>> = {
  en: words('how what where when why who which whom can could may might should must do does did i me my we our need want get'),
  ar: words('كيف ماذا ما متى أين لماذا هل من يمكن يمكنني يمكنك أريد أستطيع انا أنا لي علي يجب'),
  fa: words('چگونه چطور چطوری چه چی چیست چرا کجا کی کدام آیا من مرا باید توانم میتوانم خواهم میخواهم'),
  ps: words('څنګه څنگه څه چیرته چېرته چیرې کله ولې ایا آیا زه ما زما کولی کولای غواړم باید'),
  ru: words('как что где когда почему зачем какой какая какие каким можно могу может нужно надо должен хочу мне мой моя мои я ли'),
  ti: words('ከመይ እንታይ ኣበይ መዓስ ስለምንታይ ክንደይ መን ኣነ ናተይ እኽእል ይኽእል ክገብር'),
  uk: words('як що де коли чому навіщо який яка які яким можна можу може потрібно треба мушу хочу мені мій моя мої я чи'),
};
