/**
 * A job's life: `queued` (waiting to start, or waiting for its next attempt after a failure) →
 * `running` → `done` | `failed`. A failed attempt with attempts left goes back to `queued`. A
 * cancelled job is `failed` with `cancelled: true` (the four states are part of the API shape).
 */
export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobProgress {
  done: number;
  total: number;
  message: string;
}

export interface JobStatus {
  id: string;
  name: string;
  state: JobState;
  /** The latest progress the handler reported (throttled: at most about one write a second). */
  progress: JobProgress;
  /** Message of the error that failed the last attempt (also set while a retry waits). */
  error?: string;
  createdAt: Date;
  /** Start of the latest attempt. */
  startedAt?: Date;
  finishedAt?: Date;
  /** Attempts started so far (0 while it has never run). */
  attempts: number;
  /** 1 + the retry limit: a job stops at `failed` after this many attempts. */
  maxAttempts: number;
  /** A queued job does not start before this (retry backoff, delayed job). */
  runAfter?: Date;
  /** Cancelled by `cancel(id)` (its state is `failed`). */
  cancelled?: boolean;
}

/** Why a handler's signal was aborted: `signal.reason` is a `JobAbort`. */
export type JobAbortReason = 'shutdown' | 'timeout' | 'cancelled';

export class JobAbort extends Error {
  override name = 'JobAbort';
  constructor(readonly reason: JobAbortReason) {
    super(ABORT_MESSAGES[reason]);
  }
}

const ABORT_MESSAGES: Record<JobAbortReason, string> = {
  shutdown: 'Interrompue : le processus s’arrête (la tâche sera reprise si des tentatives restent).',
  timeout: 'Interrompue : durée maximale dépassée.',
  cancelled: 'Annulée.',
};

export interface JobContext {
  id: string;
  name: string;
  /** 1 on the first run, 2 on the first retry... */
  attempt: number;
  /** Safe to pass around unbound: `onProgress: job.progress`. Cheap: writes are throttled. */
  progress(done: number, total: number, message?: string): void;
  /**
   * Aborted on shutdown, timeout or cancel (`signal.reason` is a `JobAbort`): long handlers check it
   * between steps and stop. Whatever they did must be safe to do again: an interrupted job is retried.
   */
  signal: AbortSignal;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<unknown> | unknown;

export interface RetryPolicy {
  /** Attempts after the first failure (default 2). A job whose process died counts as a failure. */
  limit?: number;
  /** Wait before a retry, in seconds (default 10). */
  delaySeconds?: number;
  /** Double the wait at each retry, with jitter (default true). */
  backoff?: boolean;
}

export interface JobOptions {
  /**
   * Jobs of this name that one process runs at once (default 1). With M worker processes, up to
   * M × concurrency run at once, unless `exclusive`.
   */
  concurrency?: number;
  /**
   * One job of this name at a time across every process of the suite, in enqueue order: a re-ingest,
   * a model rebuild. Default: true when `concurrency` is 1 (the v1 behaviour), false otherwise.
   */
  exclusive?: boolean;
  retry?: RetryPolicy;
  /**
   * Longest a run may take, in seconds (default 900, at most 86,399). Past it the handler is aborted
   * and the attempt fails. It is also how the job of a process that died (kill -9, lost machine) is
   * found: on PostgreSQL, once this has passed, the queue's maintenance fails the attempt and the
   * job is retried elsewhere. Keep it close to the real longest run.
   */
  timeoutSeconds?: number;
  /** Enqueue this job on a schedule: a cron expression (`0 3 * * *`), in Europe/Paris time by default. */
  schedule?: string | { cron: string; payload?: unknown; timezone?: string };
}

export interface JobDefinition extends JobOptions {
  /** Namespaced by service: `annuaire.import`. Letters, digits, `.`, `_`, `-`. */
  name: string;
  handler: JobHandler;
}

export interface EnqueueOptions {
  /** Do not start before this time. */
  runAt?: Date;
}

export interface JobFilter {
  name?: string;
  state?: JobState;
  /** Default 100, at most 1,000. */
  limit?: number;
  offset?: number;
}

export interface JobQueue {
  readonly kind: 'memory' | 'postgres';
  /** Whether this process runs handlers (false: a web process with JOBS_WORKER=false, a CLI). */
  readonly working: boolean;
  /**
   * Declares a job: its options apply to every job of that name enqueued from now on, and, in a
   * process that works jobs, its handler runs them. Declare every job in every process (web,
   * worker), so that jobs enqueued anywhere carry the same retry and timeout policy.
   */
  register(definition: JobDefinition): void;
  /** v1 form, kept: `register(name, handler, options?)`. */
  register(name: string, handler: JobHandler, options?: JobOptions): void;
  /** The payload must be JSON-serialisable (it is stored as jsonb). Returns the job's id. */
  enqueue(name: string, payload?: unknown, options?: EnqueueOptions): Promise<string>;
  get(id: string): Promise<JobStatus | undefined>;
  /** Most recent first. `list('annuaire.import')` (v1) is `list({ name: 'annuaire.import' })`. */
  list(filter?: string | JobFilter): Promise<JobStatus[]>;
  /**
   * Gives a failed or cancelled job one more attempt: the same job (same id, its attempts and history
   * go on), queued again. Resolves with its id; rejects if the job is unknown (or archived) or not failed.
   */
  retry(id: string): Promise<string>;
  /** Cancels a queued or running job (a running handler's signal is aborted). False if already finished. */
  cancel(id: string): Promise<boolean>;
  /**
   * Stops taking jobs, waits up to `graceMs` (default 0) for running handlers to finish, then aborts
   * the rest and waits for them to settle. Aborted jobs are retried later if attempts remain.
   */
  close(opts?: { graceMs?: number }): Promise<void>;
}

export class JobNotRetryableError extends Error {
  override name = 'JobNotRetryableError';
  constructor(id: string) {
    super(`Tâche ${id} : seule une tâche échouée ou annulée peut être relancée.`);
  }
}

export const NO_PROGRESS: JobProgress = { done: 0, total: 0, message: '' };

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}
