import type { ServiceContext } from '@eig/platform';
import type { SearchEngine } from './core/engine-contract.ts';
import { loadOrBuildEngine } from './core/search/index.ts';
import { ExplocodeRepository } from './db/repository.ts';
import { runIngest } from './ingest/run.ts';
import { CONTENT_TABLES } from './db/migrations.ts';
import { createIngestProgress } from './core/ingest-progress.ts';

export const INGEST_JOB = 'explocode.ingest';

export interface IngestProgress {
  state: 'queued' | 'running' | 'done' | 'failed';
  /** Overall, in percent: `done` of `total` = 100. */
  done: number;
  total: number;
  /** What is being done, in French. */
  message: string;
}

/**
 * ExploCode's live state: the search engine over the active dataset. A re-ingest builds a new
 * dataset beside the served one; the engine is swapped only once the new one is fully built, so
 * searches never see a half-loaded index and a failed ingest leaves the previous data served.
 */
export class ExplocodeRuntime {
  engine: SearchEngine | null = null;
  datasetId: number | null = null;
  datasetVersion: string | null = null;
  activatedAt: string | null = null;
  ingest: IngestProgress | null = null;
  lastError: string | null = null;
  readonly repo: ExplocodeRepository;
  private reloading: Promise<void> | null = null;
  private poll: NodeJS.Timeout | null = null;
  /** Web processes serve searches; a worker process only ingests and never builds the engine. */
  private serving = false;

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new ExplocodeRepository(ctx.db);
  }

  get ready(): boolean {
    return this.engine !== null;
  }

  /** Serves what the database holds right away, then brings the content up to date in the background. */
  async start(): Promise<void> {
    this.serving = true;
    await this.reload();
    await this.ctx.jobs.enqueue(INGEST_JOB, { force: false });
    // Another process (CLI, second server) may activate a new dataset: pick it up.
    this.poll = setInterval(() => void this.reloadIfChanged(), 30_000);
    this.poll.unref();
  }

  stop(): void {
    if (this.poll) clearInterval(this.poll);
  }

  async ingestNow(opts: { force: boolean; progress?: (done: number, total: number, message: string) => void; signal?: AbortSignal }) {
    this.ingest = { state: 'running', done: 0, total: 100, message: 'démarrage' };
    const overall = createIngestProgress(CONTENT_TABLES.length);
    try {
      const report = await runIngest(this.ctx.db, {
        force: opts.force,
        signal: opts.signal,
        onProgress: (step: string, done: number, total: number) => {
          const { percent, message } = overall.update(step, done, total);
          this.ingest = { state: 'running', done: percent, total: 100, message };
          opts.progress?.(percent, 100, message);
        },
      });
      if (this.serving) await this.reload();
      this.ingest = { state: 'done', done: 100, total: 100, message: 'contenu à jour' };
      this.lastError = null;
      return report;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.ingest = { state: 'failed', done: 0, total: 100, message };
      this.lastError = message;
      // The previous dataset, if any, is still active and still served.
      this.ctx.log.error({ service: 'explocode', err: message }, 'ingest failed; previous data kept');
      throw err;
    }
  }

  private async reloadIfChanged(): Promise<void> {
    try {
      const active = await this.repo.activeDataset();
      if (active && active.id !== this.datasetId) await this.reload();
    } catch (err) {
      this.ctx.log.warn({ service: 'explocode', err: String(err) }, 'dataset poll failed');
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
    // both the corpus load and the index build; any missing/corrupt snapshot is rebuilt.
    const built = await loadOrBuildEngine({
      dataDir: this.ctx.config.dataDir,
      datasetKey: `${active.id}|${active.version}|${active.createdAt}`,
      loadCorpus: () => this.repo.loadCorpus(),
      onWarn: (msg) => this.ctx.log.warn({ service: 'explocode' }, msg),
    });
    if (!built) return;
    // Another process may have activated a newer dataset while this one was loading: start over.
    if ((await this.repo.activeDataset())?.id !== active.id) return this.doReload();
    const engine = built.engine;
    // A bug must not look like "no results": log it, without the query (personal data), with the stack.
    engine.onError = (err) =>
      this.ctx.log.error({ service: 'explocode', stack: err instanceof Error ? err.stack?.split('\n').slice(1, 6).join('\n') : undefined }, 'search failed');
    this.engine = engine;
    this.datasetId = active.id;
    this.datasetVersion = active.version;
    this.activatedAt = active.activatedAt ? String(active.activatedAt) : null;
    this.ctx.log.info(
      { service: 'explocode', dataset: active.version, from: built.from, loadMs: Math.round(built.loadMs), buildMs: Math.round(built.buildMs) },
      'search engine ready',
    );
  }
}
