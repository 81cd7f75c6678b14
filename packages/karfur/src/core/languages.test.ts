import { describe, expect, it } from 'vitest';
import { LANGUAGES, LANGUAGE_CODES, directionOf, isLanguageCode, negotiateLanguage } from './languages.ts';

describe('languages', () => {
  it('has eight languages, three of them right to left', () => {
    expect(LANGUAGE_CODES).toHaveLength(8);
    expect(LANGUAGE_CODES.filter((l) => directionOf(l) === 'rtl').sort()).toEqual(['ar', 'fa', 'ps']);
    for (const l of LANGUAGE_CODES) expect(LANGUAGES[l].code).toBe(l);
  });
  it('recognises only our codes', () => {
    expect(isLanguageCode('ti')).toBe(true);
    expect(isLanguageCode('de')).toBe(false);
    expect(isLanguageCode('__proto__')).toBe(false);
    expect(isLanguageCode(undefined)).toBe(false);
  });
  it('negotiates Accept-Language', () => {
    expect(negotiateLanguage('ar-SA,ar;q=0.9,fr;q=0.8')).toBe('ar');
    expect(negotiateLanguage('de-DE,de;q=0.9,uk;q=0.5')).toBe('uk');
    expect(negotiateLanguage('prs')).toBe('fa');
    expect(negotiateLanguage('en;q=0, ru;q=0.2')).toBe('ru');
    expect(negotiateLanguage('')).toBe('fr');
    expect(negotiateLanguage('zz,;;;,q=')).toBe('fr');
  });
});
