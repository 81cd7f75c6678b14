/**
 * The engine off the event loop. One call takes from a few milliseconds to several seconds (≈ 3 µs
 * per character: a 1 MB text holds a core for 3–4 s), and loading the lexicons takes seconds, so no
 * request may run it on the main thread: engine threads do, through a piscina pool (a bounded queue:
 * a full queue refuses at once, and the route answers 503 with Retry-After).
 *
 * The platform is getting the same kind of pool (branch `reliability`, packages/platform/src/workers);
 * until it lands, this thin adapter stays in the service. Swap it for `createWorkerPool` then.
 */
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { createEngine, PseudonymizeError, type Engine } from '../index.ts';
import type { EngineModel, EngineOutcome, EngineRunner } from './types.ts';

/** A task refused because every thread is busy and the queue is full. */
export class EngineBusyError extends Error {
  override name = 'EngineBusyError';
}

const ENTRY = fileURLToPath(new URL('../../engine-thread.mjs', import.meta.url));
// Sources (tests, benches) run the TypeScript module through tsx; the compiled suite runs dist/.
const THREAD_MODULE = new URL(import.meta.url.endsWith('.ts') ? './thread.ts' : './thread.js', import.meta.url).href;

export interface PoolOptions {
  model: EngineModel;
  threads: number;
  maxQueue: number;
}

export function createEnginePool(opts: PoolOptions): EngineRunner {
  let piscina: Piscina | null = null;
  let ready = false;
  let warming: Promise<void> | null = null;
  const pool = () =>
    (piscina ??= new Piscina({
      filename: ENTRY,
      minThreads: opts.threads,
      maxThreads: opts.threads,
      maxQueue: opts.maxQueue,
      concurrentTasksPerWorker: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
      atomics: 'disabled',
      workerData: { module: THREAD_MODULE, options: { model: opts.model } },
      execArgv: THREAD_MODULE.endsWith('.ts') ? ['--conditions=eig-source'] : undefined,
    }));
  const run = async <T>(task: string, payload: unknown): Promise<T> => {
    try {
      const out = (await pool().run({ task, payload })) as T;
      ready = true;
      return out;
    } catch (err) {
      if (err instanceof Error && /Task queue is at limit|No task queue available/.test(err.message))
        throw new EngineBusyError(err.message);
      throw err;
    }
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
      const p = piscina;
      piscina = null;
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
