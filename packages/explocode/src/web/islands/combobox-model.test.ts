import { describe, expect, it } from 'vitest';
import { countAnnouncement, optionsFrom } from './combobox-model.ts';

describe('combobox model', () => {
  const s = {
    themes: [
      { id: 'a', title: 'A', path: [], count: 2 },
      { id: 'a', title: 'A', path: [], count: 2 },
    ],
    completions: ['licenciement', 'Licenciement ', 'licenciement éco'],
  };
  it('themes first, duplicates removed', () => {
    expect(optionsFrom(s).map((o) => o.key)).toEqual(['t:a', 'c:licenciement', 'c:licenciement éco']);
  });
  it('announces counts in French', () => {
    expect(countAnnouncement(s)).toBe('2 thèmes suggérés et 3 recherches suggérées. Flèche bas pour les parcourir.');
    expect(countAnnouncement({ themes: [], completions: [] })).toBe('Aucune suggestion.');
  });
});

