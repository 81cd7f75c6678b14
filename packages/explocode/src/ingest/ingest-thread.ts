/**
 * The ingest job's heavy part, in a worker thread of its own (runtime.ts starts it with
 * runInWorkerThread): reading and parsing the packages' JSON, building the rows, serialising the
 * batches and, for a process that serves search, building the new engine's snapshot. Every SQL
 * statement goes through the main thread's Db (over a MessagePort), so the suite keeps one
 * database connection (PGlite) or pool (PostgreSQL). When the thread ends, everything it parsed
 * is released with it.
 */
import { threadId, type MessagePort } from 'node:worker_threads';
import { dbOverPort } from '@eig/platform';
import { loadOrBuildEngine } from '../core/search/index.ts';
import { engineDatasetKey } from '../search-host/dataset-key.ts';
import type { CorpusSubset } from './corpus.ts';
import { runIngest, type IngestOwner, type IngestReport } from './run.ts';

export interface IngestTask {
  port: MessagePort;
  kind: 'pglite' | 'postgres';
  force: boolean;
  owner?: IngestOwner;
  subset?: CorpusSubset;
  /** Write the new dataset's engine snapshot under this DATA_DIR before activation (web processes). */
  snapshotDir?: string;
}

/** Events sent to the main thread. */
export type IngestEvent = { step: string; done: number; total: number };

export async function ingest(task: IngestTask): Promise<IngestReport & { thread: number }> {
  const db = dbOverPort(task.port, task.kind);
  const stop = new AbortController();
  db.onEvent((event) => {
    if (event === 'abort') stop.abort();
  });
  try {
    const report = await runIngest(db, {
      force: task.force,
      owner: task.owner,
      subset: task.subset,
      signal: stop.signal,
      onProgress: (step, done, total) => db.emit('progress', { step, done, total } satisfies IngestEvent),
      beforeActivate: task.snapshotDir
        ? async (dataset, loaded) => {
            // Every row is written: what only the rows needed goes before the engine is built
            // (the agreements' articles, the HTML), which lowers this thread's peak.
            loaded.conventionArticles.length = 0;
            const c = loaded.corpus;
            for (const a of c.articles) a.html = '';
            for (const f of c.fiches) for (const sec of f.sections) sec.html = '';
            for (const x of c.contributions) for (const a of [x.generic, ...x.byConvention]) a.html = '';
            // The search threads then restore this snapshot (about a second) instead of reading
            // the whole corpus back from the database through the main thread.
            await loadOrBuildEngine({
              dataDir: task.snapshotDir,
              datasetKey: engineDatasetKey(dataset),
              loadCorpus: async () => loaded.corpus,
              onWarn: (message) => db.emit('warn', message),
            });
          }
        : undefined,
    });
    return { ...report, thread: threadId };
  } finally {
    await db.close();
  }
}
