import { describe, expect, it } from 'vitest';
import { canonicalArticleNum, findArticleNums } from './article-number.ts';

describe('article numbers', () => {
  it.each([
    ['L1234-9', 'L1234-9'],
    ['L. 1234-9', 'L1234-9'],
    ['l 1234 9', 'L1234-9'],
    ['article R4624-42', 'R4624-42'],
    ['Article L. 1234-9', 'L1234-9'],
    ['D. 3142-1-2', 'D3142-1-2'],
    ['R*3231-1', 'R*3231-1'],
    ['r*3231-1', 'R*3231-1'],
    ['L1453-1 A', 'L1453-1 A'],
    ['art. L 1234-9', 'L1234-9'],
    ['L.1234-9', 'L1234-9'],
    ['  L1251-33-1 ', 'L1251-33-1'],
    ['L1', 'L1'],
    ['L 1234–9', 'L1234-9'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalArticleNum(input)).toBe(expected);
  });
  it.each(['', 'L', 'L1234', '1234-9', 'L12345-1', 'idcc 1486', 'congés payés', 'X1234-9', 'L0123-4', 'a'.repeat(1000)])(
    'rejects %s',
    (input) => {
      expect(canonicalArticleNum(input)).toBeNull();
    },
  );
  it('finds numbers inside prose', () => {
    expect(findArticleNums('voir les articles L. 1234-9 et R1234-2 du code').map((m) => m.num)).toEqual(['L1234-9', 'R1234-2']);
    expect(findArticleNums('rien ici 1234')).toEqual([]);
  });
});
