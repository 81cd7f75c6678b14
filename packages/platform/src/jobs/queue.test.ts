import { afterAll, describe, expect, it, vi } from 'vitest';
import { testDatabases } from '../testing/databases.ts';
import { createJobQueue } from './queue.ts';
import { createPostgresJobQueue } from './postgres.ts';
import type { JobQueue } from './types.ts';

/** A promise the test resolves by hand, so handlers stop where the test wants to look. */
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

const waitFor = <T>(fn: () => Promise<T>) => vi.waitFor(fn, { timeout: 20_000, interval: 20 });

describe.each(testDatabases())('job queue on $name', (target) => {
  const queues: JobQueue[] = [];
  afterAll(async () => {
    for (const q of queues) await q.close();
    await target.cleanup();
  });
  async function open() {
    const db = await target.open();
    const q = await createJobQueue(db, db.config, { pollMs: 50 });
    queues.push(q);
    return { db, q };
  }

  it('picks the implementation from the configuration', async () => {
    const { q } = await open();
    expect(q.kind).toBe(target.name === 'postgres' ? 'postgres' : 'memory');
  });

  it('runs a job, shows its progress while it runs, and records success', async () => {
    const { q } = await open();
    const g = gate();
    const seen: unknown[] = [];
    q.register('ingest', async (payload, job) => {
      seen.push(payload);
      const progress = job.progress; // unbound on purpose: services pass it along as a callback
      progress(3, 10, 'articles');
      await g.p;
      progress(10, 10, 'fini');
    });
    const id = await q.enqueue('ingest', { force: true });
    await waitFor(async () => {
      expect(await q.get(id)).toMatchObject({ state: 'running', progress: { done: 3, total: 10, message: 'articles' } });
    });
    g.open();
    await waitFor(async () => expect((await q.get(id))?.state).toBe('done'));
    const done = await q.get(id);
    expect(done).toMatchObject({ id, name: 'ingest', progress: { done: 10, total: 10, message: 'fini' } });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(done?.createdAt).toBeInstanceOf(Date);
    expect(done?.error).toBeUndefined();
    expect(seen).toEqual([{ force: true }]);
  });

  it('records a failure with its message and keeps going', async () => {
    const { q } = await open();
    q.register('fragile', async (payload) => {
      if ((payload as { fail: boolean }).fail) throw new Error('source injoignable');
    });
    const bad = await q.enqueue('fragile', { fail: true });
    const good = await q.enqueue('fragile', { fail: false });
    await waitFor(async () => expect((await q.get(good))?.state).toBe('done'));
    expect(await q.get(bad)).toMatchObject({ state: 'failed', error: 'source injoignable' });
    const listed = await q.list('fragile');
    expect(listed.map((j) => j.id)).toEqual([good, bad]);
    expect(await q.get('999999')).toBeUndefined();
  });

  it('runs jobs of one name one at a time, in order', async () => {
    const { q } = await open();
    let active = 0;
    let maxActive = 0;
    const order: number[] = [];
    const g = gate();
    q.register('serial', async (payload) => {
      active++;
      maxActive = Math.max(maxActive, active);
      await g.p;
      order.push(payload as number);
      active--;
    });
    const ids = [await q.enqueue('serial', 1), await q.enqueue('serial', 2), await q.enqueue('serial', 3)];
    await waitFor(async () => expect((await q.get(ids[0]))?.state).toBe('running'));
    expect((await q.get(ids[1]))?.state).toBe('queued');
    g.open();
    await waitFor(async () => expect((await q.get(ids[2]))?.state).toBe('done'));
    expect(order).toEqual([1, 2, 3]);
    expect(maxActive).toBe(1);
  });

  it('keeps jobs queued until a handler is registered', async () => {
    const { q } = await open();
    const id = await q.enqueue('later', null);
    expect((await q.get(id))?.state).toBe('queued');
    q.register('later', async () => {});
    await waitFor(async () => expect((await q.get(id))?.state).toBe('done'));
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('postgres job queue across processes', () => {
  const target = testDatabases().find((t) => t.name === 'postgres')!;
  afterAll(() => target?.cleanup());

  it('lets one process enqueue and another run, with progress visible to both', async () => {
    const db = await target.open();
    const { openDb } = await import('../db/index.ts');
    const db2 = await openDb(db.config);
    const web = await createPostgresJobQueue(db, { pollMs: 50 });
    const worker = await createPostgresJobQueue(db2, { pollMs: 50 });
    try {
      const g = gate();
      worker.register('build', async (_p, job) => {
        job.progress(1, 2, 'index');
        await g.p;
      });
      const id = await web.enqueue('build', {});
      await waitFor(async () => expect(await web.get(id)).toMatchObject({ state: 'running', progress: { done: 1, total: 2 } }));
      g.open();
      await waitFor(async () => expect((await web.get(id))?.state).toBe('done'));
    } finally {
      await web.close();
      await worker.close();
      await db2.close();
    }
  });

  it('fails a running job whose process stopped sending heartbeats', async () => {
    const db = await target.open();
    const q = await createPostgresJobQueue(db, { pollMs: 50, staleMs: 1000 });
    try {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO platform_jobs (name, state, heartbeat_at) VALUES ('orphan', 'running', now() - interval '1 hour') RETURNING id`,
      );
      const id = String(rows[0].id);
      const next = await q.enqueue('orphan', {});
      q.register('orphan', async () => {});
      await waitFor(async () => expect((await q.get(next))?.state).toBe('done'));
      expect(await q.get(id)).toMatchObject({ state: 'failed', error: expect.stringMatching(/ne répond plus/) });
    } finally {
      await q.close();
    }
  });
});
