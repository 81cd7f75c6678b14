/**
 * Karfu'R's live state in one process: the catalogue (from the database, at the current content
 * version) and the search engine (from the newest search snapshot the search job stored). Both are
 * swapped whole, never edited in place, so a request always sees one consistent version. Other
 * processes' changes arrive by LISTEN/NOTIFY, with a slow poll as a safety net.
 */
import { readFileSync } from 'node:fs';
import type { ServiceContext } from '@eig/platform';
import { buildCatalog, type Catalog } from './catalog.ts';
import { CONTENT_DIR, loadStarterContent, type StarterContent } from './content.ts';
import { CONTENT_CHANNEL, KarfurRepository, SEARCH_CHANNEL } from './db/repository.ts';
import { importStarterContent, type ContentImportReport } from './db/content-import.ts';
import { importVddIntoDb, type VddImportReport } from './db/vdd-import.ts';
import { buildIndexFor } from './core/search/build.ts';
import { MultilingualSearch, packLanguageIndex, unpackLanguageIndex } from './core/search/engine.ts';
import { searchKeywordsSchema, type SearchKeywords } from './core/search/keywords.ts';
import { decodeIndex, encodeIndex } from './core/search/snapshot.ts';
import { LANGUAGE_CODES } from './core/languages.ts';
import type { I18nResource } from './core/schemas.ts';
import type { LanguageCode } from './core/languages.ts';
import { loadPlaceIndex } from './geo-data.ts';
import type { PlaceIndex } from './core/geo.ts';

export const IMPORT_CONTENT_JOB = 'karfur.import-content';
export const IMPORT_VDD_JOB = 'karfur.import-vdd';
export const SEARCH_INDEX_JOB = 'karfur.search-index';

export interface KarfurSettings {
  KARFUR_IMPORT_VDD_AT_START: boolean;
}

type Progress = (done: number, total: number, message: string) => void;

export function loadKeywords(): SearchKeywords {
  return searchKeywordsSchema.parse(JSON.parse(readFileSync(`${CONTENT_DIR}search-keywords.json`, 'utf8')));
}

export class KarfurRuntime {
  catalog: Catalog | null = null;
  search: MultilingualSearch | null = null;
  searchVersion: number | null = null;
  lastError: string | null = null;
  readonly repo: KarfurRepository;
  readonly keywords: SearchKeywords;
  private starter: Promise<StarterContent> | null = null;
  private loading: Promise<void> | null = null;
  private stops: (() => Promise<void>)[] = [];
  private poll: NodeJS.Timeout | null = null;

  constructor(readonly ctx: ServiceContext<KarfurSettings>) {
    this.repo = new KarfurRepository(ctx.db);
    this.keywords = loadKeywords();
  }

  /** The bundled content (UI strings are always read from it; fiches only at import). */
  starterContent(): Promise<StarterContent> {
    this.starter ??= loadStarterContent();
    return this.starter;
  }

  async i18n(): Promise<Record<LanguageCode, I18nResource>> {
    return (await this.starterContent()).i18n;
  }

  places(): Promise<PlaceIndex> {
    return loadPlaceIndex();
  }

  get ready(): boolean {
    return this.catalog !== null && this.catalog.fiches.size > 0;
  }

  /** Web processes: serve what the database holds, then bring the content and the index up to date. */
  async start(): Promise<void> {
    const db = this.ctx.db;
    this.stops.push(await db.listen(CONTENT_CHANNEL, () => void this.reload().catch((e) => this.warn('reload failed', e))));
    this.stops.push(await db.listen(SEARCH_CHANNEL, () => void this.loadSearch().catch((e) => this.warn('search load failed', e))));
    await this.reload();
    await this.ctx.jobs.enqueue(IMPORT_CONTENT_JOB, {});
    if (this.ctx.settings.KARFUR_IMPORT_VDD_AT_START && !(await this.repo.meta('vdd_imported')))
      await this.ctx.jobs.enqueue(IMPORT_VDD_JOB, {});
    // Warm-up off the request path: the communes index (postcode → département) is parsed once here.
    void this.places().catch((e) => this.warn('place index failed', e));
    this.poll = setInterval(() => void this.reloadIfChanged(), 60_000);
    this.poll.unref();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    for (const s of this.stops.splice(0)) await s().catch(() => undefined);
  }

  private warn(msg: string, err: unknown) {
    this.lastError = err instanceof Error ? err.message : String(err);
    this.ctx.log.warn({ service: 'karfur', err: this.lastError }, msg);
  }

  /** The catalogue, loaded on first use (pages may be served before `start`, e.g. in tests). */
  async current(): Promise<Catalog> {
    if (!this.catalog) await this.reload();
    return this.catalog!;
  }

