import { describe, expect, it } from 'vitest';
import type { SearchLanguage } from './analyzer.ts';
import { createAnalyzer, SEARCH_LANGUAGES } from './lang/index.ts';
import { SAMPLE_DOCS, SAMPLE_QUESTIONS, TOPICS } from './lang/sample-texts.ts';
import { TextIndex, TextIndexBuilder } from './text-index.ts';

const FIELDS = [
  { name: 'title', weight: 3, b: 0.3 },
  { name: 'body', weight: 1, b: 0.75 },
];

/** One index per language over the four sample documents (doc id = topic index). */
function buildIndex(lang: SearchLanguage): TextIndex {
  const b = new TextIndexBuilder(createAnalyzer(lang), FIELDS);
  for (const t of TOPICS) b.add({ ...SAMPLE_DOCS[lang][t] });
  return b.build();
}

const indexes = Object.fromEntries(SEARCH_LANGUAGES.map((l) => [l, buildIndex(l)])) as Record<SearchLanguage, TextIndex>;

describe('one BM25F index per language', () => {
  for (const lang of SEARCH_LANGUAGES) {
    it(`${lang}: every everyday question ranks the document that answers it first`, () => {
      const idx = indexes[lang];
      expect(idx.lang).toBe(lang);
      expect(idx.size).toBe(4);
      for (const [q, topic] of SAMPLE_QUESTIONS[lang]) {
        const r = idx.search(q);
        expect(r.hits.length, `${lang}: "${q}" found nothing`).toBeGreaterThan(0);
        expect(TOPICS[r.hits[0].doc], `${lang}: "${q}" → ${r.hits.map((h) => TOPICS[h.doc]).join(', ')}`).toBe(topic);
      }
    });
  }

  it('inflected query forms find the base forms of the text (where a stemmer exists)', () => {
    const cases: [SearchLanguage, string][] = [
      ['en', 'asylum applications'],
      ['ru', 'заявлением убежищем'],
      ['uk', 'заявою притулки'],
      ['ar', 'لاجئون'],
      ['fr', 'demandes asiles'],
    ];
    for (const [lang, q] of cases) {
      const r = indexes[lang].search(q, { spelling: false });
      expect(TOPICS[r.hits[0]?.doc], `${lang}: ${q}`).toBe('asylum');
    }
  });

  it('folding finds a text typed with the other keyboard’s letters', () => {
    expect(TOPICS[indexes.fa.search('درخواست پناهندگي').hits[0].doc]).toBe('asylum'); // Arabic yeh
    expect(TOPICS[indexes.ps.search('په فرانسه کې کار').hits[0].doc]).toBe('work');
    expect(TOPICS[indexes.ps.search('ټولگي').hits[0].doc]).toBe('french'); // Persian gaf for Pashto ګ
    expect(TOPICS[indexes.ar.search('اللُّجُوء').hits[0].doc]).toBe('asylum'); // with harakat
    expect(TOPICS[indexes.ru.search('ЖИЛЬЕ').hits[0].doc]).not.toBe('work');
  });

  it('reports the matched terms, counts every match and pages', () => {
    const idx = indexes.en;
    const r = idx.search('France housing', { limit: 1 });
    expect(r.total).toBe(3); // asylum and work mention France, housing mentions housing
    expect(r.hits).toHaveLength(1);
    expect(r.hits[0].matched.length).toBeGreaterThan(0);
    const page2 = idx.search('France housing', { limit: 1, offset: 1 });
    expect(page2.hits[0].doc).not.toBe(r.hits[0].doc);
    const filtered = idx.search('France housing', { filter: (d) => d !== r.hits[0].doc });
    expect(filtered.total).toBe(2);
    expect(filtered.hits.map((h) => h.doc)).not.toContain(r.hits[0].doc);
  });

  it('corrects a typo with the language’s alphabet and says so', () => {
    const r = indexes.ru.search('убежише');
    expect(r.corrections).toEqual([{ from: 'убежише', to: expect.any(String) }]);
    expect(TOPICS[r.hits[0].doc]).toBe('asylum');
    expect(indexes.ru.search('убежише', { spelling: false }).hits).toEqual([]);
    const ti = indexes.ti.search('ስደተኛታቲ');
    expect(TOPICS[ti.hits[0].doc]).toBe('housing');
  });

  it('highlights a hit in its own script, right-to-left text unharmed', () => {
    const idx = indexes.ar;
    const r = idx.search('كيف أطلب اللجوء؟');
    const text = SAMPLE_DOCS.ar.asylum.body;
    const html = idx.snippet(text, r);
    expect(html).toContain('<mark>اللجوء</mark>');
    expect(html.replace(/<\/?mark>/g, '')).toBe(text);
    expect(idx.analyzer.dir).toBe('rtl');
  });

  it('packs and unpacks with its language, and refuses another analyzer', () => {
    const idx = indexes.uk;
    const back = TextIndex.unpack(idx.pack(), createAnalyzer('uk'));
    for (const [q] of SAMPLE_QUESTIONS.uk) expect(back.search(q)).toEqual(idx.search(q));
    expect(() => TextIndex.unpack(idx.pack(), createAnalyzer('ru'))).toThrow(/uk/);
  });

  it('never throws on hostile queries', () => {
    for (const lang of SEARCH_LANGUAGES) {
      const idx = indexes[lang];
      for (const q of ['', '   ', '\u0000\ufffd', '<script>alert(1)</script>', '💥'.repeat(10_000), 'x'.repeat(100_000)]) {
        const r = idx.search(q, { limit: -5, offset: Number.NaN });
        expect(r.hits.length).toBeLessThanOrEqual(10);
      }
    }
  });

  it('needs a field', () => {
    expect(() => new TextIndexBuilder(createAnalyzer('en'), [])).toThrow();
  });
});
