import { z } from 'zod';

// Environment variables are strings; an empty value counts as unset (as in config.ts).
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const jobSettingsSchema = z.object({
  // false: this web process only enqueues and shows jobs; `eig worker` processes run them (PostgreSQL).
  JOBS_WORKER: z.preprocess(unsetIfEmpty, z.enum(['true', 'false', '1', '0']).default('true')),
  // On SIGTERM, how long a worker lets running jobs finish before it aborts them (they are retried).
  JOBS_SHUTDOWN_GRACE_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(3600).default(25)),
});

export interface JobSettings {
  /** Whether a web process runs jobs too (always true on PGlite: nothing else could run them). */
  work: boolean;
  shutdownGraceMs: number;
}

export function loadJobSettings(env: Record<string, string | undefined> = process.env): JobSettings {
  const parsed = jobSettingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Configuration invalide (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
  }
  return {
    work: parsed.data.JOBS_WORKER === 'true' || parsed.data.JOBS_WORKER === '1',
    shutdownGraceMs: parsed.data.JOBS_SHUTDOWN_GRACE_SECONDS * 1000,
  };
}
