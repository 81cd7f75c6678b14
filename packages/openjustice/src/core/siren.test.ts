import { describe, expect, it } from 'vitest';
import { applySirenPolicy, carriesPersonName } from './siren.ts';
import { detectPatterns } from './patterns.ts';
import { detectOrganisations } from './organisations.ts';
import type { Span } from './span.ts';
import { pseudonymize } from './pseudonymize.ts';

/** the register numbers kept masked, with the spans the patterns and organisation layers give (plus extra spans) */
const kept = (text: string, extra: Span[] = []) => {
  const spans = [...detectPatterns(text), ...detectOrganisations(text), ...extra].sort((a, b) => a.start - b.start);
  return applySirenPolicy(text, spans)
    .filter((s) => s.category === 'numeroSiretSiren')
    .map((s) => text.slice(s.start, s.end));
};
const surname = (text: string, word: string): Span => {
  const start = text.lastIndexOf(word);
  return { start, end: start + word.length, category: 'personnePhysiqueNom', score: 0.9, source: 'rule' };
};

describe('SIREN/SIRET policy: a register number follows its owner', () => {
  it("keeps a company's RCS registration in clear when its registry is named", () => {
    expect(
      kept('INTIMÉE : S.A. BNP PARIBAS au capital de 2.468.663.292,00 €, immatriculée au R.C.S. de PARIS sous le numéro 662 042 449'),
    ).toEqual([]);
    expect(kept('APPELANTE :\n\nS.A.S. SRB CONSTRUCTION \n\nimmatriculee au RCS de Reims sous le N° 511 106 528 agissant')).toEqual([]);
    expect(kept('S.A. 3F CENTRE VAL DE LOIRE immatriculée au RCS Lozanne n°967 200 049, dont le siège')).toEqual([]);
  });
  it('masks a labelled SIREN/SIRET and a number given without its registry (a bare SIREN, maybe a sole trader)', () => {
    expect(kept('DÉFENDEUR : SELARL Taxi Express SIREN 365 947 977')).toEqual(['365 947 977']);
    expect(kept('INTIMÉE : SARL Optimea SIRET n° 924 513 062 02643')).toEqual(['924 513 062 02643']);
    expect(
      kept(
        'La société Kerlys, dont le siège est 1 rue X, immatriculée au registre du commerce et des sociétés sous le numéro 600974836, défendeurs',
      ),
    ).toEqual(['600974836']);
  });
  it('masks the SIREN that is the first nine digits of a masked SIRET: one identifier', () => {
    const t = 'DÉBITEUR : SCI Optimea immatriculée au RCS de Nantes sous le numéro 346864861, SIRET 34686486101906';
    expect(kept(t)).toEqual(['346864861', '34686486101906']);
  });
  it('masks the registration of a company named after a person, of a sole trader, of a natural person', () => {
    expect(kept('SA Regnier et Fils, immatriculée au RCS de Lyon sous le numéro 514276005')).toEqual(['514276005']);
    expect(kept('la SARL Établissements Bonnard, immatriculée au RCS de Lyon sous le numéro 514276005')).toEqual(['514276005']);
    const t = 'la SCI Vaillant, immatriculée au RCS de Roanne sous le numéro 480 194 638 ; M. Paul Vaillant';
    expect(kept(t, [surname(t, 'Vaillant')])).toEqual(['480 194 638']);
    expect(
      kept(
        "M. Paul Dubreuil, entrepreneur individuel exerçant sous l'enseigne Dubreuil Couverture, immatriculé au RCS de Lyon sous le numéro 514276005",
      ),
    ).toEqual(['514276005']);
    expect(kept('Mme Lucie Garnier, EIRL, inscrite au RCS de Lyon sous le numéro 514276005')).toEqual(['514276005']);
  });
  it('reads a person-named company from patterns and the surnames of the decision', () => {
    expect(carriesPersonName('Chevallier et Fils', new Set())).toBe(true);
    expect(carriesPersonName('Guyon Frères', new Set())).toBe(true);
    expect(carriesPersonName('Mercier Immobilier', new Set(['mercier']))).toBe(true);
    expect(carriesPersonName('Ambulances de la Vallée', new Set(['mercier']))).toBe(false);
  });
  it('runs in the engine: the clear company number is not an entity, the labelled one is masked', () => {
    const r = pseudonymize(
      'INTIMÉE : S.A.S. CASA au capital de 15.000 €, immatriculée au RCS de GRENOBLE sous le n°478 988 645.\nDÉFENDEUR : SARL Domeo SIREN 721 000 529',
    );
    const nums = r.entities.filter((e) => e.category === 'numeroSiretSiren').map((e) => e.text);
    expect(nums).toEqual(['721 000 529']);
    expect(r.pseudonymized).toContain('478 988 645');
  });
  it("masks a sole trader's trade name and number even with a registry named", () => {
    const r = pseudonymize(
      "M. Paul Dubreuil, entrepreneur individuel exerçant sous l'enseigne Toiture Express, immatriculé au RCS de Lyon sous le numéro 514276005, demande",
    );
    expect(r.entities.filter((e) => e.category === 'personneMorale' || e.category === 'numeroSiretSiren').map((e) => e.text)).toEqual([
      'Toiture Express',
      '514276005',
    ]);
  });
});
