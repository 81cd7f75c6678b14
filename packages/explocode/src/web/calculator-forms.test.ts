import { describe, expect, it } from 'vitest';
import { parseFrNumber, parseNoticeForm, parseSeveranceForm } from './calculator-forms.ts';

describe('calculator forms', () => {
  it('reads French numbers', () => {
    expect(parseFrNumber('2 000,50 €')).toBe(2000.5);
    expect(parseFrNumber('2\u202f000')).toBe(2000);
    expect(parseFrNumber('')).toBeNull();
    expect(parseFrNumber('abc')).toBeNaN();
  });
  it('turns the severance form into the API input', () => {
    const r = parseSeveranceForm(
      {
        embauche: '2015-01-01',
        notification: '2019-11-01',
        fin_preavis: '2019-12-31',
        motif: 'personnel',
        salaire: '2 000',
        sans_solde: '6',
        tp_mois: '12',
        tp_taux: '50',
        idcc: '0016',
      },
      null,
    );
    expect(r.errors).toEqual({});
    expect(r.input).toMatchObject({
      reason: 'personal',
      monthlySalaries: Array(12).fill(2000),
      absences: [{ kind: 'unpaid-leave', months: 6 }],
      partTime: [{ months: 12, ratio: 0.5 }],
      idcc: '16',
    });
  });
  it('prefers the 12 detailed salaries, and names each wrong field', () => {
    expect(
      parseSeveranceForm(
        { embauche: '2015-01-01', notification: '2019-11-01', motif: 'personnel', salaire: '1', s11: '2000', s12: '2600' },
        null,
      ).input?.monthlySalaries,
    ).toEqual([2000, 2600]);
    const bad = parseSeveranceForm({ calculer: '1', embauche: '', notification: 'hier', motif: 'x', salaire: '-3', idcc: 'abc' }, null);
    expect(bad.input).toBeNull();
    expect(Object.keys(bad.errors).sort()).toEqual(['embauche', 'idcc', 'motif', 'notification', 'salaire']);
  });
  it('is not submitted on a first visit, with the chosen agreement prefilled', () => {
    expect(parseSeveranceForm({}, '1486')).toMatchObject({ submitted: false, input: null, values: { idcc: '1486' } });
  });
  it('turns the notice form into the API input', () => {
    expect(parseNoticeForm({ rupture: 'licenciement', annees: '2', mois: '6', faute: 'oui' }, null).input).toMatchObject({
      kind: 'dismissal',
      seniorityMonths: 30,
      misconduct: true,
    });
    expect(parseNoticeForm({ rupture: 'demission', annees: '1', faute: 'oui' }, null).input).toMatchObject({
      kind: 'resignation',
      misconduct: false,
    });
    expect(parseNoticeForm({ rupture: 'licenciement' }, null).errors).toHaveProperty('annees');
  });
});
