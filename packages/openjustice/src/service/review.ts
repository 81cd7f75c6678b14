/**
 * The review workflow on the database: every change is one transaction that locks the decision
 * row, checks the action (review/workflow.ts), writes the new state and its audit row (before and
 * after, actor, time spent). Saved spans are checked against the text. A crash loses at most the
 * change in flight, never half of one.
 */
import { HttpError, type Db, type Logger, type Queryable } from '@eig/platform';
import { CATEGORIES, type Category } from '../core/categories.ts';
import {
  AnnotationError,
  addAnnotation,
  changeCategory,
  checkAnnotations,
  diffAnnotations,
  linkEntities,
  removeEntity,
  unlinkPerson,
  occurrences,
  type Annotation,
} from '../review/annotations.ts';
import { STATUSES, WorkflowError, canEdit, checkAssign, nextStatus, type Action, type Actor, type Status } from '../review/workflow.ts';
import type { OpenJusticeSettings } from '../settings.ts';
import { publish } from './publication.ts';
import { LIST_COLUMNS, stateOf, type DecisionRow, type FullDecisionRow } from './rows.ts';

const MAX_TIME_SPENT_MS = 4 * 3600_000;

export interface ListFilter {
  status?: Status;
  /** a user id, or 'none' (not assigned) */
  assignee?: number | 'none';
  /** decision number, appeal number, source id or public id */
  q?: string;
  importId?: number;
  page: number;
  pageSize: number;
}

export interface ChangeInput {
  /** The version the agent edited; a different current version answers 409 (someone else changed it). */
  version?: number;
  annotations?: Annotation[];
  /** Active time the review screen measured since the last change. */
  timeSpentMs?: number;
}

/** Edits the plain-form fallbacks apply on the server (the island does them in the browser). */
export type FormEdit =
  | { kind: 'removeEntity'; entityId: string }
  | { kind: 'changeCategory'; entityId: string; category: Category }
  | { kind: 'addText'; text: string; category: Category }
  | { kind: 'link'; from: string; to: string }
  | { kind: 'unlinkPerson'; entityId: string };

const toHttp = (err: unknown): unknown => {
  if (err instanceof WorkflowError)
    return new HttpError(err.status, err.message, err.status === 403 ? 'openjustice.forbidden' : 'openjustice.bad_transition');
  if (err instanceof AnnotationError) return new HttpError(400, err.message, 'openjustice.bad_annotations');
  return err;
};

const normNumber = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

export class ReviewService {
  constructor(
    private readonly db: Db,
    private readonly settings: OpenJusticeSettings,
    private readonly log: Logger,
  ) {}

