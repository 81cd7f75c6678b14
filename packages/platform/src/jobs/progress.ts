import type { Logger } from '../log.ts';
import type { JobProgress } from './types.ts';

/**
 * Handlers report progress at every batch (thousands of times per job): writing each one would
 * load the database for nothing. This keeps the latest value and writes it at most once per
 * `intervalMs`, one write in flight at a time; `flush()` writes the last value before the job ends.
 */
export function throttledProgress(write: (p: JobProgress) => Promise<unknown>, intervalMs: number, log?: Logger) {
  let latest: JobProgress | undefined;
  let writing: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastWrite = 0;
  let stopped = false;

  const writeNow = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (!latest) return writing ?? Promise.resolve();
    if (writing) return writing.then(writeNow);
    const value = latest;
    latest = undefined;
    lastWrite = Date.now();
    writing = write(value)
      .then(
        () => undefined,
        (err) => log?.warn({ err }, 'job progress not saved'),
      )
      .finally(() => {
        writing = undefined;
      });
    return writing;
  };

  return {
    report(done: number, total: number, message = ''): void {
      if (stopped) return;
      latest = { done, total, message };
      if (timer) return;
      const wait = Math.max(0, lastWrite + intervalMs - Date.now());
      timer = setTimeout(() => void writeNow(), wait);
      timer.unref();
    },
    /** Writes the pending value now and waits until it is stored. */
    flush: writeNow,
    /** Ignores any later report: a handler that outlives its attempt (timeout) writes nothing more. */
    stop(): void {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      latest = undefined;
    },
  };
}