  private async reloadIfChanged(): Promise<void> {
    try {
      const v = await this.repo.contentVersion();
      if (v !== this.catalog?.version) await this.reload();
      const s = await this.repo.latestSearchVersion();
      if (s !== null && s !== this.searchVersion) await this.loadSearch();
    } catch (err) {
      this.warn('content poll failed', err);
    }
  }

  /** Reloads the catalogue (serialised: concurrent calls share one load). */
  reload(): Promise<void> {
    const next = (this.loading ?? Promise.resolve()).catch(() => undefined).then(() => this.doReload());
    this.loading = next;
    return next;
  }

  private async doReload(): Promise<void> {
    const repo = this.repo;
    const version = await repo.contentVersion();
    if (this.catalog && this.catalog.version === version) return;
    const [taxonomy, fiches, units, structures] = await Promise.all([repo.taxonomy(), repo.fiches(), repo.units(), repo.structures()]);
    const tax = taxonomy ?? (await this.starterContent()).taxonomy;
    this.catalog = buildCatalog({ version, taxonomy: tax, fiches, units, structures: structures.map((s) => s.data) });
    if (!this.search) await this.loadSearch();
  }

  /** Loads the newest search snapshot; asks for one when none exists or it is older than the content. */
  async loadSearch(): Promise<void> {
    const latest = await this.repo.latestSearchVersion();
    if (latest !== null && latest !== this.searchVersion) {
      const parts = await this.repo.searchSnapshot(latest);
      const indexes = parts.map((p) => unpackLanguageIndex(decodeIndex(p.data), this.keywords));
      if (indexes.some((i) => i.lang === 'fr')) {
        this.search = new MultilingualSearch(indexes);
        this.searchVersion = latest;
      }
    }
    const content = this.catalog?.version ?? (await this.repo.contentVersion());
    if (content > 0 && (this.searchVersion === null || this.searchVersion < content)) await this.requestIndex();
  }

  /** Enqueues the search job unless one is already waiting. */
  async requestIndex(): Promise<void> {
    const queued = await this.ctx.jobs.list({ name: SEARCH_INDEX_JOB, state: 'queued', limit: 1 }).catch(() => []);
    if (queued.length === 0) await this.ctx.jobs.enqueue(SEARCH_INDEX_JOB, {});
  }

  // ---- job bodies (idempotent)

  async importContent(progress?: Progress, force = false): Promise<ContentImportReport> {
    const report = await importStarterContent(this.repo, await this.starterContent(), { force, onProgress: progress });
    if (!report.skipped) await this.reload();
    await this.requestIndex();
    return report;
  }

  async importVdd(opts: { progress?: Progress; signal?: AbortSignal; limit?: number } = {}): Promise<VddImportReport> {
    const report = await importVddIntoDb(this.repo, { onProgress: opts.progress, signal: opts.signal, limit: opts.limit });
    await this.repo.setMeta('vdd_imported', { at: new Date().toISOString(), ...report, failed: report.failed.length });
    await this.reload();
    await this.requestIndex();
    return report;
  }

  /**
   * Builds every language's index from the database's current content and stores the snapshot. Each
   * language is built in its own turn of the event loop, so a process that also serves pages is never
   * held for more than one language's build.
   */
  async buildSearchSnapshot(
    progress?: Progress,
    signal?: AbortSignal,
  ): Promise<{ version: number; ms: number; docs: Record<string, number> }> {
    const t0 = performance.now();
    const version = await this.repo.contentVersion();
    const [taxonomy, fiches, units, structures] = await Promise.all([
      this.repo.taxonomy(),
      this.repo.fiches(),
      this.repo.units(),
      this.repo.structures(),
    ]);
    const catalog = buildCatalog({
      version,
      taxonomy: taxonomy ?? (await this.starterContent()).taxonomy,
      fiches,
      units,
      structures: structures.map((s) => s.data),
    });
    const corpus = catalog.corpus(this.keywords);
    const parts: { lang: string; data: Uint8Array }[] = [];
    const docs: Record<string, number> = {};
    for (const [i, lang] of LANGUAGE_CODES.entries()) {
      signal?.throwIfAborted();
      await new Promise((r) => setImmediate(r));
      const li = buildIndexFor(corpus, lang);
      docs[lang] = li.index.size;
      parts.push({ lang, data: encodeIndex(packLanguageIndex(li)) });
      progress?.(i + 1, LANGUAGE_CODES.length, `index ${lang}`);
    }
    await this.repo.putSearchSnapshot(version, parts);
    await this.loadSearch();
    return { version, ms: Math.round(performance.now() - t0), docs };
  }
}
