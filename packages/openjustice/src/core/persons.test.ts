import { describe, expect, it } from 'vitest';
import { detectPeople } from './persons.ts';
import { analyseStructure } from './structure.ts';
import { makeLexicons } from './lexicon.ts';
import { tokenize } from './text.ts';

// a few everyday words so that "Rose", "Pierre", "Mai" are known words, plus communes
const lexicons = makeLexicons(['Lyon', 'Lannion', 'Auxerre'], ['rose', 'pierre', 'petit', 'mai', 'leger', 'clerc', 'club', 'avocat']);
const people = (text: string) => detectPeople(text, tokenize(text), { lexicons, structure: analyseStructure(text) });
/** [text, category] of every span, in order */
const spans = (text: string) => people(text).spans.map((s) => [text.slice(s.start, s.end), s.category]);
const roleOf = (text: string, surname: string) => people(text).surnameRole.get(surname);

describe('person mentions', () => {
  it('splits first names and surnames (UPPER surname, particles, compound first names)', () => {
    expect(spans('M. Jean-Pierre DUPONT est venu.')).toEqual([
      ['Jean-Pierre', 'personnePhysiquePrenom'],
      ['DUPONT', 'personnePhysiqueNom'],
    ]);
    expect(spans('Mme Marie de La Roche et M. Yann Le Goff.')).toEqual([
      ['Marie', 'personnePhysiquePrenom'],
      ['de La Roche', 'personnePhysiqueNom'],
      ['Yann', 'personnePhysiquePrenom'],
      ['Le Goff', 'personnePhysiqueNom'],
    ]);
    expect(spans('Monsieur FAN Gwido, demandeur')).toEqual([
      ['Gwido', 'personnePhysiquePrenom'],
      ['FAN', 'personnePhysiqueNom'],
    ]);
    expect(spans("M. Ousmane N'Diaye.")).toEqual([
      ['Ousmane', 'personnePhysiquePrenom'],
      ["N'Diaye", 'personnePhysiqueNom'],
    ]);
  });
  it('reads the holder of an office named after the institution at the end of a party line', () => {
    const lex = makeLexicons(['Lyon', 'Paris'], ['centre', 'hospitalier', 'psychiatrie', 'et', 'neurosciences', 'le', 'du']);
    const read = (text: string) =>
      detectPeople(text, tokenize(text), { lexicons: lex, structure: analyseStructure(text) }).spans.map((s) => [
        text.slice(s.start, s.end),
        s.category,
      ]);
    expect(read('PARTIE INTERVENANTE\n\nM. LE DIRECTEUR DU CENTRE HOSPITALIER DE LYON ORSOLYA VAN DER KLEMP\n\nnon comparant')).toEqual([
      ['ORSOLYA', 'personnePhysiquePrenom'],
      ['VAN DER KLEMP', 'personnePhysiqueNom'],
    ]);
    expect(read('PARTIE INTERVENANTE\n\nM. LE DIRECTEUR DU GHU PARIS PSYCHIATRIE ET NEUROSCIENCES\n\nnon comparant')).toEqual([]);
    expect(read('INTIMÉ\n\nM. LE DIRECTEUR DU CENTRE HOSPITALIER LE VINASSIER, non comparant')).toEqual([]);
  });
  it('reads married names, aliases and plural civilities', () => {
    expect(spans('Mme Anaëlle COLIN épouse MARTINEAU')).toEqual([
      ['Anaëlle', 'personnePhysiquePrenom'],
      ['COLIN', 'personnePhysiqueNom'],
      ['MARTINEAU', 'personnePhysiqueNom'],
    ]);
    expect(spans('Mmes Acanthe Markiewicz, épouse Valentin, et Angélique Valentin, demanderesses')).toEqual([
      ['Acanthe', 'personnePhysiquePrenom'],
      ['Markiewicz', 'personnePhysiqueNom'],
      ['Valentin', 'personnePhysiqueNom'],
      ['Angélique', 'personnePhysiquePrenom'],
      ['Valentin', 'personnePhysiqueNom'],
    ]);
    expect(spans('M. SERRE, se disant également Côme RAHMANI, a été interpellé.').map((s) => s[0])).toEqual(['SERRE', 'Côme', 'RAHMANI']);
  });
  it('a month or "France" after a civility is a name, not in a date', () => {
    expect(spans('Monsieur Tristan Mai\nNé le 16 mars 1970')).toEqual([
      ['Tristan', 'personnePhysiquePrenom'],
      ['Mai', 'personnePhysiqueNom'],
    ]);
    expect(spans('ARRÊT DU 22 MAI 2024')).toEqual([]);
    expect(spans('représenté par Me France SALAUN, avocat')).toEqual([['France SALAUN', 'professionnelAvocat']]);
  });
  it('titles after a civility are not names', () => {
    expect(spans('Vu la requête de M. LE PRÉFET DU NORD et de Mme la Présidente')).toEqual([]);
  });
  it('finds bare "Prénom NOM" in prose and initials, not dotted abbreviations or institutions', () => {
    expect(spans('Attendu que Marion DUMITRU a comparu.')).toEqual([
      ['Marion', 'personnePhysiquePrenom'],
      ['DUMITRU', 'personnePhysiqueNom'],
    ]);
    expect(spans('APPELANTE : S.A.S. POLYCLINIQUE Lannion, la société W.CLUB Le Creusot')).toEqual([]);
    expect(spans('Décision du Tribunal Judiciaire de LYON, rue Victor HUGO')).toEqual([]);
  });
});

