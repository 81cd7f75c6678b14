import { describe, expect, it } from 'vitest';
import { countAnnouncement, isFragment, optionsFrom, themeQuery } from './combobox-model.ts';

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
  it('announces exactly the options shown, in French', () => {
    expect(countAnnouncement(optionsFrom(s))).toBe('1 thème suggéré et 2 recherches suggérées. Flèche bas pour les parcourir.');
    expect(countAnnouncement([])).toBe('Aucune suggestion.');
    // 5 completions given, 4 shown: 4 announced (issue 11)
    const five = { themes: [], completions: ['a b', 'a c', 'a d', 'a e', 'a f'] };
    expect(optionsFrom(five)).toHaveLength(4);
    expect(countAnnouncement(optionsFrom(five))).toMatch(/^4 recherches suggérées/);
  });
  it('drops completions that stop mid-phrase, and the typed text itself', () => {
    const frag = {
      themes: [],
      completions: ['licenciement économique de 2', 'licenciement économique de', 'licenciement économique', 'licenciement éco'],
    };
    expect(optionsFrom(frag, 6, 4, 'licenciement éco').map((o) => o.key)).toEqual(['c:licenciement économique']);
    expect(isFragment('rupture du contrat de')).toBe(true);
    expect(isFragment('congés payés')).toBe(false);
  });
  it('a chosen theme searches its own query, not the typed fragment', () => {
    expect(themeQuery({ id: 't', title: 'Licenciement pour motif économique', path: [], count: 3, query: 'licenciement économique' })).toBe(
      'licenciement économique',
    );
    expect(themeQuery({ id: 't', title: 'Congés payés', path: [], count: 3 })).toBe('Congés payés');
  });
});
