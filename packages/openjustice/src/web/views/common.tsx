import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { DecisionSummary } from '../../http/schemas.ts';
import { STATUS_LABELS, type Status } from '../../review/workflow.ts';
import type { Notice } from '../views.ts';

const STATUS_SEVERITY: Record<Status, 'info' | 'new' | 'success' | 'warning' | 'error'> = {
  loaded: 'info',
  annotated: 'info',
  free: 'new',
  pending: 'warning',
  saved: 'warning',
  toBeConfirmed: 'warning',
  done: 'success',
  locked: 'error',
};

/** The status as a DSFR badge: its words carry the meaning, the colour only repeats it. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <Badge severity={STATUS_SEVERITY[status]} small noIcon as="span">
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function NoticeAlert({ notice }: { notice: Notice | null }) {
  if (!notice) return null;
  return (
    <div className={`fr-alert fr-alert--${notice.severity} fr-alert--sm fr-mb-3w`} role={notice.severity === 'error' ? 'alert' : 'status'}>
      <p>{notice.text}</p>
    </div>
  );
}

export const decisionTitle = (d: Pick<DecisionSummary, 'number' | 'id'>) => (d.number ? `Décision no ${d.number}` : `Décision ${d.id}`);

export const riskText = (r: { score: number; level?: string } | null) =>
  r ? `${Math.round(r.score * 100)} / 100 (${r.level === 'high' ? 'élevé' : r.level === 'medium' ? 'moyen' : 'faible'})` : '—';

export const minutes = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`);
