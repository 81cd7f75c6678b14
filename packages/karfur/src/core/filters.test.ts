import { describe, expect, it } from 'vitest';
import { facetCounts, ficheFiltersSchema, filterFiches, matchesFilters } from './filters.ts';
import { makeFiche } from './test-fixtures.ts';

const paris = makeFiche({ id: 'cours-paris' });
const national = makeFiche({
  id: 'demarche-nationale',
  kind: 'demarche',
  conditions: [],
  themes: ['droits-demarches'],
  needs: ['titre-sejour'],
  location: { kind: 'national' },
  age: { min: null, max: null },
  frenchLevel: null,
  public: { statuses: ['refugee', 'stateless'], openToFrench: true },
});
const b1 = makeFiche({
  id: 'formation-b1',
  themes: ['formation'],
  needs: ['formation-pro'],
  frenchLevel: 'B1',
  age: { min: 18, max: 25 },
  location: { kind: 'online' },
});
const all = [paris, national, b1];

describe('filters', () => {
  it('validates user input', () => {
    expect(ficheFiltersSchema.parse({ departement: '2A', age: '30', frenchLevel: 'none' })).toEqual({
      departement: '2A',
      age: 30,
      frenchLevel: 'none',
    });
    expect(ficheFiltersSchema.safeParse({ departement: '99' }).success).toBe(false);
    expect(ficheFiltersSchema.safeParse({ theme: '<script>' }).success).toBe(false);
    expect(ficheFiltersSchema.safeParse({ age: '-3' }).success).toBe(false);
  });
  it('filters by département, national and online fiches included', () => {
    expect(filterFiches(all, { departement: '33' }).map((f) => f.id)).toEqual(['demarche-nationale', 'formation-b1']);
    expect(filterFiches(all, { departement: '93' })).toHaveLength(3);
  });
  it('filters by theme, need, kind, age, French level and status', () => {
    expect(filterFiches(all, { theme: 'formation' }).map((f) => f.id)).toEqual(['formation-b1']);
    expect(filterFiches(all, { need: 'titre-sejour' }).map((f) => f.id)).toEqual(['demarche-nationale']);
    expect(filterFiches(all, { kind: 'dispositif' })).toHaveLength(2);
    expect(filterFiches(all, { age: 30 }).map((f) => f.id)).toEqual(['cours-paris', 'demarche-nationale']);
    expect(filterFiches(all, { age: 16 }).map((f) => f.id)).toEqual(['demarche-nationale']);
    expect(filterFiches(all, { frenchLevel: 'none' }).map((f) => f.id)).toEqual(['cours-paris', 'demarche-nationale']);
    expect(filterFiches(all, { frenchLevel: 'B2' })).toHaveLength(3);
    expect(filterFiches(all, { status: 'stateless' }).map((f) => f.id)).toEqual(['demarche-nationale']);
    expect(filterFiches(all, { status: 'french' }).map((f) => f.id)).toEqual(['demarche-nationale']);
    expect(matchesFilters(paris, {})).toBe(true);
  });
  it('counts facets without their own filter', () => {
    const c = facetCounts(all, { theme: 'formation', departement: '33' });
    expect(c.themes).toEqual({ 'droits-demarches': 1, formation: 1 });
    expect(c.kinds).toEqual({ dispositif: 1 });
  });
});
