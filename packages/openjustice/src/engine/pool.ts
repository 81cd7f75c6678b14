/**
 * The engine off the event loop. One call takes from a few milliseconds to several seconds (≈ 3 µs
 * per character: a 1 MB text holds a core for 3–4 s), and loading the lexicons takes seconds, so no
 * request may run it on the main thread: engine threads do, through the platform's worker pool
 * (`createWorkerPool`: a bounded queue that refuses at once, turned into a 503 with Retry-After by
 * `engineOverloadedHttpError`). This file only maps the pool onto the service's `EngineRunner`.
 */
import { createWorkerPool, overloadedHttpError, type WorkerPool } from '@eig/platform';
import { createEngine, PseudonymizeError, type Engine } from '../index.ts';
import type { EngineModel, EngineOutcome, EngineRunner, EngineThreadData } from './types.ts';

// Sources (tests, benches) run the TypeScript module through tsx; the compiled suite runs dist/.
const THREAD_MODULE = new URL(import.meta.url.endsWith('.ts') ? './thread.ts' : './thread.js', import.meta.url);

/** Retry-After of a refused engine task: a typical decision takes 5–30 ms, a long one seconds. */
const RETRY_AFTER_SECONDS = 2;

/** The 503 (`overloaded`, Retry-After) that a route throws when every engine thread is busy and the queue is full; other errors unchanged. */
export const engineOverloadedHttpError = (err: unknown): unknown =>
  overloadedHttpError(err, 'Le moteur de pseudonymisation est très sollicité : réessayez dans un instant.', RETRY_AFTER_SECONDS);

export interface PoolOptions {
  model: EngineModel;
  threads: number;
  /** Tasks that may wait for a thread; one more is refused at once (WorkerPoolOverloadedError). */
  maxQueue: number;
}

/** Engine threads on the platform's worker pool, started on first use (a worker that never annotates starts none). */
export function createEnginePool(opts: PoolOptions): EngineRunner {
  let pool: WorkerPool | null = null;
  let ready = false;
  let warming: Promise<void> | null = null;
  const workerData: EngineThreadData = { model: opts.model };
  const run = async <T>(task: string, payload: unknown): Promise<T> => {
    pool ??= createWorkerPool({
      module: THREAD_MODULE,
      name: 'openjustice-engine',
      threads: opts.threads,
      maxQueue: opts.maxQueue,
      workerData,
    });
    const out = await pool.run<T>(task, payload);
    ready = true;
    return out;
  };
  return {
    model: opts.model,
    get ready() {
      return ready;
    },
    pseudonymize: (text, options) => run('pseudonymize', { text, options }),
    labelNer: (req) => run('labelNer', req),
    warm() {
      warming ??= run<string>('ping', null).then(() => undefined);
      return warming;
    },
    async close() {
      const p = pool;
      pool = null;
      await p?.destroy();
    },
  };
}

/** The engine in the calling thread: unit tests and one-shot tools, never a request handler. */
export function createInlineEngine(model: EngineModel = 'local'): EngineRunner {
  let engine: Engine | null = null;
  const run = async <T>(fn: (e: Engine) => T): Promise<EngineOutcome<T>> => {
    engine ??= createEngine({ model });
    try {
      return { ok: true, value: fn(engine) };
    } catch (err) {
      if (err instanceof PseudonymizeError) return { ok: false, code: err.code, message: err.message };
      throw err;
    }
  };
  return {
    model,
    get ready() {
      return engine !== null;
    },
    pseudonymize: (text, options) => run((e) => e.pseudonymize(text, options)),
    labelNer: (req) => run((e) => e.labelNer(req)),
    async warm() {
      engine ??= createEngine({ model });
    },
    async close() {},
  };
}
