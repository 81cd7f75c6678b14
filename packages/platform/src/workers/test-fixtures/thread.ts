// Tasks for workers.test.ts, run in worker threads.
import { threadId, type MessagePort } from 'node:worker_threads';
import { dbOverPort } from '../db-port.ts';

export function whoAmI(): number {
  return threadId;
}

/** Busy for `ms` milliseconds: the thread's event loop is held, the main thread's is not. */
export function spin(ms: number): number {
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}

/** Holds the thread until the main thread posts on the shared buffer (no timing involved). */
export function block(buffer: SharedArrayBuffer): string {
  Atomics.wait(new Int32Array(buffer), 0, 0);
  return 'released';
}

export async function useDb({ port, kind }: { port: MessagePort; kind: 'pglite' | 'postgres' }): Promise<unknown> {
  const db = dbOverPort(port, kind);
  db.emit('progress', { step: 'start' });
  await db.exec('CREATE TABLE IF NOT EXISTS t_port (id int PRIMARY KEY, label text)');
  await db.query('INSERT INTO t_port VALUES ($1, $2)', [1, 'un']);
  await db.transaction(async (tx) => {
    await tx.query('INSERT INTO t_port VALUES ($1, $2)', [2, 'deux']);
  });
  let rolledBack = false;
  await db
    .transaction(async (tx) => {
      await tx.query('INSERT INTO t_port VALUES ($1, $2)', [3, 'trois']);
      throw new Error('undo');
    })
    .catch(() => (rolledBack = true));
  let code: string | undefined;
  await db.query('INSERT INTO t_port VALUES ($1, $2)', [1, 'double']).catch((e: { code?: string }) => (code = e.code));
  const aborted = new Promise<unknown>((resolve) => db.onEvent((event, data) => event === 'abort' && resolve(data)));
  db.emit('progress', { step: 'waiting' });
  const reason = await aborted;
  const { rows } = await db.query<{ id: number; label: string }>('SELECT id, label FROM t_port ORDER BY id');
  await db.notify('t_port_done', String(rows.length));
  await db.close();
  return { rows, rolledBack, code, reason };
}