  async list(f: ListFilter): Promise<{ items: DecisionRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (f.status) where.push(`status = ${p(f.status)}`);
    if (f.assignee === 'none') where.push('assignee IS NULL');
    else if (typeof f.assignee === 'number') where.push(`assignee = ${p(f.assignee)}`);
    if (f.importId) where.push(`import_id = ${p(f.importId)}`);
    const q = f.q?.trim();
    if (q) {
      const n = normNumber(q);
      const ors = [`public_id = ${p(q.toLowerCase())}`, `source_id = ${p(q)}`];
      if (/^\d{1,15}$/.test(q)) ors.push(`id = ${p(Number(q))}`);
      if (n.length >= 3)
        ors.push(
          `regexp_replace(lower(coalesce(number, '')), '[^a-z0-9]', '', 'g') LIKE ${p(`%${n}%`)}`,
          `lower(coalesce(ecli, '')) = ${p(q.toLowerCase())}`,
        );
      where.push(`(${ors.join(' OR ')})`);
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM openjustice_decisions ${w}`, params);
    const items = await this.db.query<DecisionRow>(
      `SELECT ${LIST_COLUMNS} FROM openjustice_decisions ${w} ORDER BY id DESC LIMIT ${p(f.pageSize)} OFFSET ${p((f.page - 1) * f.pageSize)}`,
      params,
    );
    return { items: items.rows, total: Number(total.rows[0].n) };
  }

  async get(id: number): Promise<FullDecisionRow> {
    const { rows } = await this.db.query<FullDecisionRow>(`SELECT * FROM openjustice_decisions WHERE id = $1`, [id]);
    if (!rows[0]) throw new HttpError(404, 'Décision inconnue.', 'openjustice.decision_not_found');
    return rows[0];
  }

  private async lockRow(tx: Queryable, id: number): Promise<FullDecisionRow> {
    const { rows } = await tx.query<FullDecisionRow>(`SELECT * FROM openjustice_decisions WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw new HttpError(404, 'Décision inconnue.', 'openjustice.decision_not_found');
    return rows[0];
  }

  private timeSpent(row: DecisionRow, claimed: number | undefined): number {
    const elapsed = Math.max(0, Date.now() - new Date(row.updated_at).getTime());
    const bound = Math.min(elapsed + 5_000, MAX_TIME_SPENT_MS);
    return Math.round(Math.max(0, Math.min(claimed ?? Math.min(elapsed, 3600_000), bound)));
  }

  private checkVersion(row: DecisionRow, version: number | undefined) {
    if (version !== undefined && version !== row.version)
      throw new HttpError(
        409,
        'La décision a été modifiée entre-temps (par vous dans un autre onglet, ou par un autre agent) : rechargez la page.',
        'openjustice.stale',
      );
  }

  /**
   * One workflow action, with the spans the agent sends (saved first, in the same transaction).
   * `validate` and `confirm` that reach `done` publish the decision in that transaction too.
   */
  async act(id: number, action: Action, actor: Actor, input: ChangeInput = {}): Promise<FullDecisionRow> {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.lockRow(tx, id);
        this.checkVersion(row, input.version);
        const to = nextStatus(action, stateOf(row), actor);
        const spent = this.timeSpent(row, input.timeSpentMs);
        let annotations = row.annotations;
        let diff: ReturnType<typeof diffAnnotations> | null = null;
        if (input.annotations) {
          if (!canEdit(stateOf(row), actor))
            throw new WorkflowError(403, 'Vous ne pouvez pas modifier les occultations de cette décision.');
          annotations = checkAnnotations(row.text, input.annotations);
          diff = diffAnnotations(row.annotations, annotations);
        }
        const sets: string[] = ['status = $2', 'updated_at = now()', 'version = version + 1', 'time_spent_ms = time_spent_ms + $3'];
        const params: unknown[] = [id, to, spent];
        const p = (v: unknown) => `$${params.push(v)}`;
        if (diff && (diff.added.length || diff.removed.length)) sets.push(`annotations = ${p(JSON.stringify(annotations))}`);
        if (action === 'claim') sets.push(`assignee = ${p(actor.id)}`);
        if (action === 'validate') sets.push(`first_reviewer = ${p(actor.id)}`);
        if (action === 'reject') sets.push('assignee = first_reviewer');
        if (action === 'lock') sets.push(`locked_from = ${p(row.status)}`);
        if (action === 'unlock') sets.push('locked_from = NULL');
        if (to === 'done') sets.push('done_at = now()');
        await tx.query(`UPDATE openjustice_decisions SET ${sets.join(', ')} WHERE id = $1`, params);
        if (diff && (diff.added.length || diff.removed.length))
          await this.audit(tx, id, actor, 'annotations', row.status, row.status, diff.removed, diff.added, 0);
        await this.audit(tx, id, actor, action, row.status, to, null, null, spent);
        const updated = await this.lockRow(tx, id);
        if (to === 'done') await publish(tx, updated);
        return updated;
      });
    } catch (err) {
      throw toHttp(err);
    }
  }

  /** Saves the spans without leaving the review (`pending` → `saved`; a second reviewer stays `toBeConfirmed`). */
  async saveAnnotations(id: number, actor: Actor, input: ChangeInput & { annotations: Annotation[] }): Promise<FullDecisionRow> {
    const row = await this.get(id);
    if (row.status === 'toBeConfirmed') return this.edit(id, actor, input);
    return this.act(id, 'save', actor, input);
  }

  /** Changes spans without a status change (second review, form fallbacks). */
  private async edit(id: number, actor: Actor, input: ChangeInput & { annotations: Annotation[] }): Promise<FullDecisionRow> {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.lockRow(tx, id);
        this.checkVersion(row, input.version);
        if (!canEdit(stateOf(row), actor)) throw new WorkflowError(403, 'Vous ne pouvez pas modifier les occultations de cette décision.');
        const annotations = checkAnnotations(row.text, input.annotations);
        const diff = diffAnnotations(row.annotations, annotations);
        const spent = this.timeSpent(row, input.timeSpentMs);
        await tx.query(
          `UPDATE openjustice_decisions SET annotations = $2, updated_at = now(), version = version + 1, time_spent_ms = time_spent_ms + $3 WHERE id = $1`,
          [id, JSON.stringify(annotations), spent],
        );
        await this.audit(tx, id, actor, 'annotations', row.status, row.status, diff.removed, diff.added, spent);
        return this.lockRow(tx, id);
      });
    } catch (err) {
      throw toHttp(err);
    }
  }

  /** The plain-form edits (no JavaScript): applied to the stored spans, then saved like the island's. */
  async formEdit(id: number, actor: Actor, edit: FormEdit, version?: number): Promise<FullDecisionRow> {
    const row = await this.get(id);
    let anns = row.annotations;
    try {
      if (edit.kind === 'removeEntity') anns = removeEntity(anns, edit.entityId);
      else if (edit.kind === 'changeCategory') anns = changeCategory(anns, edit.entityId, edit.category);
      else if (edit.kind === 'link') anns = linkEntities(anns, edit.from, edit.to);
      else if (edit.kind === 'unlinkPerson') anns = unlinkPerson(anns, edit.entityId);
      else {
        const found = occurrences(row.text, edit.text).filter((o) => !anns.some((a) => a.start < o.end && o.start < a.end));
        if (!found.length) throw new AnnotationError('Ce texte ne figure pas dans la décision (ou il est déjà occulté).');
        anns = addAnnotation(row.text, anns, found[0], edit.category, { allOccurrences: true });
      }
    } catch (err) {
      throw toHttp(err);
    }
    return row.status === 'toBeConfirmed'
      ? this.edit(id, actor, { version, annotations: anns })
      : this.act(id, 'save', actor, { version, annotations: anns });
  }

  async assign(id: number, actor: Actor, assignee: number | null): Promise<FullDecisionRow> {
    try {
      return await this.db.transaction(async (tx) => {
        const row = await this.lockRow(tx, id);
        checkAssign(stateOf(row), actor);
        if (assignee !== null) {
          const u = await tx.query<{ roles: string[] }>('SELECT roles FROM platform_users WHERE id = $1', [assignee]);
          if (!u.rows[0] || !u.rows[0].roles.some((r) => r === 'openjustice.agent' || r === 'openjustice.admin'))
            throw new HttpError(400, 'Cet utilisateur n’est pas agent Open Justice.', 'openjustice.not_an_agent');
        }
        await tx.query(`UPDATE openjustice_decisions SET assignee = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
          id,
          assignee,
        ]);
        await this.audit(tx, id, actor, 'assign', row.status, row.status, { assignee: row.assignee }, { assignee }, 0);
        return this.lockRow(tx, id);
      });
    } catch (err) {
      throw toHttp(err);
    }
  }

  private audit(
    tx: Queryable,
    id: number,
    actor: Actor,
    action: string,
    from: Status,
    to: Status,
    before: unknown,
    after: unknown,
    spent: number,
  ) {
    return tx.query(
      `INSERT INTO openjustice_audit (decision_id, actor, actor_kind, action, from_status, to_status, before, after, time_spent_ms) VALUES ($1, $2, 'user', $3, $4, $5, $6, $7, $8)`,
      [
        id,
        actor.id,
        action,
        from,
        to,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
        spent,
      ],
    );
  }

  async history(id: number, limit = 200) {
    const { rows } = await this.db.query<{
      id: string;
      at: Date | string;
      actor: number | null;
      actor_kind: string;
      email: string | null;
      action: string;
      from_status: string | null;
      to_status: string | null;
      before: unknown;
      after: unknown;
      time_spent_ms: number;
    }>(
      `SELECT a.id, a.at, a.actor, a.actor_kind, u.email, a.action, a.from_status, a.to_status, a.before, a.after, a.time_spent_ms
       FROM openjustice_audit a LEFT JOIN platform_users u ON u.id = a.actor WHERE a.decision_id = $1 ORDER BY a.id DESC LIMIT $2`,
      [id, limit],
    );
    return rows;
  }

  /** The queue by status, who did what (last 30 days), the engine's corrections. */
  async stats() {
    const byStatus = await this.db.query<{ status: Status; n: string }>(
      `SELECT status, count(*) AS n FROM openjustice_decisions GROUP BY status`,
    );
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const r of byStatus.rows) counts[r.status] = Number(r.n);
    const agents = await this.db.query<{
      actor: number;
      email: string | null;
      validated: string;
      confirmed: string;
      edits: string;
      time_ms: string;
    }>(
      `SELECT a.actor, u.email,
         count(*) FILTER (WHERE a.action = 'validate') AS validated,
         count(*) FILTER (WHERE a.action = 'confirm') AS confirmed,
         count(*) FILTER (WHERE a.action = 'annotations') AS edits,
         coalesce(sum(a.time_spent_ms), 0) AS time_ms
       FROM openjustice_audit a LEFT JOIN platform_users u ON u.id = a.actor
       WHERE a.actor_kind = 'user' AND a.at > now() - interval '30 days'
       GROUP BY a.actor, u.email ORDER BY validated DESC, a.actor LIMIT 100`,
    );
    const risk = await this.db.query<{ double: string; simple: string }>(
      `SELECT count(*) FILTER (WHERE review_route = 'double') AS double, count(*) FILTER (WHERE review_route = 'simple') AS simple FROM openjustice_decisions`,
    );
    return {
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      review: { double: Number(risk.rows[0].double), simple: Number(risk.rows[0].simple) },
      agents: agents.rows.map((r) => ({
        userId: r.actor,
        email: r.email,
        validated: Number(r.validated),
        confirmed: Number(r.confirmed),
        edits: Number(r.edits),
        timeSpentMs: Number(r.time_ms),
      })),
    };
  }

  /** Agents one may pre-assign to. */
  async agents(): Promise<{ id: number; email: string }[]> {
    const { rows } = await this.db.query<{ id: number; email: string }>(
      `SELECT id, email FROM platform_users WHERE roles && ARRAY['openjustice.agent', 'openjustice.admin']::text[] ORDER BY email LIMIT 500`,
    );
    return rows;
  }
}

export const isCategoryName = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);
