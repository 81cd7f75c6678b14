import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Db } from './types.ts';
import { openPgliteWorker } from './pglite-worker.ts';
import { openPostgres } from './postgres.ts';

export type { Db, DbHealth, Migration, NotificationListener, QueryResult, Queryable } from './types.ts';
export { migrate } from './migrate.ts';
export { openPglite } from './pglite.ts';
export { openPgliteWorker, type PgliteWorkerOptions } from './pglite-worker.ts';
export { DatabaseLockedError } from './pglite-lock.ts';
export { openPostgres, type PostgresOptions } from './postgres.ts';
export {
  DatabaseConnectError,
  DatabaseOpenError,
  DatabaseStartupError,
  DatabaseTimeoutError,
  DatabaseUnavailableError,
  DataDirError,
} from './errors.ts';

export type DbConfig = Pick<Config, 'dataDir' | 'databaseUrl'> & Partial<Pick<Config, 'dbStatementTimeoutMs'>>;

/**
 * PostgreSQL when DATABASE_URL is set, otherwise PGlite under `<dataDir>/pgdata`, run in a worker thread
 * so that no statement holds the event loop: zero setup by default.
 */
export function openDb(config: DbConfig, log?: Logger): Promise<Db> {
  const statementTimeoutMs = config.dbStatementTimeoutMs;
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, { log, statementTimeoutMs })
    : openPgliteWorker(path.join(config.dataDir, 'pgdata'), { log, statementTimeoutMs });
}
