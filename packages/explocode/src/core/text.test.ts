import { describe, expect, it } from 'vitest';
import { excerpt, frenchSpacing, restoreElisions } from './text.ts';

const key = (n: string) => n.replace(/s$/, '');

describe('French typography', () => {
  it('puts no-break spaces before ? ! ; : » and after «, never inside times or URLs', () => {
    expect(frenchSpacing('Quelle est la durée du préavis ?')).toBe('Quelle est la durée du préavis\u202f?');
    expect(frenchSpacing('Attention: délai')).toBe('Attention\u00a0: délai');
    expect(frenchSpacing('« suppression d’emploi »')).toBe('«\u00a0suppression d’emploi\u00a0»');
    expect(frenchSpacing('Vraiment!')).toBe('Vraiment\u202f!');
    expect(frenchSpacing('à 10:30 sur https://x.fr/a?b=c')).toBe('à 10:30 sur https://x.fr/a?b=c');
  });
  it('gives the lexicon phrases their apostrophes back ("suppression d emploi")', () => {
    expect(restoreElisions('suppression d emploi')).toBe('suppression d’emploi');
    expect(restoreElisions('plan de sauvegarde de l emploi')).toBe('plan de sauvegarde de l’emploi');
    expect(restoreElisions('conseil de prud hommes')).toBe('conseil de prud’hommes');
    expect(restoreElisions('jours de repos')).toBe('jours de repos');
  });
});

describe('excerpt', () => {
  const text =
    'Le salarié titulaire d’un contrat de travail à durée indéterminée, licencié alors qu’il compte huit mois d’ancienneté ininterrompus au service du même employeur, a droit, sauf en cas de faute grave, à une indemnité de licenciement. Les modalités de calcul de cette indemnité sont fonction de la rémunération brute dont le salarié bénéficiait antérieurement à la rupture du contrat de travail.';
  it('cuts at word boundaries and says so with "…"', () => {
    const e = excerpt(text, new Set(['remuneration']), { key, length: 80 });
    expect(e.startsWith('…')).toBe(true);
    expect(e.endsWith('…')).toBe(true);
    const inner = e.replace(/<\/?mark>/g, '').slice(1, -1);
    for (const w of inner.split(/\s+/)) expect(text).toContain(w.replace(/[\u202f\u00a0].*/, ''));
    expect(text.includes(inner.split(' ')[0] + ' ')).toBe(true); // the first word is whole
  });
  it('marks whole words only, never a single letter such as the "g" of µg/l', () => {
    const e = excerpt('La valeur limite est de 0,1 mg/m3 et 50 µg/l dans le sang.', new Set(['g', 'valeur']), {
      key: (n) => n,
      length: 200,
    });
    expect(e).toContain('<mark>valeur</mark>');
    expect(e).not.toContain('<mark>g</mark>');
  });
  it('escapes HTML and keeps French spacing outside entities', () => {
    const e = excerpt('Salaires & primes : quelles règles ?', new Set(['prime']), { key, length: 200 });
    expect(e).toBe('Salaires &amp; <mark>primes</mark>\u00a0: quelles règles\u202f?');
  });
});
