import pg from 'pg';
import type { Db, QueryResult, Queryable } from './types.ts';
import type { Logger } from '../log.ts';
import { checkChannel, checkPayload } from './notify.ts';
import { createPgListener } from './pg-listener.ts';

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

function adapt(conn: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const r = await conn.query(sql, params);
      return { rows: r.rows as R[], rowCount: r.rowCount ?? r.rows.length };
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which accepts several statements.
      await conn.query(sql);
    },
  };
}

export async function openPostgres(url: string, log?: Logger): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, types, max: 10 });
  // An idle client losing its connection emits on the pool; unhandled, it would crash the process.
  pool.on('error', (err) => log?.error({ err }, 'postgres idle client error'));
  // Fail fast at startup on a wrong URL rather than at the first request.
  await pool.query('SELECT 1');
  const listener = createPgListener(url, log);
  return {
    kind: 'postgres',
    ...adapt(pool),
    async transaction(fn) {
      const client = await pool.connect();
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
        throw err;
      }
    },
    listen: (channel, fn) => listener.listen(channel, fn),
    async notify(channel, payload = '') {
      await pool.query('SELECT pg_notify($1, $2)', [checkChannel(channel), checkPayload(payload)]);
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
}
