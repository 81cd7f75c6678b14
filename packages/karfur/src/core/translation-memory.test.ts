import { describe, expect, it } from 'vitest';
import { TranslationMemory, buildTranslationMemory, normalizeSegment } from './translation-memory.ts';
import { makeFiche, makeTranslation } from './test-fixtures.ts';

describe('translation memory', () => {
  it('normalises case, quotes, spaces and inline markup', () => {
    expect(normalizeSegment('  Prenez **rendez-vous** à l’OFII ! ')).toBe("prenez rendez-vous à l'ofii!");
    expect(normalizeSegment('[Le site](https://www.ofii.fr)')).toBe('le site');
  });

  it('finds exact and fuzzy matches, best first, per language', () => {
    const tm = new TranslationMemory();
    tm.add({
      source: 'Prenez rendez-vous à la préfecture.',
      target: 'Make an appointment at the prefecture.',
      lang: 'en',
      fiche: 'a',
      unit: 'steps',
    });
    tm.add({ source: 'Prenez rendez-vous à la CAF.', target: 'Make an appointment at the CAF.', lang: 'en', fiche: 'b', unit: 'steps' });
    tm.add({ source: 'Prenez rendez-vous à la préfecture.', target: 'احجز موعدا في المحافظة.', lang: 'ar', fiche: 'a', unit: 'steps' });
    tm.add({
      source: 'Le logement social est attribué par une commission.',
      target: 'Social housing is allocated by a committee.',
      lang: 'en',
      fiche: 'c',
      unit: 'what',
    });

    const exact = tm.lookup('prenez  rendez-vous à la Préfecture.', 'en');
    expect(exact[0]).toMatchObject({ exact: true, score: 1, target: 'Make an appointment at the prefecture.' });
    expect(exact[1]).toMatchObject({ exact: false, fiche: 'b' });
    expect(exact[1].score).toBeGreaterThan(0.7);
    expect(exact[1].score).toBeLessThan(1);
    expect(exact.find((m) => m.fiche === 'c')).toBeUndefined();

    const fuzzy = tm.lookup('Prenez un rendez-vous à la préfecture de police.', 'en');
    expect(fuzzy[0]).toMatchObject({ exact: false, fiche: 'a' });
    expect(tm.lookup('Prenez rendez-vous à la préfecture.', 'ar')[0].target).toBe('احجز موعدا في المحافظة.');
    expect(tm.lookup('Prenez rendez-vous à la préfecture.', 'ti')).toEqual([]);
    expect(tm.lookup('Une phrase qui ne ressemble à rien de connu.', 'en')).toEqual([]);
  });

  it('does not store the same pair twice', () => {
    const tm = new TranslationMemory();
    for (let i = 0; i < 3; i++) tm.add({ source: 'Bonjour.', target: 'Hello.', lang: 'en', fiche: `f${i}`, unit: 'what' });
    tm.add({ source: 'Bonjour.', target: 'Hi.', lang: 'en', fiche: 'g', unit: 'what' });
    expect(tm.size).toBe(2);
  });

  it('is built from validated translations only, segment by segment', () => {
    const fiche = makeFiche();
    const tr = makeTranslation(fiche, 'en');
    tr.units.why!.status = 'draft';
    const tm = buildTranslationMemory([fiche], [tr, makeTranslation(fiche, 'uk', 'draft')]);
    expect(tm.lookup('Passez un test de niveau.', 'en')[0]).toMatchObject({ exact: true, target: '[en] Passez un test de niveau.' });
    expect(tm.lookup('Parler français aide à trouver un travail.', 'en')).toEqual([]);
    expect(tm.lookup('Passez un test de niveau.', 'uk')).toEqual([]);
    const suggestions = tm.suggestUnit([{ steps: ['Appelez la structure.', 'Passez un petit test de niveau.'] }], 'en');
    expect(suggestions[0].matches[0].exact).toBe(true);
    expect(suggestions[1].matches[0].exact).toBe(false);
  });

  it('stays fast on a memory of 20,000 segments', () => {
    const tm = new TranslationMemory();
    const words = [
      'logement',
      'travail',
      'préfecture',
      'rendez-vous',
      'dossier',
      'caf',
      'santé',
      'école',
      'formation',
      'titre',
      'séjour',
      'demande',
    ];
    for (let i = 0; i < 20_000; i++) {
      const s = Array.from({ length: 8 }, (_, k) => words[(i * (k + 3) + k * 7) % words.length]).join(' ') + ` ${i}.`;
      tm.add({ source: s, target: `t${i}`, lang: 'en', fiche: 'f', unit: 'what' });
    }
    expect(tm.size).toBe(20_000);
    // Correctness at scale; speed is measured by the benchmark, not asserted here.
    const hit = tm.lookup(`${Array.from({ length: 8 }, (_, k) => words[(123 * (k + 3) + k * 7) % words.length]).join(' ')} 123.`, 'en');
    expect(hit[0]).toMatchObject({ exact: true, target: 't123' });
  });
});
