import { describe, expect, it } from 'vitest';
import { FrenchAnalyzer, type Analyzer, type SearchLanguage } from '../analyzer.ts';
import { snippet } from '../highlight.ts';
import { correctSpelling, spellingOptions } from '../spelling.ts';
import { SynonymMap } from '../synonyms.ts';
import { createAnalyzer, isSearchLanguage, languageDirection, SEARCH_LANGUAGES, type LanguageAnalyzer } from './index.ts';
import { SAMPLE_DOCS, TOPICS } from './sample-texts.ts';

const an = Object.fromEntries(SEARCH_LANGUAGES.map((l) => [l, createAnalyzer(l)])) as Record<SearchLanguage, Analyzer>;

/** Every word given analyses to one and the same index term. */
function sameTerm(a: Analyzer, ...words: string[]) {
  const terms = words.map((w) => a.terms(w));
  for (const t of terms) expect(t).toHaveLength(1);
  expect(new Set(terms.map((t) => t[0])).size, `${words.join(' / ')} → ${terms.map((t) => t[0]).join(' / ')}`).toBe(1);
}

/** The words analyse to distinct terms. */
function distinct(a: Analyzer, x: string, y: string) {
  expect(a.terms(x)[0]).not.toBe(a.terms(y)[0]);
}

/** `<mark>`s removed and entities decoded, a snippet is the original text again. */
function unmark(html: string): string {
  return html
    .replace(/<\/?mark>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function marked(html: string): string[] {
  return [...html.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]);
}

describe('createAnalyzer', () => {
  it('knows the eight languages and refuses others', () => {
    expect(SEARCH_LANGUAGES).toEqual(['fr', 'en', 'ar', 'fa', 'ps', 'ru', 'ti', 'uk']);
    expect(isSearchLanguage('ps')).toBe(true);
    expect(isSearchLanguage('de')).toBe(false);
    expect(isSearchLanguage('__proto__')).toBe(false);
    expect(() => createAnalyzer('de' as SearchLanguage)).toThrow(RangeError);
    expect(() => createAnalyzer('__proto__' as SearchLanguage)).toThrow(RangeError);
    for (const l of SEARCH_LANGUAGES) {
      expect(an[l].lang).toBe(l);
      expect(an[l].dir).toBe(languageDirection(l));
    }
    expect(['ar', 'fa', 'ps'].map((l) => an[l as SearchLanguage].dir)).toEqual(['rtl', 'rtl', 'rtl']);
  });

  it('French is the FrenchAnalyzer, exactly as a service builds it directly', () => {
    const fr = createAnalyzer('fr');
    expect(fr).toBeInstanceOf(FrenchAnalyzer);
    const ref = new FrenchAnalyzer({ stem: 'light' });
    for (const text of [
      "Mon patron peut-il refuser mes congés ? L'employeur, jusqu'au préavis",
      ...TOPICS.flatMap((t) => [SAMPLE_DOCS.fr[t].title, SAMPLE_DOCS.fr[t].body]),
    ]) {
      expect(fr.terms(text)).toEqual(ref.terms(text));
      expect(fr.query(text)).toEqual(ref.query(text));
      expect(fr.tokens(text)).toEqual(ref.tokens(text));
    }
    expect(createAnalyzer('fr', { stem: 'minimal' }).stemMode).toBe('minimal');
    expect(fr.fold('Œuvre Éléphant')).toBe('oeuvre elephant');
    expect(fr.terms('كيف أطلب اللجوء')).toEqual([]); // the French tokenizer keeps Latin letters and digits only
  });

  it('says which library stems each language, and none where no package stems it', () => {
    const lib = (l: SearchLanguage) => (an[l] as LanguageAnalyzer).stemmerLibrary;
    for (const l of ['en', 'ru', 'ar', 'uk'] as const) expect(lib(l)).toMatch(/^@orama\/stemmers/);
    expect([lib('fa'), lib('ps'), lib('ti')]).toEqual([null, null, null]);
    expect(an.fa.terms('پناهندگان')).toEqual(['پناهندگان']); // no stemmer: folded form as is
    expect(createAnalyzer('en', { stem: false }).terms('seekers')).toEqual(['seekers']);
  });

  it('never throws on hostile input, in any language', () => {
    for (const l of SEARCH_LANGUAGES) {
      expect(an[l].terms('\u0000\u0001\ufffd💥')).toEqual([]);
      expect(an[l].query('💥 '.repeat(5000))).toEqual([]);
      expect(an[l].tokens('')).toEqual([]);
      expect(an[l].query('a '.repeat(50_000)).length).toBeLessThanOrEqual(32);
      expect(an[l].terms('\ud800 lone surrogate \udfff').length).toBeGreaterThan(0);
    }
  });
});

describe('English', () => {
  const a = an.en;
  it('stems inflected forms to their base (Porter2)', () => {
    sameTerm(a, 'apply', 'applies', 'applied', 'applying');
    sameTerm(a, 'seeker', 'seekers', "seeker's");
    sameTerm(a, 'refugee', 'refugees', 'Refugees');
    sameTerm(a, 'housing', 'houses');
  });
  it('folds case, diacritics, ligatures and apostrophes', () => {
    sameTerm(a, 'café', 'CAFE', 'cafe');
    sameTerm(a, 'ﬁnd', 'find');
    expect(a.terms('don’t')).toEqual(a.terms("don't"));
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('How do I apply for asylum?').map((t) => t.surface)).toEqual(['apply', 'asylum']);
    expect(a.query('need').map((t) => t.surface)).toEqual(['need']); // nothing else: kept
  });
});

