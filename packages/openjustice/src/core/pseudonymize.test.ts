import { describe, expect, it } from 'vitest';
import { pseudonymize } from './pseudonymize.ts';
import { makeLexicons } from './lexicon.ts';
import { PseudonymizeError } from './input.ts';
import { fakeNer } from './ner.ts';

const lexicons = makeLexicons(['Lyon', 'Roubaix', 'Colomiers'], ['le', 'la', 'blanc', 'petit']);
const run = (text: string, o = {}) => pseudonymize(text, { lexicons, ...o });
const cats = (text: string, o = {}) => run(text, o).entities.map((e) => [e.category, e.text]);

const DECISION = `COUR D'APPEL DE LYON

Audience tenue par Sophie DUMURGIER, Présidente, assistée de Clémence RUILLAT, Greffière,

APPELANT :
M. Diogo VASSEUR
né le 26 janvier 1967 à Roubaix
7 voie des Mésanges
57600 Forbach

Représenté par Me Pierre ROBILLARD, avocat au barreau de LYON

Ce jugement a été signifié à M. VASSEUR. Mme Dumurgier rappelle que M. Vasseur n'a pas exécuté. Diogo Vasseur conteste.`;

describe('pseudonymize', () => {
  it('a compound surname written in capitals once masks every mention whole, in one entity with its first name', () => {
    const text =
      'C/\nMASCAREÑAS VALLADARES\n\nINTIMÉ :\nM. Ihsan MASCAREÑAS VALLADARES\nné le 3 mars 1980 à Lyon\n\n' +
      'M. Mascareñas Valladares a saisi le conseil le 2 mai 2020. La société soutient que M. Mascareñas Valladares savait.';
    const r = run(text);
    const persons = r.entities.filter((e) => e.category.startsWith('personnePhysique'));
    expect(persons.map((e) => [e.category, e.text])).toEqual([
      ['personnePhysiqueNom', 'MASCAREÑAS VALLADARES'],
      ['personnePhysiquePrenom', 'Ihsan'],
      ['personnePhysiqueNom', 'MASCAREÑAS VALLADARES'],
      ['personnePhysiqueNom', 'Mascareñas Valladares'],
      ['personnePhysiqueNom', 'Mascareñas Valladares'],
    ]);
    expect(new Set(persons.map((e) => e.replacement)).size).toBe(1);
    expect(r.pseudonymized).not.toMatch(/Mascare|MASCARE|Vallad|VALLAD/);
  });

  it("masks a party's first name inside a professional's name, the rest of the name stays in clear", () => {
    const text =
      'COMPOSITION DE LA COUR\n\nPrésident : Madame Héloïse VARNIER, présidente de chambre\n\nINTIMÉE :\n\n' +
      'Madame Héloïse Castagnol\nnée le 3 mars 1980 à Lyon\n\nMme Castagnol a saisi la cour. Mme Varnier a fait son rapport.';
    const r = run(text);
    const by = (t: string) => r.entities.filter((e) => e.text === t).map((e) => e.category);
    expect(by('Héloïse')).toEqual(['personnePhysiquePrenom', 'personnePhysiquePrenom']);
    expect(by('VARNIER')).toEqual(['professionnelMagistratGreffier']);
    expect(by('Varnier')).toEqual(['professionnelMagistratGreffier']);
    expect(r.pseudonymized).toContain('Madame [A] VARNIER');
  });

  it('masks parties, keeps professionals, links first name and surname', () => {
    const r = run(DECISION);
    const by = (t: string) => r.entities.filter((e) => e.text === t).map((e) => e.category);
    expect(by('Diogo')).toEqual(['personnePhysiquePrenom', 'personnePhysiquePrenom']);
    expect(by('VASSEUR')).toEqual(['personnePhysiqueNom', 'personnePhysiqueNom']);
    expect(by('Vasseur')).toEqual(['personnePhysiqueNom', 'personnePhysiqueNom']); // consistency, case-insensitive
    expect(by('Sophie DUMURGIER')).toEqual(['professionnelMagistratGreffier']);
    expect(by('Dumurgier')).toEqual(['professionnelMagistratGreffier']); // re-mention kept
    expect(by('Pierre ROBILLARD')).toEqual(['professionnelAvocat']);
    expect(by('26 janvier 1967')).toEqual(['dateNaissance']);
    expect(by('Roubaix')).toEqual(['localite']);
    expect(by('7 voie des Mésanges')).toEqual(['adresse']);
    expect(by('57600 Forbach')).toEqual(['localite']);
    const diogo = r.entities.find((e) => e.text === 'Diogo')!;
    const vasseur = r.entities.find((e) => e.text === 'VASSEUR')!;
    expect(diogo.replacement).toBe('[A]');
    expect(vasseur.replacement).toBe('[A]');
    expect(diogo.personId).toBe(vasseur.personId);
    expect(r.entities.filter((e) => /vasseur/i.test(e.text)).every((e) => e.entityId === vasseur.entityId)).toBe(true);
    expect(r.pseudonymized).toContain('M. [A] [A]');
    expect(r.pseudonymized).toContain('Sophie DUMURGIER');
    expect(r.pseudonymized).not.toMatch(/vasseur/i);
    for (const e of r.entities) expect(DECISION.slice(e.start, e.end)).toBe(e.text);
  });
  it('handles accents and uppercase in re-mentions', () => {
    const r = run('M. Jérôme Lefèvre est venu. LEFEVRE et Lefevre sont la même personne.');
    expect(r.entities.filter((e) => e.category === 'personnePhysiqueNom').map((e) => e.text)).toEqual(['Lefèvre', 'LEFEVRE', 'Lefevre']);
  });
  it('magistrates of a composition list stay in clear', () => {
    const r = run('où étaient présents Mme Martinel, président, M. Seguy, Mme Panetta, conseillers, et M. Dupont, demandeur.');
    expect(r.entities.filter((e) => e.category === 'professionnelMagistratGreffier').map((e) => e.text)).toEqual([
      'Martinel',
      'Seguy',
      'Panetta',
    ]);
    expect(r.pseudonymized).toContain('M. [A], demandeur');
  });
  it('categories filter, additional terms, parties, merged persons', () => {
    expect(cats('M. Jean Dupont, né le 1er mars 1980.', { categories: ['dateNaissance'] })).toEqual([['dateNaissance', '1er mars 1980']]);
    expect(cats('Le chien Rex appartient à la famille.', { additionalTerms: ['Rex'] })).toEqual([['personneMorale', 'Rex']]);
    expect(cats('Le contrat de Zorglub est nul.', { parties: [{ lastName: 'Zorglub' }] })).toEqual([['personnePhysiqueNom', 'Zorglub']]);
    expect(cats('M. Jean Dupont.', { mergePersons: true })).toEqual([
      ['personnePhysique', 'Jean'],
      ['personnePhysique', 'Dupont'],
    ]);
  });
  it('HTML keeps offsets of the input', () => {
    const html = '<p>M. <b>Jean</b> Dupont demeurant 3 rue des Lilas, 69003 Lyon</p>';
    const r = run(html);
    for (const e of r.entities) expect(html.slice(e.start, e.end)).toBe(e.text);
    expect(r.entities.map((e) => e.text)).toContain('Dupont');
    expect(r.entities.map((e) => e.text)).toContain('69003 Lyon');
  });
  it('bad input: empty, binary, too long', () => {
    expect(run('').entities).toEqual([]);
    expect(() => run('abc\u0000def')).toThrow(PseudonymizeError);
    expect(() => pseudonymize('x'.repeat(101), { maxLength: 100 })).toThrow(/taille maximale/);
    expect(() => pseudonymize(42 as unknown as string)).toThrow(PseudonymizeError);
  });
  it('stays linear on a large input', () => {
    const big = (DECISION + '\n\n').repeat(400); // ~170 kB
    const r = run(big);
    expect(r.entities.length).toBeGreaterThan(400 * 10);
  });
  it('the fake model gives deterministic spans', () => {
    const a = run('Mme Dupuis est là.', { model: fakeNer, layers: { rules: false } });
    expect(a.entities.map((e) => e.text)).toEqual(['Dupuis']);
  });
  it('returns zones, metadata, checklist and risk', () => {
    const r = run(
      `COUR DE CASSATION\n\nAudience publique du 24 octobre 2024\n\nCassation\n\nArrêt n° 984 F-B\n\nARRÊT DE LA COUR DE CASSATION, DEUXIÈME CHAMBRE CIVILE\n\nM. Thibaut Ly et M. Thibault Ly.\n\nFaits et procédure\n\n1. Texte.\n\nRéponse de la Cour\n\n2. Motifs.\n\nPAR CES MOTIFS, la Cour :\n\nCASSE ET ANNULE`,
    );
    expect(r.zones.map((z) => z.zone)).toEqual(['introduction', 'expose', 'motivations', 'dispositif']);
    expect(r.metadata.court.type).toBe('cass');
    expect(r.metadata.date).toBe('2024-10-24');
    expect(r.metadata.ecli).toBe('ECLI:FR:CCASS:2024:C200984');
    expect(r.checklist.map((c) => c.code)).toContain('shortSurname');
    expect(r.checklist.map((c) => c.code)).toContain('nearDuplicate');
    expect(r.risk.score).toBeGreaterThan(0);
    expect(['simple', 'double']).toContain(r.risk.review);
  });
});

