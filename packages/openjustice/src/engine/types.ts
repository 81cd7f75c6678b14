import type { LabelNlpRequest, LabelNlpResponse, PseudonymizeOptions, PseudonymizeResult } from '../index.ts';

export type EngineModel = 'local' | 'real' | 'fake';

/** What every engine thread receives (`workerData`). */
export interface EngineThreadData {
  model: EngineModel;
}

/** An engine call's result: the value, or the input error the engine refused it with. */
export type EngineOutcome<T> = { ok: true; value: T } | { ok: false; code: 'NOT_TEXT' | 'TEXT_TOO_LONG' | 'BINARY_INPUT'; message: string };

export type EngineOptions = Omit<PseudonymizeOptions, 'lexicons' | 'model'>;

/** How the service runs the engine: in threads of the platform's worker pool (pool.ts), or in this thread (tests, CLI). */
export interface EngineRunner {
  readonly model: EngineModel;
  pseudonymize(text: string, options?: EngineOptions): Promise<EngineOutcome<PseudonymizeResult>>;
  labelNer(req: LabelNlpRequest): Promise<EngineOutcome<LabelNlpResponse>>;
  /** Resolves once an engine is loaded (its lexicons read). */
  warm(): Promise<void>;
  readonly ready: boolean;
  close(): Promise<void>;
}
