/**
 * Imports: decisions written `loaded` in one transaction with their import row (all or nothing),
 * then annotation jobs enqueued in batches. A crash between the commit and the enqueue loses
 * nothing: the sweep job (annotation.ts) re-enqueues decisions left `loaded`.
 */
import { createHash } from 'node:crypto';
import type { Db, JobQueue } from '@eig/platform';
import type { ParseProblem, RawDecision } from '../ingest/parse.ts';
import { ANNOTATE_BATCH_JOB } from './jobs.ts';

export interface ImportOutcome {
  importId: string;
  decisions: number;
  duplicates: number;
  problems: ParseProblem[];
  jobs: string[];
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Stable public id (24 hex, as Judilibre's): the same source decision always publishes under the same id. */
export const publicIdOf = (sourceName: string, sourceId: string) => sha(`${sourceName}\u0000${sourceId}`).slice(0, 24);

export async function importDecisions(
  db: Db,
  jobs: JobQueue,
  raws: RawDecision[],
  opts: { origin: 'api' | 'cli'; userId: number | null; files: number; problems: ParseProblem[]; batchSize: number },
): Promise<ImportOutcome> {
  const { importId, ids, duplicates } = await db.transaction(async (tx) => {
    const imp = await tx.query<{ id: string }>(
      `INSERT INTO openjustice_imports (created_by, origin, files, problems) VALUES ($1, $2, $3, $4) RETURNING id`,
      [opts.userId, opts.origin, opts.files, JSON.stringify(opts.problems.slice(0, 500))],
    );
    const importId = String(imp.rows[0].id);
    const ids: string[] = [];
    let duplicates = 0;
    for (const r of raws) {
      const sourceId = r.sourceId ?? `sha256:${sha(r.text).slice(0, 32)}`;
      const m = r.meta;
      const res = await tx.query<{ id: string }>(
        `INSERT INTO openjustice_decisions (public_id, import_id, source_name, source_id, status, text, text_length,
           court, chamber, decision_date, number, solution, ecli)
         VALUES ($1, $2, $3, $4, 'loaded', $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (source_name, source_id) DO NOTHING RETURNING id`,
        [
          publicIdOf(r.sourceName, sourceId),
          importId,
          r.sourceName,
          sourceId,
          r.text,
          r.text.length,
          m.court ?? null,
          m.chamber ?? null,
          m.date ?? null,
          m.number ?? null,
          m.solution ?? null,
          m.ecli ?? null,
        ],
      );
      if (res.rows[0]) {
        ids.push(String(res.rows[0].id));
        await tx.query(
          `INSERT INTO openjustice_audit (decision_id, actor, actor_kind, action, to_status, after) VALUES ($1, $2, $3, 'import', 'loaded', $4)`,
          [res.rows[0].id, opts.userId, opts.userId === null ? 'cli' : 'user', JSON.stringify({ importId, length: r.text.length })],
        );
      } else duplicates++;
    }
    await tx.query(`UPDATE openjustice_imports SET decisions = $2, duplicates = $3 WHERE id = $1`, [importId, ids.length, duplicates]);
    return { importId, ids, duplicates };
  });
  const jobIds = await enqueueBatches(jobs, ids, opts.batchSize, importId);
  return { importId, decisions: ids.length, duplicates, problems: opts.problems, jobs: jobIds };
}

export async function enqueueBatches(jobs: JobQueue, ids: string[], batchSize: number, importId: string | null): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += batchSize) {
    out.push(
      await jobs.enqueue(ANNOTATE_BATCH_JOB, {
        decisionIds: ids.slice(i, i + batchSize).map(Number),
        importId: importId ? Number(importId) : null,
      }),
    );
  }
  return out;
}
