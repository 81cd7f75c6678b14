import { describe, expect, it } from 'vitest';
import { indexTranslations, progressByLanguage, progressOfFiche, wordsByTranslator } from './progress.ts';
import { makeFiche, makeTranslation } from './test-fixtures.ts';
import { fichePlainText, wordCount } from './fiche.ts';

describe('translation progress', () => {
  const a = makeFiche();
  const b = makeFiche({ id: 'autre-fiche', kind: 'demarche', conditions: [] });
  const arA = makeTranslation(a, 'ar');
  const faA = makeTranslation(a, 'fa', 'draft');
  const arB = makeTranslation(b, 'ar');
  arB.units.steps!.translator = 'trad-2';
  const lookup = indexTranslations([arA, faA, arB]);

  it('counts source words per language: validated, in progress, missing', () => {
    const p = progressByLanguage([a, b], lookup, ['ar', 'fa', 'ps']);
    const total = wordCount(fichePlainText(a)) + wordCount(fichePlainText(b));
    expect(p.ar).toMatchObject({ words: total, validatedWords: total, ratio: 1 });
    expect(p.fa.validatedWords).toBe(0);
    expect(p.fa.inProgressWords).toBe(wordCount(fichePlainText(a)));
    expect(p.ps).toMatchObject({ validatedWords: 0, inProgressWords: 0, ratio: 0 });
  });
  it('treats a validated unit whose French changed as to review', () => {
    const changed = { ...a, title: 'Cours de français pour adultes' };
    const p = progressOfFiche(changed, lookup, ['ar']);
    expect(p.ar.toReviewWords).toBe(5);
    expect(p.ar.ratio).toBeLessThan(1);
  });
  it('sums words per translator, by language', () => {
    const rows = wordsByTranslator([a, b], [arA, faA, arB]);
    expect(rows[0].translator).toBe('trad-1');
    expect(rows[0].words.ar).toBeGreaterThan(0);
    expect(rows[0].words.fa).toBe(wordCount(fichePlainText(a)));
    const t2 = rows.find((r) => r.translator === 'trad-2')!;
    expect(t2.total).toBe(wordCount('Prenez rendez-vous.') + wordCount('Apportez vos papiers.'));
    expect(t2.validatedWords).toBe(t2.total);
  });
});
