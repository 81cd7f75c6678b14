import { z } from 'zod';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/**
 * Open Justice's own environment variables, validated at start with the platform's. Defaults suit one
 * court on one machine; every limit is here so that an operator can see and change it.
 */
export const settingsSchema = z.object({
  /** Engine's sequence layer: `local` (rules only, measured best), `real` (trained perceptron) or `fake` (UI tests). */
  OPENJUSTICE_MODEL: z.enum(['local', 'real', 'fake']).default('local'),
  /** Engine threads per process (each holds its lexicons, ≈ 200 MB). */
  OPENJUSTICE_ENGINE_THREADS: int(1, 1, 16),
  /** Requests that may wait for an engine thread before the API answers 503. */
  OPENJUSTICE_ENGINE_QUEUE: int(32, 0, 1000),
  /** Largest text `POST /pseudonymize` takes (UTF-16 units); longer documents go through import + job. */
  OPENJUSTICE_SYNC_MAX_CHARS: int(1_000_000, 1000, 5_000_000),
  /** Risk score (0–1) from which a validated decision needs a second review (toBeConfirmed). */
  OPENJUSTICE_DOUBLE_REVIEW_RISK: z.coerce.number().min(0).max(1).default(0.3),
  /** Largest file of an import (bytes), API and CLI. */
  OPENJUSTICE_IMPORT_MAX_FILE_BYTES: int(10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  /** Most decisions one import may hold. */
  OPENJUSTICE_IMPORT_MAX_DECISIONS: int(5000, 1, 1_000_000),
  /** Decisions per annotation job. pg-boss 10 waits its polling interval (2 s) after a job shorter than that before fetching the next, so a batch should hold about 2 s of work (≈ 50 decisions); smaller batches spread better over workers but idle. */
  OPENJUSTICE_BATCH_SIZE: int(50, 1, 500),
  /** Annotated decisions go straight to the agents' queue (`free`); false: an administrator releases them. */
  OPENJUSTICE_AUTO_RELEASE: bool(true),
});

export type OpenJusticeSettings = z.infer<typeof settingsSchema>;

/** The defaults, for code paths that run without the suite's settings (benchmarks, tests). */
export const defaultSettings: OpenJusticeSettings = settingsSchema.parse({});
