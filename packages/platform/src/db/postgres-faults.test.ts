/**
 * PostgreSQL faults as the server meets them: a server that goes away mid-run (through a TCP proxy the
 * test cuts and restores) and a statement longer than DB_STATEMENT_TIMEOUT_MS.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import net from 'node:net';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createServer } from '../http/server.ts';
import { testDatabases } from '../testing/databases.ts';
import { openPostgres } from './postgres.ts';
import { DatabaseTimeoutError } from './errors.ts';
import type { Db } from './types.ts';

const silent = createLogger({ level: 'silent' });

/** A TCP proxy to PostgreSQL that the test can cut (connections dropped, port closed) and restore on the same port. */
async function pgProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    port: () => port,
    async cut() {
      const closed = new Promise((r) => server!.close(r));
      for (const s of sockets) s.destroy();
      await closed;
    },
    restore: listen,
  };
}

const target = process.env.TEST_DATABASE_URL ? testDatabases().find((t) => t.name === 'postgres') : undefined;

describe.skipIf(!target)('PostgreSQL faults', () => {
  const dbs: Db[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.close().catch(() => undefined);
    await target?.cleanup();
  });

  it('a server that goes away: /healthz stays 200, /readyz and requests answer 503 with the reason, and all recover when it returns', async () => {
    const direct = await target!.open();
    const real = new URL(direct.config.databaseUrl!);
    const proxy = await pgProxy(real);
    const viaProxy = new URL(real);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port());
    const db = await openPostgres(viaProxy.toString(), { log: silent, statementTimeoutMs: 5_000 });
    dbs.push(db);
    const app = createServer({ config: loadConfig({ LOG_LEVEL: 'silent' }), log: silent, db });
    app.get('/api/n', async () => (await db.query<{ n: number }>('SELECT 1 AS n')).rows[0]);
    try {
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      expect((await app.inject('/api/n')).json()).toEqual({ n: 1 });

      await proxy.cut();
      const req = await app.inject('/api/n');
      expect(req.statusCode).toBe(503);
      expect(req.json()).toMatchObject({
        code: 'database_unavailable',
        message: expect.stringMatching(/^Base de données indisponible : /),
      });
      expect(req.headers['retry-after']).toBe('5');
      const ready = await app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json().reasons).toEqual([
        expect.stringMatching(/^PostgreSQL injoignable \(127\.0\.0\.1:\d+\/eig_test_\w+\) : connexion (refusée|coupée)/),
      ]);
      const live = await app.inject('/healthz');
      expect(live.statusCode).toBe(200);
      expect(live.json()).toMatchObject({ status: 'degraded', problems: [expect.stringMatching(/^PostgreSQL injoignable/)] });

      await proxy.restore();
      // The pool opens new connections by itself: no restart.
      await vi.waitFor(async () => expect((await app.inject('/readyz')).statusCode).toBe(200), { timeout: 15_000, interval: 200 });
      expect((await app.inject('/api/n')).json()).toEqual({ n: 1 });
      expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    } finally {
      await app.close();
      await proxy.cut();
    }
  });

  it('bounds a statement with statement_timeout: a 503 for it, and the pool goes on', async () => {
    const direct = await target!.open();
    const db = await openPostgres(direct.config.databaseUrl!, { log: silent, statementTimeoutMs: 500 });
    dbs.push(db);
    const err = await db.query('SELECT pg_sleep(5)').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseTimeoutError);
    expect(err).toMatchObject({ statusCode: 503, sqlState: '57014' });
    await expect(db.transaction((tx) => tx.query('SELECT pg_sleep(5)'))).rejects.toBeInstanceOf(DatabaseTimeoutError);
    expect((await db.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
    expect(db.health().ok).toBe(true);
  });
});
