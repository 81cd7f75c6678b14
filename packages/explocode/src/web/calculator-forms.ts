/**
 * The calculators' forms (plain GET forms: they work without JavaScript) → the API's inputs. Field
 * names are French (they show in the URL); numbers accept the French decimal comma and spaces
 * ("2 000,50 €"). Each error names its field, in French, for the form to show next to it.
 */
import type { NoticeInput, SeveranceInput } from '../http/schemas.ts';

type Query = Record<string, string | undefined>;

export type FieldErrors = Record<string, string>;

export interface FormOutcome<T> {
  /** the values as typed, to fill the form again */
  values: Record<string, string>;
  /** null until the form is submitted, or when it has errors */
  input: T | null;
  errors: FieldErrors;
  submitted: boolean;
}

/** "2 000,50 €" → 2000.5; "" → null; NaN when not a number. */
export function parseFrNumber(raw: string | undefined): number | null {
  const s = (raw ?? '').replace(/[\s\u00a0\u202f€%]/g, '').replace(',', '.');
  if (!s) return null;
  return /^\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const clip = (q: Query, k: string, max = 40) => (q[k] ?? '').trim().slice(0, max);

export const SEVERANCE_REASONS: { value: string; api: SeveranceInput['reason']; label: string }[] = [
  { value: 'personnel', api: 'personal', label: 'Motif personnel (hors faute grave ou lourde)' },
  { value: 'economique', api: 'economic', label: 'Motif économique' },
  { value: 'inaptitude', api: 'inaptitude', label: 'Inaptitude d’origine non professionnelle' },
  { value: 'inaptitude-pro', api: 'work-inaptitude', label: 'Inaptitude après un accident du travail ou une maladie professionnelle' },
  { value: 'faute-grave', api: 'serious-misconduct', label: 'Faute grave' },
  { value: 'faute-lourde', api: 'gross-misconduct', label: 'Faute lourde' },
];

/** Suspensions of the contract the form asks about (months), and how the API names them. */
export const SEVERANCE_ABSENCES: { field: string; kind: NonNullable<SeveranceInput['absences']>[number]['kind']; label: string }[] = [
  { field: 'sans_solde', kind: 'unpaid-leave', label: 'Congé sans solde ou sabbatique' },
  { field: 'maladie', kind: 'sick-leave', label: 'Arrêt maladie non professionnel' },
  { field: 'parental', kind: 'parental-leave', label: 'Congé parental d’éducation à temps plein' },
  { field: 'mise_a_pied', kind: 'disciplinary-suspension', label: 'Mise à pied' },
];

const SEVERANCE_FIELDS = [
  'embauche',
  'notification',
  'fin_preavis',
  'motif',
  'salaire',
  'primes',
  'tp_mois',
  'tp_taux',
  'idcc',
  ...SEVERANCE_ABSENCES.map((a) => a.field),
  ...Array.from({ length: 12 }, (_, i) => `s${i + 1}`),
];

function monthsField(q: Query, field: string, errors: FieldErrors, max = 960): number | null {
  const v = parseFrNumber(q[field]);
  if (v === null) return null;
  if (!Number.isFinite(v) || v < 0 || v > max) {
    errors[field] = `Indiquez un nombre de mois entre 0 et ${max}.`;
    return null;
  }
  return v;
}

function idccField(q: Query, errors: FieldErrors): string | undefined {
  const raw = clip(q, 'idcc', 10);
  if (!raw) return undefined;
  const m = /^0*(\d{1,4})$/.exec(raw);
  if (!m) {
    errors.idcc = 'L’IDCC est un nombre de 1 à 4 chiffres (il figure sur la fiche de paie).';
    return undefined;
  }
  return m[1];
}

export function parseSeveranceForm(q: Query, defaultIdcc: string | null): FormOutcome<SeveranceInput> {
  const values: Record<string, string> = {};
  for (const f of SEVERANCE_FIELDS) values[f] = clip(q, f);
  const submitted = q.calculer !== undefined || Boolean(values.embauche);
  if (!submitted) return { values: { ...values, idcc: defaultIdcc ?? '', motif: 'personnel' }, input: null, errors: {}, submitted };
  const errors: FieldErrors = {};
  const date = (f: string, label: string, required: boolean) => {
    const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(values[f]);
    if (fr) values[f] = `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}`;
    const v = values[f];
    if (!v) {
      if (required) errors[f] = `Indiquez ${label}.`;
      return undefined;
    }
    if (!DATE.test(v)) errors[f] = `${label[0].toUpperCase()}${label.slice(1)} : date attendue au format JJ/MM/AAAA.`;
    return v;
  };
  const hiredOn = date('embauche', 'la date d’embauche', true);
  const notifiedOn = date('notification', 'la date de notification du licenciement', true);
  const noticeEndsOn = date('fin_preavis', 'la date de fin du préavis', false);
  const reason = SEVERANCE_REASONS.find((r) => r.value === values.motif)?.api;
  if (!reason) errors.motif = 'Choisissez le motif du licenciement.';

  // salaries: the 12 months when given, else the same monthly salary 12 times
  const detailed: number[] = [];
  for (let i = 1; i <= 12; i++) {
    const v = parseFrNumber(values[`s${i}`]);
    if (v === null) continue;
    if (!Number.isFinite(v) || v < 0) errors[`s${i}`] = 'Montant invalide.';
    else detailed.push(v);
  }
  let monthlySalaries = detailed;
  if (!detailed.length) {
    const v = parseFrNumber(values.salaire);
    if (v === null) errors.salaire = 'Indiquez le salaire mensuel brut.';
    else if (!Number.isFinite(v) || v <= 0 || v > 1_000_000) errors.salaire = 'Indiquez un montant en euros, par exemple 2 000.';
    else monthlySalaries = Array(12).fill(v);
  }
  const bonus = parseFrNumber(values.primes);
  if (bonus !== null && (!Number.isFinite(bonus) || bonus < 0)) errors.primes = 'Montant invalide.';

  const absences = SEVERANCE_ABSENCES.flatMap((a) => {
    const m = monthsField(q, a.field, errors);
    return m ? [{ kind: a.kind, months: m }] : [];
  });
  const ptMonths = monthsField(q, 'tp_mois', errors);
  const ptRate = parseFrNumber(values.tp_taux);
  let partTime: SeveranceInput['partTime'];
  if (ptMonths) {
    if (ptRate === null || !Number.isFinite(ptRate) || ptRate <= 0 || ptRate > 100)
      errors.tp_taux = 'Indiquez le temps de travail en pourcentage d’un temps plein (par exemple 50).';
    else partTime = [{ months: ptMonths, ratio: ptRate / 100 }];
  }
  const idcc = idccField(q, errors);
  if (Object.keys(errors).length || !hiredOn || !notifiedOn || !reason) return { values, input: null, errors, submitted };
  return {
    values,
    errors,
    submitted,
    input: {
      hiredOn,
      notifiedOn,
      noticeEndsOn,
      reason,
      monthlySalaries,
      bonusesInLastThreeMonths: bonus && Number.isFinite(bonus) ? bonus : undefined,
      absences,
      partTime,
      idcc,
    },
  };
}

export function parseNoticeForm(q: Query, defaultIdcc: string | null): FormOutcome<NoticeInput> {
  const values: Record<string, string> = {};
  for (const f of ['rupture', 'annees', 'mois', 'faute', 'handicap', 'idcc']) values[f] = clip(q, f);
  const submitted = q.calculer !== undefined || Boolean(values.rupture);
  if (!submitted) return { values: { ...values, idcc: defaultIdcc ?? '', rupture: 'licenciement' }, input: null, errors: {}, submitted };
  const errors: FieldErrors = {};
  const kind = values.rupture === 'licenciement' ? 'dismissal' : values.rupture === 'demission' ? 'resignation' : null;
  if (!kind) errors.rupture = 'Choisissez licenciement ou démission.';
  const years = parseFrNumber(values.annees);
  const months = parseFrNumber(values.mois);
  if (years !== null && (!Number.isFinite(years) || years < 0 || years > 80)) errors.annees = 'Indiquez un nombre d’années entre 0 et 80.';
  if (months !== null && (!Number.isFinite(months) || months < 0 || months > 11)) errors.mois = 'Indiquez un nombre de mois entre 0 et 11.';
  if (years === null && months === null) errors.annees = 'Indiquez l’ancienneté (années et mois).';
  const idcc = idccField(q, errors);
  if (Object.keys(errors).length || !kind) return { values, input: null, errors, submitted };
  return {
    values,
    errors,
    submitted,
    input: {
      kind,
      seniorityMonths: Math.round(((years ?? 0) * 12 + (months ?? 0)) * 100) / 100,
      misconduct: kind === 'dismissal' && values.faute === 'oui',
      disabledWorker: values.handicap === 'oui',
      idcc,
    },
  };
}
