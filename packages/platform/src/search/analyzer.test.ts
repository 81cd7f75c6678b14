import { describe, expect, it } from 'vitest';
import { FrenchAnalyzer } from './analyzer.ts';
import { fold, tokenizeWithOffsets } from './normalize.ts';
import { frenchLightStem } from './french-stemmer.ts';
import { SynonymMap } from './synonyms.ts';
import { Bm25fBuilder, Bm25fIndex, selectTop, topK } from './bm25f.ts';
import { snippet } from './highlight.ts';

const an = new FrenchAnalyzer();

describe('French analyzer', () => {
  it('folds accents, ligatures and case', () => {
    expect(fold('Œuvre Éléphant À ÇA')).toBe('oeuvre elephant a ca');
    expect(an.terms('CŒUR')).toEqual(an.terms('coeur'));
  });
  it("removes elisions (l', d', qu', jusqu')", () => {
    expect(an.terms("l'employeur")).toEqual(an.terms('employeur'));
    expect(an.terms('d’ancienneté')).toEqual(an.terms('ancienneté'));
    expect(an.terms("jusqu'au préavis")).toEqual(an.terms('préavis'));
    expect(an.terms("qu'il démissionne")).toEqual(an.terms('démissionne'));
  });
  it('drops stop words', () => {
    expect(an.terms('le salarié et la durée du travail')).toEqual(an.terms('salarié durée travail'));
  });
  it('light stemming conflates plurals and feminine forms', () => {
    expect(an.terms('salariés')).toEqual(an.terms('salarié'));
    expect(an.terms('salariée')).toEqual(an.terms('salarié'));
    expect(an.terms('congés payés')).toEqual(an.terms('congé payé'));
    expect(an.terms('travaux')).toEqual(an.terms('travail'));
    expect(an.terms('indemnités')).toEqual(an.terms('indemnité'));
    expect(frenchLightStem('licenciements')).toBe(frenchLightStem('licenciement'));
    expect(frenchLightStem('licenciee')).toBe(frenchLightStem('licencie'));
  });
  it('conflates labour-law verb/noun/participle families', () => {
    const same = (...ws: string[]) => expect(new Set(ws.map((w) => an.terms(w)[0])).size).toBe(1);
    same('licencier', 'licenciement', 'licenciements', 'licencié', 'licenciée', 'licencie');
    same('démissionner', 'démission', 'démissionné', 'démissionne');
    same('rémunérer', 'rémunération', 'rémunéré', 'rémunérées');
    same('majorer', 'majoration', 'majorées');
    same('déclarer', 'déclaration', 'déclaré');
    same('cotiser', 'cotisation', 'cotisations');
    same('indemniser', 'indemnisation', 'indemnisé');
    same('notifier', 'notification', 'notifié');
    same('reclasser', 'reclassement', 'reclassé');
    same('particulier', 'particulière', 'particuliers');
  });
  it('keeps distinct notions apart', () => {
    const differ = (a: string, b: string) => expect(an.terms(a)[0]).not.toBe(an.terms(b)[0]);
    differ('employeur', 'employé');
    differ('fichier', 'fiche');
    differ('courrier', 'cour');
    differ('dossier', 'dos');
    differ('indemnisation', 'indemnité');
    differ('communication', 'commun');
  });
  it('query analysis drops question scaffolding but keeps surface forms', () => {
    const q = an.query('Mon patron peut-il refuser mes congés ?');
    expect(q.map((t) => t.surface)).toEqual(['patron', 'refuser', 'congés']);
    expect(an.query('comment')).toHaveLength(1); // nothing else: keep it
  });
  it('tokenizes with offsets into the original string', () => {
    const s = 'Délai : L’employeur';
    const toks = tokenizeWithOffsets(s);
    expect(toks.map((t) => s.slice(t.start, t.end))).toEqual(['Délai', 'L', 'employeur']);
    expect(toks[1].apostrophe).toBe(true);
  });
  it('never throws on weird input', () => {
    expect(an.terms('\u0000\u0001\ufffd💥')).toEqual([]);
    expect(an.query('💥 '.repeat(5000))).toEqual([]);
  });
});

