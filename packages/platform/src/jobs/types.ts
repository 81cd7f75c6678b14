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
  progress: JobProgress;
  /** Message of the error that failed the job. */
  error?: string;
  createdAt: Date;
  finishedAt?: Date;
}

export interface JobContext {
  /** Safe to pass around unbound: `onProgress: job.progress`. */
  progress(done: number, total: number, message?: string): void;
  /** Aborted when the queue closes (shutdown): long handlers should stop early. */
  signal: AbortSignal;
}

export type JobHandler = (payload: unknown, job: JobContext) => Promise<unknown> | unknown;

export interface JobQueue {
  readonly kind: 'memory' | 'postgres';
  /** One handler per name; jobs of one name run one at a time, in enqueue order. */
  register(name: string, handler: JobHandler): void;
  /** The payload must be JSON-serialisable (it is stored as jsonb on PostgreSQL). */
  enqueue(name: string, payload?: unknown): Promise<string>;
  get(id: string): Promise<JobStatus | undefined>;
  /** Most recent first. */
  list(name?: string): Promise<JobStatus[]>;
  /** Runs a failed job again (same name and payload); returns the id of the new run. */
  retry?(id: string): Promise<string>;
  /** Stops taking jobs, aborts running handlers and waits for them to settle. */
  close(): Promise<void>;
}

export const NO_PROGRESS: JobProgress = { done: 0, total: 0, message: '' };

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
