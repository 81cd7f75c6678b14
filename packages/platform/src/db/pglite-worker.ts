/**
 * PGlite in a worker thread, behind the same `Db` interface as the in-process adapter.
 *
 * Why: PGlite is PostgreSQL compiled to WebAssembly, and each statement runs synchronously on the thread
 * that calls it. In-process, one slow statement (a theme page planned without statistics: 40 s) froze
 * every request, `/healthz` included, and a PGlite spinning on a full disk made the process deaf to
 * SIGTERM. Here the main thread only posts messages and waits for answers.
 *
 * Why not a library: PGlite's own `@electric-sql/pglite/worker` is built for browsers (Web Workers,
 * `navigator.locks`, BroadcastChannel leader election between tabs; Node 20 has no `navigator`), and
 * `@electric-sql/pglite-socket` serves the wire protocol on a socket for node-postgres, but pins an
 * exact PGlite version as a peer, delivers no NOTIFY to another connection than the sender's, and says
 * itself that its multiplexing of several connections over PGlite's one is not guaranteed to work.
 * The protocol here is small (pglite-protocol.ts): requests with ids, structured-clone results, errors
 * with their SQLSTATE fields.
 *
 * What the thread also gives: a statement can be bounded. PGlite ignores `statement_timeout` (checked:
 * `SET statement_timeout = '300ms'; SELECT pg_sleep(2)` runs 2 s, as WebAssembly has no signals to
 * cancel it), but a thread can be terminated. So:
 *   - every request waits at most `statementTimeoutMs`, then fails with a 503 (DatabaseTimeoutError);
 *   - a watchdog pings the thread every second; a thread that has not answered for `statementTimeoutMs`
 *     is stuck in one statement: it is terminated (as a kill -9 of PGlite: its journal makes the data
 *     consistent again at reopening) and PGlite is reopened in a new thread;
 *   - a full disk (SQLSTATE 53100; PGlite loops for ever on its next statement) closes the thread at
 *     once; PGlite is reopened when the disk has room again, checked every few seconds, and meanwhile
 *     every request gets a 503 at once and `health()` says « Disque plein : … ».
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import type { Db, DbHealth, QueryResult, Queryable } from './types.ts';
import { lockDataDir } from './pglite-lock.ts';
import { checkChannel, checkPayload, guardListener } from './notify.ts';
import { DatabaseTimeoutError, DatabaseUnavailableError, formatSeconds } from './errors.ts';
import { diagnoseOpenFailure, diskFullMessage, diskSpace, formatBytes, isDiskFull, LOW_FREE_BYTES, prepareDataDir } from './data-dir.ts';
import { PgliteError, type Reply, type Request, type SerializedError, type ThreadOptions } from './pglite-protocol.ts';
import { analyzeSql } from './analyze.ts';

export interface PgliteWorkerOptions {
  log?: Logger;
  /** Longest wait of one statement, and how long a silent thread may stay stuck before it is restarted; 0: no bound. */
  statementTimeoutMs?: number;
  /** Watchdog period (tests shorten it). */
  pingIntervalMs?: number;
  /** Longest start of PGlite (a first start creates the database: about 10 s on a busy 2-core machine). */
  openTimeoutMs?: number;
  /** First and longest wait between two attempts to reopen after a fault. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Period of the free-space check of the data folder. */
  diskCheckIntervalMs?: number;
}

const DEFAULTS = {
  statementTimeoutMs: 15_000,
  pingIntervalMs: 1_000,
  openTimeoutMs: 120_000,
  retryMinMs: 2_000,
  retryMaxMs: 60_000,
  diskCheckIntervalMs: 30_000,
};

