import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { distinctIntro, fr, frTerm, quoted } from './typo.ts';
import { FichePage } from './views/FichePage.tsx';

describe('French text of the views', () => {
  it('puts no-break spaces before ? : ; ! » and after «', () => {
    expect(fr('Quel préavis ? Voir : ici « ceci »')).toBe('Quel préavis\u202f? Voir\u00a0: ici «\u00a0ceci\u00a0»');
    expect(quoted('congés')).toBe('«\u00a0congés\u00a0»');
  });
  it('gives the lexicon’s phrases their apostrophe back', () => {
    expect(frTerm('suppression d emploi')).toBe('suppression d’emploi');
    expect(frTerm('conseil de prud hommes')).toBe('conseil de prud’hommes');
  });
  it('drops an intro that repeats the description', () => {
    const d =
      'En contrepartie des heures supplémentaires effectuées par les salariés, l’entreprise est tenue de leur accorder une majoration.';
    expect(distinctIntro(d, d)).toBe('');
    expect(distinctIntro(d, d.replace('’', "'"))).toBe('');
    expect(distinctIntro(d, 'Autre chose : le salarié peut travailler au-delà de la durée légale.')).not.toBe('');
    expect(distinctIntro('', 'Intro')).toBe('Intro');
  });
});

describe('fiche page', () => {
  const fiche = {
    id: 'f',
    source: 'fiches-travail' as const,
    title: 'Les heures supplémentaires : contreparties',
    description: 'Le même paragraphe.',
    url: 'https://code.travail.gouv.fr/fiche-ministere-travail/x',
    breadcrumb: [],
    date: null,
    intro: 'Le même paragraphe.',
    sections: [
      { anchor: 'a', title: 'Première partie', text: 't', html: '<h3>Sous-titre</h3><p>Texte</p>', citedArticles: [] },
      { anchor: 'b', title: 'Seconde partie', text: 't', html: '<p>Texte</p>', citedArticles: ['L3121-28'] },
    ],
    citedArticles: ['L3121-28'],
  };
  const html = renderToStaticMarkup(
    createElement(FichePage, { shared: { status: null, convention: null, preparing: false }, data: fiche }),
  );
  it('shows the intro paragraph once', () => {
    expect(html.split('Le même paragraphe.').length - 1).toBe(1);
  });
  it('has section headings at the h2 size (no fr-h4 under the h3 of the content)', () => {
    expect(html).toMatch(/<h2 id="section-1">Première partie<\/h2>/);
    expect(html).toContain('<h3>Sous-titre</h3>');
  });
  it('puts a Sommaire before the content for phones, and one beside it for large screens', () => {
    const phone = html.indexOf('id="sommaire-haut"');
    expect(phone).toBeGreaterThan(0);
    expect(phone).toBeLessThan(html.indexOf('id="section-1"'));
    expect(html).toMatch(/fr-summary[^"]*fr-hidden-lg/);
    expect(html).toMatch(/fr-summary[^"]*fr-hidden fr-unhidden-lg/);
  });
  it('applies French spacing to the title', () => {
    expect(html).toContain('Les heures supplémentaires\u00a0: contreparties');
  });
});
