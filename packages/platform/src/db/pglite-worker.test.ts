/**
 * PGlite in its worker thread: the event loop stays free during a slow statement, transactions keep
 * PGlite's one-connection semantics, errors keep their SQLSTATE, a statement is bounded, and a full or
 * read-only disk gives a clear, recoverable state. (The Db contract itself is db.test.ts, on both adapters.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createServer } from '../http/server.ts';
import { ballast, fillDisk, mountTmpfs, tmpfsUnavailable, type Tmpfs } from '../testing/tmpfs.ts';
import { openPgliteWorker } from './pglite-worker.ts';
import { DatabaseTimeoutError, DatabaseUnavailableError, DataDirError } from './errors.ts';
import type { Db } from './types.ts';

const silent = createLogger({ level: 'silent' });
const dirs: string[] = [];
const opened: Db[] = [];

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'eig-pgw-'));
  dirs.push(d);
  return d;
}

async function open(dir: string | undefined, opts: Parameters<typeof openPgliteWorker>[1] = {}): Promise<Db> {
  const db = await openPgliteWorker(dir, { log: silent, ...opts });
  opened.push(db);
  return db;
}

afterAll(async () => {
  for (const db of opened.splice(0)) await db.close().catch(() => undefined);
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('PGlite in a worker thread', () => {
  let db: Db;
  beforeAll(async () => {
    db = await open(path.join(await tempDir(), 'pgdata'));
  });

  it('keeps the event loop free during a slow statement: /healthz answers before the statement ends', async () => {
    const app = createServer({ config: loadConfig({ LOG_LEVEL: 'silent' }), log: silent, db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = app.server.address() as { port: number };
      const order: string[] = [];
      const slow = db.query('SELECT pg_sleep(3)').then(() => order.push('slow statement'));
      // In-process, this timer could only fire once the statement has released the event loop.
      await new Promise((r) => setTimeout(r, 300));
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      order.push(`healthz ${res.status}`);
      await slow;
      expect(order).toEqual(['healthz 200', 'slow statement']);
    } finally {
      await app.close();
    }
  });

  it('runs a transaction alone: other statements wait for its end and see its commit', async () => {
    await db.exec('CREATE TABLE ex (v int)');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.query('INSERT INTO ex VALUES (1)');
      inside();
      await gate;
      await t.query('INSERT INTO ex VALUES (2)');
      order.push('commit');
    });
    await started;
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM ex').then((r) => {
      order.push('outside');
      return r.rows[0].n;
    });
    await new Promise((r) => setTimeout(r, 200));
    order.push('released');
    release();
    await tx;
    expect(await outside).toBe(2);
    expect(order).toEqual(['released', 'commit', 'outside']);
  });

  it('keeps the SQLSTATE and fields of PostgreSQL errors, and the caller’s stack', async () => {
    await db.exec('CREATE TABLE uniq (id int PRIMARY KEY)');
    await db.query('INSERT INTO uniq VALUES (1)');
    const err = await db.query('INSERT INTO uniq VALUES (1)').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: '23505', constraint: 'uniq_pkey', table: 'uniq', severity: 'ERROR' });
    expect((err as Error).message).toMatch(/duplicate key/);
    expect((err as Error).stack).toContain('pglite-worker.test.ts');
    await expect(db.query('SELECT 1/0')).rejects.toMatchObject({ code: '22012' });
    // A transaction that fails rolls back, and the thread goes on.
    await expect(
      db.transaction(async (t) => {
        await t.query('INSERT INTO uniq VALUES (2)');
        await t.query('INSERT INTO uniq VALUES (1)');
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await db.query('SELECT id FROM uniq ORDER BY id')).rows).toEqual([{ id: 1 }]);
  });

  it('maps bad input to a 400 through the error handler, as in-process', async () => {
    const app = createServer({ config: loadConfig({ LOG_LEVEL: 'silent' }), log: silent, db });
    app.post('/echo', async (req) => (await db.query('SELECT $1::text AS v', [(req.body as { v: string }).v])).rows[0]);
    const res = await app.inject({ method: 'POST', url: '/echo', payload: { v: 'a\u0000b' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('bad_encoding');
    await app.close();
  });

  it('delivers a large result whole, in order (sent in slices), and serves other statements meanwhile', async () => {
    const big = db.query<{ g: number; s: string }>("SELECT g, repeat('x', 100) AS s FROM generate_series(1, 4567) g");
    const small = db.query<{ n: number }>('SELECT 7 AS n');
    const { rows, rowCount } = await big;
    expect(rowCount).toBe(4567);
    expect(rows.map((r) => r.g)).toEqual(Array.from({ length: 4567 }, (_, i) => i + 1));
    expect(rows[4566].s).toHaveLength(100);
    expect((await small).rows).toEqual([{ n: 7 }]);
    // A transaction reads a large result too.
    const n = await db.transaction(async (t) => (await t.query('SELECT g FROM generate_series(1, 2001) g')).rows.length);
    expect(n).toBe(2001);
  });

  it('carries parameters and results of every common type', async () => {
    const when = new Date('2024-05-01T10:00:00Z');
    const { rows } = await db.query<Record<string, unknown>>(
      'SELECT $1::int AS i, $2::text AS t, $3::timestamptz AS d, $4::jsonb AS j, $5::bytea AS b, $6::boolean AS x, NULL AS n, 12345678901::bigint AS big',
      [42, 'é\u{1F600}', when, JSON.stringify({ a: [1, 'deux'] }), new Uint8Array([0, 255]), true],
    );
    expect(rows[0]).toEqual({
      i: 42,
      t: 'é\u{1F600}',
      d: when,
      j: { a: [1, 'deux'] },
      b: new Uint8Array([0, 255]),
      x: true,
      n: null,
      big: 12345678901,
    });
  });
});

describe('closing', () => {
  it('lets a cleanly closed thread end by itself instead of terminating it (Node can abort on a thread terminated mid-write)', async () => {
    const dir = path.join(await tempDir(), 'pgdata');
    const first = await openPgliteWorker(dir, { log: silent });
    await first.query('CREATE TABLE kept (n int)');
    await first.query('INSERT INTO kept SELECT generate_series(1, 500)');
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    try {
      await first.close();
      expect(terminate).not.toHaveBeenCalled();
    } finally {
      terminate.mockRestore();
    }
    const again = await open(dir);
    expect((await again.query<{ n: number }>('SELECT count(*)::int AS n FROM kept')).rows).toEqual([{ n: 500 }]);
  });
});

describe('a statement past DB_STATEMENT_TIMEOUT_MS', () => {
  it('gives a 503 to its caller and to those waiting behind it, then PGlite is restarted and serves again', async () => {
    const db = await open(path.join(await tempDir(), 'pgdata'), { statementTimeoutMs: 1500, pingIntervalMs: 100 });
    await db.exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('avant')");
    const slow = db.query('SELECT pg_sleep(60)');
    const behind = db.query('SELECT 1');
    await expect(slow).rejects.toBeInstanceOf(DatabaseTimeoutError);
    await expect(slow).rejects.toMatchObject({ statusCode: 503, message: expect.stringMatching(/n’a pas répondu en 1,5 s/) });
    await expect(behind).rejects.toBeInstanceOf(DatabaseUnavailableError);
    // The watchdog terminates the stuck thread and reopens PGlite (its journal replayed), without waiting the 60 s.
    await vi.waitFor(async () => expect((await db.query('SELECT v FROM kept')).rows).toEqual([{ v: 'avant' }]), {
      timeout: 60_000,
      interval: 200,
    });
    expect(db.health()).toEqual({ ok: true, problems: [] });
  });

  it('without a bound, a stuck PGlite still closes at once (SIGTERM): its thread is terminated', async () => {
    const db = await open(path.join(await tempDir(), 'pgdata'), { statementTimeoutMs: 0, pingIntervalMs: 100 });
    const endless = db.query('SELECT count(*) FROM generate_series(1, 100000000000)');
    endless.catch(() => undefined);
    await vi.waitFor(() => expect(db.health().problems.join(' ')).toMatch(/ne répond plus depuis/), { timeout: 10_000, interval: 50 });
    expect(db.health().ok).toBe(false);
    await db.close();
    await expect(endless).rejects.toMatchObject({ statusCode: 503 });
  });

  it('rolls back a transaction given up while it waited to begin', async () => {
    const db = await open(undefined, { statementTimeoutMs: 800, pingIntervalMs: 60_000 });
    await db.exec('CREATE TABLE t (v int)');
    let release!: () => void;
    const holder = db.transaction(async (t) => {
      await new Promise<void>((r) => (release = r));
      await t.query('INSERT INTO t VALUES (1)');
    });
    // This one waits behind the open transaction, past its bound.
    await expect(db.transaction((t) => t.query('INSERT INTO t VALUES (2)'))).rejects.toBeInstanceOf(DatabaseTimeoutError);
    release();
    await holder;
    // Its BEGIN ran after the holder's COMMIT; it was rolled back at once, not left holding PGlite.
    expect((await db.query('SELECT v FROM t')).rows).toEqual([{ v: 1 }]);
  });
});

const noTmpfs = tmpfsUnavailable();

describe.skipIf(noTmpfs)(`a full disk (tmpfs)${noTmpfs ? ` — ignoré : ${noTmpfs}` : ''}`, () => {
  let fs: Tmpfs;
  afterEach(async () => {
    for (const db of opened.splice(0)) await db.close().catch(() => undefined);
    await fs?.unmount();
  });

  it('says so on health(), answers 503 at once, and recovers by itself once there is room', async () => {
    fs = await mountTmpfs('128m');
    await ballast(path.join(fs.dir, 'ballast'), 40 * 1024 * 1024);
    const db = await open(path.join(fs.dir, 'pgdata'), { retryMinMs: 200, retryMaxMs: 500 });
    await db.exec('CREATE TABLE big (body text)');
    let failure: unknown;
    for (let i = 0; i < 200 && !failure; i++) {
      await db
        .query('INSERT INTO big SELECT repeat(md5(g::text), 30) FROM generate_series(1, 2000) g')
        .catch((e: unknown) => (failure = e));
    }
    expect(failure).toMatchObject({ code: '53100' });
    await vi.waitFor(() => expect(db.health().problems.join(' ')).toMatch(/^Disque plein : le dossier de données .* monté sur /), {
      timeout: 10_000,
    });
    expect(db.health().problems.join(' ')).toContain(fs.dir);
    expect(db.health().ok).toBe(false);
    await expect(db.query('SELECT 1')).rejects.toMatchObject({ statusCode: 503, message: expect.stringMatching(/Disque plein/) });

    await unlink(path.join(fs.dir, 'ballast'));
    await vi.waitFor(
      async () => expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM big')).rows[0].n).toBeGreaterThan(0),
      {
        timeout: 90_000,
        interval: 300,
      },
    );
    expect(db.health().ok).toBe(true);
  });

  it('refuses to open on a full disk with a French message naming the disk', async () => {
    fs = await mountTmpfs('64m');
    await fillDisk(path.join(fs.dir, 'filler'));
    const err = await openPgliteWorker(path.join(fs.dir, 'pgdata'), { log: silent }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirError);
    expect((err as Error).message).toMatch(new RegExp(`^Disque plein : .*${fs.dir}.* monté sur ${fs.dir}`));
  });

  it('refuses a read-only disk with a French message', async () => {
    fs = await mountTmpfs('8m', { readOnly: true });
    const err = await openPgliteWorker(path.join(fs.dir, 'pgdata'), { log: silent }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataDirError);
    expect((err as Error).message).toMatch(/lecture seule/);
  });
});
