/**
 * The database, seen from a worker thread: a `Db` whose queries travel over a MessagePort to the
 * thread that owns the real database (PGlite belongs to one thread; a PostgreSQL pool to one
 * process's main thread), which runs them and sends the rows back. A worker thus does its CPU work
 * (parsing, building rows, serialising batches) off the main thread, while every write still goes
 * through the suite's one `Db` — the same migrations, locks and transactions.
 *
 * Besides queries, the port carries events both ways (`emit` / `onEvent`): a task's progress to the
 * main thread, an abort request to the task.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type { Db, QueryResult, Queryable } from '../db/types.ts';

type Request =
  | { id: number; op: 'query'; tx?: number; sql: string; params?: unknown[] }
  | { id: number; op: 'exec'; tx?: number; sql: string }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean; error?: string }
  | { id: number; op: 'notify'; channel: string; payload?: string }
  | { id: number; op: 'analyze'; tables?: string[] };

type Reply = { reply: number; ok: true; value?: unknown } | { reply: number; ok: false; error: { message: string; code?: string } };
type Event = { event: string; data?: unknown };

function isEvent(m: unknown): m is Event {
  return typeof m === 'object' && m !== null && typeof (m as Event).event === 'string';
}

/** A database error keeps its SQLSTATE `code` (e.g. 23505) across the thread boundary. */
function toWire(err: unknown): { message: string; code?: string } {
  const e = err as { message?: unknown; code?: unknown };
  return { message: typeof e?.message === 'string' ? e.message : String(err), ...(typeof e?.code === 'string' && { code: e.code }) };
}

function fromWire(w: { message: string; code?: string }): Error {
  return Object.assign(new Error(w.message), w.code ? { code: w.code } : {});
}

export interface ServedDb {
  /** Give this to the worker (in the task's payload and transferList). */
  port: MessagePort;
  /** Sends an event to the worker (e.g. `abort`). */
  emit(event: string, data?: unknown): void;
  /** Ends the channel; transactions the worker left open are rolled back. */
  close(): void;
}

/**
 * Main side: serves `db` to one worker over a new channel. `onEvent` receives the worker's events.
 * A transaction opened by the worker holds its connection (PGlite: the database) until the worker
 * ends it: keep them short, as on the main thread.
 */
export function serveDb(db: Db, onEvent?: (event: string, data: unknown) => void): ServedDb {
  const { port1, port2 } = new MessageChannel();
  const txs = new Map<number, { tx: Queryable; end: (commit: boolean, error?: string) => void; done: Promise<void> }>();
  let nextTx = 1;
  const send = (m: Reply) => port1.postMessage(m);
  const target = (tx?: number): Queryable => {
    if (tx === undefined) return db;
    const t = txs.get(tx);
    if (!t) throw new Error('transaction already ended');
    return t.tx;
  };
  // One statement per turn of the event loop: a port delivers every queued message in one go, and a
  // worker that sends its next statement as soon as the previous one is answered would otherwise
  // keep the main thread (PGlite runs there) from timers and sockets for a whole series.
  port1.on('message', (m: Request | Event) => setImmediate(handle, m));
  const handle = (m: Request | Event) => {
    if (isEvent(m)) {
      onEvent?.(m.event, m.data);
      return;
    }
    const reply = (p: Promise<unknown>) =>
      p.then(
        (value) => send({ reply: m.id, ok: true, value }),
        (err: unknown) => send({ reply: m.id, ok: false, error: toWire(err) }),
      );
    switch (m.op) {
      case 'query':
        void reply(Promise.resolve().then(() => target(m.tx).query(m.sql, m.params)));
        break;
      case 'exec':
        void reply(Promise.resolve().then(() => target(m.tx).exec(m.sql)));
        break;
      case 'notify':
        void reply(db.notify(m.channel, m.payload));
        break;
      case 'analyze':
        void reply(Promise.resolve().then(() => db.analyze(m.tables)));
        break;
      case 'begin': {
        const id = nextTx++;
        let opened!: () => void;
        const isOpen = new Promise<void>((r) => (opened = r));
        let end!: (commit: boolean, error?: string) => void;
        // The transaction's outcome is the worker's `end` message: commit, or roll back with its error.
        const done = db.transaction(
          (tx) =>
            new Promise<void>((resolve, reject) => {
              end = (commit, error) => (commit ? resolve() : reject(new Error(error ?? 'rollback')));
              txs.set(id, { tx, end, done });
              opened();
            }),
        );
        done.catch(() => undefined).finally(() => txs.delete(id));
        // `begin` answers once the transaction is open, or with the error that prevented it.
        void reply(Promise.race([isOpen, done]).then(() => id));
        break;
      }
      case 'end': {
        const t = txs.get(m.tx);
        if (!t) {
          send({ reply: m.id, ok: false, error: { message: 'transaction already ended' } });
          break;
        }
        t.end(m.commit, m.error);
        // A commit answers once it succeeded (or with its error); a rollback once it is over.
        void reply(m.commit ? t.done : t.done.catch(() => undefined));
        break;
      }
    }
  };
  // The worker ended (or closed its end): a transaction it left open is rolled back.
  port1.on('close', () => {
    for (const t of txs.values()) t.end(false, 'worker gone');
  });
  port1.unref();
  return {
    port: port2,
    emit: (event, data) => port1.postMessage({ event, data } satisfies Event),
    close() {
      for (const t of txs.values()) t.end(false, 'worker gone');
      port1.close();
    },
  };
}

