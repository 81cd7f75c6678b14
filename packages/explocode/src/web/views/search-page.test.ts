import { describe, expect, it } from 'vitest';
import { distinctThemes, totalLabel } from './SearchPage.tsx';
import { lastSearchPage, explocodePaths } from '../paths.ts';

const theme = (id: string, title: string, label = title) => ({ id, title, label, path: [], count: 1, score: 1 });

describe('search page helpers', () => {
  it('lists each theme label once in the side panel (same-title themes told apart or merged)', () => {
    const themes = [
      theme('a', 'Licenciement pour motif économique', 'Licenciement pour motif économique (Partie législative)'),
      theme('b', 'Licenciement pour motif économique', 'Licenciement pour motif économique (Partie réglementaire)'),
      theme('c', 'Licenciement pour motif économique', 'Licenciement pour motif économique (Partie réglementaire)'),
    ];
    expect(distinctThemes(themes).map((t) => t.id)).toEqual(['a', 'b']);
  });
  it('never announces more pages than the engine serves', () => {
    expect(lastSearchPage(3501)).toBe(50);
    expect(lastSearchPage(41)).toBe(3);
    expect(lastSearchPage(0)).toBe(1);
    expect(totalLabel(3501)).toBe('Plus de 1\u202f000 résultats');
    expect(totalLabel(1)).toBe('1 résultat');
  });
  it('search links carry no direct jump unless asked not to', () => {
    expect(explocodePaths.search({ q: 'commerce' })).toBe('/explocode/recherche?q=commerce');
    expect(explocodePaths.search({ q: '1486', direct: false })).toBe('/explocode/recherche?q=1486&direct=0');
  });
});
