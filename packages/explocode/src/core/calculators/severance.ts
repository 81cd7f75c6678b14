/**
 * Legal severance pay (indemnité légale de licenciement): L1234-9 to L1234-11, R1234-1 to R1234-4,
 * L3123-5 (part time), L1226-14 (inaptitude after a work accident or an occupational disease). Pure:
 * the caller passes the agreement's own answer when it has one (agreement-answers.ts).
 *
 * The computation, step by step (each step of the result names its articles):
 *  1. the right to it: a CDI, not a dismissal for serious or gross misconduct, 8 months of
 *     uninterrupted seniority at the notification (L1234-9) — periods that suspend the contract don't
 *     count towards them (L1234-11); after a work accident or an occupational disease, the special
 *     indemnity is due whatever the seniority (L1226-14, as service-public's fiche F31225 says);
 *  2. the seniority it is computed on: from hiring to the end of the notice, worked or not (for an
 *     inaptitude of professional origin the notice is compensated, not counted: to the notification),
 *     in complete months (R1234-1), minus the periods that do not count (L1234-11: unpaid leave,
 *     sabbatical, sickness, disciplinary lay-off…), half of a full-time parental leave (L1225-54);
 *     maternity, paternity, adoption, work accident and occupational disease count in full
 *     (L1225-24, L1225-35-2, L1225-42, L1226-7);
 *  3. the reference salary: the more favourable of the monthly average of the last 12 months (of all
 *     the months when fewer) and of a third of the last 3 months, where an annual or exceptional bonus
 *     paid in those 3 months counts pro rata only (R1234-4);
 *  4. the amount: a quarter of a month's salary per year up to 10 years, a third per year beyond
 *     (R1234-2), incomplete years pro rata of complete months (R1234-1); part-time periods count pro
 *     rata of their working time (L3123-5), the most recent ones when they are only given as
 *     durations; doubled after a work-related inaptitude (L1226-14);
 *  5. a collective agreement, the contract or a usage may give more: the more favourable applies
 *     (L2254-1), with the agreement's own answer linked when the question-réponses have one.
 */
import { completeMonths, compareDates, nextDay, parseDate } from './dates.ts';
import { euros, formatEuros, formatMonths, ref, type AgreementAnswer, type CalcStep } from './types.ts';

/** Why the contract ends. */
export type DismissalReason =
  | 'personal' // motif personnel (other than serious or gross misconduct)
  | 'economic' // motif économique
  | 'serious-misconduct' // faute grave
  | 'gross-misconduct' // faute lourde
  | 'inaptitude' // inaptitude d'origine non professionnelle
  | 'work-inaptitude'; // inaptitude après un accident du travail ou une maladie professionnelle

/** A period during which the contract was suspended. */
export type AbsenceKind =
  | 'unpaid-leave' // congé sans solde
  | 'sabbatical' // congé sabbatique
  | 'sick-leave' // maladie ou accident non professionnels
  | 'disciplinary-suspension' // mise à pied
  | 'parental-leave' // congé parental d'éducation à temps plein
  | 'maternity'
  | 'paternity'
  | 'adoption'
  | 'work-accident' // accident du travail ou maladie professionnelle
  | 'other'; // autre suspension du contrat

export interface Absence {
  kind: AbsenceKind;
  /** duration in months (decimals allowed: 1.5 = a month and a half) */
  months: number;
}

/** A period worked part time: `months` at `ratio` of full time (0.5 = half time). */
export interface PartTimePeriod {
  months: number;
  ratio: number;
}

export interface SeveranceInput {
  /** first day of the uninterrupted employment (a fixed-term contract followed at once by the CDI counts from its start) */
  hiredOn: string;
  /** day the dismissal letter was sent: the 8 months are judged then */
  notifiedOn: string;
  /** last day of the notice, worked or not (defaults to the notification date) */
  noticeEndsOn?: string;
  reason: DismissalReason;
  /** gross monthly pay of the last 12 months, oldest first (fewer when employed less; the last one at least) */
  monthlySalaries: number[];
  /** annual or exceptional bonuses included in the last 3 monthly salaries (counted pro rata in the 3-month average) */
  bonusesInLastThreeMonths?: number;
  absences?: Absence[];
  /** part-time periods, the most recent last; the rest of the seniority was full time */
  partTime?: PartTimePeriod[];
  /** the employee's collective agreement, when known */
  idcc?: string;
}

