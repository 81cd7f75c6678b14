import { describe, expect, it } from 'vitest';
import { plainText, segmentsOf, stripInline, unitHash, unitKeysOf, unitWordCount, wordCount } from './fiche.ts';
import { makeFiche } from './test-fixtures.ts';

describe('fiche units', () => {
  it('lists units in reading order for each kind', () => {
    expect(unitKeysOf(makeFiche())).toEqual(['title', 'summary', 'conditions', 'what', 'why', 'how']);
    expect(unitKeysOf(makeFiche({ kind: 'demarche', conditions: [] }))).toEqual(['title', 'summary', 'what', 'steps', 'next']);
  });
  it('splits blocks into segments and strips inline markup', () => {
    const body = ['Un **paragraphe** avec [un lien](https://www.service-public.fr).', { list: ['a', 'b'] }, { steps: ['un', 'deux'] }];
    expect(segmentsOf(body)).toHaveLength(5);
    expect(stripInline(body[0] as string)).toBe('Un paragraphe avec un lien.');
    expect(plainText(body).split('\n')).toHaveLength(5);
  });
  it('counts words in every script', () => {
    expect(wordCount("L'OFII vous reçoit aujourd'hui")).toBe(4);
    expect(wordCount('مرحبا بكم في فرنسا')).toBe(4);
    expect(wordCount('ሰላም ንኹልኹም')).toBe(2);
    expect(wordCount('')).toBe(0);
    expect(unitWordCount(['deux mots', { list: ['trois petits mots'] }])).toBe(5);
  });
  it('hashes units stably, ignoring whitespace only', () => {
    expect(unitHash('Bonjour  le monde')).toBe(unitHash('Bonjour le monde '));
    expect(unitHash('Bonjour le monde')).not.toBe(unitHash('Bonjour le Monde'));
    expect(unitHash(['a', { list: ['b'] }])).not.toBe(unitHash(['a', { steps: ['b'] }]));
    expect(unitHash('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});
