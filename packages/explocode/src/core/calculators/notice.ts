/**
 * Notice period (préavis) for a dismissal or a resignation: the legal rule, and the collective
 * agreement's own rule when its question-réponse answers it (passed by the caller, see
 * agreement-answers.ts), cited as written (the agreements' rules depend on categories and
 * coefficients a form cannot guess: they are shown, not computed).
 *
 *  - dismissal (L1234-1): no notice after serious or gross misconduct; under 6 months of continuous
 *    service, the law sets none (agreement, or usage of the place and trade); from 6 months to under
 *    2 years, 1 month; from 2 years, 2 months; an agreement, the contract or a usage more favourable to
 *    the employee prevails (L1234-1, last paragraph), a contract clause less favourable is void
 *    (L1234-2); doubled for a disabled worker, up to 3 months (L5213-9);
 *  - resignation (L1237-1): the law sets no general duration: the agreement, or else the usage of the
 *    place and trade.
 */
import { formatMonths, ref, type AgreementAnswer, type CalcStep } from './types.ts';
import { CalculatorInputError } from './severance.ts';

export interface NoticeInput {
  kind: 'dismissal' | 'resignation';
  /** continuous service with the employer at the notification, in months */
  seniorityMonths: number;
  /** dismissal for serious or gross misconduct (faute grave ou lourde) */
  misconduct?: boolean;
  /** the employee is a recognised disabled worker (bénéficiaire de l'obligation d'emploi) */
  disabledWorker?: boolean;
  idcc?: string;
}

export interface NoticeResult {
  kind: NoticeInput['kind'];
  /** the legal notice in months; null when the law sets none (then the agreement or usage does) */
  legalMonths: number | null;
  /** the legal rule in one French sentence */
  legalRule: string;
  steps: CalcStep[];
  /** the agreement's own rule, when its question-réponse answers it */
  agreement: AgreementAnswer | null;
  notes: string[];
}

export function computeNotice(input: NoticeInput, agreement: AgreementAnswer | null = null): NoticeResult {
  if (input.kind !== 'dismissal' && input.kind !== 'resignation')
    throw new CalculatorInputError('Type de rupture invalide : licenciement ou démission.');
  const s = input.seniorityMonths;
  if (!Number.isFinite(s) || s < 0 || s > 12 * 80) throw new CalculatorInputError('Ancienneté invalide.');
  const steps: CalcStep[] = [];
  const notes: string[] = [];
  let legalMonths: number | null;
  let legalRule: string;
  if (input.kind === 'resignation') {
    legalMonths = null;
    legalRule =
      'Le Code du travail ne fixe pas de durée générale de préavis de démission : elle résulte de la convention collective ou, à défaut, des usages de la localité et de la profession.';
    steps.push({ id: 'legal-rule', label: 'Règle légale', detail: legalRule, articles: [ref('L1237-1')] });
  } else if (input.misconduct) {
    legalMonths = 0;
    legalRule = 'Pas de préavis en cas de licenciement pour faute grave ou lourde.';
    steps.push({ id: 'legal-rule', label: 'Règle légale', detail: legalRule, value: 0, unit: 'mois', articles: [ref('L1234-1')] });
  } else {
    if (s < 6) {
      legalMonths = null;
      legalRule = `Moins de 6 mois d’ancienneté (${formatMonths(s)}) : la loi ne fixe pas de durée ; elle résulte de la convention collective ou, à défaut, des usages de la localité et de la profession.`;
    } else if (s < 24) {
      legalMonths = 1;
      legalRule = `De 6 mois à moins de 2 ans d’ancienneté (${formatMonths(s)}) : préavis d’un mois.`;
    } else {
      legalMonths = 2;
      legalRule = `Au moins 2 ans d’ancienneté (${formatMonths(s)}) : préavis de deux mois.`;
    }
    steps.push({
      id: 'legal-rule',
      label: 'Règle légale',
      detail: legalRule,
      ...(legalMonths !== null ? { value: legalMonths, unit: 'mois' as const } : {}),
      articles: [ref('L1234-1')],
    });
    if (input.disabledWorker && legalMonths !== null) {
      const doubled = Math.min(3, legalMonths * 2);
      steps.push({
        id: 'disabled-worker',
        label: 'Travailleur handicapé',
        detail: `Le préavis légal est doublé, sans dépasser trois mois : ${doubled} mois (sauf si la convention ou l’usage prévoit déjà au moins trois mois).`,
        value: doubled,
        unit: 'mois',
        articles: [ref('L5213-9')],
      });
      legalMonths = doubled;
    }
    notes.push(
      'Une convention collective, le contrat de travail ou un usage plus favorable au salarié (durée plus longue ou ancienneté exigée plus courte) s’applique ; une clause du contrat moins favorable est nulle (articles L1234-1 et L1234-2).',
    );
  }
  if (agreement) {
    steps.push({
      id: 'agreement',
      label: `Convention collective (IDCC ${agreement.idcc})`,
      detail: `${agreement.agreement} — « ${agreement.question} » : ${agreement.text}`,
      articles: [],
    });
  } else if (input.idcc) {
    notes.push(`Les questions-réponses n’ont pas de réponse propre à la convention IDCC ${input.idcc} sur ce point : consultez son texte.`);
  }
  notes.push(
    'Le préavis part de la présentation de la lettre de licenciement (article L1234-3) ; non exécuté à la demande de l’employeur, il est indemnisé (article L1234-5).',
  );
  if (input.kind === 'resignation')
    notes.splice(notes.length - 1, 1, 'Le préavis de démission court à compter de la notification de la démission à l’employeur.');
  return { kind: input.kind, legalMonths, legalRule, steps, agreement, notes };
}
