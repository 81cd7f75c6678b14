import { describe, expect, it } from 'vitest';
import { FrenchAnalyzer } from '@eig/platform/search';
import type { Convention } from '../types.ts';
import { buildRouterTables, derivedAliases, presearch } from './router.ts';

const conv = (idcc: string, shortTitle: string, title: string, effectif: number | null = null): Convention => ({
  id: `KALI${idcc}`,
  idcc,
  title,
  shortTitle,
  url: '',
  effectif,
  hasFullText: true,
  articleCount: 1,
});
const an = new FrenchAnalyzer();
const noNum = () => undefined;

describe('agreement aliases', () => {
  const conventions = [
    conv('1979', 'Hôtels, cafés, restaurants', 'Convention collective nationale des hôtels, cafés, restaurants (HCR)', 580000),
    conv(
      '29',
      'Hospitalisation privée : établissements privés à but non lucratif (FEHAP)',
      'Convention collective nationale des établissements privés (FEHAP)',
    ),
    conv('2264', 'Hospitalisation privée', "Convention collective nationale de l'hospitalisation privée"),
    conv('1404', 'Entreprises de la maintenance de matériels agricoles, dite SDLM', 'Convention collective dite SDLM du 23 avril 2012'),
    conv('87', 'Carrières (UNICEM)', 'Convention (UNICEM)'),
    conv('135', 'Matériaux (UNICEM)', 'Convention (UNICEM)'),
    // a wrong IDCC for "syntec": the hand alias must be dropped, not misroute
    conv('1486', 'Sport', 'Convention collective nationale du sport'),
  ];
  it('derives acronyms, "dite" names and short-title heads from the titles', () => {
    const d = derivedAliases(conventions);
    expect(d.get('hcr')).toBe('1979');
    expect(d.get('fehap')).toBe('29');
    expect(d.get('sdlm')).toBe('1404');
    expect(d.get('hotels cafes restaurants')).toBe('1979');
  });
  it('drops names shared by several agreements', () => {
    const d = derivedAliases(conventions);
    expect(d.has('unicem')).toBe(false);
    expect(d.has('hospitalisation privee')).toBe(false);
  });
  it('routes derived aliases, and drops hand aliases whose title does not match', () => {
    const t = buildRouterTables(conventions, an);
    expect(presearch('convention collective hcr', t, noNum)).toMatchObject({ kind: 'convention', target: '1979' });
    expect(presearch('FEHAP', t, noNum)).toMatchObject({ kind: 'convention', target: '29' });
    expect(t.aliases.has('syntec')).toBe(false);
    expect(presearch('syntec', t, noNum)).toBeNull();
  });
  it('keeps the words of a name-routed query for the other document types', () => {
    const t = buildRouterTables(conventions, an);
    expect(presearch('hôtels cafés restaurants', t, noNum)).toMatchObject({
      kind: 'convention',
      target: '1979',
      rest: 'hôtels cafés restaurants',
    });
    expect(presearch('idcc 1979', t, noNum)).toMatchObject({ kind: 'convention', target: '1979', rest: '' });
  });
});