/** The PGlite thread's file, beside this one: TypeScript in the sources (tests, tsx), JavaScript in the build. */
function startWorker(data: ThreadOptions): Worker {
  const url = new URL(`./pglite-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData: data });
  return new Worker(new URL('./ts-thread-boot.mjs', import.meta.url), { workerData: { ...data, tsEntry: url.href } });
}

interface Pending {
  resolve(r: Extract<Reply, { type: 'ok' }>): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
  /** Where the request was made: the stack a failing query reports. */
  where: Error;
  /** Slices of a large result received so far. */
  parts?: unknown[][];
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  dead: boolean;
  pingSeq: number;
  pongSeq: number;
  pingSentAt: number;
}

/** A clean close waits this long at most: shutdown has its own deadline (10 s), and a thread can always be terminated. */
const CLOSE_TIMEOUT_MS = 5_000;

/** How long a cleanly closed thread may take to end by itself before it is terminated. */
const EXIT_GRACE_MS = 2_000;

type State = 'open' | 'restarting' | 'failed' | 'closed';

type RequestBody = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** PGlite in a worker thread: `dir` on disk, or in memory when undefined. */
export async function openPgliteWorker(dir: string | undefined, options: PgliteWorkerOptions = {}): Promise<Db> {
  const opts = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const log = options.log;
  const timeoutMs = opts.statementTimeoutMs;

  if (dir) await prepareDataDir(dir);
  const unlock = dir ? await lockDataDir(dir) : async () => {};

  let state: State = 'restarting';
  // A function, so that TypeScript does not narrow `state` across awaits that may close the database.
  const closed = () => state === 'closed';
  let problem: string | undefined;
  let diskWarning: string | undefined;
  let seq = 0;
  let txSeq = 0;
  let retryMs = opts.retryMinMs;
  let retryTimer: NodeJS.Timeout | undefined;
  const listeners = new Map<string, Set<(payload: string) => void>>();

  /** Every thread started and not yet terminated (one, or two while a restart opens the next). */
  const threads = new Set<Thread>();

  /**
   * Stops a thread. One that closed PGlite cleanly is given `exitGraceMs` to end by itself: terminating
   * a thread while its file-system requests are still in flight can abort the whole process (a known
   * Node fault; the suspected, unconfirmed cause of a test process that died once in CI on Node
   * 22/24). Terminating remains the way to stop a stuck or crashed thread: it stops PGlite even inside
   * a statement that loops (checked: within a second).
   */
  function kill(t: Thread, reason: Error, exitGraceMs = 0): Promise<unknown> {
    if (t.dead) return Promise.resolve();
    t.dead = true;
    threads.delete(t);
    for (const p of t.pending.values()) {
      clearTimeout(p.timer);
      p.reject(reason);
    }
    t.pending.clear();
    t.worker.removeAllListeners('message');
    if (exitGraceMs <= 0) return t.worker.terminate();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => void t.worker.terminate().then(() => resolve()), exitGraceMs);
      t.worker.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // An idle thread does not keep the process alive (a script that forgets close() still exits); one
  // with requests in flight does, or the process could exit while awaiting an answer.
  function track(t: Thread, id: number, p: Pending) {
    t.pending.set(id, p);
    if (t.pending.size === 1) t.worker.ref();
  }
  function untrack(t: Thread, id: number) {
    if (t.pending.delete(id) && t.pending.size === 0) t.worker.unref();
  }

  /** Starts a thread and resolves once PGlite is open in it. */
  function spawn(): Promise<Thread> {
    return new Promise<Thread>((resolve, reject) => {
      const worker = startWorker({ dir });
      const t: Thread = { worker, pending: new Map(), dead: false, pingSeq: 0, pongSeq: 0, pingSentAt: 0 };
      threads.add(t);
      let opened = false;
      const openTimer = setTimeout(() => {
        void kill(t, new Error('open timeout'));
        reject(new Error(`PGlite ne s’est pas ouvert en ${formatSeconds(opts.openTimeoutMs)}`));
      }, opts.openTimeoutMs);
      worker.on('message', (m: Reply) => {
        if (!opened) {
          if (m.type === 'ready') {
            opened = true;
            clearTimeout(openTimer);
            if (t.pending.size === 0) worker.unref();
            resolve(t);
          } else if (m.type === 'open-failed') {
            clearTimeout(openTimer);
            void kill(t, new Error('open failed'));
            reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
          }
          return;
        }
        onReply(t, m);
      });
      worker.on('error', (err) => {
        if (!opened) {
          clearTimeout(openTimer);
          void kill(t, err);
          return reject(err);
        }
        onCrash(t, err);
      });
      worker.on('exit', (code) => {
        if (!opened) {
          clearTimeout(openTimer);
          void kill(t, new Error(`exit ${code}`));
          return reject(new Error(`Le fil de PGlite s’est arrêté au démarrage (code ${code})`));
        }
        onCrash(t, new Error(`exit ${code}`));
      });
    });
  }

  function onReply(t: Thread, m: Reply) {
    switch (m.type) {
      case 'pong':
        t.pongSeq = m.seq;
        return;
      case 'notification':
        for (const fn of listeners.get(m.channel) ?? []) fn(m.payload);
        return;
      case 'rows': {
        const p = t.pending.get(m.id);
        if (p) (p.parts ??= []).push(m.rows);
        // Ask for the next slice only now: other work of the main thread runs in between.
        t.worker.postMessage({ op: 'more', id: m.id, cancel: !p } satisfies Request);
        return;
      }
      case 'ok':
      case 'error': {
        const p = t.pending.get(m.id);
        if (!p) return; // it timed out meanwhile
        untrack(t, m.id);
        clearTimeout(p.timer);
        if (m.type === 'ok') return p.resolve(p.parts ? { ...m, rows: p.parts.flat().concat(m.rows ?? []) } : m);
        p.reject(new PgliteError(m.error, p.where.stack));
        if (m.error.code === '53100') void onDiskFull(t, m.error);
        return;
      }
    }
  }

  let current: Promise<Thread> = spawn();
  let thread: Thread | undefined;
  try {
    thread = await current;
    state = 'open';
  } catch (err) {
    await unlock();
    throw dir ? await diagnoseOpenFailure(dir, err) : err;
  }

  async function setFailed(message: string) {
    state = 'failed';
    problem = message;
    log?.error({ retryInMs: retryMs }, message);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void reopen(), retryMs);
    retryTimer.unref();
    retryMs = Math.min(opts.retryMaxMs, retryMs * 2);
  }

  /** Replaces a thread that is stuck, crashed or out of disk; its waiting requests get `message` (503). */
  function restart(t: Thread, message: string, err?: unknown) {
    if (thread !== t || state !== 'open') return;
    thread = undefined;
    state = 'restarting';
    problem = message;
    log?.error({ err }, message);
    void kill(t, new DatabaseUnavailableError(message));
    void reopen();
  }

  async function reopen() {
    if (state === 'closed') return;
    state = 'restarting';
    if (dir) {
      const space = await diskSpace(dir);
      if (isDiskFull(space)) return setFailed(diskFullMessage(dir, space));
    }
    current = spawn();
    // Requests made meanwhile wait for this attempt; a failed attempt must not leave them an unhandled rejection.
    current.catch(() => undefined);
    try {
      const t = await current;
      if (closed()) return void kill(t, new Error('Base de données fermée'));
      thread = t;
      state = 'open';
      problem = undefined;
      retryMs = opts.retryMinMs;
      log?.warn('PGlite reopened');
      for (const channel of listeners.keys()) {
        void request({ op: 'listen', channel }).catch((err: unknown) =>
          log?.error({ err, channel }, 'LISTEN again after reopening failed'),
        );
      }
    } catch (err) {
      if (closed()) return;
      const diagnosed = dir ? await diagnoseOpenFailure(dir, err) : (err as Error);
      await setFailed(diagnosed.message);
    }
  }

  function onCrash(t: Thread, err: unknown) {
    if (t.dead) return;
    restart(t, 'Base de données redémarrée : PGlite s’est arrêté brutalement.', err);
  }

  async function onDiskFull(t: Thread, e: SerializedError) {
    const space = dir ? await diskSpace(dir) : null;
    const message = dir ? diskFullMessage(dir, space) : `Disque plein : ${e.message}`;
    // PGlite does not recover from a journal it could not write: its next statement loops for ever.
    restart(t, message, new PgliteError(e));
  }

  function request(body: RequestBody, on?: Thread, waitMs = timeoutMs): Promise<Extract<Reply, { type: 'ok' }>> {
    if (state === 'closed') return Promise.reject(new Error('Base de données fermée'));
    if (state === 'failed') return Promise.reject(new DatabaseUnavailableError(problem ?? 'Base de données indisponible.'));
    const id = ++seq;
    return new Promise((resolve, reject) => {
      const p: Pending = { resolve, reject, where: new Error() };
      let settled = false;
      const settle =
        <A>(fn: (a: A) => void) =>
        (a: A) => {
          if (settled) return;
          settled = true;
          fn(a);
        };
      p.resolve = settle(resolve);
      p.reject = settle(reject);
      let target: Thread | undefined;
      if (waitMs > 0) {
        p.timer = setTimeout(() => {
          if (target) untrack(target, id);
          p.reject(new DatabaseTimeoutError(waitMs));
          if (body.op === 'begin') {
            // PGlite may start it later: tell the thread to roll it back then.
            void request({ op: 'end', tx: body.tx, commit: false }, target).catch(() => undefined);
          }
        }, waitMs);
      }
      const post = (t: Thread) => {
        if (settled) return;
        if (t.dead) return p.reject(new DatabaseUnavailableError(problem ?? 'Base de données redémarrée.'));
        target = t;
        track(t, id, p);
        t.worker.postMessage({ ...body, id } as Request);
      };
      if (on) post(on);
      else if (thread && state === 'open') post(thread);
      else current.then(post, () => p.reject(new DatabaseUnavailableError(problem ?? 'Base de données indisponible.')));
    });
  }

  const toResult = <R>(r: Extract<Reply, { type: 'ok' }>): QueryResult<R> => ({ rows: (r.rows ?? []) as R[], rowCount: r.rowCount ?? 0 });

  function queryable(tx?: { id: number; thread: Thread }): Queryable {
    return {
      async query<R = Record<string, unknown>>(sql: string, params?: unknown[]) {
        return toResult<R>(await request({ op: 'query', sql, params, tx: tx?.id }, tx?.thread));
      },
      async exec(sql: string) {
        await request({ op: 'exec', sql, tx: tx?.id }, tx?.thread);
      },
    };
  }

  // Watchdog: a thread that does not answer a ping is inside one long statement.
  const watchdog = setInterval(() => {
    const t = thread;
    if (!t || state !== 'open') return;
    const now = Date.now();
    if (t.pongSeq === t.pingSeq) {
      t.pingSeq++;
      t.pingSentAt = now;
      t.worker.postMessage({ op: 'ping', seq: t.pingSeq } satisfies Request);
    } else if (timeoutMs > 0 && now - t.pingSentAt > timeoutMs) {
      restart(
        t,
        `Base de données redémarrée : une requête l’occupait depuis plus de ${formatSeconds(timeoutMs)} (DB_STATEMENT_TIMEOUT_MS) et PGlite ne sait pas l’interrompre.`,
      );
    }
  }, opts.pingIntervalMs);
  watchdog.unref();

  async function checkDisk() {
    if (!dir) return;
    const space = await diskSpace(dir);
    diskWarning =
      space && space.free < LOW_FREE_BYTES
        ? `Disque presque plein : ${formatBytes(space.free)} libres sur ${space.mount} (DATA_DIR ${dir}).`
        : undefined;
  }
  await checkDisk();
  const diskTimer = setInterval(() => void checkDisk(), opts.diskCheckIntervalMs);
  diskTimer.unref();

  function unresponsiveMs(): number {
    const t = thread;
    if (!t || state !== 'open' || t.pongSeq === t.pingSeq) return 0;
    return Date.now() - t.pingSentAt;
  }

  return {
    kind: 'pglite',
    ...queryable(),

    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const id = ++txSeq;
      // Every statement of the transaction goes to the thread that began it: after a restart, they fail.
      const t = thread && state === 'open' ? thread : await current.catch(() => undefined);
      if (!t) throw new DatabaseUnavailableError(problem ?? 'Base de données indisponible.');
      await request({ op: 'begin', tx: id }, t);
      let result: T;
      try {
        result = await fn(queryable({ id, thread: t }));
      } catch (err) {
        await request({ op: 'end', tx: id, commit: false }, t).catch(() => undefined);
        throw err;
      }
      await request({ op: 'end', tx: id, commit: true }, t);
      return result;
    },

    async listen(channel, fn) {
      if (state === 'closed') throw new Error('Base de données fermée');
      checkChannel(channel);
      const guarded = guardListener(fn, channel, log);
      let set = listeners.get(channel);
      const first = !set;
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(guarded);
      if (first) {
        try {
          await request({ op: 'listen', channel });
        } catch (err) {
          set.delete(guarded);
          if (set.size === 0) listeners.delete(channel);
          throw err;
        }
      }
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        const s = listeners.get(channel);
        s?.delete(guarded);
        if (s && s.size === 0) {
          listeners.delete(channel);
          if (state === 'open') await request({ op: 'unlisten', channel }).catch(() => undefined);
        }
      };
    },

    async notify(channel, payload = '') {
      await request({ op: 'query', sql: 'SELECT pg_notify($1, $2)', params: [checkChannel(channel), checkPayload(payload)] });
    },

    async analyze(tables) {
      await request({ op: 'exec', sql: analyzeSql(tables) });
    },

    health(): DbHealth {
      const problems: string[] = [];
      let ok = true;
      if (state === 'failed' || state === 'restarting') {
        ok = false;
        problems.push(problem ?? 'Base de données en cours d’ouverture.');
      } else if (state === 'open') {
        const silent = unresponsiveMs();
        if (silent >= 2 * opts.pingIntervalMs) {
          ok = false;
          problems.push(`La base de données ne répond plus depuis ${Math.round(silent / 1000)} s : une requête longue l’occupe.`);
        }
      } else {
        ok = false;
        problems.push('Base de données fermée.');
      }
      if (diskWarning) problems.push(diskWarning);
      return { ok, problems };
    },

    async close() {
      if (state === 'closed') return;
      const t = state === 'open' ? thread : undefined;
      const responsive = unresponsiveMs() < 2 * opts.pingIntervalMs;
      clearInterval(watchdog);
      clearInterval(diskTimer);
      clearTimeout(retryTimer);
      let closedCleanly = false;
      if (t && responsive) {
        // A clean close writes PGlite's last pages; a stuck or dead thread is only terminated (SIGTERM must not wait on it).
        closedCleanly = await request({ op: 'close' }, t, CLOSE_TIMEOUT_MS).then(
          () => true,
          (err: unknown) => (log?.warn({ err }, 'PGlite did not close cleanly'), false),
        );
      }
      state = 'closed';
      listeners.clear();
      const reason = new DatabaseUnavailableError('Base de données fermée : arrêt du serveur.');
      await Promise.all([...threads].map((x) => kill(x, reason, x === t && closedCleanly ? EXIT_GRACE_MS : 0)));
      await unlock();
    },
  };
}