describe('Arabic', () => {
  const a = an.ar;
  it('folds harakat, tatweel, alef forms, alef maksura, teh marbuta and Persian letters', () => {
    sameTerm(a, 'اللُّجُوء', 'اللجوء', 'اللجـــوء');
    sameTerm(a, 'أطفال', 'اطفال', 'إطفال', 'آطفال');
    sameTerm(a, 'مساعدة', 'مساعده');
    sameTerm(a, 'مستشفى', 'مستشفي');
    sameTerm(a, 'كتاب', 'کتاب'); // Persian keheh typed on a Persian keyboard
    sameTerm(a, 'ﻻجئ', 'لاجئ'); // presentation form (lam-alef ligature) from a PDF
    expect(a.fold('رقم ١٢٣ و ۴۵۶')).toBe('رقم 123 و 456');
  });
  it('stems inflected and prefixed forms to their base (Snowball Arabic)', () => {
    sameTerm(a, 'لاجئ', 'لاجئون', 'لاجئين', 'اللاجئين', 'لاجئة');
    sameTerm(a, 'لجوء', 'اللجوء');
    sameTerm(a, 'مساعدة', 'المساعدة', 'للمساعدة', 'مساعده'); // ة and ه unified after stemming
    sameTerm(a, 'حماية', 'الحماية', 'حمايه');
    sameTerm(a, 'منحة', 'المنحة', 'منحه');
    sameTerm(a, 'سكن', 'السكن');
    sameTerm(a, 'عمل', 'العمل', 'عملا');
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('كيف أطلب اللجوء؟').map((t) => t.surface)).toEqual(['أطلب', 'اللجوء']);
    expect(a.terms('في من على إلى')).toEqual([]);
    expect(a.terms('زيارة').length).toBe(1); // a content word of the package's news-based list, kept
  });
});

describe('Persian / Dari', () => {
  const a = an.fa;
  it('unifies Arabic and Persian letter variants and digits', () => {
    sameTerm(a, 'پناهندگی', 'پناهندگي', 'پناهندگى');
    sameTerm(a, 'کار', 'كار');
    sameTerm(a, 'خانه', 'خانة');
    sameTerm(a, 'آموزش', 'اموزش');
    sameTerm(a, 'خانۀ', 'خانه');
    expect(a.fold('۱۴۰۳')).toBe('1403');
    expect(a.fold('١٤٠٣')).toBe('1403');
    expect(a.terms('سلامٌ')).toEqual(a.terms('سلام'));
  });
  it('splits on ZWNJ, so that detached affixes match the bare word', () => {
    expect(a.terms('پناهنده‌ها')).toEqual(a.terms('پناهنده'));
    expect(a.terms('کلاس‌های')).toEqual(a.terms('کلاس'));
    expect(a.terms('پناهنده ها')).toEqual(a.terms('پناهنده'));
    expect(a.terms('می‌توانند')).toEqual(a.terms('توانند'));
    const toks = a.tokens('پناهنده‌ها');
    expect(toks.map((t) => [t.start, t.end])).toEqual([
      [0, 7],
      [8, 10],
    ]);
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('چگونه درخواست پناهندگی بدهم؟').map((t) => t.surface)).toEqual(['درخواست', 'پناهندگی', 'بدهم']);
  });
});