describe('roles from context and structure', () => {
  it('keeps the bench and the lawyers, masks parties, interpreters and experts', () => {
    const text = `COUR D'APPEL DE LYON

APPELANT :
M. Gaël LÉGER
né le 27 juin 1990 à Auxerre
représenté par Me Eddy NAVARRETE, avocat au barreau de LYON

COMPOSITION DE LA COUR :
Catherine CLERC, présidente
Joëlle BLATRY, conseillère
assistées de Anne BUREL, greffière, et de Hortense Bouquet, interprète en langue hongroise

DÉBATS : à l'audience publique du 17 juin 2024, Madame Clerc a été entendue en son rapport.
M. Léger a acheté le véhicule sur les conseils de l'expert Violette Laporte.

LA GREFFIÈRE LA PRÉSIDENTE
Anne BUREL Catherine CLERC`;
    const cats = Object.fromEntries(spans(text).map(([t, c]) => [t, c]));
    expect(cats['LÉGER']).toBe('personnePhysiqueNom');
    expect(cats['Léger']).toBe('personnePhysiqueNom');
    expect(cats['Eddy NAVARRETE']).toBe('professionnelAvocat');
    expect(cats['Catherine CLERC']).toBe('professionnelMagistratGreffier');
    expect(cats['Clerc']).toBe('professionnelMagistratGreffier'); // one role per surname for the document
    expect(cats['Anne BUREL']).toBe('professionnelMagistratGreffier');
    expect(cats['Bouquet']).toBe('personnePhysiqueNom');
    expect(cats['Laporte']).toBe('personnePhysiqueNom');
  });
  it('"avocat de M. X" makes X a party even when X is a lawyer by trade', () => {
    const text =
      'M. Alexandre Picard a formé un pourvoi. Sur les observations de la SCP Piwnica, avocat de M. Alexandre Picard. 2. M. Alexandre Picard, avocat, a été mis en examen.';
    expect(roleOf(text, 'picard')).toBe('party');
  });
  it('"Me X" is a lawyer unless acting as a judicial representative', () => {
    expect(roleOf('représentée par Me Julie PETITJEAN, avocat au barreau de Lyon', 'petitjean')).toBe('avo');
    expect(roleOf('la SELARL MJ, prise en la personne de Me Francisque Chung, ès qualités de mandataire judiciaire', 'chung')).toBe(
      'party',
    );
    expect(roleOf('assistés de Maître Brigitte DUPUIS, Greffier.', 'dupuis')).toBe('mag');
  });
  it('reads the Cour de cassation bench list and lists closed by a role word', () => {
    const text =
      'où étaient présents Mme Martinel, président, Mmes Durin-Karsenty, Isola, conseillers doyens, MM. Pédron, Waguette, conseillers, et Mme Gratian, greffier de chambre,\n\nM. Poisson, demandeur.';
    const r = people(text);
    for (const k of ['martinel', 'durin-karsenty', 'isola', 'pedron', 'waguette', 'gratian']) expect(r.surnameRole.get(k), k).toBe('mag');
    expect(r.surnameRole.get('poisson')).toBe('party');
  });
  it('"président de la société" is a party, "président de chambre" a magistrate', () => {
    expect(roleOf('représentée par M. Paul Durand, président de la société Optimea', 'durand')).toBe('party');
    expect(roleOf('Mme Paule Durand, présidente de chambre,', 'durand')).toBe('mag');
  });
  it('caption names around "C/" and name-only lines of party blocks', () => {
    const text = 'N° RG 21/02112\n\nTOUSSAINT\n\nC/\n\nSAS OPTIMEA\n\nINTIMÉ\n\nAmza TOUSSAINT\n';
    expect(spans(text)).toEqual([
      ['TOUSSAINT', 'personnePhysiqueNom'],
      ['Amza', 'personnePhysiquePrenom'],
      ['TOUSSAINT', 'personnePhysiqueNom'],
    ]);
  });
  it('siblings sharing a compound surname keep it whole', () => {
    const text = 'Monsieur Joachim Nicolas Favre, Monsieur Laurent Nicolas Favre, demandeurs';
    expect(spans(text).map((s) => s[0])).toEqual(['Joachim', 'Nicolas Favre', 'Laurent', 'Nicolas Favre']);
  });
  it("a notary's firm is named after people; a lawyers' firm partner stays in clear", () => {
    expect(spans('C/ S.C.P. MATHILDE CHARTIER NOTAIRE ASSOCIE')).toEqual([
      ['MATHILDE', 'personnePhysiquePrenom'],
      ['CHARTIER', 'personnePhysiqueNom'],
    ]);
    expect(
      roleOf('représentée par Me Blandine DAVID de la SELARL BALAVOINE et Paul DAVID Avocats, avocat au barreau de Lyon', 'david'),
    ).toBe('avo');
  });
});

