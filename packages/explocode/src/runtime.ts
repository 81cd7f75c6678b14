import type { ServiceContext } from '@eig/platform';
import type { ExplocodeSettings } from './settings.ts';
import type { BrowseTheme, SearchOptions, SearchResponse, SuggestResponse } from './core/engine-contract.ts';
import type { AgreementAnswer, AgreementTopic } from './core/calculators/index.ts';
import { EngineHost } from './search-host/engine-host.ts';
import { engineDatasetKey } from './search-host/dataset-key.ts';
import { runInWorkerThread, serveDb } from '@eig/platform';
import { ExplocodeRepository } from './db/repository.ts';
import { DATASET_CHANNEL, cleanupDeadIngests, type IngestOwner, type IngestReport } from './ingest/run.ts';
import type { CorpusSubset } from './ingest/corpus.ts';
import type { IngestEvent, IngestTask } from './ingest/ingest-thread.ts';
import { CONTENT_TABLES } from './db/migrations.ts';
import { createIngestProgress } from './core/ingest-progress.ts';

export const INGEST_JOB = 'explocode.ingest';

// The compiled runtime (.js) runs the compiled thread; the sources (tests, benches) the TypeScript one.
const INGEST_THREAD = new URL(`./ingest/ingest-thread${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
/** With LISTEN: a safety net for notifications lost while the connection was down. */
const SAFETY_POLL_MS = 5 * 60_000;
/** Without LISTEN (it failed): how often the active dataset is checked. */
const FALLBACK_POLL_MS = 30_000;

export interface IngestProgress {
  state: 'queued' | 'running' | 'done' | 'failed';
  /** Overall, in percent: `done` of `total` = 100. */
  done: number;
  total: number;
  /** What is being done, in French. */
  message: string;
}

/**
 * ExploCode's live state: the search engine over the active dataset, in search threads
 * (search-host/). A re-ingest builds a new dataset beside the served one; the engine is swapped only
 * once the new one is fully loaded, so searches never see a half-loaded index and a failed ingest
 * leaves the previous data served.
 */
export class ExplocodeRuntime {
  /** Ingest progress goes to the logs at most this often (tests lower it). */
  static progressLogMs = 5_000;
  readonly host: EngineHost;
  datasetId: number | null = null;
  datasetVersion: string | null = null;
  activatedAt: string | null = null;
  ingest: IngestProgress | null = null;
  lastError: string | null = null;
  readonly repo: ExplocodeRepository;
  private reloading: Promise<void> | null = null;
  private poll: NodeJS.Timeout | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  /** Web processes serve searches; a worker process only ingests and never builds the engine. */
  private serving = false;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new ExplocodeRepository(ctx.db);
    const settings = (ctx.settings ?? {}) as Partial<ExplocodeSettings>;
    this.host = new EngineHost({
      db: ctx.db,
      dataDir: ctx.config.dataDir,
      threads: settings.searchThreads,
      maxQueue: settings.searchQueue,
      onWarn: (msg) => ctx.log.warn(msg),
      // A bug must not look like "no results": log it, without the query (personal data), with the stack.
      onSearchError: (stack) => ctx.log.error({ stack }, 'search failed'),
    });
  }

  get ready(): boolean {
    return this.host.ready;
  }

  search(q: string, opts: SearchOptions): Promise<SearchResponse> {
    return this.host.search(q, opts);
  }

  suggest(q: string, limit?: number): Promise<SuggestResponse> {
    return this.host.suggest(q, limit);
  }

  browseThemes(limit?: number): Promise<BrowseTheme[]> {
    return this.host.browseThemes(limit);
  }

  agreementAnswer(idcc: string, topic: AgreementTopic): Promise<AgreementAnswer | null> {
    return this.host.agreementAnswer(idcc, topic);
  }

  /** Serves what the database holds right away, then brings the content up to date in the background. */
  async start(): Promise<void> {
    this.serving = true;
    // PGlite belongs to this process: a 'loading' dataset is the leftover of an ingest killed with
    // the previous process (kill -9, power cut). Clean it up now rather than at the next ingest.
    if (this.ctx.db.kind === 'pglite') {
      const cleaned = await cleanupDeadIngests(this.ctx.db);
      if (cleaned.length) this.ctx.log.warn({ datasets: cleaned }, 'interrupted ingest cleaned up at start');
    }
    // A dataset activated by another process (an `eig worker`, another web instance, the CLI) is
    // announced by NOTIFY: load it at once. The poll is only a safety net for notifications lost
    // while the listening connection was down.
    let pollMs = SAFETY_POLL_MS;
    try {
      this.unlisten = await this.ctx.db.listen(DATASET_CHANNEL, () => void this.reloadIfChanged());
    } catch (err) {
      pollMs = FALLBACK_POLL_MS;
      this.ctx.log.warn({ err: String(err) }, 'dataset notifications unavailable; polling instead');
    }
    this.poll = setInterval(() => void this.reloadIfChanged(), pollMs);
    this.poll.unref();
    await this.reload();
    await this.ctx.jobs.enqueue(INGEST_JOB, { force: false });
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.unlisten?.().catch(() => undefined);
    await this.host.close();
  }

  /**
   * Runs an ingest in a worker thread of its own (ingest/ingest-thread.ts): the main thread only
   * runs its SQL statements and reports its progress, to the job, the status and the logs.
   */
  async ingestNow(opts: {
    force: boolean;
    progress?: (done: number, total: number, message: string) => void;
    signal?: AbortSignal;
    owner?: IngestOwner;
    subset?: CorpusSubset;
  }): Promise<IngestReport & { thread: number }> {
    const log = this.ctx.log;
    const t0 = performance.now();
    this.ingest = { state: 'running', done: 0, total: 100, message: 'démarrage' };
    log.info({ event: 'ingest_started', job: opts.owner?.jobId, attempt: opts.owner?.attempt, force: opts.force }, 'ingest started');
    const overall = createIngestProgress(CONTENT_TABLES.length);
    let lastLog = performance.now();
    const served = serveDb(this.ctx.db, (event, data) => {
      if (event === 'warn') {
        log.warn(String(data));
        return;
      }
      if (event !== 'progress') return;
      const { step, done, total } = data as IngestEvent;
      const { percent, message } =
        step === 'snapshot'
          ? { percent: this.ingest?.done ?? 0, message: 'préparation du moteur de recherche' }
          : step === 'done' && this.serving
            ? // The thread is done, but this process still loads the search engine (seconds) before it serves:
              // "contenu à jour" beside a "not ready" badge read as a stuck service.
              { percent: 100, message: 'chargement du moteur de recherche' }
            : overall.update(step, done, total);
      this.ingest = { state: 'running', done: percent, total: 100, message };
      opts.progress?.(percent, 100, message);
      // Progress in the logs every few seconds (steps and counts only: the content is public law).
      if (performance.now() - lastLog >= ExplocodeRuntime.progressLogMs) {
        lastLog = performance.now();
        log.info({ event: 'ingest_progress', job: opts.owner?.jobId, percent, step: message }, `ingest ${percent} %: ${message}`);
      }
    });
    const abort = () => served.emit('abort');
    if (opts.signal?.aborted) abort();
    opts.signal?.addEventListener('abort', abort);
    try {
      const task: Omit<IngestTask, 'port'> = {
        kind: this.ctx.db.kind,
        force: opts.force,
        owner: opts.owner,
        subset: opts.subset,
        snapshotDir: this.serving ? this.ctx.config.dataDir : undefined,
      };
      const report = await runInWorkerThread<IngestReport & { thread: number }>(
        { module: INGEST_THREAD, name: 'explocode ingest' },
        'ingest',
        { ...task, port: served.port },
        { transferList: [served.port] },
      );
      if (this.serving) await this.reload();
      this.ingest = { state: 'done', done: 100, total: 100, message: 'contenu à jour' };
      opts.progress?.(100, 100, 'contenu à jour');
      this.lastError = null;
      log.info(
        {
          event: 'ingest_done',
          job: opts.owner?.jobId,
          skipped: report.skipped,
          dataset: report.datasetId,
          counts: report.counts,
          ms: Math.round(performance.now() - t0),
        },
        report.skipped ? 'ingest: content already up to date' : 'ingest done',
      );
      return report;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.ingest = { state: 'failed', done: 0, total: 100, message };
      this.lastError = message;
      // The previous dataset, if any, is still active and still served.
      log.error({ event: 'ingest_failed', job: opts.owner?.jobId, error: message }, 'ingest failed; previous data kept');
      throw err;
    } finally {
      opts.signal?.removeEventListener('abort', abort);
      served.close();
    }
  }

  private async reloadIfChanged(): Promise<void> {
    try {
      const active = await this.repo.activeDataset();
      if (active && active.id !== this.datasetId) await this.reload();
    } catch (err) {
      this.ctx.log.warn({ err: String(err) }, 'dataset poll failed');
    }
  }

  /**
   * Loads the active dataset and swaps the engine. Reloads run one after the other, and each looks at
   * the active dataset when it starts: a caller never gets an in-flight reload of an older dataset.
   */
  reload(): Promise<void> {
    const next = (this.reloading ?? Promise.resolve()).catch(() => undefined).then(() => this.doReload());
    this.reloading = next;
    return next;
  }

  private async doReload(): Promise<void> {
    const active = await this.repo.activeDataset();
    if (!active || active.id === this.datasetId) return;
    // Engine snapshot under DATA_DIR (keyed by dataset + search code + model): a warm start skips
    // both the corpus load and the index build; any missing/corrupt snapshot is rebuilt. All of it
    // in search threads: the current engine keeps answering meanwhile.
    const loaded = await this.host.load(engineDatasetKey(active), this.ctx.db.kind);
    // Another process may have activated a newer dataset while this one was loading: start over.
    if ((await this.repo.activeDataset())?.id !== active.id) return this.doReload();
    this.datasetId = active.id;
    this.datasetVersion = active.version;
    this.activatedAt = active.activatedAt ? String(active.activatedAt) : null;
    this.ctx.log.info(
      { dataset: active.version, from: loaded.from, loadMs: loaded.loadMs, buildMs: loaded.buildMs },
      'search engine ready',
    );
  }
}
