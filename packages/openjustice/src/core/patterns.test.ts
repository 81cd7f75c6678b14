import { describe, expect, it } from 'vitest';
import { detectPatterns } from './patterns.ts';

const found = (text: string) => detectPatterns(text).map((s) => [s.category, text.slice(s.start, s.end)]);

describe('patterns with checksums', () => {
  it('IBAN: valid mod 97 only, grouped or compact', () => {
    expect(found('sur le compte FR76 3000 6000 0112 3456 7890 189, CONDAMNE')).toContainEqual([
      'compteBancaire',
      'FR76 3000 6000 0112 3456 7890 189',
    ]);
    expect(found('compte FR7630006000011234567890189.')).toContainEqual(['compteBancaire', 'FR7630006000011234567890189']);
    expect(found('compte FR76 3000 6000 0112 3456 7890 188')).not.toContainEqual(['compteBancaire', 'FR76 3000 6000 0112 3456 7890 188']);
  });
  it('NIR with a valid key only', () => {
    expect(found('sécurité sociale 1 85 05 78 006 084 91, a été')).toContainEqual(['numeroIdentifiant', '1 85 05 78 006 084 91']);
    expect(found('sécurité sociale 1 85 05 78 006 084 90')).not.toContainEqual(['numeroIdentifiant', '1 85 05 78 006 084 90']);
  });
  it('SIREN/SIRET by Luhn, in context', () => {
    expect(found('immatriculée au RCS de Lyon sous le numéro 732 829 320')).toContainEqual(['numeroSiretSiren', '732 829 320']);
    expect(found('SIRET 73282932000074 dont')).toContainEqual(['numeroSiretSiren', '73282932000074']);
    expect(found('la somme de 732 829 321 euros')).toEqual([]);
  });
  it('phones, e-mails, plates, websites, cadastre', () => {
    expect(found('joignable au 06 12 34 56 78 ou au +33 1 23 45 67 89')).toEqual([
      ['telephoneFax', '06 12 34 56 78'],
      ['telephoneFax', '+33 1 23 45 67 89'],
    ]);
    expect(found('écrire à jean.dupont@orange.fr.')).toEqual([['email', 'jean.dupont@orange.fr']]);
    expect(found('un véhicule immatriculé AB-123-CD et la voiture 1234 AB 56')).toEqual([
      ['plaqueImmatriculation', 'AB-123-CD'],
      ['plaqueImmatriculation', '1234 AB 56'],
    ]);
    expect(found('publiés sur www.facebook.com/jean.dupont et sur www.legifrance.gouv.fr')).toEqual([
      ['siteWebSensible', 'www.facebook.com/jean.dupont'],
    ]);
    expect(found('la parcelle cadastrée section AB n° 2115 et 2116')).toEqual([
      ['cadastre', 'section AB n° 2115'],
      ['cadastre', '2116'],
    ]);
  });
  it('matricules, parcel numbers, and docket numbers that are not cadastre references', () => {
    expect(found('aux gendarmes matriculés 219408, 321406 et 176064207286025, il')).toEqual([
      ['numeroIdentifiant', '176064207286025'],
      ['numeroIdentifiant', '219408'],
      ['numeroIdentifiant', '321406'],
    ]);
    expect(found('sauf avec la parcelle 2055. (section ZC numéro 2102 Alès)')).toEqual([
      ['cadastre', 'section ZC numéro 2102'],
      ['cadastre', '2055'],
    ]);
    expect(found("CONSEIL DE PRUD'HOMMES SECTION COMMERCE RG N° F 24/00652 JUGEMENT DU 12 AOÛT 2024")).toEqual([]);
    expect(found('sur la page www.youtube.com/@gwidofan.')).toEqual([['siteWebSensible', 'www.youtube.com/@gwidofan']]);
    expect(found('NIR 1 85 05 2A 006 084 35.')).toEqual([['numeroIdentifiant', '1 85 05 2A 006 084 35']]);
  });
});
