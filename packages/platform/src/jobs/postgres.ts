import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { clampLimit } from './memory.ts';
import { resolveJob, toDefinition, undeclared, type ResolvedJob } from './options.ts';
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
 * PostgreSQL: pg-boss does the queueing (SKIP LOCKED fetch, retries with backoff, expiry of jobs whose
 * process died, cron, archiving and deletion). pg-boss 10 is its newest line that supports Node 20
 * (11 and later need Node 22). This file adds what pg-boss 10 lacks: progress visible from every
 * process (platform_job_progress), wake-ups by NOTIFY, cross-process cancel, and the platform's
 * JobStatus view over pg-boss's tables (read-only SQL over pgboss.job and pgboss.archive, whose
 * columns are fixed within pg-boss's major version: the dependency is pinned to ~10.4).
 */

export const pgJobMigrations = [
  {
    id: 'jobs_003_progress',
    sql: `
      CREATE TABLE platform_job_progress (
        job_id uuid PRIMARY KEY,
        done double precision NOT NULL DEFAULT 0,
        total double precision NOT NULL DEFAULT 0,
        message text NOT NULL DEFAULT '',
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

export interface PostgresQueueOptions {
  /** The database URL: pg-boss keeps a small pool of its own. */
  connectionString: string;
  log?: Logger;
  /** Run handlers (and pg-boss maintenance and cron) in this process (default true). */
  work?: boolean;
  /** How often an idle worker looks for jobs when no NOTIFY woke it (default 2 s, at least 0.5). */
  pollingIntervalSeconds?: number;
  /** Expiry of dead jobs, archiving and deletion run this often, by one process at a time (default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** Finished jobs move to pgboss.archive after this (default 12 h)... */
  archiveAfterSeconds?: number;
  /** ...and are deleted from the archive after this (default 7 days). */
  deleteAfterDays?: number;
  /** How often cron schedules are checked, and scheduled jobs created (default 30 s and 5 s; tests: 1). */
  cronIntervalSeconds?: number;
  /** Progress writes per job: at most one per this many ms (default 1000). */
  progressIntervalMs?: number;
  /** pg-boss's own pool (default 3 connections). */
  poolSize?: number;
  /** Database schema of pg-boss's tables (default `pgboss`). */
  schema?: string;
}

/** Enqueues wake idle workers in every process at once instead of at their next poll. */
const WAKE_CHANNEL = 'eig_jobs_wake';
/** Carries the id of a cancelled job to the process running it. */
const CANCEL_CHANNEL = 'eig_jobs_cancel';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// pg-boss's own queues (cron): hidden. `_` is a LIKE wildcard, hence the escapes.
const INTERNAL = String.raw`\_\_pgboss\_\_%`;

type CommandResponse = { affected: number };

interface Row {
  id: string;
  name: string;
  state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  started_on: Date | null;
  completed_on: Date | null;
  start_after: Date;
  output: unknown;
  done: number | null;
  total: number | null;
  message: string | null;
}

const STATES: Record<Row['state'], JobState> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'done',
  cancelled: 'failed',
  failed: 'failed',
};

const BOSS_STATES: Record<JobState, Row['state'][]> = {
  queued: ['created', 'retry'],
  running: ['active'],
  done: ['completed'],
  failed: ['failed', 'cancelled'],
};

/** pg-boss's own failure messages, in the users' language. */
function bossError(output: unknown): string | undefined {
  if (!output || typeof output !== 'object') return undefined;
  const o = output as { message?: unknown; value?: unknown };
  const raw =
    typeof o.message === 'string'
      ? o.message
      : typeof o.value === 'string'
        ? o.value
        : o.value && typeof o.value === 'object' && typeof (o.value as { message?: unknown }).message === 'string'
          ? (o.value as { message: string }).message
          : undefined;
  if (raw === undefined) return undefined;
  if (raw === 'job failed by timeout in active state')
    return 'Interrompue : durée maximale dépassée, ou le processus qui l’exécutait s’est arrêté.';
  if (raw.startsWith('handler execution exceeded')) return new JobAbort('timeout').message;
  if (raw === 'pg-boss shut down while active') return new JobAbort('shutdown').message;
  return raw;
}

function sameQueue(a: PgBoss.Queue, b: PgBoss.Queue): boolean {
  return (
    a.policy === b.policy &&
    a.retryLimit === b.retryLimit &&
    a.retryDelay === b.retryDelay &&
    a.retryBackoff === b.retryBackoff &&
    a.expireInSeconds === b.expireInSeconds
  );
}

function toStatus(r: Row): JobStatus {
  const state = STATES[r.state];
  const error = r.state === 'completed' ? undefined : bossError(r.output);
  const finished = r.state === 'completed' || r.state === 'failed' || r.state === 'cancelled';
  return {
    id: r.id,
    name: r.name,
    state,
    progress: { done: r.done ?? 0, total: r.total ?? 0, message: r.message ?? '' },
    ...(error !== undefined && { error }),
    createdAt: r.created_on,
    ...(r.started_on && { startedAt: r.started_on }),
    ...(finished && r.completed_on && { finishedAt: r.completed_on }),
    attempts: r.started_on ? r.retry_count + 1 : 0,
    maxAttempts: r.retry_limit + 1,
    ...(state === 'queued' && { runAfter: r.start_after }),
    ...(r.state === 'cancelled' && { cancelled: true }),
  };
}

export async function createPostgresJobQueue(db: Db, opts: PostgresQueueOptions): Promise<JobQueue> {
  const log = opts.log;
  const working = opts.work ?? true;
  const schema = opts.schema ?? 'pgboss';
  const pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 2;
  const progressIntervalMs = opts.progressIntervalMs ?? 1000;
  await migrate(db, 'platform', pgJobMigrations);

  const boss = new PgBoss({
    connectionString: opts.connectionString,
    max: opts.poolSize ?? 3,
    application_name: 'eig-jobs',
    schema,
    migrate: true,
    // Expiry of dead jobs, archiving and cron only where jobs are worked: a web-only process stays light.
    supervise: working,
    schedule: working,
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
    archiveCompletedAfterSeconds: opts.archiveAfterSeconds ?? 12 * 3600,
    deleteAfterDays: opts.deleteAfterDays ?? 7,
    ...(opts.cronIntervalSeconds && {
      cronMonitorIntervalSeconds: opts.cronIntervalSeconds,
      cronWorkerIntervalSeconds: opts.cronIntervalSeconds,
    }),
  });
  boss.on('error', (err) => log?.error({ err }, 'job queue error'));
  // The maintenance pass ran in this process (one process per interval): drop the progress of jobs pg-boss deleted.
  boss.on('maintenance', () => {
    db.query(
      `DELETE FROM platform_job_progress p WHERE p.updated_at < now() - interval '1 hour'
         AND NOT EXISTS (SELECT 1 FROM ${schema}.job j WHERE j.id = p.job_id)
         AND NOT EXISTS (SELECT 1 FROM ${schema}.archive a WHERE a.id = p.job_id)`,
    ).catch((err) => log?.warn({ err }, 'job progress pruning failed'));
  });
  await boss.start();

  const defs = new Map<string, ResolvedJob>();
  const queues = new Map<string, Promise<void>>(); // name → its createQueue/updateQueue, once per declaration
  const workers = new Map<string, string[]>(); // name → pg-boss worker ids in this process
  const running = new Map<string, { name: string; controller: AbortController; settled: Promise<void> }>();
  let closing = false;

  /**
   * Creates the pg-boss queue of a name, or updates its policy to the latest declaration. Processes
   * starting together can deadlock while pg-boss creates partitions: PostgreSQL then aborts one of
   * them (40P01), which tries again.
   */
  function declareQueue(def: ResolvedJob, update: boolean): Promise<void> {
    const options: PgBoss.Queue = {
      name: def.name,
      policy: def.exclusive ? 'singleton' : 'standard',
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: def.retryBackoff,
      expireInSeconds: def.timeoutSeconds,
    };
    const p = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const existing = await boss.getQueue(def.name);
          if (!existing) await boss.createQueue(def.name, options);
          else if (update && !sameQueue(existing, options)) await boss.updateQueue(def.name, options);
          return;
        } catch (err) {
          if ((err as { code?: string }).code !== '40P01' || attempt >= 5) throw err;
          await sleep(Math.random() * 100 * attempt);
        }
      }
    })();
    queues.set(def.name, p);
    p.catch(() => queues.delete(def.name));
    return p;
  }

  const ensureQueue = (name: string) => queues.get(name) ?? declareQueue(defs.get(name) ?? undeclared(name), false);

  async function runJob(name: string, job: PgBoss.JobWithMetadata<{ payload?: unknown }>): Promise<null> {
    const def = defs.get(name)!;
    const controller = new AbortController();
    const progress = throttledProgress(
      (p) =>
        db.query(
          `INSERT INTO platform_job_progress (job_id, done, total, message, updated_at) VALUES ($1, $2, $3, $4, now())
           ON CONFLICT (job_id) DO UPDATE SET done = $2, total = $3, message = $4, updated_at = now()`,
          [job.id, p.done, p.total, p.message],
        ),
      progressIntervalMs,
      log,
    );
    const attempt = job.retryCount + 1;
    if (attempt > 1) progress.report(0, 0, '');
    // Timeout and cancel end the attempt at once, like pg-boss's own expiry; shutdown waits for the handler.
    const cutShort = new Promise<never>((_, reject) =>
      controller.signal.addEventListener('abort', () => {
        const reason = controller.signal.reason as JobAbort;
        if (reason.reason !== 'shutdown') reject(reason);
      }),
    );
    // A little before pg-boss's own expiry: this process fails its attempt itself, rather than racing
    // the maintenance pass that would expire it and hand it to another worker meanwhile.
    const abortAfterMs = def.timeoutSeconds * 1000 - Math.min(2000, def.timeoutSeconds * 50);
    const timer = setTimeout(() => controller.abort(new JobAbort('timeout')), abortAfterMs);
    timer.unref();
    let settle!: () => void;
    running.set(job.id, { name, controller, settled: new Promise<void>((r) => (settle = r)) });
    try {
      // Fetched while the queue was closing: given back at once (pg-boss retries it if attempts remain).
      if (closing) throw new JobAbort('shutdown');
      const handled = Promise.resolve().then(() =>
        def.handler(job.data?.payload ?? null, { id: job.id, name, attempt, progress: progress.report, signal: controller.signal }),
      );
      await Promise.race([handled, cutShort]);
      await progress.flush();
      return null;
    } catch (err) {
      await progress.flush();
      if (!(err instanceof JobAbort && err.reason === 'cancelled'))
        log?.error({ err, job: name, id: job.id, attempt }, 'job attempt failed');
      // Stored as the job's output: the message only, the stack stays in the logs.
      throw { message: errorMessage(err) };
    } finally {
      clearTimeout(timer);
      progress.stop();
      running.delete(job.id);
      settle();
    }
  }

  async function startWorkers(def: ResolvedJob) {
    if (closing) return;
    const current = workers.get(def.name);
    if (current && current.length === def.concurrency) return;
    if (current) await boss.offWork(def.name);
    const ids: string[] = [];
    workers.set(def.name, ids);
    // One pg-boss worker per concurrent job: each fetches one job, runs it, then fetches the next.
    for (let i = 0; i < def.concurrency; i++) {
      ids.push(
        await boss.work<{ payload?: unknown }>(def.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds }, ([job]) =>
          runJob(def.name, job),
        ),
      );
    }
  }

  async function applySchedule(def: ResolvedJob) {
    if (def.schedule) {
      await boss.schedule(def.name, def.schedule.cron, { payload: def.schedule.payload }, { tz: def.schedule.timezone });
    } else {
      await boss.unschedule(def.name);
    }
  }

  const wakeLocal = (name: string) => {
    for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
  };
  const stopWake = await db.listen(WAKE_CHANNEL, wakeLocal);
  const stopCancel = await db.listen(CANCEL_CHANNEL, (id) => running.get(id)?.controller.abort(new JobAbort('cancelled')));

  async function locate(id: string): Promise<{ name: string; state: Row['state'] } | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await db.query<{ name: string; state: Row['state'] }>(
      `SELECT name, state::text AS state FROM ${schema}.job WHERE id = $1 AND name NOT LIKE '${INTERNAL}'`,
      [id],
    );
    return rows[0];
  }

  const SELECT = `
    SELECT j.id::text AS id, j.name, j.state::text AS state, j.retry_count, j.retry_limit, j.created_on, j.started_on,
           j.completed_on, j.start_after, j.output, p.done, p.total, p.message
      FROM (SELECT id, name, state, retry_count, retry_limit, created_on, started_on, completed_on, start_after, output
              FROM ${schema}.job WHERE name NOT LIKE '${INTERNAL}'
            UNION ALL
            SELECT id, name, state, retry_count, retry_limit, created_on, started_on, completed_on, start_after, output
              FROM ${schema}.archive WHERE name NOT LIKE '${INTERNAL}') j
      LEFT JOIN platform_job_progress p ON p.job_id = j.id`;

  const queue: JobQueue = {
    kind: 'postgres',
    working,
    register(nameOrDef: string | JobDefinition, handler?: JobHandler, options?: JobOptions) {
      const def = resolveJob(toDefinition(nameOrDef, handler, options));
      defs.set(def.name, def);
      const declared = declareQueue(def, true);
      if (!working || closing) return;
      declared
        .then(() => Promise.all([startWorkers(def), applySchedule(def)]))
        .catch((err) => log?.error({ err, job: def.name }, 'job registration failed'));
    },
    async enqueue(name, payload, options = {}) {
      if (closing) throw new Error('File de tâches fermée');
      await ensureQueue(name);
      const id = await boss.send(name, { payload: payload ?? null }, options.runAt ? { startAfter: options.runAt } : {});
      if (!id) throw new Error(`Tâche ${name} non enregistrée`);
      wakeLocal(name);
      await db.notify(WAKE_CHANNEL, name).catch((err) => log?.warn({ err }, 'job wake-up not sent'));
      return id;
    },
    async get(id) {
      if (!UUID.test(id)) return undefined;
      const { rows } = await db.query<Row>(`${SELECT} WHERE j.id = $1 LIMIT 1`, [id]);
      return rows[0] && toStatus(rows[0]);
    },
    async list(filter = {}) {
      const f: JobFilter = typeof filter === 'string' ? { name: filter } : filter;
      const { rows } = await db.query<Row>(
        `${SELECT} WHERE ($1::text IS NULL OR j.name = $1) AND ($2::text[] IS NULL OR j.state::text = ANY($2::text[]))
          ORDER BY j.created_on DESC, j.id DESC LIMIT $3 OFFSET $4`,
        [f.name ?? null, f.state ? BOSS_STATES[f.state] : null, clampLimit(f.limit), Math.max(0, f.offset ?? 0)],
      );
      return rows.map(toStatus);
    },
    async retry(id) {
      const found = await locate(id);
      if (!found) throw new JobNotRetryableError(id);
      // pg-boss 10 returns { affected } although its types say void.
      const r = (
        found.state === 'failed'
          ? await boss.retry(found.name, id)
          : found.state === 'cancelled'
            ? await boss.resume(found.name, id)
            : undefined
      ) as CommandResponse | undefined;
      if (!r?.affected) throw new JobNotRetryableError(id);
      wakeLocal(found.name);
      await db.notify(WAKE_CHANNEL, found.name).catch(() => undefined);
      return id;
    },
    async cancel(id) {
      const found = await locate(id);
      if (!found) return false;
      const r = (await boss.cancel(found.name, id)) as unknown as CommandResponse;
      if (!r?.affected) return false;
      running.get(id)?.controller.abort(new JobAbort('cancelled'));
      await db.notify(CANCEL_CHANNEL, id).catch((err) => log?.warn({ err }, 'job cancel not sent'));
      return true;
    },
    async close({ graceMs = 0 } = {}) {
      if (closing) return;
      closing = true;
      // Stop fetching first, so that nothing new starts while the running jobs end.
      for (const name of workers.keys()) await boss.offWork(name);
      const all = () => Promise.allSettled([...running.values()].map((r) => r.settled));
      if (graceMs > 0 && running.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([all(), new Promise((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
      }
      for (const r of running.values()) r.controller.abort(new JobAbort('shutdown'));
      await all();
      await stopWake();
      await stopCancel();
      // pg-boss records the outcome of the jobs that just ended, then closes its pool.
      await boss.stop({ graceful: true, wait: true, timeout: 5000 });
    },
  };
  return queue;
}
