import { describe, expect, it } from 'vitest';
import { computeSeverance, computeNotice, agreementAnswer, CalculatorInputError, type SeveranceInput } from './index.ts';
import { completeMonths, parseDate } from './dates.ts';
import type { Contribution, Convention } from '../types.ts';

const flat = (amount: number, n = 12) => Array.from({ length: n }, () => amount);
const base = (over: Partial<SeveranceInput>): SeveranceInput => ({
  hiredOn: '2015-01-01',
  notifiedOn: '2019-11-01',
  noticeEndsOn: '2019-12-31',
  reason: 'personal',
  monthlySalaries: flat(2000),
  ...over,
});
const articlesOf = (r: ReturnType<typeof computeSeverance>) => r.steps.flatMap((s) => s.articles.map((a) => a.num));

describe('legal severance pay — the worked examples of the fiches', () => {
  it('ministry fiche, example 1: 2 000 € and 5 years → 2 500 €', () => {
    const r = computeSeverance(base({}));
    expect(r.seniorityMonths).toBe(60);
    expect(r.referenceSalary).toBe(2000);
    expect(r.amount).toBe(2500);
    expect(articlesOf(r)).toEqual(expect.arrayContaining(['L1234-9', 'R1234-1', 'R1234-2', 'R1234-4']));
  });
  it('ministry fiche, example 2: 2 000 € and 12 years → 6 333,33 € (the fiche truncates 666,66 × 2 to 6 333,32)', () => {
    const r = computeSeverance(base({ hiredOn: '2008-01-01' }));
    expect(r.seniorityMonths).toBe(144);
    expect(r.amount).toBe(6333.33);
    expect(r.steps.find((s) => s.id === 'amount-up-to-10-years')?.value).toBe(5000);
    expect(r.steps.find((s) => s.id === 'amount-beyond-10-years')?.value).toBe(1333.33);
  });
  it('service-public F987: 1 500 € and 12 years 9 months → 5 125 €', () => {
    const r = computeSeverance(base({ hiredOn: '2007-04-01', monthlySalaries: flat(1500) }));
    expect(r.seniorityMonths).toBe(153);
    expect(r.amount).toBe(5125);
  });
  it('service-public F987: 10 years full time then 3 years half time, 1 000 € (2 000 € full time) → 6 000 €', () => {
    const r = computeSeverance(base({ hiredOn: '2007-01-01', monthlySalaries: flat(1000), partTime: [{ months: 36, ratio: 0.5 }] }));
    expect(r.seniorityMonths).toBe(156);
    expect(r.amount).toBe(6000);
    expect(articlesOf(r)).toContain('L3123-5');
  });
});

