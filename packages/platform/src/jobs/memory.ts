import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import { NO_PROGRESS, errorMessage, type JobHandler, type JobQueue, type JobStatus } from './types.ts';

// The history is for status pages and tests, not an archive: keep it bounded in memory.
const KEEP_FINISHED = 200;

/** In-process queue: enough for one server process on PGlite. Jobs are lost on restart. */
export function createMemoryJobQueue(log?: Logger): JobQueue {
  const jobs = new Map<string, JobStatus & { payload: unknown }>();
  const handlers = new Map<string, JobHandler>();
  const busy = new Set<string>();
  const running = new Set<Promise<void>>();
  const abort = new AbortController();

  const snapshot = (j: JobStatus): JobStatus => {
    const { payload: _payload, ...status } = j as JobStatus & { payload: unknown };
    return { ...status, progress: { ...status.progress } };
  };

  function prune() {
    const finished = [...jobs.values()].filter((j) => j.state === 'done' || j.state === 'failed');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.id);
  }

  function drain(name: string) {
    const handler = handlers.get(name);
    if (!handler || busy.has(name) || abort.signal.aborted) return;
    const job = [...jobs.values()].find((j) => j.name === name && j.state === 'queued');
    if (!job) return;
    busy.add(name);
    job.state = 'running';
    const run = (async () => {
      try {
        await handler(job.payload, {
          progress: (done, total, message = '') => {
            job.progress = { done, total, message };
          },
          signal: abort.signal,
        });
        job.state = 'done';
      } catch (err) {
        job.state = 'failed';
        job.error = errorMessage(err);
        log?.error({ err, job: job.name }, 'job failed');
      } finally {
        job.finishedAt = new Date();
        busy.delete(name);
        prune();
      }
    })();
    running.add(run);
    void run.finally(() => {
      running.delete(run);
      drain(name);
    });
  }

  const queue: JobQueue = {
    kind: 'memory',
    register(name, handler) {
      handlers.set(name, handler);
      drain(name);
    },
    async enqueue(name, payload) {
      if (abort.signal.aborted) throw new Error('File de tâches fermée');
      const id = randomUUID();
      jobs.set(id, { id, name, payload, state: 'queued', progress: { ...NO_PROGRESS }, createdAt: new Date() });
      // Next tick: the caller gets its id before the job starts, as with the PostgreSQL queue.
      queueMicrotask(() => drain(name));
      return id;
    },
    async get(id) {
      const j = jobs.get(id);
      return j && snapshot(j);
    },
    async list(name) {
      return [...jobs.values()]
        .filter((j) => !name || j.name === name)
        .reverse()
        .map(snapshot);
    },
    async retry(id) {
      const j = jobs.get(id);
      if (!j) throw new Error(`Tâche inconnue : ${id}`);
      return queue.enqueue(j.name, j.payload);
    },
    async close() {
      abort.abort();
      await Promise.allSettled([...running]);
    },
  };
  return queue;
}
