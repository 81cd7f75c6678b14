import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { openDb } from './index.ts';
import { migrate } from './migrate.ts';

describe.each(testDatabases())('db on $name', (target) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(() => target.cleanup());

  it('reports its kind', () => {
    expect(db.kind).toBe(target.name);
  });

  it('runs parameterised queries and returns rows and rowCount', async () => {
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, label text); CREATE INDEX t_label ON t (label);');
    const ins = await db.query('INSERT INTO t VALUES ($1, $2), ($3, $4)', [1, 'un', 2, "deux'; DROP TABLE t; --"]);
    expect(ins.rowCount).toBe(2);
    const { rows } = await db.query<{ id: number; label: string }>('SELECT * FROM t WHERE id = $1', [2]);
    expect(rows).toEqual([{ id: 2, label: "deux'; DROP TABLE t; --" }]);
  });

  it('returns bigint as a number on both adapters', async () => {
    const { rows } = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM t');
    expect(rows[0].n).toBe(2);
  });

  it('commits a transaction that resolves', async () => {
    const r = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (3, $1)', ['trois']);
      return 'ok';
    });
    expect(r).toBe('ok');
    expect((await db.query('SELECT 1 FROM t WHERE id = 3')).rows).toHaveLength(1);
  });

  it('rolls back everything when the transaction throws', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (10, $1)', ['dix']);
        await tx.exec('CREATE TABLE lost (x int)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT 1 FROM t WHERE id = 10')).rows).toHaveLength(0);
    await expect(db.query('SELECT * FROM lost')).rejects.toThrow();
    // The connection is usable afterwards.
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows[0]).toEqual({ n: 3 });
  });

  it('rolls back a transaction whose SQL fails', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (11, $1)', ['onze']);
        await tx.query('INSERT INTO t VALUES (1, $1)', ['duplicate key']);
      }),
    ).rejects.toThrow();
    expect((await db.query('SELECT 1 FROM t WHERE id = 11')).rows).toHaveLength(0);
  });

  it('refreshes planner statistics with analyze(), of named tables or all, and refuses odd names', async () => {
    await db.exec('CREATE TABLE stats (id int)');
    await db.query('INSERT INTO stats SELECT g FROM generate_series(1, 500) g');
    const tuples = async () =>
      (await db.query<{ n: number }>("SELECT reltuples::int AS n FROM pg_class WHERE relname = 'stats'")).rows[0].n;
    expect(await tuples()).toBeLessThan(500); // -1 (never analysed) or 0: the planner knows nothing
    await db.analyze(['stats']);
    expect(await tuples()).toBe(500);
    await db.analyze();
    await expect(db.analyze(['stats; DROP TABLE t'])).rejects.toThrow(/Nom de table invalide/);
  });

  it('reports itself healthy without a query', () => {
    // (`problems` may hold a warning about the test machine's free disk space.)
    expect(db.health().ok).toBe(true);
  });

  describe('migrate', () => {
    const v1 = [
      { id: '001_init', sql: 'CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);' },
      { id: '002_seed', sql: "INSERT INTO notes (body) VALUES ('a'); INSERT INTO notes (body) VALUES ('b');" },
    ];

    it('applies migrations once, in order, and is idempotent', async () => {
      expect(await migrate(db, 'svc', v1)).toEqual(['001_init', '002_seed']);
      expect(await migrate(db, 'svc', v1)).toEqual([]);
      expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows[0]).toEqual({ n: 2 });
      const v2 = [...v1, { id: '003_more', sql: "INSERT INTO notes (body) VALUES ('c')" }];
      expect(await migrate(db, 'svc', v2)).toEqual(['003_more']);
      expect((await db.query('SELECT count(*)::int AS n FROM notes')).rows[0]).toEqual({ n: 3 });
    });

    it('namespaces migration ids by service', async () => {
      const other = [{ id: '001_init', sql: 'CREATE TABLE other_notes (id int)' }];
      expect(await migrate(db, 'other', other)).toEqual(['001_init']);
      const { rows } = await db.query('SELECT service, id FROM platform_migrations ORDER BY service, id');
      expect(rows).toEqual([
        { service: 'other', id: '001_init' },
        { service: 'svc', id: '001_init' },
        { service: 'svc', id: '002_seed' },
        { service: 'svc', id: '003_more' },
      ]);
    });

    it('leaves no trace of a failing migration and reports it', async () => {
      const bad = [
        { id: '001_ok', sql: 'CREATE TABLE fine (id int)' },
        { id: '002_bad', sql: 'CREATE TABLE half (id int); SELECT * FROM missing_table;' },
      ];
      await expect(migrate(db, 'bad', bad)).rejects.toThrow(/bad\/002_bad/);
      await expect(db.query('SELECT * FROM half')).rejects.toThrow();
      const { rows } = await db.query("SELECT id FROM platform_migrations WHERE service = 'bad'");
      expect(rows).toEqual([{ id: '001_ok' }]);
    });

    it('rejects duplicate ids', async () => {
      await expect(migrate(db, 'dup', [v1[0], v1[0]])).rejects.toThrow(/deux fois/);
    });
  });

  it('keeps data across close and reopen', async () => {
    await db.exec('CREATE TABLE persisted (v text)');
    await db.query("INSERT INTO persisted VALUES ('still here')");
    await db.close();
    const again = await openDb(db.config);
    try {
      expect((await again.query('SELECT v FROM persisted')).rows).toEqual([{ v: 'still here' }]);
    } finally {
      await again.close();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('migrate on postgres, concurrently', () => {
  const [, target] = testDatabases();
  afterAll(() => target?.cleanup());

  it('two processes migrating at once apply each migration exactly once', async () => {
    const a = await target.open();
    const b = await openDb(a.config);
    try {
      const ms = Array.from({ length: 5 }, (_, i) => ({
        id: `00${i}`,
        sql: `CREATE TABLE m${i} (id int); INSERT INTO m${i} VALUES (${i});`,
      }));
      const [ra, rb] = await Promise.all([migrate(a, 'race', ms), migrate(b, 'race', ms)]);
      expect([...ra, ...rb].sort()).toEqual(ms.map((m) => m.id));
      const { rows } = await a.query("SELECT count(*)::int AS n FROM platform_migrations WHERE service = 'race'");
      expect(rows[0]).toEqual({ n: 5 });
    } finally {
      await b.close();
    }
  });
});
