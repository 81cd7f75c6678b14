/**
 * The engine's side of an engine thread (see pool.ts): the engine is created once per thread, then
 * each exported function is a task. Errors of the input (too long, binary) come back as values, not
 * exceptions, because an Error crossing threads loses its `code`.
 */
import { createEngine, PseudonymizeError, type Engine, type LabelNlpRequest, type PseudonymizeOptions } from '../index.ts';
import type { EngineOutcome, EngineModel } from './types.ts';

let engine: Engine | null = null;
let model: EngineModel = 'local';

export function init(options: { model?: EngineModel } = {}): void {
  model = options.model ?? 'local';
  engine = createEngine({ model });
}

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

/** Nothing: lets the pool wait until a thread has loaded its engine (warm-up, readiness). */
export function ping(): string {
  return model;
}
