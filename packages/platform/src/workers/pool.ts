/**
 * Worker threads for CPU-heavy work (a search engine, an ingest's parsing, a model's inference), so
 * that no request waits behind it: the event loop of the main thread only forwards and answers.
 *
 * Built on piscina (thread pool, task queue, crash recovery, abort); this file adds what every
 * service needs on top: a bounded queue that refuses at once (`WorkerPoolOverloadedError`, turned
 * into a 503 with Retry-After by `overloadedHttpError`), TypeScript sources in development and tests
 * (the worker module then runs through tsx, with the workspace's `eig-source` condition), named
 * tasks, and one-shot threads whose memory is released when they end.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Transferable } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { HttpError } from '../http/errors.ts';

export interface WorkerPoolOptions {
  /**
   * The worker module: each exported function is a task, called with the payload given to `run`.
   * In sources and tests it is a `.ts` file (`new URL('./thread.ts', import.meta.url)`); compiled, `.js`.
   */
  module: URL | string;
  /** For error messages and logs ("search", "annotation"). */
  name: string;
  /** Threads kept running (default 1). */
  threads?: number;
  /**
   * Tasks that may wait for a free thread; one more is refused at once with
   * WorkerPoolOverloadedError (default 64 per thread). 0: never wait.
   */
  maxQueue?: number;
  /** Tasks one thread runs at once (default 1: CPU-bound tasks gain nothing from more). */
  tasksPerThread?: number;
  /** Given to every thread (`workerData` from node:worker_threads). Structured-cloned. */
  workerData?: unknown;
  /** Idle threads end after this long (default: never, so that a thread keeps its state). */
  idleTimeoutMs?: number;
  /** V8 heap limits per thread (e.g. `{ maxOldGenerationSizeMb: 1024 }`). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
}

export interface RunOptions {
  /** Moved, not copied, to the thread: ArrayBuffers, MessagePorts. */
  transferList?: Transferable[];
}

export interface WorkerPool {
  readonly name: string;
  /** Runs the module's exported function `task` in a free thread; rejects at once when the queue is full. */
  run<T = unknown>(task: string, payload?: unknown, opts?: RunOptions): Promise<T>;
  /** Tasks waiting for a thread. */
  readonly queueSize: number;
  /** Threads alive. */
  readonly threadCount: number;
  /** Messages a thread posts on `parentPort` outside of tasks (readiness, logs). */
  onMessage(fn: (message: unknown) => void): void;
  /** Waits for running and queued tasks, then ends the threads. */
  close(): Promise<void>;
  /** Ends the threads now; running tasks reject. */
  destroy(): Promise<void>;
}

/** A task refused because its pool's queue is full: answer 503 with Retry-After rather than wait. */
export class WorkerPoolOverloadedError extends Error {
  override name = 'WorkerPoolOverloadedError';
  constructor(readonly pool: string) {
    super(`${pool}: all threads are busy and the queue is full`);
  }
}

/** A task whose thread died (crash, out of memory) or was ended by `destroy`. */
export class WorkerThreadError extends Error {
  override name = 'WorkerThreadError';
}

/**
 * The 503 a route throws for an overloaded pool (any other error is returned unchanged), with the
 * platform's `overloaded` code and a Retry-After header.
 */
export function overloadedHttpError(
  err: unknown,
  message = 'Le service est très sollicité : réessayez dans un instant.',
  retryAfterSeconds = 1,
): unknown {
  return err instanceof WorkerPoolOverloadedError ? new HttpError(503, message, 'overloaded', retryAfterSeconds) : err;
}

const PISCINA_QUEUE_FULL = 'Task queue is at limit';
const PISCINA_NO_QUEUE = 'No task queue available and all Workers are busy';

/** The entry of every thread (plain JavaScript beside src/ and dist/, two levels up from here). */
const THREAD_ENTRY = fileURLToPath(new URL('../../worker-thread.mjs', import.meta.url));

function moduleHref(module: URL | string): string {
  if (module instanceof URL) return module.href;
  return module.startsWith('file:') ? module : pathToFileURL(module).href;
}

/** Node options for a thread: the sources' export condition for a `.ts` module (tsx is loaded by the entry). */
function execArgvFor(href: string): string[] | undefined {
  if (!href.endsWith('.ts')) return undefined; // compiled: the process's own options
  return ['--conditions=eig-source'];
}

function mapError(pool: string, err: unknown): unknown {
  if (err instanceof Error && (err.message === PISCINA_QUEUE_FULL || err.message === PISCINA_NO_QUEUE))
    return new WorkerPoolOverloadedError(pool);
  if (err instanceof Error && (/^worker exited with code/.test(err.message) || err.message === 'Terminating worker thread')) {
    return new WorkerThreadError(`${pool}: ${err.message}`, { cause: err });
  }
  return err;
}

export function createWorkerPool(opts: WorkerPoolOptions): WorkerPool {
  const href = moduleHref(opts.module);
  const threads = Math.max(1, opts.threads ?? 1);
  const piscina = new Piscina({
    filename: THREAD_ENTRY,
    argv: ['--eig-worker-module', href],
    minThreads: threads,
    maxThreads: threads,
    maxQueue: opts.maxQueue ?? 64 * threads,
    concurrentTasksPerWorker: opts.tasksPerThread ?? 1,
    idleTimeout: opts.idleTimeoutMs ?? Number.POSITIVE_INFINITY,
    // A thread waits for tasks on its message port, not in Atomics.wait: its event loop keeps running
    // between tasks (timers, ports to the database).
    atomics: 'disabled',
    workerData: opts.workerData,
    execArgv: execArgvFor(href),
    resourceLimits: opts.resourceLimits,
  });
  const listeners: ((message: unknown) => void)[] = [];
  piscina.on('message', (m: unknown) => {
    for (const fn of listeners) fn(m);
  });
  // A thread that crashes outside a task: piscina replaces it; its error must not crash the process.
  piscina.on('error', () => undefined);
  return {
    name: opts.name,
    async run<T>(task: string, payload?: unknown, runOpts?: RunOptions): Promise<T> {
      try {
        return (await piscina.run({ task, payload }, { transferList: runOpts?.transferList as never })) as T;
      } catch (err) {
        throw mapError(opts.name, err);
      }
    },
    get queueSize() {
      return piscina.queueSize;
    },
    get threadCount() {
      return piscina.threads.length;
    },
    onMessage(fn) {
      listeners.push(fn);
    },
    close: () => piscina.close(),
    destroy: () => piscina.destroy(),
  };
}

/**
 * Runs one task in a thread of its own, which ends with it: whatever the task allocated (parse
 * buffers, a whole corpus) is released at once, not left to the main heap's next collections.
 */
export async function runInWorkerThread<T = unknown>(
  opts: Pick<WorkerPoolOptions, 'module' | 'name' | 'workerData' | 'resourceLimits'>,
  task: string,
  payload?: unknown,
  runOpts?: RunOptions,
): Promise<T> {
  const pool = createWorkerPool({ ...opts, threads: 1, maxQueue: 0 });
  try {
    return await pool.run<T>(task, payload, runOpts);
  } finally {
    await pool.destroy();
  }
}
