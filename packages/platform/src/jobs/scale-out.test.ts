/**
 * The job queue across real processes (test-fixtures/jobs-process.ts, over the platform's public API):
 * web instances that only enqueue and read, `runWorker` workers, a worker killed with SIGKILL mid-job,
 * a worker stopped with SIGTERM, and a PGlite server killed mid-job. The test job writes its effect
 * under a unique key, so a job done twice would show (and fail), and one lost would be missing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { openDb } from '../db/index.ts';
import { createJobQueue } from './queue.ts';
import type { JobStatus } from './types.ts';

const FIXTURE = fileURLToPath(new URL('./test-fixtures/jobs-process.ts', import.meta.url));
const waitFor = <T>(fn: () => Promise<T>, timeout = 30_000) => vi.waitFor(fn, { timeout, interval: 50 });

type Role = 'web' | 'worker' | 'pglite';

interface Proc {
  role: Role;
  stderr(): string;
  pid: number;
  child: ChildProcess;
  exited: Promise<number | null>;
  call<T>(op: 'enqueue' | 'get' | 'list', ...args: unknown[]): Promise<T>;
}

const procs: Proc[] = [];

async function start(role: Role, db: TestDb, env: Record<string, string> = {}): Promise<Proc> {
  const child = fork(FIXTURE, [role], {
    // Workspace packages from their TypeScript sources, as in the test process (not a stale dist/).
    execArgv: ['--conditions=eig-source', '--import', 'tsx'],
    env: { ...process.env, DATABASE_URL: db.config.databaseUrl ?? '', DATA_DIR: db.config.dataDir, ...env },
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let next = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const ready = new Promise<number>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean; pid: number; reqId: number; result?: unknown; error?: string }) => {
      if (m.ready) return resolve(m.pid);
      const p = pending.get(m.reqId);
      pending.delete(m.reqId);
      if (m.error !== undefined) p?.reject(new Error(m.error));
      else p?.resolve(m.result);
    });
    void exited.then((code) => reject(new Error(`${role} exited (${code}) before it was ready:\n${stderr}`)));
  });
  const pid = await ready;
  const proc: Proc = {
    role,
    stderr: () => stderr,
    pid,
    child,
    exited,
    call: <T>(op: string, ...args: unknown[]) =>
      new Promise<T>((resolve, reject) => {
        const reqId = next++;
        pending.set(reqId, { resolve: resolve as (v: unknown) => void, reject });
        child.send({ reqId, op, args });
      }),
  };
  procs.push(proc);
  return proc;
}

afterEach(async (ctx) => {
  for (const p of procs) {
    // What the processes logged (warnings and errors) explains a failure.
    if (ctx.task.result?.state === 'fail' && p.stderr()) console.error(`--- ${p.role} ${p.pid} ---\n${p.stderr()}`);
  }
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
});

async function createTestTables(db: TestDb) {
  await db.exec(`
    CREATE TABLE test_attempts (job_id text NOT NULL, attempt int NOT NULL, pid int NOT NULL, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE test_effects (key text PRIMARY KEY, job_id text NOT NULL, pid int NOT NULL);
    CREATE TABLE test_gates (key text PRIMARY KEY);
  `);
}

const attemptsOf = async (db: TestDb, jobId: string) =>
  (await db.query<{ attempt: number; pid: number }>('SELECT attempt, pid FROM test_attempts WHERE job_id = $1 ORDER BY attempt', [jobId]))
    .rows;
const effectsOf = async (db: TestDb, key: string) =>
  (await db.query<{ job_id: string; pid: number }>('SELECT job_id, pid FROM test_effects WHERE key = $1', [key])).rows;
const openGate = (db: TestDb, key: string) => db.query('INSERT INTO test_gates (key) VALUES ($1)', [key]);

describe.skipIf(!process.env.TEST_DATABASE_URL)('job queue scale-out on postgres: web instances and workers', () => {
  const target = testDatabases().find((t) => t.name === 'postgres')!;
  afterAll(() => target?.cleanup());

  it('runs a job enqueued on one web instance exactly once, on a worker, with its progress visible on both instances', async () => {
    const db = await target.open();
    await createTestTables(db);
    const [web1, web2, worker] = await Promise.all([start('web', db), start('web', db), start('worker', db)]);
    const id = await web1.call<string>('enqueue', 'test.effect', { key: 'once' });

    for (const web of [web1, web2]) {
      await waitFor(async () =>
        expect(await web.call<JobStatus>('get', id)).toMatchObject({
          state: 'running',
          attempts: 1,
          progress: { done: 1, total: 2, message: 'en attente' },
        }),
      );
    }
    await openGate(db, 'once');
    for (const web of [web1, web2]) {
      await waitFor(async () =>
        expect(await web.call<JobStatus>('get', id)).toMatchObject({ state: 'done', progress: { done: 2, total: 2, message: 'fini' } }),
      );
    }
    expect(await attemptsOf(db, id)).toEqual([{ attempt: 1, pid: worker.pid }]);
    expect(await effectsOf(db, 'once')).toEqual([{ job_id: id, pid: worker.pid }]);
  });

  it('spreads jobs over workers, several at once, each done exactly once', async () => {
    const db = await target.open();
    await createTestTables(db);
    const [web1, web2, w1, w2] = await Promise.all([start('web', db), start('web', db), start('worker', db), start('worker', db)]);
    // Four held jobs: concurrency 2 per worker × 2 workers, so all four run at once, on both workers.
    const held = await Promise.all(
      [0, 1, 2, 3].map((i) => (i % 2 ? web1 : web2).call<string>('enqueue', 'test.parallel', { key: `held-${i}` })),
    );
    await waitFor(async () => expect(await web1.call<JobStatus[]>('list', { name: 'test.parallel', state: 'running' })).toHaveLength(4));
    // A job shows as running before its handler has recorded its attempt: wait for the records too.
    await waitFor(async () => {
      const { rows } = await db.query<{ pid: number; n: number }>(
        'SELECT pid, count(*)::int AS n FROM test_attempts GROUP BY pid ORDER BY pid',
      );
      expect(rows).toEqual([w1.pid, w2.pid].sort((a, b) => a - b).map((pid) => ({ pid, n: 2 })));
    });

    // Twenty more from both web instances at once, with their gates open.
    for (let i = 0; i < 20; i++) await openGate(db, `quick-${i}`);
    const quick = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? web1 : web2).call<string>('enqueue', 'test.parallel', { key: `quick-${i}` })),
    );
    for (let i = 0; i < 4; i++) await openGate(db, `held-${i}`);
    await waitFor(async () => expect(await web2.call<JobStatus[]>('list', { name: 'test.parallel', state: 'done' })).toHaveLength(24));

    const effects = await db.query<{ job_id: string }>('SELECT job_id FROM test_effects ORDER BY job_id');
    expect(effects.rows.map((r) => r.job_id)).toEqual([...held, ...quick].sort());
    const attempts = await db.query<{ n: number; jobs: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT job_id)::int AS jobs FROM test_attempts',
    );
    expect(attempts.rows[0]).toEqual({ n: 24, jobs: 24 });
  });

  it('retries elsewhere the job of a worker killed mid-job (SIGKILL): nothing lost, nothing done twice', async () => {
    const db = await target.open();
    await createTestTables(db);
    // The job's timeout is how pg-boss finds a dead worker's job: short here, so the test is quick.
    // Every process declares the same definitions (the last declaration sets the queue's policy).
    const env = { JOB_TIMEOUT_SECONDS: '3' };
    const [web, a, b] = await Promise.all([start('web', db, env), start('worker', db, env), start('worker', db, env)]);
    const id = await web.call<string>('enqueue', 'test.effect', { key: 'survivor' });
    await waitFor(async () => expect(await attemptsOf(db, id)).toHaveLength(1));
    const [first] = await attemptsOf(db, id);
    const [victim, survivor] = first.pid === a.pid ? [a, b] : [b, a];

    victim.child.kill('SIGKILL');
    await victim.exited;
    expect(await web.call<JobStatus>('get', id)).toMatchObject({ state: 'running', attempts: 1 });
    await openGate(db, 'survivor');

    await waitFor(async () => expect(await web.call<JobStatus>('get', id)).toMatchObject({ state: 'done', attempts: 2 }));
    expect(await attemptsOf(db, id)).toEqual([
      { attempt: 1, pid: victim.pid },
      { attempt: 2, pid: survivor.pid },
    ]);
    expect(await effectsOf(db, 'survivor')).toEqual([{ job_id: id, pid: survivor.pid }]);
  });

  it('on SIGTERM, a worker lets a running job finish within its grace period, then exits', async () => {
    const db = await target.open();
    await createTestTables(db);
    const [web, worker] = await Promise.all([start('web', db), start('worker', db, { GRACE_MS: '60000' })]);
    const id = await web.call<string>('enqueue', 'test.effect', { key: 'finish' });
    await waitFor(async () => expect(await attemptsOf(db, id)).toHaveLength(1));
    worker.child.kill('SIGTERM');
    // The worker now waits for the job; once the job can end, it does, and the worker exits cleanly.
    await openGate(db, 'finish');
    expect(await worker.exited).toBe(0);
    expect(await web.call<JobStatus>('get', id)).toMatchObject({ state: 'done', attempts: 1 });
    expect(await effectsOf(db, 'finish')).toEqual([{ job_id: id, pid: worker.pid }]);
  });

  it('on SIGTERM past its grace period, a worker gives the running job back, and another worker finishes it', async () => {
    const db = await target.open();
    await createTestTables(db);
    const [web, first] = await Promise.all([start('web', db), start('worker', db, { GRACE_MS: '0' })]);
    const id = await web.call<string>('enqueue', 'test.effect', { key: 'released' });
    await waitFor(async () => expect(await attemptsOf(db, id)).toHaveLength(1));
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await web.call<JobStatus>('get', id)).toMatchObject({ state: 'queued', attempts: 1, error: expect.stringMatching(/s’arrête/) });

    const second = await start('worker', db);
    await openGate(db, 'released');
    await waitFor(async () => expect(await web.call<JobStatus>('get', id)).toMatchObject({ state: 'done', attempts: 2 }));
    expect(await effectsOf(db, 'released')).toEqual([{ job_id: id, pid: second.pid }]);
  });
});

describe('in-process job queue on PGlite: a server killed mid-job (SIGKILL)', () => {
  const target = testDatabases().find((t) => t.name === 'pglite')!;
  afterAll(() => target.cleanup());

  it('shows the interrupted job at the next start, keeps the history, and retries the job', async () => {
    const db = await target.open();
    const config = db.config;
    await db.close(); // the server process owns the database now
    const server = await start('pglite', db);
    const before = await server.call<string>('enqueue', 'test.effect', { key: 'before' });
    const cut = await server.call<string>('enqueue', 'test.effect', { key: 'cut' });
    await waitFor(async () =>
      expect(await server.call<JobStatus>('get', before)).toMatchObject({ state: 'running', progress: { done: 1 } }),
    );
    server.child.kill('SIGKILL');
    await server.exited;

    // The next start: the same data folder (the dead process's lock is taken over).
    const again = await openDb(config);
    try {
      await again.query(`INSERT INTO test_gates (key) VALUES ('before'), ('cut')`);
      const q = await createJobQueue(again, config, { work: true });
      try {
        expect(await q.get(before)).toMatchObject({ state: 'queued', attempts: 1, error: expect.stringMatching(/processus s’est arrêté/) });
        expect(await q.get(cut)).toMatchObject({ state: 'queued', attempts: 0 });
        expect((await q.list()).map((j) => j.id)).toEqual([cut, before]);
        const { handler } = {
          handler: async (payload: unknown, job: { id: string }) => {
            await again.query('INSERT INTO test_effects (key, job_id, pid) VALUES ($1, $2, $3)', [
              (payload as { key: string }).key,
              job.id,
              process.pid,
            ]);
          },
        };
        q.register({ name: 'test.effect', retry: { limit: 2 }, handler });
        await waitFor(async () => expect(await q.list({ state: 'done' })).toHaveLength(2));
        expect(await q.get(before)).toMatchObject({ state: 'done', attempts: 2 });
        const effects = await again.query('SELECT key FROM test_effects ORDER BY key');
        expect(effects.rows).toEqual([{ key: 'before' }, { key: 'cut' }]);
      } finally {
        await q.close();
      }
    } finally {
      await again.close();
    }
  });
});
