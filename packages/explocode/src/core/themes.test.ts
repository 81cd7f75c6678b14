import { describe, expect, it } from 'vitest';
import { buildThemes, spThemeId } from './themes.ts';
import type { CodeSection, Contribution } from './types.ts';

const sections: CodeSection[] = [
  { id: 'S1', title: 'Partie législative', parentId: null, depth: 1, order: 0 },
  { id: 'S2', title: 'Livre Ier : Contrat', parentId: 'S1', depth: 2, order: 1 },
  { id: 'S3', title: 'Titre Ier : Rupture', parentId: 'S2', depth: 3, order: 2 },
  { id: 'S4', title: 'Titre II : Congés', parentId: 'S2', depth: 3, order: 3 },
];
const articles = [
  { num: 'L1', path: ['S1', 'S2', 'S3'] },
  { num: 'L2', path: ['S1', 'S2', 'S3'] },
  { num: 'L3', path: ['S1', 'S2', 'S4'] },
];
const fiche = (id: string, breadcrumb: string[], cited: string[]) => ({
  id,
  breadcrumb,
  citedArticles: cited,
  sections: [{ anchor: 'a', title: 't', text: '', html: '', citedArticles: cited }],
});
const contribution = (id: string, cited: string[], byIdcc: string[] = []): Contribution => ({
  id,
  slug: id,
  title: id,
  generic: { idcc: null, text: '', html: '', citedArticles: cited },
  byConvention: [{ idcc: '1486', text: '', html: '', citedArticles: byIdcc }],
});

describe('buildThemes', () => {
  const themes = buildThemes({
    sections,
    articles,
    fiches: [
      fiche('f1', ['Travail', 'Congés dans le secteur privé'], ['L3']),
      fiche('f2', ['Travail', 'Rupture'], ['L1', 'L2']),
      fiche('f3', [], ['L2']),
    ],
    contributions: [contribution('c1', ['L1']), contribution('c2', [], ['L3'])],
    embeddedFiches: new Map([['c1', ['f1']]]),
  });
  const byId = new Map(themes.map((t) => [t.id, t]));
  it('makes every code section a theme with its path and counts over the subtree', () => {
    expect(byId.get('code:S1')).toMatchObject({
      source: 'code',
      parentId: null,
      path: [],
      counts: { articles: 3, fiches: 3, contributions: 2 },
    });
    expect(byId.get('code:S3')).toMatchObject({
      parentId: 'code:S2',
      path: ['Partie législative', 'Livre Ier : Contrat'],
      counts: { articles: 2, fiches: 2, contributions: 1 },
    });
    expect(byId.get('code:S4')!.counts).toEqual({ articles: 1, fiches: 1, contributions: 1 });
  });
  it('makes hierarchical service-public themes from the breadcrumbs', () => {
    expect(spThemeId(['Travail', 'Congés dans le secteur privé'])).toBe('sp:travail/conges-dans-le-secteur-prive');
    const root = byId.get('sp:travail')!;
    expect(root).toMatchObject({
      source: 'service-public',
      parentId: null,
      path: [],
      counts: { fiches: 2, articles: 3, contributions: 1 },
    });
    expect(byId.get('sp:travail/conges-dans-le-secteur-prive')).toMatchObject({
      parentId: 'sp:travail',
      path: ['Travail'],
      counts: { fiches: 1, articles: 1, contributions: 1 },
    });
    expect(themes.filter((t) => t.source === 'service-public')).toHaveLength(3);
  });
});