describe('harder names', () => {
  it('multi-word surnames are read from the decision itself', () => {
    const text = 'M. Ruben Nava Vergara a été engagé. M. Nava Vergara a saisi le conseil. M. VALVERDE BRAVO est coupable.';
    expect(spans(text)).toEqual([
      ['Ruben', 'personnePhysiquePrenom'],
      ['Nava Vergara', 'personnePhysiqueNom'],
      ['Nava Vergara', 'personnePhysiqueNom'],
      ['VALVERDE BRAVO', 'personnePhysiqueNom'],
    ]);
  });
  it('the capitals of a mixed-case run are one surname for every mention of the decision', () => {
    const text =
      'INTIMÉ :\nIhsan MASCAREÑAS VALLADARES\n\nM. Mascareñas Valladares a saisi le conseil. La société doit à M. Mascareñas Valladares.\n' +
      'Mme Ana Victoria MACÍAS OROZCO, témoin. Mme Ana Victoria Macías Orozco a confirmé.';
    const ordered = (t: string) =>
      people(t)
        .spans.sort((x, y) => x.start - y.start)
        .map((x) => [t.slice(x.start, x.end), x.category]);
    expect(ordered(text)).toEqual([
      ['Ihsan', 'personnePhysiquePrenom'],
      ['MASCAREÑAS VALLADARES', 'personnePhysiqueNom'],
      ['Mascareñas Valladares', 'personnePhysiqueNom'],
      ['Mascareñas Valladares', 'personnePhysiqueNom'],
      ['Ana Victoria', 'personnePhysiquePrenom'],
      ['MACÍAS OROZCO', 'personnePhysiqueNom'],
      ['Ana Victoria', 'personnePhysiquePrenom'],
      ['Macías Orozco', 'personnePhysiqueNom'],
    ]);
    // one capital word in a mixed run says nothing about the others: "M. Pierre Jean Dupont" keeps its reading
    expect(ordered('Pierre DUPONT, demandeur. M. Pierre Jean Dupont a dit.').map((x) => x[0])).toEqual([
      'Pierre',
      'DUPONT',
      'Pierre Jean',
      'Dupont',
    ]);
  });
  it('short surnames that look like function words, only after a civility', () => {
    expect(spans('M. Vu a dit. Mme Le a déclaré. M. Margareta VU né le 2 mai 1990.')).toEqual([
      ['Vu', 'personnePhysiqueNom'],
      ['Le', 'personnePhysiqueNom'],
      ['Margareta', 'personnePhysiquePrenom'],
      ['VU', 'personnePhysiqueNom'],
    ]);
    expect(spans('M. LE PRÉFET DU NORD et M. Le Goff')).toEqual([['Le Goff', 'personnePhysiqueNom']]);
    // surnames that are everyday or legal words, at the end of a name
    expect(spans('M. Jean MAIRE, demeurant à Lyon. M. Paul Garage est venu.')).toEqual([
      ['Jean', 'personnePhysiquePrenom'],
      ['MAIRE', 'personnePhysiqueNom'],
      ['Paul', 'personnePhysiquePrenom'],
      ['Garage', 'personnePhysiqueNom'],
    ]);
  });
  it('particles after a civility, experts and doctors named by their surname only', () => {
    expect(roleOf('où étaient présents Mme de Villiers, président, et M. Kola, conseiller', 'de villiers')).toBe('mag');
    expect(spans("L'expertise a été confiée à l'expert Renard puis au docteur de Jonge.").sort()).toEqual([
      ['Renard', 'personnePhysiqueNom'],
      ['de Jonge', 'personnePhysiqueNom'],
    ]);
  });
  it("partners of a notaries' firm listed by name are people", () => {
    const text = 'La société Jean Medard, Aminte Guillon et Justin Renaud, société civile professionnelle, dont le siège est à Lyon';
    expect(
      spans(text)
        .filter(([, c]) => c === 'personnePhysiqueNom')
        .map(([t]) => t),
    ).toEqual(['Medard', 'Guillon', 'Renaud']);
  });
  it('two signatures on one line are two people', () => {
    const text = 'La greffière, Le conseiller délégué,\nYnes LAATER Marianne LA MESTA\nLE GREFFIER LE PRÉSIDENT\nAnne BUREL  Sophie Martin';
    expect(spans(text)).toEqual([
      ['Ynes LAATER', 'professionnelMagistratGreffier'],
      ['Marianne LA MESTA', 'professionnelMagistratGreffier'],
      ['Anne BUREL', 'professionnelMagistratGreffier'],
      ['Sophie Martin', 'professionnelMagistratGreffier'],
    ]);
  });
  it('list items of the bench may start with a lowercase particle', () => {
    const text =
      'où étaient présents M. Le Floch, président, Mme Kausemann, de Villiers, Kola, conseillers, et Mme Marin, greffier de chambre.';
    expect(
      spans(text)
        .map(([t, c]) => `${t}:${c}`)
        .sort(),
    ).toEqual(['Kausemann', 'Kola', 'Le Floch', 'Marin', 'de Villiers'].map((t) => `${t}:professionnelMagistratGreffier`).sort());
  });
});
