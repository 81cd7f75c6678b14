import { describe, expect, it } from 'vitest';
import { detectOrganisations, companiesInClear, namesCompanyInClear, companyAlias } from './organisations.ts';
import { pseudonymize } from './pseudonymize.ts';

const orgs = (text: string, isPlace?: (f: string) => boolean) =>
  detectOrganisations(text, isPlace).map((s) => [text.slice(s.start, s.end), s.category]);

describe('legal persons, firms and establishments', () => {
  it('reads company names after a legal form, up to register data or a lowercase word', () => {
    expect(orgs('DÉFENDEUR : SA Regnier et Fils SIREN 514276005')).toEqual([['Regnier et Fils', 'personneMorale']]);
    expect(orgs('DÉBITEUR : SASU Ambulances de la Vallée immatriculée au RCS')).toEqual([['Ambulances de la Vallée', 'personneMorale']]);
    expect(orgs('a été embauché par la société Taxi Express le 9 janvier 2012')).toEqual([['Taxi Express', 'personneMorale']]);
    expect(orgs('la SCI Informatique & Réseaux, appelante')).toEqual([['Informatique & Réseaux', 'personneMorale']]);
  });
  it("keeps lawyers' firms in clear up to ', avocat', whatever their legal form, and their re-mentions", () => {
    const text =
      'les observations de la SARL Boré, Salve de Bruneton et Mégret, avocat de la société La Poste. Condamne la société La Poste à payer à la SARL Boré, Salve de Bruneton et Mégret la somme';
    const r = orgs(text);
    expect(r[0]).toEqual(['Boré, Salve de Bruneton et Mégret', 'professionnelAvocat']);
    expect(r.filter(([t]) => t.startsWith('Boré')).every(([, c]) => c === 'professionnelAvocat')).toBe(true);
    expect(orgs('représentée par Me Sylvie KONG de la SELARL BGLM, postulant')[0]).toEqual(['BGLM', 'professionnelAvocat']);
  });
  it("leaves a notary's firm to the person layer and public bodies in clear", () => {
    expect(orgs('C/ S.C.P. MATHILDE CHARTIER NOTAIRE ASSOCIE')).toEqual([]);
    expect(orgs("la société URSSAF Rhône-Alpes et l'entreprise Pôle Emploi")).toEqual([]);
  });
  it('reads establishments with their kind, and leaves the town after them', () => {
    const isPlace = (f: string) => f === 'lille';
    expect(orgs("au sein de l'établissement magasin Centrale. Il travaillait sur le site des Brotteaux de Lille.", isPlace)).toEqual([
      ['magasin Centrale', 'etablissement'],
      ['des Brotteaux', 'etablissement'],
    ]);
    expect(orgs('un local à usage de restaurant dénommé Chez Gaston ; devant le bar Le Balto.')).toEqual([
      ['Chez Gaston', 'etablissement'],
      ['Le Balto', 'etablissement'],
    ]);
  });
  it("keeps in clear a company described with its corporate identity, unless it carries a person's name", () => {
    const clear = (text: string, isWord?: (f: string) => boolean) => [
      ...companiesInClear(text, detectOrganisations(text), (name) => /et Fils$/.test(name), isWord),
    ];
    expect(clear('INTIMÉE : S.A.S. CASA au capital de 15.000 €, immatriculée au RCS de GRENOBLE')).toEqual(['casa']);
    expect(clear('APPELANTE :\n\nS.A.S. SRB CONSTRUCTION \n\nimmatriculee au RCS de Reims sous le N° 511 106 528')).toEqual([
      'srb construction',
    ]);
    expect(clear('la S.A.S. AQUA SHOP, agissant poursuites et diligences de ses représentants légaux')).toEqual(['aqua shop']);
    // a company named after a person, a registration without its registry, a lone unknown word: masked
    expect(clear('SA Regnier et Fils, au capital de 1 000 €, immatriculée au RCS de Lyon')).toEqual([]);
    expect(clear('la société Kerlys, immatriculée au registre du commerce et des sociétés sous le numéro 600974836')).toEqual([]);
    expect(clear('la SARL STANCIU, agissant poursuites et diligences de ses représentants légaux')).toEqual([]);
    expect(clear('la SARL MIROITERIE, agissant poursuites et diligences', (f) => f === 'miroiterie')).toEqual(['miroiterie']);
    // the description stops at the next party or the next company
    expect(clear('la société Kerlys et la société Isolex au capital de 1 000 €')).toEqual(['isolex']);
  });
  it('recognises the re-mentions of a company in clear', () => {
    const clear = new Set(['lyonnaise de banque']);
    expect(namesCompanyInClear('Lyonnaise', clear)).toBe(true);
    expect(namesCompanyInClear('LYONNAISE DE BANQUE', clear)).toBe(true);
    expect(namesCompanyInClear('Banque Populaire', clear)).toBe(false);
  });
  it('in the engine, the company in clear keeps its name, its re-mentions and its RCS number', () => {
    const text =
      'INTIMÉE : S.A. LYONNAISE DE BANQUE au capital de 260.840.262 €, immatriculée au RCS de LYON sous le n° 954.507.976\n\nLa société Lyonnaise de Banque a accordé un prêt à la SARL Optimea.';
    const r = pseudonymize(text);
    expect(r.entities.filter((e) => e.category === 'personneMorale' || e.category === 'numeroSiretSiren').map((e) => e.text)).toEqual([
      'Optimea',
    ]);
  });
  it('reads a lone name line of a party block as a legal person, never a civility, a legal form or a public body', () => {
    const isPlace = (f: string) => f === 'toulouse';
    expect(orgs('APPELANTE\n\nAssociation Coste et Fils\n\nINTIME\n\nTerranova\n\n-----')).toContainEqual(['Terranova', 'personneMorale']);
    expect(orgs('INTIMÉ :\n\nM. Paul Durand\n')).toEqual([]);
    expect(orgs('INTIMEE : \nLa METROPOLE DE Toulouse\n1 impasse des Prés', isPlace)).toEqual([]);
    expect(orgs("INTIMEE :\nCAISSE PRIMAIRE D'ASSURANCE MALADIE\n")).toEqual([]);
  });
  it('reads "le bureau X" as a company, not the legal aid office', () => {
    expect(orgs('auxquels a procédé le Bureau Ecoval dans le cadre')).toEqual([['Ecoval', 'personneMorale']]);
    expect(orgs("le bureau d'aide juridictionnelle de Lyon")).toEqual([]);
  });
  it('reads the short name a decision defines after a company', () => {
    const text = 'La Isolex (la Sogefra, la caisse) a pris en charge';
    expect(companyAlias(text, 'La Isolex'.length)).toBe('Sogefra');
    expect(companyAlias('la société Medirys (la société), créancier', 'la société Medirys'.length)).toBeNull();
    expect(companyAlias('la société Medirys (la CPAM), créancier', 'la société Medirys'.length)).toBeNull();
    expect(companyAlias('la société La Poste (La Poste), a annoncé', 'la société La Poste'.length)).toBeNull();
    expect(companyAlias('la société Groupe Isolex (ci-après « Isolex »), créancier', 'la société Groupe Isolex'.length)).toBe('Isolex');
  });
  it('in the engine, the alias and its re-mentions are masked like the company', () => {
    const r = pseudonymize('La société Groupe Isolex (la Sogefra, la caisse) a pris en charge. M. Peron a saisi la Sogefra le 2 mai.');
    expect(r.entities.filter((e) => e.category === 'personneMorale').map((e) => e.text)).toEqual(['Groupe Isolex', 'Sogefra', 'Sogefra']);
  });
});