export interface SeveranceResult {
  /** whether the legal indemnity is due */
  eligible: boolean;
  /** the legal minimum, in euros (0 when not due) */
  amount: number;
  /** seniority counted for the amount, in months (after the periods that do not count) */
  seniorityMonths: number;
  /** seniority at the notification, in months, for the 8-month condition */
  seniorityAtNotificationMonths: number;
  referenceSalary: number;
  steps: CalcStep[];
  /** in French: what the result does not include, what may give more */
  notes: string[];
  /** the agreement's own answer, when given */
  agreement: AgreementAnswer | null;
}

export class CalculatorInputError extends Error {}

/** How each kind of absence counts towards seniority, and the article that says so. */
const ABSENCE_RULES: Record<AbsenceKind, { share: number; label: string; article: string }> = {
  'unpaid-leave': { share: 0, label: 'congé sans solde', article: 'L1234-11' },
  sabbatical: { share: 0, label: 'congé sabbatique', article: 'L1234-11' },
  'sick-leave': { share: 0, label: 'arrêt maladie non professionnel', article: 'L1234-11' },
  'disciplinary-suspension': { share: 0, label: 'mise à pied', article: 'L1234-11' },
  other: { share: 0, label: 'autre suspension du contrat', article: 'L1234-11' },
  'parental-leave': { share: 0.5, label: 'congé parental d’éducation à temps plein', article: 'L1225-54' },
  maternity: { share: 1, label: 'congé de maternité', article: 'L1225-24' },
  paternity: { share: 1, label: 'congé de paternité', article: 'L1225-35-2' },
  adoption: { share: 1, label: 'congé d’adoption', article: 'L1225-42' },
  'work-accident': { share: 1, label: 'accident du travail ou maladie professionnelle', article: 'L1226-7' },
};

const MIN_SENIORITY_MONTHS = 8;
const TEN_YEARS = 120;

