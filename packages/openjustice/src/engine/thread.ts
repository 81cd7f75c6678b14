/**
 * The engine's side of an engine thread (a module of the platform's worker pool, see pool.ts): the
 * engine is created once per thread, with the model named in `workerData`, then each exported
 * function is a task. Errors of the input (too long, binary) come back as values, not exceptions,
 * because an Error crossing threads loses its `code`.
 */
import { workerData } from 'node:worker_threads';
import { createEngine, PseudonymizeError, type Engine, type LabelNlpRequest, type PseudonymizeOptions } from '../index.ts';
import type { EngineOutcome, EngineThreadData } from './types.ts';

const model = (workerData as EngineThreadData | undefined)?.model ?? 'local';
let engine: Engine | null = null;

function run<T>(fn: (e: Engine) => T): EngineOutcome<T> {
  engine ??= createEngine({ model });
  try {
    return { ok: true, value: fn(engine) };
  } catch (err) {
    if (err instanceof PseudonymizeError) return { ok: false, code: err.code, message: err.message };
    throw err;
  }
}

export function pseudonymize(payload: { text: string; options?: Omit<PseudonymizeOptions, 'lexicons' | 'model'> }) {
  return run((e) => e.pseudonymize(payload.text, payload.options));
}

export function labelNer(payload: LabelNlpRequest) {
  return run((e) => e.labelNer(payload));
}

/** Loads the thread's engine (its lexicons): the pool's warm-up and readiness wait for it. */
export function ping(): string {
  engine ??= createEngine({ model });
  return model;
}
