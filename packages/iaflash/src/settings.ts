import { availableParallelism } from 'node:os';
import { z } from 'zod';

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/**
 * IA Flash's own environment variables, validated at start with the platform's. Every limit an
 * operator may want to change is here.
 */
export const settingsSchema = z.object({
  /** A trained model directory to use when no model was trained through the service (default: the committed model). */
  IAFLASH_MODEL_DIR: z.string().min(1).optional(),
  /** Days a stored photo (and its plate) is kept; a photo under an open flag is kept until an agent decides. */
  IAFLASH_RETENTION_DAYS: int(30, 1, 3650),
  /** Alarm threshold (0–1) on the mismatch score; default: the one the model set on validation data for its target false-alarm rate. */
  IAFLASH_THRESHOLD: z.coerce.number().gt(0).max(1).optional(),
  /** Vision threads per process (each holds the networks, ≈ 150 MB); default one per core, at most 4. */
  IAFLASH_THREADS: int(Math.max(1, Math.min(availableParallelism(), 4)), 1, 32),
  /** Analyses that may wait for a vision thread before the API answers 503 with Retry-After. */
  IAFLASH_QUEUE: int(8, 0, 1000),
  /** Largest photo accepted (bytes). */
  IAFLASH_MAX_PHOTO_BYTES: int(20 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  /** Largest zip of a batch or of a training set (bytes). */
  IAFLASH_MAX_ZIP_BYTES: int(200 * 1024 * 1024, 1024, 4 * 1024 * 1024 * 1024),
  /** Most photos in one batch. */
  IAFLASH_MAX_BATCH_PHOTOS: int(5000, 1, 100_000),
  /** Photos per batch job (a job holds a few seconds to a minute of work; several workers share a batch). */
  IAFLASH_JOB_CHUNK: int(20, 1, 500),
});

export type IaflashSettings = z.infer<typeof settingsSchema>;

export const defaultSettings: IaflashSettings = settingsSchema.parse({});
