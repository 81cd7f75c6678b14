/**
 * Filters of the fiche list and of search results: theme, need, département, age, French level, legal
 * status and kind. Pure predicates over the fiche's metadata; the query schema validates user input.
 */
import { z } from 'zod';
import {
  CECRL_LEVELS,
  departementCodeSchema,
  ficheKindSchema,
  legalStatusSchema,
  slugSchema,
  cecrlLevelSchema,
  type CecrlLevel,
  type Fiche,
} from './schemas.ts';

export const ficheFiltersSchema = z.object({
  theme: slugSchema.optional(),
  need: slugSchema.optional(),
  departement: departementCodeSchema.optional(),
  /** The reader's age: fiches whose age range includes it. */
  age: z.coerce.number().int().min(0).max(120).optional(),
  /** The reader's French level: fiches requiring at most this level ("none" = no French yet). */
  frenchLevel: z.union([cecrlLevelSchema, z.literal('none')]).optional(),
  status: z.union([legalStatusSchema, z.literal('french')]).optional(),
  kind: ficheKindSchema.optional(),
});
export type FicheFilters = z.infer<typeof ficheFiltersSchema>;

export function levelRank(level: CecrlLevel | 'none' | null): number {
  return level === null || level === 'none' ? 0 : CECRL_LEVELS.indexOf(level) + 1;
}

/** National and online fiches are available in every département. */
export function availableIn(fiche: Pick<Fiche, 'location'>, departement: string): boolean {
  return fiche.location.kind !== 'departements' || fiche.location.departements.includes(departement);
}

export function matchesFilters(fiche: Fiche, f: FicheFilters): boolean {
  if (f.kind && fiche.kind !== f.kind) return false;
  if (f.theme && !fiche.themes.includes(f.theme)) return false;
  if (f.need && !fiche.needs.includes(f.need)) return false;
  if (f.departement && !availableIn(fiche, f.departement)) return false;
  if (f.age !== undefined) {
    if (fiche.age.min !== null && f.age < fiche.age.min) return false;
    if (fiche.age.max !== null && f.age > fiche.age.max) return false;
  }
  if (f.frenchLevel && levelRank(fiche.frenchLevel) > levelRank(f.frenchLevel)) return false;
  if (f.status) {
    if (f.status === 'french' ? !fiche.public.openToFrench : !fiche.public.statuses.includes(f.status)) return false;
  }
  return true;
}

export function filterFiches(fiches: readonly Fiche[], f: FicheFilters): Fiche[] {
  return fiches.filter((x) => matchesFilters(x, f));
}

/** Counts per theme/need/kind within the current filters (other than that facet itself), for filter badges. */
export function facetCounts(
  fiches: readonly Fiche[],
  f: FicheFilters,
): { themes: Record<string, number>; needs: Record<string, number>; kinds: Record<string, number> } {
  const themes: Record<string, number> = {};
  const needs: Record<string, number> = {};
  const kinds: Record<string, number> = {};
  for (const x of fiches) {
    if (matchesFilters(x, { ...f, theme: undefined })) for (const t of x.themes) themes[t] = (themes[t] ?? 0) + 1;
    if (matchesFilters(x, { ...f, need: undefined })) for (const n of x.needs) needs[n] = (needs[n] ?? 0) + 1;
    if (matchesFilters(x, { ...f, kind: undefined })) kinds[x.kind] = (kinds[x.kind] ?? 0) + 1;
  }
  return { themes, needs, kinds };
}