describe('legal severance pay — edge cases', () => {
  it('less than 8 months at the notification: nothing is due, and it says why', () => {
    const r = computeSeverance(base({ hiredOn: '2024-01-01', notifiedOn: '2024-08-15', noticeEndsOn: '2024-09-15' }));
    expect(r.seniorityAtNotificationMonths).toBe(7);
    expect(r.eligible).toBe(false);
    expect(r.amount).toBe(0);
    expect(r.steps[0].detail).toMatch(/8 mois/);
  });
  it('exactly 8 months at the notification: due', () => {
    const r = computeSeverance(base({ hiredOn: '2024-01-01', notifiedOn: '2024-08-31', noticeEndsOn: '2024-09-30' }));
    expect(r.seniorityAtNotificationMonths).toBe(8);
    expect(r.eligible).toBe(true);
    expect(r.amount).toBe(375); // 2000/4 × 9/12
  });
  it('exactly 10 years: a quarter of a month per year, no "beyond 10 years" part', () => {
    const r = computeSeverance(base({ hiredOn: '2010-01-01' }));
    expect(r.seniorityMonths).toBe(120);
    expect(r.amount).toBe(5000);
    expect(r.steps.some((s) => s.id === 'amount-beyond-10-years')).toBe(false);
  });
  it('unpaid leave and a sabbatical do not count (L1234-11); 6 years with 6 months of unpaid leave → 5,5 years', () => {
    const r = computeSeverance(base({ hiredOn: '2014-01-01', absences: [{ kind: 'unpaid-leave', months: 6 }] }));
    expect(r.seniorityMonths).toBe(66);
    expect(r.amount).toBe(2750);
    expect(articlesOf(r)).toContain('L1234-11');
  });
  it('suspensions do not count towards the 8 months either', () => {
    const r = computeSeverance(
      base({ hiredOn: '2024-01-01', notifiedOn: '2024-09-15', noticeEndsOn: '2024-10-15', absences: [{ kind: 'sick-leave', months: 2 }] }),
    );
    expect(r.seniorityAtNotificationMonths).toBe(6);
    expect(r.eligible).toBe(false);
  });
  it('maternity and work accidents count in full, a full-time parental leave for half', () => {
    const full = computeSeverance(
      base({
        absences: [
          { kind: 'maternity', months: 4 },
          { kind: 'work-accident', months: 3 },
        ],
      }),
    );
    expect(full.seniorityMonths).toBe(60);
    expect(computeSeverance(base({ absences: [{ kind: 'parental-leave', months: 12 }] })).seniorityMonths).toBe(54);
    expect(articlesOf(full)).toEqual(expect.arrayContaining(['L1225-24', 'L1226-7']));
  });
  it('the reference salary is the more favourable of 12 and 3 months; an annual bonus counts pro rata in the 3 months', () => {
    const raise = computeSeverance(base({ monthlySalaries: [...flat(2000, 9), 2600, 2600, 2600] }));
    expect(raise.referenceSalary).toBe(2600);
    // 12 × 2 000 € and a 1 200 € annual bonus in the last month: 12-month average 2 100 €, 3-month (6 000 + 300) / 3 = 2 100 €
    const bonus = computeSeverance(base({ monthlySalaries: [...flat(2000, 11), 3200], bonusesInLastThreeMonths: 1200 }));
    expect(bonus.referenceSalary).toBe(2100);
    expect(bonus.steps.find((s) => s.id === 'reference-salary')?.articles.map((a) => a.num)).toEqual(['R1234-4']);
  });
  it('fewer than 12 months of pay: the average of all of them', () => {
    const r = computeSeverance(
      base({ hiredOn: '2019-01-01', monthlySalaries: [1800, 1800, 1800, 1800, 1800, 1800, 1800, 1800, 2100, 2100] }),
    );
    // 10 months: average 1 860 €; the last 3 months (1 800 + 2 100 + 2 100) / 3 = 2 000 € win
    expect(r.referenceSalary).toBe(2000);
  });
  it('inaptitude after a work accident: doubled, without the 8-month condition, the notice not counted (L1226-14)', () => {
    const r = computeSeverance(
      base({ hiredOn: '2024-01-01', notifiedOn: '2024-05-31', noticeEndsOn: '2024-07-31', reason: 'work-inaptitude' }),
    );
    expect(r.eligible).toBe(true);
    expect(r.seniorityMonths).toBe(5);
    expect(r.amount).toBe(416.67); // 2 × 2000/4 × 5/12
    expect(articlesOf(r)).toContain('L1226-14');
  });
  it('serious misconduct: nothing is due', () => {
    const r = computeSeverance(base({ reason: 'serious-misconduct' }));
    expect(r.eligible).toBe(false);
    expect(r.amount).toBe(0);
  });
  it('says a collective agreement may give more, and links its own answer when given', () => {
    const answer = {
      idcc: '1486',
      agreement: 'Syntec',
      question: 'Indemnité de licenciement ?',
      text: '…',
      url: '/explocode/contribution/x?idcc=1486',
    };
    const r = computeSeverance(base({ idcc: '1486' }), answer);
    expect(r.notes.join(' ')).toMatch(/L2254-1/);
    expect(r.agreement).toEqual(answer);
  });
  it('rejects impossible input with a clear error', () => {
    expect(() => computeSeverance(base({ hiredOn: '2019-02-30' }))).toThrow(CalculatorInputError);
    expect(() => computeSeverance(base({ notifiedOn: '2010-01-01' }))).toThrow(/précéder/);
    expect(() => computeSeverance(base({ monthlySalaries: [] }))).toThrow(CalculatorInputError);
    expect(() => computeSeverance(base({ partTime: [{ months: 12, ratio: 1.5 }] }))).toThrow(CalculatorInputError);
  });
});

