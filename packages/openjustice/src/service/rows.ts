/** Rows of openjustice_decisions as the service uses them. */
import type { Annotation } from '../review/annotations.ts';
import type { DecisionState, Status } from '../review/workflow.ts';

export interface DecisionRow {
  id: string;
  public_id: string;
  import_id: string | null;
  source_name: string;
  source_id: string;
  status: Status;
  text_length: number;
  court: string | null;
  court_type: string | null;
  chamber: string | null;
  decision_date: string | null;
  number: string | null;
  solution: string | null;
  ecli: string | null;
  risk: { score: number; level: 'low' | 'medium' | 'high'; reasons: { code: string; message: string; weight: number }[] } | null;
  review_route: 'simple' | 'double' | null;
  assignee: number | null;
  first_reviewer: number | null;
  locked_from: Status | null;
  version: number;
  time_spent_ms: string | number;
  created_at: Date | string;
  updated_at: Date | string;
  annotated_at: Date | string | null;
  done_at: Date | string | null;
  engine_version: string | null;
  engine_annotations: number | null;
}

export interface FullDecisionRow extends DecisionRow {
  text: string;
  annotations: Annotation[];
  checklist: { code: string; message: string; terms: string[]; spans: { start: number; end: number }[] }[];
  zones: { zone: string; start: number; end: number }[];
}

/** Columns of the list views: everything but the text and the spans. */
export const LIST_COLUMNS = `id, public_id, import_id, source_name, source_id, status, text_length, court, court_type, chamber,
  decision_date, number, solution, ecli, risk, review_route, assignee, first_reviewer, locked_from, version, time_spent_ms,
  created_at, updated_at, annotated_at, done_at, engine_version, engine_annotations`;

export const stateOf = (r: DecisionRow): DecisionState => ({
  status: r.status,
  assignee: r.assignee,
  firstReviewer: r.first_reviewer,
  lockedFrom: r.locked_from,
  reviewRoute: r.review_route,
});

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
