import { describe, expect, it } from 'vitest';
import { buildArticleIndex, expandRange, findCitations, findCitationsInText, normaliseNum, resolveNum } from './citations.ts';

const nums = [
  'L1',
  'L1221-19',
  'L1221-20',
  'L1221-25',
  'L1226-15',
  'L1231-1',
  'L1231-2',
  'L1231-3',
  'L1231-4',
  'L1231-5',
  'L1231-6',
  'L1234-9',
  'L1235-3',
  'L1235-11',
  'L1235-16',
  'L1237-11',
  'L1237-12',
  'L1237-13',
  'L1237-14',
  'L1237-15',
  'L1237-16',
  'L1237-16-1',
  'L1237-17',
  'L1453-1 A',
  'L2143-5',
  'L3121-16',
  'L7232-6',
  'R*3231-1',
  'R1253-35',
  'R2143-1',
  'R2143-2',
  'D2143-4',
  'R2143-5',
  'R4624-42',
  'D3142-1-2',
  'L1242-1',
  'L1242-2',
];
const index = buildArticleIndex(
  nums.map((num, i) => ({
    id: `LEGIARTI${String(i).padStart(12, '0')}`,
    cid: `LEGIARTI${String(900 + i).padStart(12, '0')}`,
    num,
    versionIds: num === 'L2143-5' ? ['LEGIARTI000035652764'] : [],
  })),
);
const cite = (t: string) => findCitationsInText(t, index);

describe('normaliseNum', () => {
  it('trims and normalises spellings', () => {
    expect(normaliseNum(' L1251-33-1')).toBe('L1251-33-1');
    expect(normaliseNum('L. 1234-9')).toBe('L1234-9');
    expect(normaliseNum('R.4624-42')).toBe('R4624-42');
    expect(normaliseNum('R*3231-1')).toBe('R*3231-1');
    expect(normaliseNum('L1453-1 A')).toBe('L1453-1 A');
    expect(normaliseNum('L5424-29 ')).toBe('L5424-29');
    expect(normaliseNum('Annexe I')).toBe('Annexe I');
  });
  it('resolves to articles in force, with or without the asterisk', () => {
    expect(resolveNum('R3231-1', index)).toBe('R*3231-1');
    expect(resolveNum('l1234-9', index)).toBe('L1234-9');
    expect(resolveNum('L122-14-3', index)).toBeNull();
  });
});

describe('findCitationsInText', () => {
  it('reads the usual spellings', () => {
    expect(cite("l'article L. 1234-9 du Code du travail")).toEqual(['L1234-9']);
    expect(cite('article L1234-9')).toEqual(['L1234-9']);
    expect(cite('l’article L 1235-3 du Code du travail')).toEqual(['L1235-3']);
    expect(cite('voir R.4624-42')).toEqual(['R4624-42']);
    expect(cite('article D. 3142-1-2')).toEqual(['D3142-1-2']);
    expect(cite('article R*3231-1')).toEqual(['R*3231-1']);
    expect(cite('article L1453-1 A du code')).toEqual(['L1453-1 A']);
    expect(cite('(art. L. 7232-6, 3° du Code du travail)')).toEqual(['L7232-6']);
    expect(cite('Temps de pause : article L. 3121-16 du Code du travail')).toEqual(['L3121-16']);
  });
  it('reads enumerations', () => {
    expect(cite('articles L. 1226-15, L. 1234-9, L. 1235-11 et L. 1235-16 du Code du travail')).toEqual([
      'L1226-15',
      'L1234-9',
      'L1235-11',
      'L1235-16',
    ]);
  });
  it('expands ranges in number order, against the articles in force', () => {
    expect(cite('articles L1237-11 à L1237-16')).toEqual(['L1237-11', 'L1237-12', 'L1237-13', 'L1237-14', 'L1237-15', 'L1237-16']);
    expect(cite('Code du travail : articles L1231-1 à L1231-6')).toHaveLength(6);
    expect(cite('Articles R. 2143-1 à R. 2143-2, D. 2143-4, R. 2143-5 du Code du travail')).toEqual([
      'R2143-1',
      'R2143-2',
      'D2143-4',
      'R2143-5',
    ]);
    // an abrogated bound still delimits the range
    expect(expandRange('L1231-0', 'L1231-3', index)).toEqual(['L1231-1', 'L1231-2', 'L1231-3']);
  });
  it('drops citations of other codes', () => {
    expect(cite('article L. 130-1 du Code de la sécurité sociale')).toEqual([]);
    expect(cite("l'article L. 1234-9 du code de la sécurité sociale")).toEqual([]);
    expect(cite("l'article L. 1237-11 du code de l'éducation et l'article L. 1234-9 du Code du travail")).toEqual(['L1234-9']);
    expect(cite('article L. 1242-1 du CGI')).toEqual([]);
  });
  it('drops abrogated / unknown articles and non-citations', () => {
    expect(cite("l'article L. 122-14-3 ancien")).toEqual([]);
    expect(cite('la loi n° 2008-67 du 21 janvier 2008, un L-shaped, R&D 2020-2021')).toEqual([]);
    expect(cite('articles R. 1253-35 et suivants')).toEqual(['R1253-35']);
  });
});

describe('findCitations (HTML / markdown)', () => {
  it('resolves Légifrance links by LEGIARTI id, any version', () => {
    const html =
      '<p>dans les conditions fixées par l\'<a href="https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000035652764">article L. 2143-5</a></p>';
    expect(findCitations(html, index)).toEqual(['L2143-5']);
    const old =
      '<a href="http://www.legifrance.gouv.fr/affichCodeArticle.do?idArticle=LEGIARTI000000000911&cidTexte=LEGITEXT000006072050">ici</a>';
    expect(findCitations(old, index)).toEqual([nums[11]]);
  });
  it('reads markdown links and text, with entities and tags', () => {
    expect(findCitations('[Article L1242-2 du code du travail](https://example.org/x)', index)).toEqual(['L1242-2']);
    expect(findCitations('<li>Articles L.&nbsp;1231-1 <strong>à</strong> L.&nbsp;1231-3</li>', index)).toEqual([
      'L1231-1',
      'L1231-2',
      'L1231-3',
    ]);
  });
});
