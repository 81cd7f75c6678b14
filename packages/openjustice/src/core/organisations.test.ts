import { describe, expect, it } from 'vitest';
import { detectOrganisations } from './organisations.ts';

const orgs = (text: string, isPlace?: (f: string) => boolean) => detectOrganisations(text, isPlace).map((s) => [text.slice(s.start, s.end), s.category]);

describe('legal persons, firms and establishments', () => {
  it('reads company names after a legal form, up to register data or a lowercase word', () => {
    expect(orgs('DÉFENDEUR : SA Regnier et Fils SIREN 514276005')).toEqual([['Regnier et Fils', 'personneMorale']]);
    expect(orgs('DÉBITEUR : SASU Ambulances de la Vallée immatriculée au RCS')).toEqual([['Ambulances de la Vallée', 'personneMorale']]);
    expect(orgs('a été embauché par la société Taxi Express le 9 janvier 2012')).toEqual([['Taxi Express', 'personneMorale']]);
    expect(orgs('la SCI Informatique & Réseaux, appelante')).toEqual([['Informatique & Réseaux', 'personneMorale']]);
  });
  it("keeps lawyers' firms in clear up to ', avocat', whatever their legal form, and their re-mentions", () => {
    const text = 'les observations de la SARL Boré, Salve de Bruneton et Mégret, avocat de la société La Poste. Condamne la société La Poste à payer à la SARL Boré, Salve de Bruneton et Mégret la somme';
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
      ['magasin Centrale', 'etablissement'], ['des Brotteaux', 'etablissement'],
    ]);
    expect(orgs('un local à usage de restaurant dénommé Chez Gaston ; devant le bar Le Balto.')).toEqual([['Chez Gaston', 'etablissement'], ['Le Balto', 'etablissement']]);
  });
});
