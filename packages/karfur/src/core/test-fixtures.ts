/** Small fiches and translations for unit tests (not starter content). */
import type { Fiche, FicheTranslation } from './schemas.ts';
import { sourceUnits, unitHash } from './fiche.ts';

export function makeFiche(over: Partial<Fiche> = {}): Fiche {
  const kind = over.kind ?? 'dispositif';
  const sections =
    over.sections ??
    (kind === 'dispositif'
      ? [
          { key: 'what' as const, body: ['Des cours de français gratuits pour les adultes.'] },
          { key: 'why' as const, body: ['Parler français aide à trouver un travail.'] },
          { key: 'how' as const, body: [{ steps: ['Appelez la structure.', 'Passez un test de niveau.'] }] },
        ]
      : [
          { key: 'what' as const, body: ['Une démarche en préfecture.'] },
          { key: 'steps' as const, body: [{ steps: ['Prenez rendez-vous.', 'Apportez vos papiers.'] }] },
          { key: 'next' as const, body: ['Vous recevez un récépissé.'] },
        ]);
  return {
    id: 'cours-francais-test',
    kind,
    title: 'Cours de français',
    summary: 'Des cours de français gratuits près de chez vous.',
    themes: ['apprendre-francais'],
    needs: ['cours-francais'],
    public: { statuses: ['refugee', 'subsidiary_protection'], openToFrench: false },
    age: { min: 18, max: null },
    frenchLevel: null,
    price: { kind: 'free' },
    conditions: ['Avoir plus de 18 ans.'],
    location: { kind: 'departements', departements: ['75', '93'] },
    dates: null,
    sponsor: { structure: null, name: 'Association test' },
    partners: [],
    links: [],
    source: { kind: 'project' },
    createdAt: '2024-01-10',
    updatedAt: '2025-03-01',
    ...over,
    sections,
  };
}

/** A complete, validated translation of a fiche made of "[lang] <French>" strings. */
export function makeTranslation(
  fiche: Fiche,
  lang: FicheTranslation['lang'],
  status: 'validated' | 'draft' = 'validated',
): FicheTranslation {
  const units: FicheTranslation['units'] = {};
  for (const [key, value] of sourceUnits(fiche)) {
    const tr = (s: string) => `[${lang}] ${s}`;
    const translated =
      typeof value === 'string'
        ? tr(value)
        : (value as unknown[]).map((b) =>
            typeof b === 'string'
              ? tr(b)
              : 'list' in (b as object)
                ? { list: (b as { list: string[] }).list.map(tr) }
                : { steps: (b as { steps: string[] }).steps.map(tr) },
          );
    units[key] = {
      value: translated as never,
      status,
      translator: 'trad-1',
      validator: status === 'validated' ? 'expert-1' : null,
      sourceHash: unitHash(value),
      updatedAt: '2025-03-02',
    };
  }
  return { fiche: fiche.id, lang, provenance: 'test', units };
}
