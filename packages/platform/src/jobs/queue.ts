import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { createMemoryJobQueue } from './memory.ts';
import { createPostgresJobQueue, type PostgresQueueOptions } from './postgres.ts';

export type { JobContext, JobHandler, JobProgress, JobQueue, JobState, JobStatus } from './types.ts';
export { createMemoryJobQueue } from './memory.ts';
export { createPostgresJobQueue } from './postgres.ts';

import type { JobQueue } from './types.ts';

/**
 * PostgreSQL (DATABASE_URL set): a shared table so several server processes split the work.
 * PGlite: one process owns the database anyway, so jobs run in-process.
 */
export async function createJobQueue(
  db: Db,
  config: Pick<Config, 'databaseUrl'>,
  opts: Omit<PostgresQueueOptions, 'log'> & { log?: Logger } = {},
): Promise<JobQueue> {
  if (config.databaseUrl && db.kind === 'postgres') return createPostgresJobQueue(db, opts);
  return createMemoryJobQueue(opts.log);
}
