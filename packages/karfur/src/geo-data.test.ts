import { describe, expect, it } from 'vitest';
import { resolvePlace } from './core/geo.ts';
import { loadPlaceIndex } from './geo-data.ts';

describe('place index from @etalab/decoupage-administratif', () => {
  it('works on the real data shipped by @etalab/decoupage-administratif', async () => {
    const index = await loadPlaceIndex();
    expect(resolvePlace(index, '69003')[0]).toMatchObject({ departement: '69' });
    expect(resolvePlace(index, 'Montreuil 93')[0]).toMatchObject({ departement: '93', commune: 'Montreuil' });
    expect(resolvePlace(index, 'strasbourg')[0].departement).toBe('67');
    expect(resolvePlace(index, '20000')[0].departement).toBe('2A');
    expect(resolvePlace(index, 'Paris')[0].departement).toBe('75');
    expect(resolvePlace(index, '75011')[0].departement).toBe('75');
    expect(index.departements.size).toBeGreaterThanOrEqual(101);
  });
});