export function computeSeverance(input: SeveranceInput, agreement: AgreementAnswer | null = null): SeveranceResult {
  const hired = parseDate(input.hiredOn);
  const notified = parseDate(input.notifiedOn);
  const noticeEnd = input.noticeEndsOn ? parseDate(input.noticeEndsOn) : notified;
  if (!hired || !notified || !noticeEnd) throw new CalculatorInputError('Dates invalides : attendu AAAA-MM-JJ.');
  if (compareDates(notified, hired) < 0) throw new CalculatorInputError('La notification ne peut pas précéder l’embauche.');
  if (compareDates(noticeEnd, notified) < 0) throw new CalculatorInputError('La fin du préavis ne peut pas précéder la notification.');
  const salaries = input.monthlySalaries ?? [];
  if (!salaries.length || salaries.length > 12 || salaries.some((s) => !Number.isFinite(s) || s < 0))
    throw new CalculatorInputError('Indiquez de 1 à 12 salaires mensuels bruts, positifs.');
  const absences = input.absences ?? [];
  for (const a of absences)
    if (!(a.kind in ABSENCE_RULES) || !Number.isFinite(a.months) || a.months < 0) throw new CalculatorInputError('Absence invalide.');
  const partTime = input.partTime ?? [];
  for (const p of partTime)
    if (!Number.isFinite(p.months) || p.months < 0 || !Number.isFinite(p.ratio) || p.ratio <= 0 || p.ratio > 1)
      throw new CalculatorInputError('Période à temps partiel invalide.');
  const bonus = input.bonusesInLastThreeMonths ?? 0;
  if (!Number.isFinite(bonus) || bonus < 0) throw new CalculatorInputError('Montant de prime invalide.');

  const steps: CalcStep[] = [];
  const notes: string[] = [];
  const workRelated = input.reason === 'work-inaptitude';

  // 1. seniority: excluded periods
  let excluded = 0;
  const excludedText: string[] = [];
  const absenceArticles = new Set<string>();
  for (const a of absences) {
    const rule = ABSENCE_RULES[a.kind];
    absenceArticles.add(rule.article);
    const off = a.months * (1 - rule.share);
    excluded += off;
    excludedText.push(
      rule.share === 1
        ? `${rule.label} (${formatMonths(a.months)}) : compté en totalité`
        : rule.share === 0
          ? `${rule.label} (${formatMonths(a.months)}) : non compté`
          : `${rule.label} (${formatMonths(a.months)}) : compté pour moitié`,
    );
  }
  const atNotification = Math.max(0, completeMonths(hired, nextDay(notified)) - excluded);
  // an inaptitude of professional origin: the notice is compensated, not worked nor counted
  const end = workRelated ? notified : noticeEnd;
  const seniority = Math.max(0, completeMonths(hired, nextDay(end)) - excluded);

  // 2. the right to the indemnity
  let eligible = true;
  if (input.reason === 'serious-misconduct' || input.reason === 'gross-misconduct') {
    eligible = false;
    steps.push({
      id: 'eligibility',
      label: 'Pas d’indemnité légale',
      detail: `Le licenciement pour faute ${input.reason === 'serious-misconduct' ? 'grave' : 'lourde'} ne donne pas droit à l’indemnité légale de licenciement (sauf disposition conventionnelle, contractuelle ou usage plus favorable).`,
      articles: [ref('L1234-9')],
    });
  } else if (!workRelated && atNotification < MIN_SENIORITY_MONTHS) {
    eligible = false;
    steps.push({
      id: 'eligibility',
      label: 'Pas d’indemnité légale',
      detail: `L’indemnité légale suppose 8 mois d’ancienneté ininterrompus à la date de la notification ; ici ${formatMonths(atNotification)}${excluded ? ', les périodes de suspension du contrat non comptées' : ''}.`,
      value: atNotification,
      unit: 'mois',
      articles: [ref('L1234-9'), ...(excluded ? [ref('L1234-11')] : [])],
    });
  } else {
    steps.push({
      id: 'eligibility',
      label: 'Droit à l’indemnité',
      detail: workRelated
        ? 'Licenciement pour inaptitude consécutive à un accident du travail ou à une maladie professionnelle : une indemnité spéciale est due, sans condition d’ancienneté.'
        : `Salarié en CDI licencié pour un motif autre qu’une faute grave ou lourde, avec ${formatMonths(atNotification)} d’ancienneté ininterrompue à la notification (8 mois au moins).`,
      articles: workRelated ? [ref('L1226-14')] : [ref('L1234-9')],
    });
  }

  steps.push({
    id: 'seniority',
    label: 'Ancienneté retenue',
    detail:
      `${workRelated ? 'De l’embauche à la notification (le préavis, indemnisé, n’est pas compté)' : 'De l’embauche à la fin du préavis, exécuté ou non'} : ` +
      `${formatMonths(completeMonths(hired, nextDay(end)))} en mois complets` +
      (excludedText.length ? ` ; ${excludedText.join(' ; ')} ; soit ${formatMonths(seniority)}.` : '.'),
    value: Math.round(seniority * 100) / 100,
    unit: 'mois',
    articles: [ref('R1234-1'), ...(excluded || absences.length ? [...absenceArticles].sort().map(ref) : [])],
  });

  // 3. reference salary
  const twelve = salaries.reduce((a, b) => a + b, 0) / salaries.length;
  const last3 = salaries.slice(-3);
  const threeBase = last3.reduce((a, b) => a + b, 0);
  const three = last3.length === 3 ? (threeBase - Math.min(bonus, threeBase) + Math.min(bonus, threeBase) * (3 / 12)) / 3 : 0;
  const reference = Math.max(twelve, three);
  steps.push({
    id: 'reference-salary',
    label: 'Salaire de référence',
    detail:
      `Moyenne des ${salaries.length === 12 ? '12 derniers mois' : `${salaries.length} mois précédant le licenciement`} : ${formatEuros(twelve)}` +
      (last3.length === 3
        ? ` ; tiers des 3 derniers mois${bonus ? ` (primes annuelles ou exceptionnelles comptées pour 3/12 de ${formatEuros(bonus)})` : ''} : ${formatEuros(three)}`
        : '') +
      `. La formule la plus favorable est retenue : ${formatEuros(reference)}.`,
    value: euros(reference),
    unit: '€',
    articles: [ref('R1234-4')],
  });

  // 4. amount: chronological months, the part-time ones last, each at its rate and working time
  const ratioNow = partTime.length ? partTime[partTime.length - 1].ratio : 1;
  const fullTimeSalary = reference / ratioNow;
  const ptMonths = Math.min(
    seniority,
    partTime.reduce((a, p) => a + p.months, 0),
  );
  const segments: { months: number; ratio: number }[] = [{ months: seniority - ptMonths, ratio: 1 }];
  let left = ptMonths;
  for (const p of partTime) {
    const m = Math.min(p.months, left);
    left -= m;
    if (m > 0) segments.push({ months: m, ratio: p.ratio });
  }
  let done = 0;
  let upTo10 = 0;
  let beyond10 = 0;
  for (const s of segments) {
    const before = Math.max(0, Math.min(s.months, TEN_YEARS - done));
    const after = s.months - before;
    upTo10 += (fullTimeSalary * s.ratio * before) / 12 / 4;
    beyond10 += (fullTimeSalary * s.ratio * after) / 12 / 3;
    done += s.months;
  }
  let amount = upTo10 + beyond10;
  const yearsUpTo10 = Math.min(seniority, TEN_YEARS) / 12;
  const yearsBeyond = Math.max(0, seniority - TEN_YEARS) / 12;
  steps.push({
    id: 'amount-up-to-10-years',
    label: 'Années jusqu’à 10 ans',
    detail: `1/4 de mois de salaire par année d’ancienneté, mois complets au prorata : ${String(Math.round(yearsUpTo10 * 1000) / 1000).replace('.', ',')} an(s) → ${formatEuros(upTo10)}.`,
    value: euros(upTo10),
    unit: '€',
    articles: [ref('R1234-2'), ref('R1234-1')],
  });
  if (yearsBeyond > 0)
    steps.push({
      id: 'amount-beyond-10-years',
      label: 'Années au-delà de 10 ans',
      detail: `1/3 de mois de salaire par année d’ancienneté à partir de 10 ans : ${String(Math.round(yearsBeyond * 1000) / 1000).replace('.', ',')} an(s) → ${formatEuros(beyond10)}.`,
      value: euros(beyond10),
      unit: '€',
      articles: [ref('R1234-2'), ref('R1234-1')],
    });
  if (partTime.length)
    steps.push({
      id: 'part-time',
      label: 'Périodes à temps partiel',
      detail:
        `Indemnité calculée au prorata des périodes à temps plein et à temps partiel (salaire à temps plein équivalent : ${formatEuros(fullTimeSalary)}) : ` +
        segments.map((s) => `${formatMonths(s.months)} à ${Math.round(s.ratio * 100)} %`).join(', ') +
        ' (les périodes à temps partiel sont comptées comme les plus récentes).',
      articles: [ref('L3123-5')],
    });
  if (workRelated) {
    steps.push({
      id: 'doubled',
      label: 'Indemnité spéciale (doublée)',
      detail: `Inaptitude consécutive à un accident du travail ou à une maladie professionnelle : l’indemnité est égale au double de l’indemnité légale, soit ${formatEuros(amount * 2)}.`,
      value: euros(amount * 2),
      unit: '€',
      articles: [ref('L1226-14')],
    });
    amount *= 2;
    notes.push(
      'S’y ajoute une indemnité compensatrice d’un montant égal à l’indemnité compensatrice de préavis (article L1226-14), sauf refus abusif du reclassement proposé.',
    );
  }
  if (!eligible) amount = 0;
  steps.push({
    id: 'total',
    label: eligible ? 'Indemnité légale minimale' : 'Indemnité légale',
    detail: eligible ? `Montant minimal dû : ${formatEuros(amount)} (brut).` : 'Aucune indemnité légale n’est due.',
    value: euros(amount),
    unit: '€',
    articles: [ref(workRelated ? 'L1226-14' : 'L1234-9')],
  });

  notes.push(
    'Une convention collective, le contrat de travail ou un usage peut prévoir une indemnité plus élevée : l’employeur verse la plus favorable, sans cumul (article L2254-1).',
  );
  if (agreement)
    notes.push(
      `Votre convention collective (IDCC ${agreement.idcc}, ${agreement.agreement}) y répond : « ${agreement.question} » (${agreement.url}).`,
    );
  return {
    eligible,
    amount: euros(amount),
    seniorityMonths: Math.round(seniority * 100) / 100,
    seniorityAtNotificationMonths: Math.round(atNotification * 100) / 100,
    referenceSalary: euros(reference),
    steps,
    notes,
    agreement,
  };
}
