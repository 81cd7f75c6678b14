/**
 * ExploCode's search engine, off the main thread: a pool of search threads (engine-thread.ts) per
 * dataset. The main thread only forwards each search and suggestion to a free thread and returns
 * the answer, so an engine build or a snapshot restore (about a second, or more on a loaded
 * machine) never holds a request.
 *
 * A new dataset gets a new pool: its threads load the new engine while the current pool keeps
 * answering; once every new thread holds its engine, requests go to the new pool (one assignment:
 * the swap is atomic) and the old pool finishes the searches it had, then its threads end and their
 * memory is released. During a swap the process holds two engines per thread for a few seconds.
 *
 * Threads: each holds a whole engine (about 300 MB). On the 2-core target machine one thread is the
 * default (EXPLOCODE_SEARCH_THREADS): the main thread serves HTTP and the database on the other core;
 * see docs/reliability.md for the measurements.
 */
import type { Db } from '@eig/platform';
import { createWorkerPool, serveDb, type WorkerPool } from '@eig/platform';
import type { BrowseTheme, SearchOptions, SearchResponse, SuggestResponse } from '../core/engine-contract.ts';
import type { AgreementAnswer, AgreementTopic } from '../core/calculators/index.ts';
import type { EngineThreadData, LoadResult, ThreadMessage } from './engine-thread.ts';

// The compiled host (.js) runs the compiled thread; the sources (tests, benches) the TypeScript one.
const THREAD_MODULE = new URL(`./engine-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

export interface EngineHostOptions {
  db: Db;
  dataDir: string;
  /** Search threads per pool (default 1). */
  threads?: number;
  /** Searches waiting for a thread before new ones are refused with a 503 (default 128). */
  maxQueue?: number;
  onWarn?: (message: string) => void;
  onSearchError?: (stack: string | undefined) => void;
}

interface Generation {
  pool: WorkerPool;
  datasetKey: string;
}

export class EngineHost {
  private current: Generation | null = null;
  private closed = false;
  /** pools still loading (building or writing a snapshot): close() ends them too */
  private readonly loading = new Set<WorkerPool>();

  constructor(private readonly opts: EngineHostOptions) {}

  get ready(): boolean {
    return this.current !== null;
  }

  get datasetKey(): string | null {
    return this.current?.datasetKey ?? null;
  }

  /**
   * Starts a pool for `datasetKey`, waits until each of its threads holds the engine, then serves
   * from it. The previous pool, if any, keeps serving until then. Resolves with the first thread's
   * load figures; rejects (keeping the previous pool) if the engine cannot be loaded.
   */
  async load(datasetKey: string, kind: Db['kind']): Promise<LoadResult> {
    const threads = Math.max(1, this.opts.threads ?? 1);
    const data: EngineThreadData = { dataDir: this.opts.dataDir, datasetKey };
    const pool = createWorkerPool({
      module: THREAD_MODULE,
      name: 'explocode search',
      threads,
      maxQueue: this.opts.maxQueue ?? 128,
      workerData: data,
    });
    pool.onMessage((m) => {
      const msg = m as ThreadMessage;
      if (msg?.type === 'warn') this.opts.onWarn?.(msg.message);
      else if (msg?.type === 'search-error') this.opts.onSearchError?.(msg.stack);
    });
    this.loading.add(pool);
    try {
      // One thread restores the snapshot, or builds the engine from the database and writes the snapshot...
      const first = await this.runLoad(pool, kind);
      // ...then every thread takes its engine (from that snapshot) before the pool serves.
      if (threads > 1) {
        const barrier = { buffer: new SharedArrayBuffer(4), threads };
        await Promise.all(Array.from({ length: threads }, () => this.runLoad(pool, kind, barrier)));
      }
      if (this.closed) throw new Error('engine host closed');
      const previous = this.current;
      this.current = { pool, datasetKey };
      // Searches already sent to the old pool are answered; then its threads end.
      void previous?.pool.close().catch(() => undefined);
      return first;
    } catch (err) {
      await pool.destroy().catch(() => undefined);
      throw err;
    } finally {
      this.loading.delete(pool);
    }
  }

  private async runLoad(pool: WorkerPool, kind: Db['kind'], barrier?: { buffer: SharedArrayBuffer; threads: number }): Promise<LoadResult> {
    const served = serveDb(this.opts.db);
    try {
      return await pool.run<LoadResult>('load', { port: served.port, kind, barrier }, { transferList: [served.port] });
    } finally {
      served.close();
    }
  }

  private pool(): WorkerPool {
    if (!this.current) throw new Error('search engine not loaded');
    return this.current.pool;
  }

  search(q: string, opts: SearchOptions): Promise<SearchResponse> {
    return this.pool().run<SearchResponse>('search', { q, opts });
  }

  suggest(q: string, limit?: number): Promise<SuggestResponse> {
    return this.pool().run<SuggestResponse>('suggest', { q, limit });
  }

  browseThemes(limit?: number): Promise<BrowseTheme[]> {
    return this.pool().run<BrowseTheme[]>('browseThemes', { limit });
  }

  agreementAnswer(idcc: string, topic: AgreementTopic): Promise<AgreementAnswer | null> {
    return this.pool().run<AgreementAnswer | null>('agreementAnswer', { idcc, topic });
  }

  async close(): Promise<void> {
    this.closed = true;
    const cur = this.current;
    this.current = null;
    // A load still under way (a new dataset announced while closing) would otherwise go on writing its
    // snapshot under DATA_DIR after close() returned.
    const loading = [...this.loading];
    this.loading.clear();
    await Promise.all([cur?.pool.destroy(), ...loading.map((p) => p.destroy().catch(() => undefined))]);
  }
}
