import type { Db } from '../db/types.ts';
import { migrate } from '../db/migrate.ts';
import type { Logger } from '../log.ts';
import { errorMessage, type JobHandler, type JobQueue, type JobState, type JobStatus } from './types.ts';

const migrations = [
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
];

// Serialises claims across processes so that "one running job per name" holds suite-wide.
const CLAIM_LOCK = 0x45_49_47_4a; // "EIGJ"

export interface PostgresQueueOptions {
  /** How often to look for work and refresh heartbeats. */
  pollMs?: number;
  /** A running job whose heartbeat is older than this belongs to a dead process: it is failed. */
  staleMs?: number;
  log?: Logger;
}

interface Row {
  id: number;
  name: string;
  state: JobState;
  progress_done: number;
  progress_total: number;
  progress_message: string;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const toStatus = (r: Row): JobStatus => ({
  id: String(r.id),
  name: r.name,
  state: r.state,
  progress: { done: r.progress_done, total: r.progress_total, message: r.progress_message },
  ...(r.error != null && { error: r.error }),
  createdAt: r.created_at,
  ...(r.finished_at && { finishedAt: r.finished_at }),
});

const COLUMNS = 'id, name, state, progress_done, progress_total, progress_message, error, created_at, finished_at';

/**
 * Table-backed queue so several server processes share the work: each polls, claims with
 * FOR UPDATE SKIP LOCKED, and keeps a heartbeat on what it runs.
 */
export async function createPostgresJobQueue(db: Db, opts: PostgresQueueOptions = {}): Promise<JobQueue> {
  const pollMs = opts.pollMs ?? 1000;
  const staleMs = opts.staleMs ?? 60_000;
  const log = opts.log;
  await migrate(db, 'platform', migrations);

  const handlers = new Map<string, JobHandler>();
  const running = new Map<string, Promise<void>>(); // job name → its run
  const runningIds = new Set<string>();
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;

  async function claim(names: string[]): Promise<{ id: string; name: string; payload: unknown } | undefined> {
    return db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`);
      await tx.query(
        `UPDATE platform_jobs SET state = 'failed', finished_at = now(),
           error = 'Interrompue : le processus qui l''exécutait ne répond plus.'
         WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`,
        [staleMs / 1000],
      );
      const { rows } = await tx.query<{ id: number; name: string; payload: unknown }>(
        `UPDATE platform_jobs SET state = 'running', heartbeat_at = now()
         WHERE id = (
           SELECT j.id FROM platform_jobs j
           WHERE j.state = 'queued' AND j.name = ANY($1::text[])
             AND NOT EXISTS (SELECT 1 FROM platform_jobs r WHERE r.name = j.name AND r.state = 'running')
           ORDER BY j.id LIMIT 1
           FOR UPDATE SKIP LOCKED)
         RETURNING id, name, payload`,
        [names],
      );
      return rows[0] && { ...rows[0], id: String(rows[0].id) };
    });
  }

  function run(job: { id: string; name: string; payload: unknown }, handler: JobHandler): Promise<void> {
    // Coalescing writer: at most one progress UPDATE in flight per job, the latest value always wins.
    let pending: [number, number, string] | undefined;
    let writing: Promise<void> | undefined;
    const flush = (): Promise<void> => {
      if (writing || !pending) return writing ?? Promise.resolve();
      const [done, total, message] = pending;
      pending = undefined;
      writing = db
        .query(
          `UPDATE platform_jobs SET progress_done = $2, progress_total = $3, progress_message = $4,
             heartbeat_at = now() WHERE id = $1`,
          [job.id, done, total, message],
        )
        .then(
          () => undefined,
          (err) => log?.warn({ err }, 'job progress not saved'),
        )
        .finally(() => {
          writing = undefined;
          void flush();
        });
      return writing;
    };

    return (async () => {
      let error: string | null = null;
      try {
        await handler(job.payload, {
          progress: (done, total, message = '') => {
            pending = [done, total, message];
            void flush();
          },
          signal: abort.signal,
        });
      } catch (err) {
        error = errorMessage(err);
        log?.error({ err, job: job.name }, 'job failed');
      }
      while (writing) await writing;
      await db.query(`UPDATE platform_jobs SET state = $2, error = $3, finished_at = now() WHERE id = $1`, [
        job.id,
        error === null ? 'done' : 'failed',
        error,
      ]);
    })();
  }

  async function tick() {
    if (runningIds.size > 0) {
      await db.query('UPDATE platform_jobs SET heartbeat_at = now() WHERE id = ANY($1::bigint[])', [[...runningIds]]);
    }
    for (;;) {
      const free = [...handlers.keys()].filter((n) => !running.has(n));
      if (free.length === 0 || abort.signal.aborted) return;
      const job = await claim(free);
      if (!job) return;
      const p = run(job, handlers.get(job.name)!)
        .catch((err) => log?.error({ err }, 'job bookkeeping failed'))
        .finally(() => {
          running.delete(job.name);
          runningIds.delete(job.id);
          wake();
        });
      running.set(job.name, p);
      runningIds.add(job.id);
    }
  }

  /** Runs a tick now (or right after the current one), then keeps polling. */
  function wake() {
    if (abort.signal.aborted) return;
    clearTimeout(timer);
    const current = ticking ?? Promise.resolve();
    ticking = current
      .then(tick)
      .catch((err) => log?.error({ err }, 'job queue poll failed'))
      .finally(() => {
        ticking = undefined;
        if (abort.signal.aborted) return;
        clearTimeout(timer);
        timer = setTimeout(wake, pollMs);
        // Polling alone must not keep a CLI process alive.
        timer.unref();
      });
  }

  wake();

  return {
    kind: 'postgres',
    register(name, handler) {
      handlers.set(name, handler);
      wake();
    },
    async enqueue(name, payload) {
      if (abort.signal.aborted) throw new Error('File de tâches fermée');
      const { rows } = await db.query<{ id: number }>(
        'INSERT INTO platform_jobs (name, payload) VALUES ($1, $2::jsonb) RETURNING id',
        [name, JSON.stringify(payload ?? null)],
      );
      if (handlers.has(name)) wake();
      return String(rows[0].id);
    },
    async get(id) {
      if (!/^\d+$/.test(id)) return undefined;
      const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM platform_jobs WHERE id = $1`, [id]);
      return rows[0] && toStatus(rows[0]);
    },
    async list(name) {
      const { rows } = await db.query<Row>(
        `SELECT ${COLUMNS} FROM platform_jobs WHERE $1::text IS NULL OR name = $1 ORDER BY id DESC LIMIT 100`,
        [name ?? null],
      );
      return rows.map(toStatus);
    },
    async close() {
      abort.abort();
      clearTimeout(timer);
      await ticking;
      await Promise.allSettled([...running.values()]);
    },
  };
}