describe('Pashto', () => {
  const a = an.ps;
  it('unifies the yehs, the two gafs, kaf and heh variants', () => {
    sameTerm(a, 'څنګه', 'څنگه');
    sameTerm(a, 'غوښتونکي', 'غوښتونکی', 'غوښتونکې');
    sameTerm(a, 'وړاندې', 'وړاندی');
    sameTerm(a, 'کور', 'كور');
    expect(a.fold('ټ ډ ړ ږ ښ ځ څ ڼ')).toBe('ټ ډ ړ ږ ښ ځ څ ڼ'); // letters proper to Pashto kept
    expect(a.fold('۲۰۲۵')).toBe('2025');
  });
  it('has no stemmer: inflected forms stay apart', () => {
    distinct(a, 'غوښتنه', 'غوښتنو');
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('زه څنګه د پناه غوښتنه وکړم؟').map((t) => t.surface)).toEqual(['پناه', 'غوښتنه', 'وکړم']);
  });
});

describe('Russian', () => {
  const a = an.ru;
  it('folds case, ё and stress marks', () => {
    sameTerm(a, 'жильё', 'жилье', 'ЖИЛЬЁ');
    sameTerm(a, 'убе́жище', 'убежище');
    sameTerm(a, 'й', 'Й'); // й is a letter, not и + breve
    distinct(a, 'мой', 'мои');
  });
  it('stems inflected forms to their base (Snowball Russian)', () => {
    sameTerm(a, 'заявление', 'заявления', 'заявлении', 'заявлением');
    sameTerm(a, 'убежище', 'убежища', 'убежищем');
    sameTerm(a, 'работа', 'работу', 'работы', 'работой');
    sameTerm(a, 'жильё', 'жилья', 'жильем');
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('Как подать заявление на убежище?').map((t) => t.surface)).toEqual(['подать', 'заявление', 'убежище']);
  });
});

describe('Tigrinya', () => {
  const a = an.ti;
  it('tokenises Ge’ez script on spaces and Ethiopic punctuation', () => {
    const s = 'ሓተትቲ፡ዑቕባ። ሕቶ፣ዑቕባ፧';
    expect(a.tokens(s).map((t) => s.slice(t.start, t.end))).toEqual(['ሓተትቲ', 'ዑቕባ', 'ሕቶ', 'ዑቕባ']);
  });
  it('folds the homophone series ሠ→ሰ, ፀ→ጸ, ኀ→ሐ and keeps vowel orders', () => {
    sameTerm(a, 'ሠላም', 'ሰላም');
    sameTerm(a, 'ፀሓይ', 'ጸሓይ');
    sameTerm(a, 'ኀይሊ', 'ሐይሊ');
    distinct(a, 'ሰብ', 'ሱብ');
    distinct(a, 'ሀገር', 'ሐገር'); // h and ḥ are distinct sounds in Tigrinya
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('ከመይ ጌረ ዑቕባ ክሓትት እኽእል፧').map((t) => t.surface)).toEqual(['ጌረ', 'ዑቕባ', 'ክሓትት']);
    expect(a.terms('ኣብ ፈረንሳ')).toEqual(['ፈረንሳ']);
  });
});

describe('Ukrainian', () => {
  const a = an.uk;
  it('keeps є, і, ї distinct, folds ґ → г and apostrophe variants', () => {
    distinct(a, 'її', 'ії');
    distinct(a, 'їх', 'іх');
    sameTerm(a, 'ґанок', 'ганок');
    sameTerm(a, 'сім’я', "сім'я", 'сімʼя');
    expect(a.tokens("сім'я").map((t) => [t.start, t.end])).toEqual([[0, 5]]);
  });
  it('stems inflected forms to their base (Orama Ukrainian)', () => {
    sameTerm(a, 'заява', 'заяву', 'заяви', 'заявою');
    sameTerm(a, 'житло', 'житла', 'житлом');
    sameTerm(a, 'робота', 'роботу', 'роботи');
    sameTerm(a, 'притулку', 'притулки');
  });
  it('drops stop words and question scaffolding', () => {
    expect(a.query('Як подати заяву на притулок?').map((t) => t.surface)).toEqual(['подати', 'заяву', 'притулок']);
  });
});