describe('document-level decisions', () => {
  it('a company named after a party gives way to the person; a town spelt like the surname too', () => {
    const r = run('M. Alverède Coulon, demeurant 3 rue des Lilas, et la SARL MIROITERIE Coulon ont interjeté appel.');
    expect(r.entities.filter((e) => e.text === 'Coulon').map((e) => e.category)).toEqual(['personnePhysiqueNom', 'personnePhysiqueNom']);
  });
  it("lawyers' firms are kept in clear, joined by ' - ' or with particles; their clients are not firms", () => {
    const r = run(
      'les observations de la SCP Françoise Fabiani - François Pinatel, avocat de la société Medirys, de la SCP Koivisto, Lys et de Lange, avocat de M. Paul Dupont.',
    );
    const cat = (t: string) => r.entities.find((e) => e.text === t)?.category;
    expect(cat('Françoise Fabiani - François Pinatel')).toBe('professionnelAvocat');
    expect(cat('Koivisto, Lys et de Lange')).toBe('professionnelAvocat');
    expect(cat('Medirys')).toBe('personneMorale');
    expect(cat('Dupont')).toBe('personnePhysiqueNom');
  });
  it('a first name that is an everyday word is masked next to the name only', () => {
    const withRose = makeLexicons(['Lyon'], ['le', 'la', 'rose', 'rouge']);
    const r = pseudonymize('Mme Rose Dupont a cueilli une Rose rouge. Rose Dupont a témoigné.', { lexicons: withRose });
    expect(r.entities.filter((e) => e.text === 'Rose').length).toBe(2);
  });
  it('a town alone on the line after a street line is a locality', () => {
    const r = run('INTIMÉE :\nLa commune de Colomiers\n69 passage des Mimosas\nColomiers\nReprésentée par Me Jean PETIT');
    expect(r.entities.filter((e) => e.category === 'localite').map((e) => e.text)).toContain('Colomiers');
    expect(r.entities.find((e) => e.text === '69 passage des Mimosas')?.category).toBe('adresse');
  });
  it('hostile inputs finish (no regex backtracking blow-up): hyphen chains, apostrophes, dots, long lists', () => {
    const hostile = [
      ('Mme Dupont, ' + 'A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q-R-S-T-U-V-W-X-Y-Z, '.repeat(4) + 'x\n').repeat(50),
      'Né à ' + 'Abc-'.repeat(4000) + ' (69)',
      'M. ' + "D'A'B'C'".repeat(1000),
      'M. ' + 'A.'.repeat(5000),
      'voir ' + 'a.'.repeat(5000) + 'x',
      ('où étaient présents ' + 'Mme Aa-Bb-Cc-Dd, '.repeat(40) + '\n').repeat(5),
      ('la SCP ' + 'Abc, '.repeat(200) + 'avocat\n').repeat(2),
    ];
    for (const t of hostile) expect(run(t).pseudonymized.length).toBeGreaterThan(0);
  });
});
