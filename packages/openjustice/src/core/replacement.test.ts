import { describe, expect, it } from 'vitest';
import { letterCode, formatReplacement, ReplacementAllocator } from './replacement.ts';

describe('person letters (Label buildCharacterList, no Q)', () => {
  it('skips Q and continues with two letters', () => {
    const first = Array.from({ length: 27 }, (_, i) => letterCode(i));
    expect(first.slice(0, 3)).toEqual(['A', 'B', 'C']);
    expect(first).not.toContain('Q');
    expect(first[15]).toBe('P');
    expect(first[16]).toBe('R');
    expect(first[24]).toBe('Z');
    expect(first[25]).toBe('AA');
    expect(first[26]).toBe('AB');
    expect(letterCode(25 + 25)).toBe('BA');
    expect(letterCode(25 + 16)).toBe('AR'); // AQ is skipped
  });
  it('rejects a negative index', () => expect(() => letterCode(-1)).toThrow());
});

describe('replacement formats', () => {
  it('follows Label patterns', () => {
    expect(formatReplacement('adresse', 1)).toBe('[Adresse 1]');
    expect(formatReplacement('localite', 3)).toBe('[Localité 3]');
    expect(formatReplacement('telephoneFax', 1)).toBe('[XXXXXXXX01]');
    expect(formatReplacement('compteBancaire', 2)).toBe('[XXXXXXXXXX02]');
    expect(formatReplacement('personneMorale', 1)).toBe('[1]');
    expect(formatReplacement('professionnelAvocat', 1)).toBeNull();
  });
  it('gives one letter to the first name and surname of one person', () => {
    const a = new ReplacementAllocator();
    expect(a.replacementFor('personnePhysiquePrenom', 'p1-first', 'P1')).toBe('[A]');
    expect(a.replacementFor('personnePhysiqueNom', 'p1-last', 'P1')).toBe('[A]');
    expect(a.replacementFor('personnePhysiqueNom', 'p2-last', 'P2')).toBe('[B]');
    expect(a.replacementFor('personneMorale', 'org1')).toBe('[1]');
    expect(a.replacementFor('etablissement', 'etab1')).toBe('[2]');
    expect(a.replacementFor('personneMorale', 'org1')).toBe('[1]');
  });
});
