import path from 'node:path';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Db } from './types.ts';
import { openPglite } from './pglite.ts';
import { openPostgres } from './postgres.ts';

export type { Db, Migration, NotificationListener, QueryResult, Queryable } from './types.ts';
export { migrate } from './migrate.ts';
export { openPglite } from './pglite.ts';
export { DatabaseLockedError } from './pglite-lock.ts';
export { openPostgres } from './postgres.ts';

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite under `<dataDir>/pgdata`: zero setup by default. */
export function openDb(config: Pick<Config, 'dataDir' | 'databaseUrl'>, log?: Logger): Promise<Db> {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, log)
    : openPglite(path.join(config.dataDir, 'pgdata'), log);
}