export interface PortDb extends Db {
  /** Sends an event to the main thread (progress, logs). */
  emit(event: string, data?: unknown): void;
  /** Receives the main thread's events (e.g. `abort`). */
  onEvent(fn: (event: string, data: unknown) => void): void;
}

/**
 * Worker side: the `Db` served by `serveDb` on the other end of `port`. `listen` is not available
 * in a worker (listen on the main thread); everything else behaves as the main thread's `Db`.
 */
export function dbOverPort(port: MessagePort, kind: Db['kind']): PortDb {
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners: ((event: string, data: unknown) => void)[] = [];
  port.on('message', (m: Reply | Event) => {
    if (isEvent(m)) {
      for (const fn of listeners) fn(m.event, m.data);
      return;
    }
    const p = pending.get(m.reply);
    if (!p) return;
    pending.delete(m.reply);
    if (m.ok) p.resolve(m.value);
    else p.reject(fromWire(m.error));
  });
  const call = <T>(req: Omit<Request, 'id'>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.postMessage({ ...req, id });
    });
  const queryable = (tx?: number): Queryable => ({
    query: <R>(sql: string, params?: unknown[]) => call<QueryResult<R>>({ op: 'query', tx, sql, params } as Omit<Request, 'id'>),
    exec: (sql: string) => call<void>({ op: 'exec', tx, sql } as Omit<Request, 'id'>),
  });
  return {
    kind,
    ...queryable(),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const tx = await call<number>({ op: 'begin' } as Omit<Request, 'id'>);
      let result: T;
      try {
        result = await fn(queryable(tx));
      } catch (err) {
        await call({ op: 'end', tx, commit: false, error: toWire(err).message } as Omit<Request, 'id'>).catch(() => undefined);
        throw err;
      }
      await call({ op: 'end', tx, commit: true } as Omit<Request, 'id'>);
      return result;
    },
    listen() {
      return Promise.reject(new Error('listen is not available in a worker thread: listen on the main thread'));
    },
    notify: (channel: string, payload?: string) => call<void>({ op: 'notify', channel, payload } as Omit<Request, 'id'>),
    analyze: (tables?: string[]) => call<void>({ op: 'analyze', tables } as Omit<Request, 'id'>),
    // The database's health is the owning thread's to report (on /healthz); a worker only sees
    // failures, as errors of its statements.
    health: () => ({ ok: true, problems: [] }),
    async close() {
      port.close();
    },
    emit: (event, data) => port.postMessage({ event, data } satisfies Event),
    onEvent(fn) {
      listeners.push(fn);
    },
  };
}
