/**
 * The engine's pass over imported decisions (jobs `openjustice.annotate` and `openjustice.annotate-batch`).
 * Idempotent: a decision is written only while still `loaded` (a retried or duplicated job skips
 * it), in one transaction with its audit row. No decision text reaches the logs.
 */
import type { Db, JobContext, JobQueue, Logger } from '@eig/platform';
import { ENGINE_VERSION, type PseudonymizeResult } from '../index.ts';
import type { EngineRunner } from '../engine/types.ts';
import type { Annotation } from '../review/annotations.ts';
import { reviewRoute } from '../review/workflow.ts';
import type { OpenJusticeSettings } from '../settings.ts';
import { enqueueBatches } from './imports.ts';

export interface AnnotateDeps {
  db: Db;
  engine: EngineRunner;
  settings: OpenJusticeSettings;
  log: Logger;
}

export function toAnnotations(result: PseudonymizeResult): Annotation[] {
  return result.entities.map((e) => ({
    start: e.start,
    end: e.end,
    category: e.category === 'personnePhysique' ? 'personnePhysiqueNom' : e.category,
    entityId: e.entityId,
    ...(e.personId ? { personId: e.personId } : {}),
    score: e.score,
    source: e.source,
  }));
}

/** Annotates one decision; false when there was nothing to do (already annotated, or gone). */
export async function annotateOne(deps: AnnotateDeps, id: number): Promise<boolean> {
  const { db, engine, settings } = deps;
  const found = await db.query<{ text: string }>(`SELECT text FROM openjustice_decisions WHERE id = $1 AND status = 'loaded'`, [id]);
  const row = found.rows[0];
  if (!row) return false;
  const out = await engine.pseudonymize(row.text);
  if (!out.ok) {
    // The import checked the text; an engine refusal is a bug or a limit change: lock it for an admin.
    deps.log.warn({ decisionId: id, code: out.code }, 'engine refused a decision');
    await db.transaction(async (tx) => {
      const upd = await tx.query(
        `UPDATE openjustice_decisions SET status = 'locked', locked_from = 'loaded', updated_at = now(), version = version + 1 WHERE id = $1 AND status = 'loaded'`,
        [id],
      );
      if (upd.rowCount)
        await tx.query(
          `INSERT INTO openjustice_audit (decision_id, actor_kind, action, from_status, to_status, after) VALUES ($1, 'system', 'annotate_failed', 'loaded', 'locked', $2)`,
          [id, JSON.stringify({ code: out.code })],
        );
    });
    return false;
  }
  const r = out.value;
  const anns = toAnnotations(r);
  const route = reviewRoute(r.risk.score, settings.OPENJUSTICE_DOUBLE_REVIEW_RISK);
  const to = settings.OPENJUSTICE_AUTO_RELEASE ? 'free' : 'annotated';
  const m = r.metadata;
  return db.transaction(async (tx) => {
    const upd = await tx.query(
      `UPDATE openjustice_decisions SET status = $2, annotations = $3, engine_annotations = $4, checklist = $5, risk = $6, zones = $7,
         review_route = $8, engine_version = $9, annotated_at = now(), updated_at = now(), version = version + 1,
         court = COALESCE(court, $10), court_type = COALESCE(court_type, $11), chamber = COALESCE(chamber, $12),
         decision_date = COALESCE(decision_date, $13), number = COALESCE(number, $14), solution = COALESCE(solution, $15), ecli = COALESCE(ecli, $16)
       WHERE id = $1 AND status = 'loaded'`,
      [
        id,
        to,
        JSON.stringify(anns),
        anns.length,
        JSON.stringify(r.checklist),
        JSON.stringify({ score: r.risk.score, level: r.risk.level, reasons: r.risk.reasons }),
        JSON.stringify(r.zones),
        route,
        ENGINE_VERSION,
        m.court.name,
        m.court.type,
        m.chamber,
        m.date,
        m.number,
        m.solution,
        m.ecli,
      ],
    );
    if (!upd.rowCount) return false;
    const after = { spans: anns.length, risk: r.risk.score, route, checklist: r.checklist.length };
    await tx.query(
      `INSERT INTO openjustice_audit (decision_id, actor_kind, action, from_status, to_status, after) VALUES ($1, 'system', 'annotate', 'loaded', 'annotated', $2)`,
      [id, JSON.stringify(after)],
    );
    if (to === 'free')
      await tx.query(
        `INSERT INTO openjustice_audit (decision_id, actor_kind, action, from_status, to_status) VALUES ($1, 'system', 'release', 'annotated', 'free')`,
        [id],
      );
    return true;
  });
}

/** A batch, with progress; stops between decisions when the job is aborted (what is done stays done). */
export async function annotateBatch(
  deps: AnnotateDeps,
  ids: number[],
  job?: Pick<JobContext, 'progress' | 'signal'>,
): Promise<{ annotated: number; skipped: number }> {
  let annotated = 0;
  for (const [i, id] of ids.entries()) {
    if (job?.signal.aborted) throw job.signal.reason;
    if (await annotateOne(deps, id)) annotated++;
    job?.progress(i + 1, ids.length, 'décisions annotées');
  }
  return { annotated, skipped: ids.length - annotated };
}

/** Re-enqueues decisions still `loaded` a while after their import (crash between commit and enqueue, failed jobs). */
export async function sweepLoaded(db: Db, jobs: JobQueue, batchSize: number, olderThanMinutes = 10): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM openjustice_decisions WHERE status = 'loaded' AND created_at < now() - make_interval(mins => $1) ORDER BY id LIMIT 5000`,
    [olderThanMinutes],
  );
  await enqueueBatches(
    jobs,
    rows.map((r) => String(r.id)),
    batchSize,
    null,
  );
  return rows.length;
}

export const payloadIds = (payload: unknown): number[] => {
  const p = payload as { decisionIds?: unknown; decisionId?: unknown } | null;
  const raw = Array.isArray(p?.decisionIds) ? p.decisionIds : p?.decisionId !== undefined ? [p.decisionId] : [];
  return raw.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
};
