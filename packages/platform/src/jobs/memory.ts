import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { nextCronTime, resolveJob, retryDelaySeconds, toDefinition, undeclared, type ResolvedJob } from './options.ts';
import { throttledProgress } from './progress.ts';
import {
  JobAbort,
  JobNotRetryableError,
  errorMessage,
  type JobDefinition,
  type JobFilter,
  type JobHandler,
  type JobOptions,
  type JobQueue,
  type JobState,
  type JobStatus,
} from './types.ts';

/*
 * Hand-written on purpose: pg-boss and graphile-worker need a real PostgreSQL server (a pool of
 * connections, SKIP LOCKED across sessions); PGlite is one in-process connection, and one process
 * owns the database (pglite-lock.ts), so a small in-process scheduler over one table is enough.
 * It keeps pg-boss's semantics: attempts, retry with backoff, timeout, exclusive names, cron.
 */

export const localJobMigrations = [
  // v1's table, unchanged (already applied on databases that ran the v1 PostgreSQL queue).
  {
    id: '001_jobs',
    sql: `
      CREATE TABLE platform_jobs (
        id bigserial PRIMARY KEY,
        name text NOT NULL,
        payload jsonb,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed')),
        progress_done double precision NOT NULL DEFAULT 0,
        progress_total double precision NOT NULL DEFAULT 0,
        progress_message text NOT NULL DEFAULT '',
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz,
        finished_at timestamptz
      );
      CREATE INDEX platform_jobs_pending ON platform_jobs (name, id) WHERE state IN ('queued', 'running');
    `,
  },
  {
    id: 'jobs_002_local_queue',
    sql: `
      ALTER TABLE platform_jobs DROP CONSTRAINT IF EXISTS platform_jobs_state_check;
      ALTER TABLE platform_jobs ADD CONSTRAINT platform_jobs_state_check
        CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled'));
      ALTER TABLE platform_jobs
        ADD COLUMN attempts int NOT NULL DEFAULT 0,
        ADD COLUMN max_attempts int NOT NULL DEFAULT 1,
        ADD COLUMN retry_delay_seconds int NOT NULL DEFAULT 0,
        ADD COLUMN retry_backoff boolean NOT NULL DEFAULT false,
        ADD COLUMN run_after timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN started_at timestamptz;
      DROP INDEX IF EXISTS platform_jobs_pending;
      CREATE INDEX platform_jobs_queued ON platform_jobs (name, run_after, id) WHERE state = 'queued';
      CREATE INDEX platform_jobs_finished ON platform_jobs (finished_at) WHERE state IN ('done', 'failed', 'cancelled');
      CREATE INDEX platform_jobs_recent ON platform_jobs (id DESC);
    `,
  },
];

export interface MemoryQueueOptions {
  log?: Logger;
  /** Run handlers in this process (default true; false for one-shot CLI commands). */
  work?: boolean;
  /** Finished jobs older than this are deleted (default 7 days). */
  keepFinishedDays?: number;
  /** Progress writes per job: at most one per this many ms (default 500). */
  progressIntervalMs?: number;
}

interface Row {
  id: number;
  name: string;
  state: JobState | 'cancelled';
  progress_done: number;
  progress_total: number;
  progress_message: string;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  attempts: number;
  max_attempts: number;
  run_after: Date;
}

const COLUMNS = `id, name, state, progress_done, progress_total, progress_message, error, created_at, started_at,
  finished_at, attempts, max_attempts, run_after`;

const toStatus = (r: Row): JobStatus => ({
  id: String(r.id),
  name: r.name,
  state: r.state === 'cancelled' ? 'failed' : r.state,
  progress: { done: r.progress_done, total: r.progress_total, message: r.progress_message },
  ...(r.error != null && { error: r.error }),
  createdAt: r.created_at,
  ...(r.started_at && { startedAt: r.started_at }),
  ...(r.finished_at && { finishedAt: r.finished_at }),
  attempts: r.attempts,
  maxAttempts: r.max_attempts,
  ...(r.state === 'queued' && { runAfter: r.run_after }),
  ...(r.state === 'cancelled' && { cancelled: true }),
});

