import { describe, expect, it } from 'vitest';
import { resolveFiche, localizedLabel } from './fallback.ts';
import { makeFiche, makeTranslation } from './test-fixtures.ts';

describe('language fallback', () => {
  const fiche = makeFiche();
  it('shows French as translated in French', () => {
    const r = resolveFiche(fiche, undefined, 'fr');
    expect(r.translated).toBe(true);
    expect(r.coverage).toBe(1);
    expect(r.title).toMatchObject({ value: 'Cours de français', lang: 'fr', translated: true });
  });
  it('falls back to French with translated:false when there is no translation', () => {
    const r = resolveFiche(fiche, undefined, 'ps');
    expect(r.translated).toBe(false);
    expect(r.partial).toBe(false);
    expect(r.coverage).toBe(0);
    expect(r.sections.every((s) => s.lang === 'fr' && !s.translated)).toBe(true);
  });
  it('uses a complete validated translation', () => {
    const r = resolveFiche(fiche, makeTranslation(fiche, 'ar'), 'ar');
    expect(r.translated).toBe(true);
    expect(r.title.value).toBe('[ar] Cours de français');
    expect(r.sections[0]).toMatchObject({ key: 'what', lang: 'ar', translated: true, status: 'validated' });
  });
  it('falls back per unit: drafts and missing sections stay French', () => {
    const tr = makeTranslation(fiche, 'fa');
    tr.units.why!.status = 'draft';
    delete tr.units.how;
    const r = resolveFiche(fiche, tr, 'fa');
    expect(r.translated).toBe(false);
    expect(r.partial).toBe(true);
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.coverage).toBeLessThan(1);
    expect(r.sections.map((s) => s.lang)).toEqual(['fa', 'fr', 'fr']);
  });
  it('flags a translation made from an older French text as outdated, or hides it on request', () => {
    const tr = makeTranslation(fiche, 'ru');
    const changed = { ...fiche, summary: 'Un autre résumé, réécrit par la structure.' };
    const r = resolveFiche(changed, tr, 'ru');
    expect(r.summary).toMatchObject({ translated: true, outdated: true });
    const strict = resolveFiche(changed, tr, 'ru', { displayStatuses: ['validated'] });
    expect(strict.summary).toMatchObject({ translated: false, lang: 'fr' });
    expect(strict.title.translated).toBe(true);
  });
  it('ignores a translation of another fiche or language', () => {
    const tr = makeTranslation(fiche, 'uk');
    expect(resolveFiche(fiche, tr, 'ru').translated).toBe(false);
    expect(resolveFiche({ ...fiche, id: 'autre-fiche' }, tr, 'uk').translated).toBe(false);
  });
  it('resolves taxonomy labels with a French fallback', () => {
    const entry = { labels: { fr: { label: 'Logement', description: 'd' }, ar: { label: 'السكن', description: 'd' } } };
    expect(localizedLabel(entry, 'ar')).toMatchObject({ label: 'السكن', translated: true });
    expect(localizedLabel(entry, 'ti')).toMatchObject({ label: 'Logement', lang: 'fr', translated: false });
  });
});
