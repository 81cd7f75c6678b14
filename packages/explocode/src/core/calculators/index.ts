export {
  computeSeverance,
  CalculatorInputError,
  type SeveranceInput,
  type SeveranceResult,
  type Absence,
  type AbsenceKind,
  type PartTimePeriod,
  type DismissalReason,
} from './severance.ts';
export { computeNotice, type NoticeInput, type NoticeResult } from './notice.ts';
export { agreementAnswer, type AgreementTopic } from './agreement-answers.ts';
export type { AgreementAnswer, CalcStep, LegalRef } from './types.ts';
