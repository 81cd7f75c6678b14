import { describe, expect, it } from 'vitest';
import { findStreets } from './addresses.ts';
import { detectAddresses } from './rules.ts';

const streets = (text: string) => findStreets(text).map((s) => text.slice(s.start, s.end));

describe('street lines', () => {
  it('reads complements, house numbers, street types and names', () => {
    expect(streets('demeurant escalier A, 3e étage, 79 allée Daguerre assistée de Me X')).toEqual([
      'escalier A, 3e étage, 79 allée Daguerre',
    ]);
    expect(streets('domiciliée lieu-dit La Combe, 9 chemin Édouard Herriot, Arras')).toEqual([
      'lieu-dit La Combe, 9 chemin Édouard Herriot',
    ]);
    expect(streets('dont le siège est BP 214, 4 allée de la Colline, a formé')).toEqual(['BP 214, 4 allée de la Colline']);
    expect(streets('demeurant ensemble chez Mme Ferrand, 62 route des Lilas, 78200 CHAMBÉRY')).toEqual([
      'chez Mme Ferrand, 62 route des Lilas',
    ]);
    expect(streets('133 chemin du 8 Mai 1945 représenté par son syndic')).toEqual(['133 chemin du 8 Mai 1945']);
    expect(streets('12 RUE DE LA PAIX\n75002 PARIS')).toEqual(['12 RUE DE LA PAIX']);
    expect(streets('85 bis boulevard Nationale\n30100 ALÈS')).toEqual(['85 bis boulevard Nationale']);
  });
  it('stops at the first lowercase word, "à Town", a postcode or a line end', () => {
    expect(streets('située au 4 square George Sand à compter du 3 novembre')).toEqual(['4 square George Sand']);
    expect(streets('un logement situé 1 rue des Remparts à Rouen')).toEqual(['1 rue des Remparts']);
    expect(streets('au 13 rue Montaigne de la même rue')).toEqual(['13 rue Montaigne']);
    expect(streets('la résidence 44 cours Voltaire représentée par son syndic')).toEqual(['44 cours Voltaire']);
  });
  it('needs a number, a trigger word or a line of its own', () => {
    expect(streets('la place de la victime dans la procédure')).toEqual([]);
    expect(streets('sur la route Nationale ils ont roulé')).toEqual([]);
    expect(streets('demeurant rue de la Paix, Lyon')).toEqual(['rue de la Paix']);
  });
  it('does not cut a street short with a complement read alone before it', () => {
    expect(streets('domiciliée appartement 14C chemin Ravel, Dax')).toEqual(['14C chemin Ravel']);
    expect(streets('demeurant appartement 12, 8 rue Vaugelas, Dax')).toEqual(['appartement 12, 8 rue Vaugelas']);
  });
});

describe('the town of an address block', () => {
  const towns = (text: string) =>
    detectAddresses(text)
      .filter((s) => s.category === 'localite')
      .map((s) => text.slice(s.start, s.end));
  it('reads the town on the next line, across the blank lines of the layout, never a heading', () => {
    expect(towns('La commune DE Alès\n\n69 passage des Mimosas\n\nAlès\n\n\n\nReprésentée par Me X')).toEqual(['Alès']);
    expect(towns('demeurant 12 rue des Lilas\nArras\n')).toEqual(['Arras']);
    expect(towns('12 rue des Lilas\n\nINTIMEE\n\nla société X')).toEqual([]);
    expect(towns('12 rue des Lilas\n\nReprésentée par Me X\n')).toEqual([]);
  });
});
