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
    expect(r.entities.filter((e) => e.category === 'professionnelMagistratGreffier').map((e) => e.text)).toEqual(['Martinel', 'Seguy', 'Panetta']);
    expect(r.pseudonymized).toContain('M. [A], demandeur');
  });
  it('categories filter, additional terms, parties, merged persons', () => {
    expect(cats('M. Jean Dupont, né le 1er mars 1980.', { categories: ['dateNaissance'] })).toEqual([['dateNaissance', '1er mars 1980']]);
    expect(cats('Le chien Rex appartient à la famille.', { additionalTerms: ['Rex'] })).toEqual([['personneMorale', 'Rex']]);
    expect(cats('Le contrat de Zorglub est nul.', { parties: [{ lastName: 'Zorglub' }] })).toEqual([['personnePhysiqueNom', 'Zorglub']]);
    expect(cats('M. Jean Dupont.', { mergePersons: true })).toEqual([['personnePhysique', 'Jean'], ['personnePhysique', 'Dupont']]);
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
    const r = run(`COUR DE CASSATION\n\nAudience publique du 24 octobre 2024\n\nCassation\n\nArrêt n° 984 F-B\n\nARRÊT DE LA COUR DE CASSATION, DEUXIÈME CHAMBRE CIVILE\n\nM. Thibaut Ly et M. Thibault Ly.\n\nFaits et procédure\n\n1. Texte.\n\nRéponse de la Cour\n\n2. Motifs.\n\nPAR CES MOTIFS, la Cour :\n\nCASSE ET ANNULE`);
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
