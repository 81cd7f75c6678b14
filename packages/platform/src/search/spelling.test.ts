import { describe, expect, it } from 'vitest';
import { correctSpelling, oneEditVariants } from './spelling.ts';
import { FrenchAnalyzer } from './analyzer.ts';

const an = new FrenchAnalyzer();
const corpus =
  'licenciement licenciement démission prud’hommes conseil de prud’hommes congé congés payés salarié employeur rupture conventionnelle';
const df = new Map<string, number>();
for (const t of an.terms(corpus)) df.set(t, (df.get(t) ?? 0) + 1);
const freq = (stem: string) => df.get(stem) ?? 0;
const correct = (w: string) => correctSpelling(w, (n) => an.stem(n), freq);

describe('spelling correction', () => {
  it('generates deletions, transpositions, substitutions and insertions', () => {
    const v = new Set(oneEditVariants('abc'));
    for (const x of ['bc', 'ac', 'ab', 'bac', 'acb', 'xbc', 'abx', 'xabc', 'abcx']) expect(v.has(x), x).toBe(true);
  });

  it('corrects one typo in a word the corpus does not know', () => {
    expect(correct('licenciment')).toBe('licenciement'); // missing letter
    expect(correct('demision')).toBeNull(); // the stemmer already folds double letters: nothing to correct
    expect(an.stem(correct('demissiom')!)).toBe(an.stem('demission')); // wrong letter
    expect(correct('emplyoeur')).toBe('employeur'); // swapped letters
    expect(correct('enplyoeur')).toBeNull(); // two edits: left alone
    expect(correct('conventionelle')).toBe('conventionnelle');
    expect(an.stem(correct('salaried')!)).toBe(an.stem('salarie'));
  });

  it('leaves known, short and numeric words alone', () => {
    expect(correct('licenciement')).toBeNull();
    expect(correct('conge')).toBeNull();
    expect(correct('cdd')).toBeNull();
    expect(correct('l1234')).toBeNull();
  });

  it('returns null when nothing one edit away is known', () => {
    expect(correct('zzzzzzzz')).toBeNull();
  });
});