describe('offsets and highlighting in every script', () => {
  it('every token points at its own surface in the original string', () => {
    for (const l of SEARCH_LANGUAGES) {
      for (const t of TOPICS) {
        const text = `${SAMPLE_DOCS[l][t].title}. ${SAMPLE_DOCS[l][t].body}`;
        for (const tok of an[l].tokens(text)) {
          const surface = text.slice(tok.start, tok.end);
          expect(
            an[l].tokens(surface).map((x) => x.norm),
            `${l}: ${surface}`,
          ).toContain(tok.norm);
          expect(/^[\s\p{P}]/u.test(surface) || /[\s\p{P}]$/u.test(surface), `${l}: "${surface}"`).toBe(false);
        }
      }
    }
  });

  it('snippets mark the matched words and give the original text back (RTL included)', () => {
    const cases: [SearchLanguage, string, string[]][] = [
      ['ar', 'كيف أطلب اللجوء؟', ['اللجوء']],
      ['fa', 'درخواست پناهندگي', ['درخواست', 'درخواست']], // Arabic yeh in the query; no stemmer: پناهندگان unmarked
      ['ps', 'د پناه غوښتنه', ['پناه', 'پناه', 'غوښتنه']], // no stemmer: غوښتنې (oblique) unmarked
      ['ti', 'ሕቶ ዑቕባ', ['ዑቕባ', 'ሕቶ', 'ዑቕባ']], // no stemmer: ሕቶኦም (their request) unmarked
      ['ru', 'заявления на убежище', ['убежища', 'заявление', 'заявления']],
      ['uk', 'заява притулку', ['притулку', 'заяву', 'заяви']],
      ['en', 'applications', ['application', 'application']],
    ];
    for (const [l, q, expected] of cases) {
      const a = an[l];
      const text = SAMPLE_DOCS[l].asylum.body;
      const html = snippet(text, new Set(a.query(q).map((t) => t.term)), { analyzer: a, length: 1000 });
      expect(marked(html), `${l}: ${html}`).toEqual(expected);
      expect(unmark(html)).toBe(text.replace(/\s+/g, ' '));
    }
  });

  it('keeps harakat, ZWNJ and bidi marks of the original inside and around the marked word', () => {
    const a = an.ar;
    const text = '\u200fيحقّ لِلّاجِئِينَ طلبُ اللُّجُوءِ\u200f في فرنسا';
    const html = snippet(text, new Set(a.terms('لجوء')), { analyzer: a });
    expect(marked(html)).toEqual(['اللُّجُوءِ']);
    expect(unmark(html)).toBe(text);
    const fa = an.fa;
    const t2 = 'کلاس‌های رایگان';
    const h2 = snippet(t2, new Set(fa.terms('کلاس')), { analyzer: fa });
    expect(h2).toBe('<mark>کلاس</mark>\u200cهای رایگان');
  });

  it('never cuts a long snippet inside a character or between a letter and its marks', () => {
    const a = an.ar;
    const text = 'كَلِمَةٌ '.repeat(200) + 'اللُّجُوءِ ' + 'كَلِمَةٌ '.repeat(200);
    const html = snippet(text, new Set(a.terms('لجوء')), { analyzer: a, length: 100 });
    expect(marked(html)).toEqual(['اللُّجُوءِ']);
    for (const piece of unmark(html)
      .replace(/^… | …$/g, '')
      .split(' '))
      expect(/^\p{M}/u.test(piece), piece).toBe(false);
    const emoji = '😀'.repeat(300) + ' asylum';
    const h2 = snippet(emoji, new Set(an.en.terms('asylum')), { analyzer: an.en, length: 51 });
    expect(/[\ud800-\udfff]/.test(h2.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))).toBe(false); // no lone surrogate
  });
});

describe('typo correction in every alphabet', () => {
  const cases: [SearchLanguage, string, string][] = [
    ['en', 'asylun', 'asylum'],
    ['ru', 'убежише', 'убежище'],
    ['uk', 'притулкк', 'притулку'],
    ['ar', 'اللجووء', 'اللجوء'],
    ['fa', 'پناهندگئ', 'پناهندگی'],
    ['ps', 'غوښتنخ', 'غوښتنه'],
    ['ti', 'ስደተኛታቲ', 'ስደተኛታት'],
  ];
  for (const [l, typo, word] of cases) {
    it(`${l}: ${typo} → ${word}`, () => {
      const a = an[l];
      const df = new Map<string, number>();
      for (const t of TOPICS)
        for (const term of a.terms(`${SAMPLE_DOCS[l][t].title} ${SAMPLE_DOCS[l][t].body}`)) df.set(term, (df.get(term) ?? 0) + 1);
      const norm = a.norms(typo)[0];
      const fixed = correctSpelling(
        norm,
        (n) => a.stem(n),
        (s) => df.get(s) ?? 0,
        spellingOptions(a),
      );
      expect(fixed).not.toBeNull();
      expect(a.stem(fixed!)).toBe(a.terms(word)[0]);
    });
  }
});

describe('synonyms in another language', () => {
  it('expands a Russian phrase whatever its inflection', () => {
    const a = an.ru;
    const syn = new SynonymMap(a);
    syn.addGroup(['вид на жительство', 'ВНЖ'], 0.8);
    const q = a.query('продление вида на жительство');
    const m = syn.expand(
      q.map((t) => t.term),
      q.map((t) => t.surface),
    );
    expect(m.map((x) => x.to)).toEqual(['ВНЖ']);
  });
});
