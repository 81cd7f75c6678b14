import { describe, expect, it } from 'vitest';
import { DEPARTEMENT_NEIGHBOURS } from './departement-adjacency.ts';
import { buildPlaceIndex, nearbyDepartements, normalizePlaceName, resolvePlace } from './geo.ts';

describe('département adjacency table', () => {
  it('is symmetric, irreflexive and covers the 96 metropolitan départements', () => {
    for (const [d, ns] of Object.entries(DEPARTEMENT_NEIGHBOURS)) {
      expect(ns).not.toContain(d);
      for (const n of ns) expect(DEPARTEMENT_NEIGHBOURS[n], `${d} -> ${n}`).toContain(d);
    }
    const metro = Object.keys(DEPARTEMENT_NEIGHBOURS).filter((d) => DEPARTEMENT_NEIGHBOURS[d].length);
    expect(metro).toHaveLength(96);
  });
  it('gives neighbours in rings', () => {
    expect(nearbyDepartements('75').sort()).toEqual(['92', '93', '94']);
    const two = nearbyDepartements('75', 2);
    expect(two).toContain('95');
    expect(two).toContain('77');
    expect(two).not.toContain('75');
    expect(nearbyDepartements('974')).toEqual([]);
    expect(nearbyDepartements('zz')).toEqual([]);
  });
});

describe('place resolution', () => {
  const small = buildPlaceIndex(
    [
      { code: '33063', nom: 'Bordeaux', type: 'commune-actuelle', departement: '33', codesPostaux: ['33000', '33800'], population: 260000 },
      { code: '93066', nom: 'Saint-Denis', type: 'commune-actuelle', departement: '93', codesPostaux: ['93200'], population: 110000 },
      { code: '97411', nom: 'Saint-Denis', type: 'commune-actuelle', departement: '974', codesPostaux: ['97400'], population: 150000 },
    ],
    [
      { code: '33', nom: 'Gironde' },
      { code: '93', nom: 'Seine-Saint-Denis' },
      { code: '974', nom: 'La Réunion' },
    ],
  );
  it('normalises names', () => {
    expect(normalizePlaceName('St-Étienne-du-Rouvray')).toBe('saint etienne du rouvray');
  });
  it('resolves codes, postcodes, communes and département names', () => {
    expect(resolvePlace(small, '33')[0]).toMatchObject({ departement: '33', kind: 'departement' });
    expect(resolvePlace(small, '33800')[0]).toMatchObject({ departement: '33', commune: 'Bordeaux', kind: 'postcode' });
    expect(resolvePlace(small, 'bordeaux')[0].departement).toBe('33');
    expect(resolvePlace(small, 'gironde')[0]).toMatchObject({ departement: '33', kind: 'departement' });
    expect(resolvePlace(small, 'saint denis').map((m) => m.departement)).toEqual(['974', '93']);
    expect(resolvePlace(small, 'Saint-Denis (93)').map((m) => m.departement)).toEqual(['93']);
    expect(resolvePlace(small, '')).toEqual([]);
    expect(resolvePlace(small, '99999')).toEqual([]);
    expect(resolvePlace(small, '<script>')).toEqual([]);
  });
});
