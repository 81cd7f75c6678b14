import { PGlite } from '@electric-sql/pglite';
import type { Db, QueryResult, Queryable } from './types.ts';
import { lockDataDir } from './pglite-lock.ts';
import { checkChannel, checkPayload, guardListener } from './notify.ts';
import type { Logger } from '../log.ts';
import { analyzeSql } from './analyze.ts';
import { diagnoseOpenFailure, prepareDataDir } from './data-dir.ts';

interface PgliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; rowCount?: number; affectedRows?: number }>;
  exec(sql: string): Promise<unknown>;
}

function adapt(conn: PgliteLike): Queryable {
  return {
    async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
      const r = await conn.query<R>(sql, params);
      return { rows: r.rows, rowCount: r.rowCount ?? r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
  };
}

/**
 * PGlite (Postgres compiled to WASM) on the calling thread: `dir` on disk, or in memory when undefined.
 * Every statement holds the event loop while it runs: the server uses `openPgliteWorker` instead; this
 * one stays for small in-memory databases in tests and tools.
 */
export async function openPglite(dir?: string, log?: Logger): Promise<Db> {
  if (dir) await prepareDataDir(dir);
  const unlock = dir ? await lockDataDir(dir) : async () => {};
  let pg: PGlite;
  try {
    pg = await PGlite.create(dir);
  } catch (err) {
    await unlock();
    throw dir ? await diagnoseOpenFailure(dir, err) : err;
  }
  let closed = false;
  return {
    kind: 'pglite',
    ...adapt(pg),
    // PGlite has a single connection: its transaction() holds it exclusively, so other queries wait.
    transaction: (fn) => pg.transaction((tx) => fn(adapt(tx))),
    // PGlite implements LISTEN/NOTIFY itself, within its one process: the same SQL as on PostgreSQL.
    async listen(channel, fn) {
      const guarded = guardListener(fn, channel, log);
      const unlisten = await pg.listen(checkChannel(channel), (payload) => guarded(payload ?? ''));
      return async () => {
        if (!closed) await unlisten();
      };
    },
    async notify(channel, payload = '') {
      await pg.query('SELECT pg_notify($1, $2)', [checkChannel(channel), checkPayload(payload)]);
    },
    async analyze(tables) {
      await pg.exec(analyzeSql(tables));
    },
    health: () => (closed ? { ok: false, problems: ['Base de données fermée.'] } : { ok: true, problems: [] }),
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
      await unlock();
    },
  };
}
