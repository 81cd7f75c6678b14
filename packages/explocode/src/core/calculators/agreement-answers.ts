/**
 * A collective agreement's own answer to a calculator's question, read from the question-réponses
 * (contributions-data): "Quelle est la durée de préavis en cas de licenciement ?" has answers for more
 * than 120 agreements. Pure: the caller passes the corpus's contributions and agreements.
 */
import { fold } from '@eig/platform/search';
import { normaliseIdcc } from '../idcc.ts';
import type { Contribution, Convention } from '../types.ts';
import type { AgreementAnswer } from './types.ts';

export type AgreementTopic = 'notice-dismissal' | 'notice-resignation' | 'severance';

/** The question-réponse each topic is answered by (folded titles). */
const QUESTION: Record<AgreementTopic, RegExp> = {
  'notice-dismissal': /duree (?:de|du) preavis en cas de licenciement/,
  'notice-resignation': /duree (?:de|du) preavis en cas de demission/,
  severance: /indemnite(?:s)? (?:legale |conventionnelle )?de licenciement/,
};

export function agreementAnswer(
  contributions: readonly Contribution[],
  conventions: readonly Convention[],
  idcc: string,
  topic: AgreementTopic,
): AgreementAnswer | null {
  const id = normaliseIdcc(idcc);
  const re = QUESTION[topic];
  for (const c of contributions) {
    if (!re.test(fold(c.title))) continue;
    const a = c.byConvention.find((x) => x.idcc !== null && normaliseIdcc(x.idcc) === id);
    if (!a || !a.text.trim()) continue;
    const conv = conventions.find((v) => normaliseIdcc(v.idcc) === id);
    return {
      idcc: id,
      agreement: conv ? conv.shortTitle || conv.title : `IDCC ${id}`,
      question: c.title,
      text: a.text.trim(),
      url: `/explocode/contribution/${encodeURIComponent(c.slug)}?idcc=${id}`,
    };
  }
  return null;
}
