import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../config.ts';
import { openDb } from '../db/index.ts';
import type { Db } from '../db/types.ts';

/** A database opened for a test, with the config that points at it (pass it to openDb, createJobQueue...). */
export type TestDb = Db & { readonly config: Config };

export interface TestDatabase {
  readonly name: 'pglite' | 'postgres';
  /** A fresh, empty database each call (PGlite in a temp dir, or `CREATE DATABASE eig_test_<random>`). */
  open(): Promise<TestDb>;
  /** Closes every database this target opened and deletes them (temp dirs, DROP DATABASE). */
  cleanup(): Promise<void>;
  toString(): string;
}

let warned = false;

/**
 * Targets for `describe.each(testDatabases())('... on $name', (target) => { ... })`: always PGlite,
 * plus PostgreSQL when TEST_DATABASE_URL is set (an admin URL: the role must be allowed to create databases).
 * CI must run both, so a missing URL under CI=true is an error rather than a silent skip.
 */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    if (process.env.CI) throw new Error('TEST_DATABASE_URL est requis en CI (tests PostgreSQL)');
    if (!warned) {
      warned = true;
      console.warn('[testDatabases] TEST_DATABASE_URL absent : tests PostgreSQL ignorés, PGlite seulement.');
    }
    return [pgliteTarget()];
  }
  return [pgliteTarget(), postgresTarget(url)];
}

/**
 * Removes a test's data directory. A file still being created in it while the recursive removal runs
 * makes rmdir fail with ENOTEMPTY (seen once in CI after a runtime test, 2026-12-06): Node retries
 * that case itself with `maxRetries` (linear back-off), so cleanup no longer fails a suite whose tests
 * all passed.
 */
const removeDataDir = (dir: string) => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });

function baseConfig(dataDir: string, databaseUrl?: string): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', DATA_DIR: dataDir }), databaseUrl };
}

function pgliteTarget(): TestDatabase {
  const opened: { db: Db; dir: string }[] = [];
  return {
    name: 'pglite',
    async open() {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-test-'));
      const config = baseConfig(dir);
      const db = await openDb(config);
      opened.push({ db, dir });
      return Object.assign(db, { config });
    },
    async cleanup() {
      for (const { db, dir } of opened.splice(0)) {
        await db.close().catch(() => {});
        await removeDataDir(dir);
      }
    },
    toString: () => 'pglite',
  };
}

function postgresTarget(adminUrl: string): TestDatabase {
  const opened: { db: Db; name: string; dir: string }[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'postgres',
    async open() {
      const name = `eig_test_${randomBytes(6).toString('hex')}`;
      // template0: never connected to, so concurrent CREATE DATABASE from parallel test files cannot clash.
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`));
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-test-'));
      const config = baseConfig(dir, u.toString());
      const db = await openDb(config);
      opened.push({ db, name, dir });
      return Object.assign(db, { config });
    },
    async cleanup() {
      const items = opened.splice(0);
      for (const { db } of items) await db.close().catch(() => {});
      if (items.length === 0) return;
      await admin(async (c) => {
        for (const { name } of items) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      for (const { dir } of items) await removeDataDir(dir);
    },
    toString: () => 'postgres',
  };
}
