import pg from 'pg';
import type { Db, QueryResult, Queryable } from './types.ts';
import type { Logger } from '../log.ts';
import { checkChannel, checkPayload } from './notify.ts';
import { createPgListener } from './pg-listener.ts';
import { analyzeSql } from './analyze.ts';
import { DatabaseConnectError, DatabaseTimeoutError, DatabaseUnavailableError, describeUnavailable, isUnavailable } from './errors.ts';

const INT8_OID = 20;

/**
 * PGlite returns bigint (e.g. `count(*)`) as a JS number; node-postgres returns a string. Services
 * write one SQL for both, so node-postgres is aligned on PGlite (exact up to 2^53, ample here).
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** Where the database is, for messages: host, port and database name, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

export interface PostgresOptions {
  log?: Logger;
  /**
   * PostgreSQL's `statement_timeout` on every connection of the pool, and the longest wait for a free
   * connection; 0: no bound. A cancelled statement fails with a 503 (DatabaseTimeoutError).
   */
  statementTimeoutMs?: number;
}

export async function openPostgres(url: string, options: PostgresOptions | Logger = {}): Promise<Db> {
  // Older callers pass the logger alone.
  const opts: PostgresOptions =
    'info' in options && typeof options.info === 'function' ? { log: options as Logger } : (options as PostgresOptions);
  const log = opts.log;
  const timeoutMs = opts.statementTimeoutMs ?? 15_000;
  const where = describeUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    statement_timeout: timeoutMs > 0 ? timeoutMs : undefined,
    connectionTimeoutMillis: timeoutMs > 0 ? timeoutMs : undefined,
  });

  // The last sign that the server is unreachable, cleared by the next success: health() reports it.
  let down: string | undefined;
  const ok = () => {
    if (down) log?.warn({ database: where }, 'PostgreSQL answers again');
    down = undefined;
  };
  /** Turns "the database is down or slow" into a 503; a fault of the query itself keeps its SQLSTATE. */
  const translate = (err: unknown): unknown => {
    if (err instanceof DatabaseUnavailableError || !isUnavailable(err)) return err;
    const code = (err as { code?: string }).code;
    if (code === '57014') return new DatabaseTimeoutError(timeoutMs, { cause: err });
    const reason = describeUnavailable(err);
    if (!down) log?.error({ err, database: where }, 'PostgreSQL unreachable');
    down = `PostgreSQL injoignable (${where}) : ${reason}.`;
    return new DatabaseUnavailableError(`Base de données indisponible : ${reason}.`, code, { cause: err });
  };

  function adapt(conn: pg.Pool | pg.PoolClient): Queryable {
    return {
      async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
        try {
          const r = await conn.query(sql, params);
          ok();
          return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
        } catch (err) {
          throw translate(err);
        }
      },
      async exec(sql: string) {
        try {
          // Without parameters node-postgres uses the simple protocol, which accepts several statements.
          await conn.query(sql);
          ok();
        } catch (err) {
          throw translate(err);
        }
      },
    };
  }

  // An idle client losing its connection emits on the pool; unhandled, it would crash the process.
  pool.on('error', (err) => {
    log?.error({ err }, 'postgres idle client error');
    translate(err);
  });
  // Fail fast at startup on a wrong URL rather than at the first request.
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new DatabaseConnectError(
      `impossible de joindre PostgreSQL (DATABASE_URL, ${where}) : ${describeUnavailable(err)}${isUnavailable(err) ? '' : ` (${(err as Error).message})`}`,
      { cause: err },
    );
  }
  const listener = createPgListener(url, log);
  const base = adapt(pool);
  return {
    kind: 'postgres',
    ...base,
    async transaction(fn) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw translate(err);
      }
      try {
        await client.query('BEGIN');
        const result = await fn(adapt(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch (rollbackErr) {
          // A connection that cannot roll back is in an unknown state: destroy it, do not reuse it.
          client.release(rollbackErr as Error);
        }
        throw translate(err);
      }
    },
    listen: (channel, fn) => listener.listen(channel, fn),
    async notify(channel, payload = '') {
      await base.query('SELECT pg_notify($1, $2)', [checkChannel(channel), checkPayload(payload)]);
    },
    async analyze(tables) {
      await base.exec(analyzeSql(tables));
    },
    health: () => (down ? { ok: false, problems: [down] } : { ok: true, problems: [] }),
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
