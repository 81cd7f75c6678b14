import cronParser from 'cron-parser';
import type { JobDefinition, JobHandler, JobOptions } from './types.ts';

/** A definition with every default applied and checked: what both queues work from. */
export interface ResolvedJob {
  name: string;
  handler: JobHandler;
  concurrency: number;
  exclusive: boolean;
  retryLimit: number;
  retryDelaySeconds: number;
  retryBackoff: boolean;
  timeoutSeconds: number;
  schedule?: { cron: string; payload: unknown; timezone: string };
}

export const DEFAULTS = {
  retryLimit: 2,
  retryDelaySeconds: 10,
  retryBackoff: true,
  timeoutSeconds: 15 * 60,
  timezone: 'Europe/Paris',
} as const;

// pg-boss refuses expirations of 24 hours or more.
const MAX_TIMEOUT_SECONDS = 24 * 3600 - 1;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function checkJobName(name: string): string {
  if (!NAME.test(name)) throw new Error(`Nom de tâche invalide « ${name} » : lettres, chiffres, « . », « _ » et « - »`);
  return name;
}

const positiveInt = (v: number | undefined, what: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${what} : entier entre ${min} et ${max} attendu (reçu ${v})`);
  return v;
};

export function toDefinition(nameOrDef: string | JobDefinition, handler?: JobHandler, options?: JobOptions): JobDefinition {
  if (typeof nameOrDef !== 'string') return nameOrDef;
  if (typeof handler !== 'function') throw new Error(`Tâche ${nameOrDef} : fonction de traitement manquante`);
  return { ...options, name: nameOrDef, handler };
}

/** Applies the defaults and rejects contradictions at declaration time, not at the first job. */
export function resolveJob(def: JobDefinition): ResolvedJob {
  const name = checkJobName(def.name);
  const what = `Tâche ${name}`;
  const concurrency = positiveInt(def.concurrency, `${what}, concurrency`, 1, 1000) ?? 1;
  const exclusive = def.exclusive ?? concurrency === 1;
  if (exclusive && concurrency > 1) throw new Error(`${what} : exclusive et concurrency > 1 sont contradictoires`);
  const schedule = typeof def.schedule === 'string' ? { cron: def.schedule } : def.schedule;
  const timezone = schedule?.timezone ?? DEFAULTS.timezone;
  if (schedule) {
    try {
      cronParser.parseExpression(schedule.cron, { tz: timezone });
    } catch (err) {
      throw new Error(`${what} : planification cron invalide « ${schedule.cron} » (${(err as Error).message})`, { cause: err });
    }
  }
  return {
    name,
    handler: def.handler,
    concurrency,
    exclusive,
    retryLimit: positiveInt(def.retry?.limit, `${what}, retry.limit`, 0, 1000) ?? DEFAULTS.retryLimit,
    retryDelaySeconds: positiveInt(def.retry?.delaySeconds, `${what}, retry.delaySeconds`, 0) ?? DEFAULTS.retryDelaySeconds,
    retryBackoff: def.retry?.backoff ?? DEFAULTS.retryBackoff,
    timeoutSeconds: positiveInt(def.timeoutSeconds, `${what}, timeoutSeconds`, 1, MAX_TIMEOUT_SECONDS) ?? DEFAULTS.timeoutSeconds,
    ...(schedule && { schedule: { cron: schedule.cron, payload: schedule.payload ?? null, timezone } }),
  };
}

/** The defaults of a job enqueued before (or without) any declaration of its name in this process. */
export function undeclared(name: string): ResolvedJob {
  return resolveJob({ name, handler: () => undefined });
}

/**
 * Seconds before attempt `attempt + 1`, after `attempt` attempts failed: pg-boss's formula, so that
 * both queues behave alike (delay × 2^(attempt−1), plus up to as much jitter, capped at 2^16).
 */
export function retryDelaySeconds(
  job: Pick<ResolvedJob, 'retryDelaySeconds' | 'retryBackoff'>,
  attempt: number,
  random = Math.random(),
): number {
  if (!job.retryBackoff) return job.retryDelaySeconds;
  const base = (job.retryDelaySeconds * 2 ** Math.min(16, attempt)) / 2;
  return base + base * random;
}

/** Next time a cron expression fires after `from`. */
export function nextCronTime(cron: string, timezone: string, from = new Date()): Date {
  return cronParser.parseExpression(cron, { tz: timezone, currentDate: from }).next().toDate();
}
