import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { createMemoryJobQueue, type MemoryQueueOptions } from './memory.ts';
import { createPostgresJobQueue, type PostgresQueueOptions } from './postgres.ts';
import { loadJobSettings } from './settings.ts';
import type { JobQueue } from './types.ts';

export type {
  EnqueueOptions,
  JobAbortReason,
  JobContext,
  JobDefinition,
  JobFilter,
  JobHandler,
  JobOptions,
  JobProgress,
  JobQueue,
  JobState,
  JobStatus,
  RetryPolicy,
} from './types.ts';
export { JobAbort, JobNotRetryableError } from './types.ts';
export { createMemoryJobQueue, type MemoryQueueOptions } from './memory.ts';
export { createPostgresJobQueue, type PostgresQueueOptions } from './postgres.ts';

export type CreateJobQueueOptions = { log?: Logger; work?: boolean } & Omit<MemoryQueueOptions, 'log' | 'work'> &
  Omit<Partial<PostgresQueueOptions>, 'log' | 'work' | 'connectionString'>;

/**
 * PostgreSQL: pg-boss, so that any number of processes (web instances, `eig worker`s) share the jobs.
 * PGlite: one process owns the database, so jobs run in-process (persisted in the same database).
 * `work: false` declares and enqueues without running handlers (a web instance behind which
 * workers run the jobs, a one-shot CLI command). Unset, it follows JOBS_WORKER on PostgreSQL
 * (default true); on PGlite it is true: nothing else could run the jobs.
 */
export async function createJobQueue(db: Db, config: Pick<Config, 'databaseUrl'>, opts: CreateJobQueueOptions = {}): Promise<JobQueue> {
  if (db.kind === 'postgres') {
    if (!config.databaseUrl) throw new Error('File de tâches PostgreSQL : DATABASE_URL manquant dans la configuration');
    const work = opts.work ?? loadJobSettings().work;
    return createPostgresJobQueue(db, { ...opts, work, connectionString: config.databaseUrl });
  }
  if (opts.work === undefined && !loadJobSettings().work) {
    opts.log?.warn('JOBS_WORKER=false ignoré avec PGlite : le serveur exécute lui-même les tâches (seul processus sur la base)');
  }
  return createMemoryJobQueue(db, opts);
}
