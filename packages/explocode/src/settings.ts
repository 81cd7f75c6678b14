/** ExploCode's own environment variables, validated at start with the platform's (see docs/reliability.md). */
import { z } from 'zod';
import type { CorpusSubset } from './ingest/corpus.ts';

const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const subset = z.object({
  articles: z.number().int().positive().optional(),
  fichesTravail: z.number().int().min(0).optional(),
  fichesVdd: z.number().int().min(0).optional(),
  contributions: z.number().int().min(0).optional(),
  conventions: z.number().int().min(0).optional(),
});

export const DEFAULT_INGEST_TIMEOUT_SECONDS = 180;

export const explocodeSettingsSchema = z
  .object({
    // Search threads, each holding a whole engine (~300 MB): 1 on the 2-core target machine.
    EXPLOCODE_SEARCH_THREADS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(16).default(1)),
    // Searches waiting for a thread; past it, 503 with Retry-After at once.
    EXPLOCODE_SEARCH_QUEUE: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(100_000).default(128)),
    // Longest an ingest attempt may run; also how long a dead process's attempt blocks (PostgreSQL).
    EXPLOCODE_INGEST_TIMEOUT_SECONDS: z.preprocess(
      unsetIfEmpty,
      z.coerce.number().int().min(5).max(86_399).default(DEFAULT_INGEST_TIMEOUT_SECONDS),
    ),
    // Ingest an extract only (tests, demos): JSON such as {"articles":1200,"fichesTravail":30}.
    EXPLOCODE_INGEST_SUBSET: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .transform((s, ctx) => {
          try {
            return subset.parse(JSON.parse(s));
          } catch {
            ctx.addIssue({ code: 'custom', message: 'JSON attendu, par exemple {"articles":1200}' });
            return z.NEVER;
          }
        })
        .optional(),
    ),
  })
  .transform((e) => ({
    searchThreads: e.EXPLOCODE_SEARCH_THREADS,
    searchQueue: e.EXPLOCODE_SEARCH_QUEUE,
    ingestTimeoutSeconds: e.EXPLOCODE_INGEST_TIMEOUT_SECONDS,
    ingestSubset: e.EXPLOCODE_INGEST_SUBSET as CorpusSubset | undefined,
  }));

export type ExplocodeSettings = z.infer<typeof explocodeSettingsSchema>;

/**
 * The ingest timeout, read when the job is declared (job options are declared before the settings
 * reach the service's context); an invalid value is reported by the settings validation at start.
 */
export function ingestTimeoutSeconds(env: Record<string, string | undefined> = process.env): number {
  const parsed = explocodeSettingsSchema.safeParse(env);
  return parsed.success ? parsed.data.ingestTimeoutSeconds : DEFAULT_INGEST_TIMEOUT_SECONDS;
}
