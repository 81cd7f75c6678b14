/**
 * A search thread (see engine-host.ts): holds one search engine, for the dataset its pool was
 * created for, and answers searches and suggestions. The engine comes from the snapshot under
 * DATA_DIR (restored in about a second), or is built from the database, read through the main
 * thread's Db, when there is no snapshot yet (then written for the next threads and starts).
 */
import { parentPort, threadId, workerData, type MessagePort } from 'node:worker_threads';
import { dbOverPort } from '@eig/platform';
import type { BrowseTheme, SearchOptions, SearchResponse, SuggestResponse } from '../core/engine-contract.ts';
import type { AgreementAnswer, AgreementTopic } from '../core/calculators/index.ts';
import { loadOrBuildEngine, type ExplocodeEngine } from '../core/search/index.ts';
import { ExplocodeRepository } from '../db/repository.ts';

export interface EngineThreadData {
  dataDir: string;
  /** `${id}|${version}|${createdAt}` of the dataset this pool serves. */
  datasetKey: string;
}

export interface LoadTask {
  /** The main thread's database, to build the engine when there is no snapshot. */
  port?: MessagePort;
  kind: 'pglite' | 'postgres';
  /** Warm-up of every thread: each waits here until `threads` threads hold an engine. */
  barrier?: { buffer: SharedArrayBuffer; threads: number };
}

export interface LoadResult {
  threadId: number;
  from: 'snapshot' | 'build' | 'memory';
  loadMs: number;
  buildMs: number;
  documents: number;
}

/** Messages to the main thread's log (no query text: it may be personal data). */
export type ThreadMessage = { type: 'warn'; message: string } | { type: 'search-error'; stack?: string };

const data = workerData as EngineThreadData;
let engine: ExplocodeEngine | null = null;
let loading: Promise<LoadResult> | null = null;
let counted = false;

const post = (m: ThreadMessage) => parentPort?.postMessage(m);

function ensureEngine(task?: Pick<LoadTask, 'port' | 'kind'>): Promise<LoadResult> {
  if (engine) return Promise.resolve({ threadId, from: 'memory', loadMs: 0, buildMs: 0, documents: engine.stats().documents });
  loading ??= (async () => {
    const db = task?.port ? dbOverPort(task.port, task.kind) : null;
    try {
      const built = await loadOrBuildEngine({
        dataDir: data.dataDir,
        datasetKey: data.datasetKey,
        // Without a port (a thread replaced after a crash), only the snapshot can serve.
        loadCorpus: async () => (db ? new ExplocodeRepository(db).loadCorpus() : null),
        onWarn: (message) => post({ type: 'warn', message }),
      });
      if (!built) throw new Error('no dataset to load (no snapshot, no corpus)');
      built.engine.onError = (err) =>
        post({ type: 'search-error', stack: err instanceof Error ? err.stack?.split('\n').slice(1, 6).join('\n') : undefined });
      engine = built.engine;
      return {
        threadId,
        from: built.from,
        loadMs: Math.round(built.loadMs),
        buildMs: Math.round(built.buildMs),
        documents: engine.stats().documents,
      };
    } finally {
      await db?.close();
      loading = null;
    }
  })();
  return loading;
}

export async function load(task: LoadTask): Promise<LoadResult> {
  const result = await ensureEngine(task);
  if (task.barrier) {
    // Each warm-up task holds its thread until every thread has an engine, so that the pool's
    // `threads` warm-up tasks land on `threads` different threads.
    const count = new Int32Array(task.barrier.buffer);
    if (!counted) {
      counted = true;
      Atomics.add(count, 0, 1);
      Atomics.notify(count, 0);
    }
    const deadline = Date.now() + 120_000;
    for (let seen = Atomics.load(count, 0); seen < task.barrier.threads && Date.now() < deadline; seen = Atomics.load(count, 0)) {
      Atomics.wait(count, 0, seen, 1000);
    }
  }
  return result;
}

export async function search({ q, opts }: { q: string; opts: SearchOptions }): Promise<SearchResponse> {
  if (!engine) await ensureEngine();
  return engine!.search(q, opts);
}

export async function suggest({ q, limit }: { q: string; limit?: number }): Promise<SuggestResponse> {
  if (!engine) await ensureEngine();
  return engine!.suggest(q, limit);
}

export async function browseThemes({ limit }: { limit?: number }): Promise<BrowseTheme[]> {
  if (!engine) await ensureEngine();
  return engine!.browseThemes(limit);
}

export async function agreementAnswer({ idcc, topic }: { idcc: string; topic: AgreementTopic }): Promise<AgreementAnswer | null> {
  if (!engine) await ensureEngine();
  return engine!.agreementAnswer(idcc, topic);
}