describe('complete months', () => {
  it('counts whole months only', () => {
    expect(completeMonths(parseDate('2015-03-15')!, parseDate('2020-03-15')!)).toBe(60);
    expect(completeMonths(parseDate('2015-03-15')!, parseDate('2020-03-14')!)).toBe(59);
    expect(completeMonths(parseDate('2024-01-31')!, parseDate('2024-03-01')!)).toBe(1);
  });
});

describe('notice period', () => {
  it.each([
    [4, null],
    [6, 1],
    [23, 1],
    [24, 2],
    [120, 2],
  ])('dismissal with %i months of service → %s month(s) (L1234-1)', (months, expected) => {
    const r = computeNotice({ kind: 'dismissal', seniorityMonths: months });
    expect(r.legalMonths).toBe(expected);
    expect(r.steps[0].articles.map((a) => a.num)).toEqual(['L1234-1']);
  });
  it('no notice after serious misconduct', () => {
    expect(computeNotice({ kind: 'dismissal', seniorityMonths: 60, misconduct: true }).legalMonths).toBe(0);
  });
  it('doubled for a disabled worker, up to three months (L5213-9)', () => {
    expect(computeNotice({ kind: 'dismissal', seniorityMonths: 12, disabledWorker: true }).legalMonths).toBe(2);
    const r = computeNotice({ kind: 'dismissal', seniorityMonths: 36, disabledWorker: true });
    expect(r.legalMonths).toBe(3);
    expect(r.steps.map((s) => s.articles.map((a) => a.num)).flat()).toContain('L5213-9');
  });
  it("resignation: the law sets no general duration (L1237-1); the agreement's rule is cited", () => {
    const answer = {
      idcc: '16',
      agreement: 'Transports routiers',
      question: 'Quelle est la durée du préavis en cas de démission ?',
      text: 'Ouvriers : 1 semaine…',
      url: '/explocode/contribution/q?idcc=16',
    };
    const r = computeNotice({ kind: 'resignation', seniorityMonths: 30, idcc: '16' }, answer);
    expect(r.legalMonths).toBeNull();
    expect(r.steps[0].articles.map((a) => a.num)).toEqual(['L1237-1']);
    expect(r.steps.find((s) => s.id === 'agreement')?.detail).toContain('Ouvriers : 1 semaine');
  });
  it('rejects a negative seniority', () => {
    expect(() => computeNotice({ kind: 'dismissal', seniorityMonths: -1 })).toThrow(CalculatorInputError);
  });
});

describe("the agreement's own answer", () => {
  const contributions: Contribution[] = [
    {
      id: 'c1',
      slug: 'quelle-est-la-duree-de-preavis-en-cas-de-licenciement',
      title: 'Quelle est la durée de préavis en cas de licenciement ?',
      generic: { idcc: null, text: 'Voir le Code du travail.', html: '', citedArticles: ['L1234-1'] },
      byConvention: [{ idcc: '0016', text: 'Ouvriers : 1 semaine ; employés : 1 mois.', html: '', citedArticles: [] }],
    },
  ];
  const conventions: Convention[] = [
    {
      id: 'K16',
      idcc: '16',
      title: 'Transports routiers',
      shortTitle: 'Transports routiers',
      url: '',
      effectif: 1,
      hasFullText: true,
      articleCount: 1,
    },
  ];
  it('finds the answer of IDCC 16 (any spelling) and links it', () => {
    const a = agreementAnswer(contributions, conventions, '16', 'notice-dismissal');
    expect(a).toMatchObject({
      idcc: '16',
      agreement: 'Transports routiers',
      url: '/explocode/contribution/quelle-est-la-duree-de-preavis-en-cas-de-licenciement?idcc=16',
    });
    expect(agreementAnswer(contributions, conventions, '0016', 'notice-dismissal')?.text).toContain('1 semaine');
  });
  it('none for another question or agreement', () => {
    expect(agreementAnswer(contributions, conventions, '16', 'notice-resignation')).toBeNull();
    expect(agreementAnswer(contributions, conventions, '1486', 'notice-dismissal')).toBeNull();
  });
});