const INTERRUPTED = 'Interrompue : le processus s’est arrêté pendant la tâche.';
const ID = /^\d{1,18}$/;
// setTimeout takes at most 2^31 − 1 ms; a later wake-up is re-armed.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The in-process queue for PGlite: jobs persist in `platform_jobs`, so the history survives a
 * restart, and a job that was running when the process died is retried (or failed) at the next start.
 */
export async function createMemoryJobQueue(db: Db, opts: MemoryQueueOptions = {}): Promise<JobQueue> {
  if (db.kind !== 'pglite')
    throw new Error('La file de tâches en processus est réservée à PGlite : sur PostgreSQL, utilisez createJobQueue');
  const log = opts.log;
  const working = opts.work ?? true;
  const keepDays = opts.keepFinishedDays ?? 7;
  const progressIntervalMs = opts.progressIntervalMs ?? 500;
  await migrate(db, 'platform', localJobMigrations);

  // The process that ran these is gone (one process owns a PGlite database): each counts as a failed attempt.
  const interrupted = await db.query<{ id: number; name: string; state: string }>(
    `UPDATE platform_jobs SET
       state = CASE WHEN attempts < max_attempts THEN 'queued' ELSE 'failed' END,
       finished_at = CASE WHEN attempts < max_attempts THEN NULL ELSE now() END,
       run_after = now(), error = $1
     WHERE state = 'running' RETURNING id, name, state`,
    [INTERRUPTED],
  );
  for (const r of interrupted.rows) log?.warn({ job: r.name, id: String(r.id), state: r.state }, 'job interrupted by a restart');
  await db.query(
    `DELETE FROM platform_jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < now() - make_interval(days => $1)`,
    [keepDays],
  );

  const defs = new Map<string, ResolvedJob>();
  const running = new Map<string, { name: string; controller: AbortController; settled: Promise<void> }>();
  const cronTimers = new Map<string, NodeJS.Timeout>();
  let wakeTimer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let again = false;
  let closing = false;
  let lastPrune = Date.now();

  const runningCount = (name: string) => [...running.values()].filter((r) => r.name === name).length;

  /** Runs drain passes one after the other: two passes never claim the same slot. */
  function kick() {
    if (closing || !working) return;
    if (pass) {
      again = true;
      return;
    }
    pass = (async () => {
      do {
        again = false;
        await drainOnce();
      } while (again && !closing);
    })()
      .catch((err) => log?.error({ err }, 'job queue pass failed'))
      .finally(() => {
        pass = undefined;
      });
  }

  async function drainOnce() {
    for (const def of defs.values()) {
      const capacity = def.exclusive ? 1 : def.concurrency;
      while (!closing && runningCount(def.name) < capacity) {
        const { rows } = await db.query<{ id: number; payload: unknown; attempts: number }>(
          // A retry starts from zero progress rather than showing the last attempt's.
          `UPDATE platform_jobs SET state = 'running', attempts = attempts + 1, started_at = now(),
             progress_done = CASE WHEN attempts > 0 THEN 0 ELSE progress_done END,
             progress_total = CASE WHEN attempts > 0 THEN 0 ELSE progress_total END,
             progress_message = CASE WHEN attempts > 0 THEN '' ELSE progress_message END
           WHERE id = (SELECT id FROM platform_jobs WHERE name = $1 AND state = 'queued' AND run_after <= now() ORDER BY id LIMIT 1)
           RETURNING id, payload, attempts`,
          [def.name],
        );
        if (!rows[0]) break;
        start(def, String(rows[0].id), rows[0].payload, rows[0].attempts);
      }
    }
    await armWake();
    if (Date.now() - lastPrune > 3600_000) {
      lastPrune = Date.now();
      await db.query(
        `DELETE FROM platform_jobs WHERE state IN ('done', 'failed', 'cancelled') AND finished_at < now() - make_interval(days => $1)`,
        [keepDays],
      );
    }
  }

  /** One timer for the earliest queued job that waits (retry backoff, delayed job). */
  async function armWake() {
    clearTimeout(wakeTimer);
    const names = [...defs.keys()];
    if (names.length === 0 || closing) return;
    const { rows } = await db.query<{ ms: number | null }>(
      `SELECT (extract(epoch FROM min(run_after) - now()) * 1000)::float8 AS ms FROM platform_jobs
        WHERE state = 'queued' AND name = ANY($1::text[])`,
      [names],
    );
    const ms = rows[0]?.ms;
    if (ms == null) return;
    wakeTimer = setTimeout(kick, Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(ms))));
    wakeTimer.unref();
  }

  function start(def: ResolvedJob, id: string, payload: unknown, attempt: number) {
    const controller = new AbortController();
    const progress = throttledProgress(
      (p) =>
        db.query('UPDATE platform_jobs SET progress_done = $2, progress_total = $3, progress_message = $4 WHERE id = $1', [
          id,
          p.done,
          p.total,
          p.message,
        ]),
      progressIntervalMs,
      log,
    );
    // Timeout and cancel end the attempt at once, as pg-boss does, even if the handler ignores its
    // signal; shutdown waits for the handler (ingests clean up after themselves when aborted).
    const cutShort = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => {
        const reason = controller.signal.reason as JobAbort;
        if (reason.reason !== 'shutdown') reject(reason);
      }),
    );
    const timer = setTimeout(() => controller.abort(new JobAbort('timeout')), def.timeoutSeconds * 1000);
    timer.unref();

    const settled = (async () => {
      let error: unknown;
      let ok = false;
      try {
        const handled = Promise.resolve().then(() =>
          def.handler(payload, { id, name: def.name, attempt, progress: progress.report, signal: controller.signal }),
        );
        await Promise.race([handled, cutShort]);
        ok = true;
      } catch (err) {
        error = err;
      } finally {
        clearTimeout(timer);
      }
      await progress.flush();
      progress.stop();
      if (ok) {
        await db.query(`UPDATE platform_jobs SET state = 'done', error = NULL, finished_at = now() WHERE id = $1 AND state = 'running'`, [
          id,
        ]);
        return;
      }
      const message = errorMessage(error);
      if (!(error instanceof JobAbort && error.reason === 'cancelled'))
        log?.error({ err: error, job: def.name, id, attempt }, 'job attempt failed');
      const { rows } = await db.query<{ attempts: number; retry_delay_seconds: number; retry_backoff: boolean; max_attempts: number }>(
        'SELECT attempts, max_attempts, retry_delay_seconds, retry_backoff FROM platform_jobs WHERE id = $1',
        [id],
      );
      const r = rows[0];
      const retry = r && r.attempts < r.max_attempts;
      const delay = r ? retryDelaySeconds({ retryDelaySeconds: r.retry_delay_seconds, retryBackoff: r.retry_backoff }, r.attempts) : 0;
      await db.query(
        `UPDATE platform_jobs SET error = $2,
           state = CASE WHEN $3 THEN 'queued' ELSE 'failed' END,
           run_after = now() + make_interval(secs => $4),
           finished_at = CASE WHEN $3 THEN NULL ELSE now() END
         WHERE id = $1 AND state = 'running'`,
        [id, message, retry, delay],
      );
    })()
      .catch((err) => log?.error({ err, job: def.name, id }, 'job bookkeeping failed'))
      .finally(() => {
        running.delete(id);
        kick();
      });
    running.set(id, { name: def.name, controller, settled });
  }

  function armCron(def: ResolvedJob) {
    clearTimeout(cronTimers.get(def.name));
    if (!def.schedule || !working || closing) return;
    const { cron, timezone, payload } = def.schedule;
    const at = nextCronTime(cron, timezone);
    const timer = setTimeout(
      () => {
        if (Date.now() < at.getTime()) return armCron(def); // a long wait was capped: not yet
        queue.enqueue(def.name, payload).catch((err) => log?.error({ err, job: def.name }, 'scheduled job not enqueued'));
        armCron(def);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, at.getTime() - Date.now())),
    );
    timer.unref();
    cronTimers.set(def.name, timer);
  }

  const queue: JobQueue = {
    kind: 'memory',
    working,
    register(nameOrDef: string | JobDefinition, handler?: JobHandler, options?: JobOptions) {
      const def = resolveJob(toDefinition(nameOrDef, handler, options));
      defs.set(def.name, def);
      armCron(def);
      kick();
    },
    async enqueue(name, payload, options = {}) {
      if (closing) throw new Error('File de tâches fermée');
      const def = defs.get(name) ?? undeclared(name);
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO platform_jobs (name, payload, max_attempts, retry_delay_seconds, retry_backoff, run_after)
         VALUES ($1, $2::jsonb, $3, $4, $5, coalesce($6::timestamptz, now())) RETURNING id`,
        [
          def.name,
          JSON.stringify(payload ?? null),
          def.retryLimit + 1,
          def.retryDelaySeconds,
          def.retryBackoff,
          options.runAt?.toISOString() ?? null,
        ],
      );
      // Next tick: the caller gets its id before the job starts.
      queueMicrotask(kick);
      return String(rows[0].id);
    },
    async get(id) {
      if (!ID.test(id)) return undefined;
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM platform_jobs WHERE id = $1`, [id]);
      return rows[0] && toStatus(rows[0]);
    },
    async list(filter = {}) {
      const f: JobFilter = typeof filter === 'string' ? { name: filter } : filter;
      const states = f.state === 'failed' ? ['failed', 'cancelled'] : f.state ? [f.state] : null;
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM platform_jobs
          WHERE ($1::text IS NULL OR name = $1) AND ($2::text[] IS NULL OR state = ANY($2::text[]))
          ORDER BY id DESC LIMIT $3 OFFSET $4`,
        [f.name ?? null, states, clampLimit(f.limit), Math.max(0, f.offset ?? 0)],
      );
      return rows.map(toStatus);
    },
    async retry(id) {
      if (!ID.test(id)) throw new JobNotRetryableError(id);
      const { rowCount } = await db.query(
        `UPDATE platform_jobs SET state = 'queued', max_attempts = attempts + 1, run_after = now(), finished_at = NULL
          WHERE id = $1 AND state IN ('failed', 'cancelled')`,
        [id],
      );
      if (rowCount !== 1) throw new JobNotRetryableError(id);
      kick();
      return id;
    },
    async cancel(id) {
      if (!ID.test(id)) return false;
      const { rowCount } = await db.query(
        `UPDATE platform_jobs SET state = 'cancelled', error = $2, finished_at = now() WHERE id = $1 AND state IN ('queued', 'running')`,
        [id, new JobAbort('cancelled').message],
      );
      running.get(id)?.controller.abort(new JobAbort('cancelled'));
      return rowCount === 1;
    },
    async close({ graceMs = 0 } = {}) {
      closing = true;
      clearTimeout(wakeTimer);
      for (const t of cronTimers.values()) clearTimeout(t);
      await pass;
      const all = () => Promise.allSettled([...running.values()].map((r) => r.settled));
      if (graceMs > 0 && running.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
      }
      for (const r of running.values()) r.controller.abort(new JobAbort('shutdown'));
      await all();
    },
  };
  return queue;
}

export function clampLimit(limit: number | undefined): number {
  return Math.min(1000, Math.max(1, Math.floor(limit ?? 100)));
}
