import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../testing/index.ts';
import { HttpError } from '../http/errors.ts';
import { createWorkerPool, dbOverPort, overloadedHttpError, runInWorkerThread, serveDb, WorkerPoolOverloadedError } from './index.ts';

const fixture = new URL('./test-fixtures/thread.ts', import.meta.url);

describe('worker pool', () => {
  const pools: { destroy(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const p of pools) await p.destroy();
  });

  it('runs named tasks in another thread, and the main event loop goes on meanwhile', async () => {
    const pool = createWorkerPool({ module: fixture, name: 'test' });
    pools.push(pool);
    expect(await pool.run<number>('whoAmI')).not.toBe(threadId);
    const order: string[] = [];
    const busy = pool.run('spin', 300).then(() => order.push('task'));
    await new Promise((r) => setTimeout(r, 1));
    order.push('timer');
    await busy;
    expect(order).toEqual(['timer', 'task']);
  });

  it('refuses at once past its queue, and the refusal becomes a 503 with Retry-After', async () => {
    const pool = createWorkerPool({ module: fixture, name: 'test', threads: 1, maxQueue: 1 });
    pools.push(pool);
    const gate = new SharedArrayBuffer(4);
    const running = pool.run('block', gate);
    const queued = pool.run<number>('whoAmI');
    const refused = await pool.run('whoAmI').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkerPoolOverloadedError);
    const http = overloadedHttpError(refused) as HttpError;
    expect(http).toBeInstanceOf(HttpError);
    expect(http).toMatchObject({ statusCode: 503, code: 'overloaded', retryAfterSeconds: 1 });
    // Other errors pass through unchanged.
    const other = new Error('x');
    expect(overloadedHttpError(other)).toBe(other);
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    expect(await running).toBe('released');
    expect(typeof (await queued)).toBe('number');
  });

  it('runs a one-shot task in a thread that ends with it', async () => {
    const id = await runInWorkerThread<number>({ module: fixture, name: 'once' }, 'whoAmI');
    expect(id).not.toBe(threadId);
  });
});

describe.each(testDatabases())('database over a port on $name', (target) => {
  afterAll(() => target.cleanup());

  it('queries, runs transactions, keeps error codes, notifies, and carries events both ways', async () => {
    const db = await target.open();
    let notify!: (payload: string) => void;
    const notified = new Promise<string>((resolve) => (notify = resolve));
    await db.listen('t_port_done', (payload) => notify(payload));
    const events: string[] = [];
    const served = serveDb(db, (event, data) => {
      events.push(`${event}:${(data as { step: string }).step}`);
      if ((data as { step: string }).step === 'waiting') served.emit('abort', 'stop');
    });
    const result = await runInWorkerThread(
      { module: fixture, name: 'db' },
      'useDb',
      { port: served.port, kind: db.kind },
      { transferList: [served.port] },
    );
    served.close();
    expect(result).toEqual({
      rows: [
        { id: 1, label: 'un' },
        { id: 2, label: 'deux' },
      ],
      rolledBack: true,
      code: '23505',
      reason: 'stop',
    });
    expect(events).toEqual(['progress:start', 'progress:waiting']);
    expect(await notified).toBe('2');
    // The main thread's database is usable afterwards (no transaction left open).
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t_port')).rows[0].n).toBe(2);
  });

  it('a worker-side Db cannot listen', async () => {
    const db = await target.open();
    const served = serveDb(db);
    const port = dbOverPort(served.port, db.kind);
    await expect(port.listen('x', () => undefined)).rejects.toThrow(/main thread/);
    served.close();
  });
});