describe('synonyms', () => {
  const syn = new SynonymMap(an);
  syn.addGroup(['comité social et économique', 'cse'], 0.7);
  syn.addGroup(['patron'], 0.6, ['employeur']);
  it('expands acronyms both ways and keeps what matched', () => {
    const q = an.query('élections du CSE');
    const m = syn.expand(
      q.map((t) => t.term),
      q.map((t) => t.surface),
    );
    expect(m).toHaveLength(1);
    expect(m[0].from).toBe('CSE');
    expect(m[0].to).toBe('comité social et économique');
    const q2 = an.query('comités sociaux et économiques');
    expect(
      syn.expand(
        q2.map((t) => t.term),
        q2.map((t) => t.surface),
      )[0].to,
    ).toBe('cse');
  });
  it('one-way rules do not expand backwards', () => {
    const q = an.query('employeur');
    expect(
      syn.expand(
        q.map((t) => t.term),
        q.map((t) => t.surface),
      ),
    ).toEqual([]);
    const q2 = an.query('patrons');
    expect(
      syn.expand(
        q2.map((t) => t.term),
        q2.map((t) => t.surface),
      )[0].to,
    ).toBe('employeur');
  });
});

describe('BM25F index', () => {
  const b = new Bm25fBuilder([
    { name: 'title', weight: 3, b: 0.3 },
    { name: 'text', weight: 1, b: 0.75 },
  ]);
  b.add([an.terms('Congés payés'), an.terms('Le salarié a droit à un congé.')]);
  b.add([an.terms('Préavis'), an.terms('Le congé payé pendant le préavis du salarié.')]);
  b.add([an.terms('Durée du travail'), an.terms('La durée légale est de 35 heures.')]);
  const idx = b.build();
  it('ranks the title match first and reports matched terms', () => {
    const r = idx.score(an.terms('congés').map((term) => ({ term, weight: 1 })));
    const top = topK(r, 10);
    expect(top[0].doc).toBe(0);
    expect(top.map((t) => t.doc)).not.toContain(2);
    expect(top[0].mask & 1).toBe(1);
  });
});

describe('top-k selection and packing', () => {
  it('selectTop equals a full sort (score desc, tiebreak asc), ignoring non-positive scores', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const scores = Float64Array.from({ length: 500 }, () => Math.floor(rnd() * 20) - 2);
    const cands = Array.from({ length: 500 }, (_, i) => i);
    const tb = (d: number) => (d * 37) % 509; // unique (509 is prime)
    const expected = cands
      .filter((d) => scores[d] > 0)
      .sort((a, b) => scores[b] - scores[a] || tb(a) - tb(b))
      .slice(0, 25);
    expect(selectTop(cands, scores, 25, tb)).toEqual(expected);
    expect(selectTop(cands, scores, 0)).toEqual([]);
  });
  it('pack/unpack keeps every score', () => {
    const b = new Bm25fBuilder([{ name: 'text', weight: 1, b: 0.75 }]);
    for (const t of ['congé payé', 'préavis de licenciement', 'congé de maternité']) b.add([an.terms(t)]);
    const idx = b.build();
    const back = Bm25fIndex.unpack(idx.pack());
    const q = an.terms('congé licenciement').map((term) => ({ term, weight: 1 }));
    expect(Array.from(back.score(q).scores)).toEqual(Array.from(idx.score(q).scores));
    expect(back.termScore(an.terms('congé')[0], 1, 2)).toBeCloseTo(idx.score([{ term: an.terms('congé')[0], weight: 1 }]).scores[2], 5);
  });
});

describe('snippet', () => {
  it('escapes HTML and marks matched surface forms', () => {
    const s = snippet('Les <b>congés</b> payés & le préavis', new Set(an.terms('congé préavis')), { key: (n) => an.stem(n) });
    expect(s).toBe('Les &lt;b&gt;<mark>congés</mark>&lt;/b&gt; payés &amp; le <mark>préavis</mark>');
  });
});
