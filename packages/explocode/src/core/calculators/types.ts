/**
 * Shared shapes of the calculators' results: every step of a computation says what it did, in French,
 * and which articles of the Code du travail ground it (linked to the article pages).
 */

/** An article of the Code du travail a step relies on. */
export interface LegalRef {
  num: string; // "R1234-2"
  url: string; // "/explocode/article/R1234-2"
}

export interface CalcStep {
  /** stable id of the step ("seniority", "reference-salary"…) */
  id: string;
  /** what the step establishes, in French */
  label: string;
  /** how, in French, with the figures used */
  detail: string;
  /** the step's result, when it is a figure (months, euros) */
  value?: number;
  unit?: 'mois' | 'ans' | '€';
  articles: LegalRef[];
}

/** A collective agreement's own answer to the calculator's question, from the question-réponses. */
export interface AgreementAnswer {
  idcc: string;
  /** the agreement's short title */
  agreement: string;
  /** the question-réponse answered ("Quelle est la durée de préavis en cas de licenciement ?") */
  question: string;
  /** the agreement's answer, plain text */
  text: string;
  /** page of that answer: "/explocode/contribution/<slug>?idcc=<idcc>" */
  url: string;
}

export const ref = (num: string): LegalRef => ({ num, url: `/explocode/article/${encodeURIComponent(num)}` });

/** Euros rounded to the cent. */
export const euros = (x: number): number => Math.round(x * 100) / 100;

/** "2 500,00 €" */
export const formatEuros = (x: number): string =>
  `${euros(x).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;

/** "5 ans et 6 mois" */
export function formatMonths(months: number): string {
  const m = Math.round(months * 100) / 100;
  const y = Math.floor(m / 12);
  const r = Math.round((m - y * 12) * 100) / 100;
  const parts: string[] = [];
  if (y) parts.push(`${y} an${y > 1 ? 's' : ''}`);
  if (r || !y) parts.push(`${String(r).replace('.', ',')} mois`);
  return parts.join(' et ');
}
