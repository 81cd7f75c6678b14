import { describe, expect, it } from 'vitest';
import { detectLexiconLocalities } from './lexicon-layer.ts';
import { makeLexicons } from './lexicon.ts';
import { tokenize } from './text.ts';

const lex = makeLexicons(
  ['Lyon', 'Calais', 'Vienne', 'Muret', 'Rezé', 'Saint-Denis', 'Perpignan', 'Beaune', "L'Isle-Adam", 'Le Syndicat'],
  ['vienne', 'calais', 'syndicat', 'le'],
  ['Pas-de-Calais', 'Saône-et-Loire'],
);
const towns = (text: string) => detectLexiconLocalities(text, tokenize(text), lex).map((s) => text.slice(s.start, s.end));

describe('communes from the lexicon', () => {
  it('finds towns in prose and after institutions that are not court seats', () => {
    expect(towns("sur les sites de Muret et de Vienne, la PPDC Rezé Sud, l'URSSAF Beaune, à L'Isle-Adam")).toEqual([
      'Muret',
      'Vienne',
      'Rezé',
      'Beaune',
      "L'Isle-Adam",
    ]);
  });
  it('leaves court seats, bars, registers, decision places and departments in clear', () => {
    expect(towns("COUR D'APPEL DE LYON\nTRIBUNAL JUDICIAIRE\nDE PERPIGNAN\navocat au barreau de Lyon, RCS de Lyon")).toEqual([]);
    expect(towns('Lyon, le 22 octobre 2024')).toEqual([]);
    expect(towns('le préfet du Pas de Calais, la CAF de Saône et Loire')).toEqual([]);
    expect(towns("l'arrêt de la cour d'appel de Saint-Denis de La Réunion")).toEqual([]);
  });
  it('an everyday word is a town only after a place preposition', () => {
    expect(towns('Vienne la décision. Le Syndicat des copropriétaires')).toEqual([]);
    expect(towns('né à Calais')).toEqual(['Calais']);
  });
  it('reads two towns side by side, and a town after a cardinal point', () => {
    const l2 = makeLexicons(['Lyon', 'Vénissieux', 'Bron', 'Chalon-sur-Saône'], ['habitat']);
    const read = (t: string) => detectLexiconLocalities(t, tokenize(t), l2).map((s) => t.slice(s.start, s.end));
    expect(read('la caisse du Nord-Est Chalon-sur-Saône Bron, dont le siège')).toEqual(['Chalon-sur-Saône', 'Bron']);
    expect(read('à Lyon Vénissieux ce jour')).toEqual(['Lyon', 'Vénissieux']);
    expect(read('la société Lyon Habitat')).toEqual([]);
  });
  it('a town written with accents is not the unaccented everyday word', () => {
    const l2 = makeLexicons(['Alès', 'Orange', 'Été'], ['ales', 'orange', 'été']);
    const read = (t: string) => detectLexiconLocalities(t, tokenize(t), l2).map((s) => t.slice(s.start, s.end));
    expect(read('(section AB numéro 12 Alès, parcelle) Orange la couleur. Été venu')).toEqual(['Alès']);
  });
  it('a town between a body and its field is a place; a prefecture of police outside Paris is a place', () => {
    const l2 = makeLexicons(['Paris', 'Dole', 'Vire'], ['psychiatrie', 'habitat']);
    const read = (t: string) => detectLexiconLocalities(t, tokenize(t), l2).map((s) => t.slice(s.start, s.end));
    expect(read('hospitalisée au GHU Dole Psychiatrie et Neurosciences, Clinique Vire Psychiatrie')).toEqual(['Dole', 'Vire']);
    expect(read('la société Dole Habitat')).toEqual([]);
    expect(read('M. LE PREFET DE POLICE DE VIRE\nM. le préfet de police de Paris')).toEqual(['VIRE']);
  });
  it('an appeal court named after a town where no appeal court sits is a place', () => {
    const l2 = makeLexicons(['Lyon', 'Brest'], []);
    const t = "COUR D'APPEL DE LYON\n\nCOUR D'APPEL DE Brest";
    expect(detectLexiconLocalities(t, tokenize(t), l2).map((s) => t.slice(s.start, s.end))).toEqual(['Brest']);
  });
});
