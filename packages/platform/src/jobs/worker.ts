import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import { createJobQueue, type CreateJobQueueOptions } from './queue.ts';
import type { JobDefinition, JobQueue } from './types.ts';

export interface RunWorkerOptions {
  config: Pick<Config, 'databaseUrl'>;
  log: Logger;
  /** Opened by the caller, who closes it once `stopped` resolves. */
  db: Db;
  /** The jobs to run, on a queue the worker creates; or `queue`, one already open with its jobs declared. */
  definitions?: JobDefinition[];
  queue?: JobQueue;
  /** Let running jobs finish this long on SIGTERM before aborting them (default 25 s; JOBS_SHUTDOWN_GRACE_SECONDS). */
  graceMs?: number;
  /** Signals that stop the worker (default SIGTERM and SIGINT); `false` installs none (tests, embedding). */
  signals?: NodeJS.Signals[] | false;
  /** Queue tuning (polling, maintenance interval...): tests shorten them. */
  queueOptions?: Omit<CreateJobQueueOptions, 'log' | 'work'>;
}

export interface Worker {
  queue: JobQueue;
  /** Stops taking jobs, lets the running ones finish within the grace period, aborts the rest. */
  stop(reason?: string): Promise<void>;
  /** Resolves once the worker has stopped (after a signal or `stop`). */
  stopped: Promise<void>;
}

/**
 * A process that runs jobs and serves no HTTP (`eig worker`): any number of them, on other machines
 * too, share the jobs of one PostgreSQL database with the web instances.
 */
export async function runWorker(opts: RunWorkerOptions): Promise<Worker> {
  const { db, log } = opts;
  if (db.kind !== 'postgres') {
    throw new Error(
      'Le processus de tâches (eig worker) nécessite PostgreSQL (DATABASE_URL) : avec PGlite, le serveur exécute lui-même ses tâches.',
    );
  }
  let queue = opts.queue;
  if (!queue) {
    queue = await createJobQueue(db, opts.config, { ...opts.queueOptions, log, work: true });
    for (const def of opts.definitions ?? []) queue.register(def);
  }
  if (!queue.working) throw new Error('The worker needs a queue that works jobs (work: true).');
  const working = queue;
  log.info('worker started');

  const signals = opts.signals === false ? [] : (opts.signals ?? ['SIGTERM', 'SIGINT']);
  let resolveStopped!: () => void;
  const stopped = new Promise<void>((r) => (resolveStopped = r));
  let stopping: Promise<void> | undefined;

  const stop = (reason = 'stop') =>
    (stopping ??= (async () => {
      for (const s of signals) process.off(s, onSignal);
      log.info({ reason }, 'worker stopping');
      try {
        await working.close({ graceMs: opts.graceMs ?? 25_000 });
      } finally {
        log.info('worker stopped');
        resolveStopped();
      }
    })());
  const onSignal = (signal: NodeJS.Signals) => void stop(signal).catch((err) => log.error({ err }, 'worker stop failed'));
  for (const s of signals) process.on(s, onSignal);

  return { queue: working, stop, stopped };
}
