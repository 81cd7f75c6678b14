/**
 * Ingest: packages → a NEW dataset, written in batches while the previous one keeps being served, then
 * activated in one short transaction. A failure marks the new dataset 'failed' and deletes its rows.
 */
import type { Db, Queryable } from '@eig/platform';
import type { ConventionArticle, Corpus } from '../core/types.ts';
import { themeSlug as slugForTheme } from '../core/themes.ts';
import { CONTENT_TABLES } from '../db/migrations.ts';
import { IngestError, versionLabel } from './packages.ts';
import { loadCorpusFromPackages, type CorpusSubset, type LoadedCorpus, type ProgressFn } from './corpus.ts';

export { IngestError } from './packages.ts';

/** NOTIFY channel: a dataset was activated (payload: its id). Web processes LISTEN and reload. */
export const DATASET_CHANNEL = 'explocode_dataset';

/**
 * A 'loading' dataset written outside the job queue (the CLI) whose heartbeat is older than this
 * belongs to a dead ingest (PostgreSQL). Datasets of job attempts need no such wait: see `owner`.
 */
const STALE_AFTER_SECONDS = 120;

/** The job attempt running this ingest (the ingest job is exclusive: one attempt at a time, suite-wide). */
export interface IngestOwner {
  jobId: string;
  attempt: number;
}

/** The dataset an ingest wrote, before it is activated. */
export interface WrittenDataset {
  id: number;
  version: string;
  /** ISO date, as the repository reports it (part of the engine snapshot's key). */
  createdAt: string;
}

export interface IngestOptions {
  /** Re-ingest even when the active dataset already has the same package versions. */
  force?: boolean;
  onProgress?: ProgressFn;
  /** Small extract for fast tests (implies a version label suffixed with "+subset"). */
  subset?: CorpusSubset;
  /** Test hook: replaces the package reader. */
  load?: (opts: { onProgress?: ProgressFn; subset?: CorpusSubset }) => Promise<LoadedCorpus>;
  /** Test hook: overrides the version label. */
  version?: string;
  /**
   * Server shutdown: checked at every progress step (each batch written), so the ingest stops within
   * a batch, marks its dataset failed and cleans it up, and the database closes cleanly.
   */
  signal?: AbortSignal;
  /**
   * Set when the ingest runs as a job attempt: recorded on the dataset, and any other 'loading'
   * dataset is then known dead (the queue runs one ingest attempt at a time) and cleaned up at once.
   */
  owner?: IngestOwner;
  /** Called once every row is written, before activation (e.g. to write the engine snapshot). */
  beforeActivate?: (dataset: WrittenDataset, loaded: LoadedCorpus) => Promise<void>;
}

export interface IngestReport {
  skipped: boolean;
  datasetId: number | null;
  version: string;
  previousDatasetId: number | null;
  counts: Record<string, number>;
  timings: Record<string, number>; // ms
  totalMs: number;
}

type Row = Record<string, unknown>;

interface TableSpec {
  table: string;
  /** Column name → SQL type for json_to_recordset. */
  columns: [string, string][];
}

/**
 * Rows per INSERT. PostgreSQL runs a statement in its own process: large batches, few round trips.
 * PGlite runs it in this process, on the thread that owns the database: small batches, so that no
 * statement holds that thread for more than a few tens of milliseconds (measured: 4 MB took 0.3 to
 * 1.4 s on a loaded 2-core machine, 256 kB about 50 ms).
 */
const BATCH = { postgres: { bytes: 4_000_000, rows: 5_000 }, pglite: { bytes: 256_000, rows: 500 } } as const;
/** Rows per DELETE of a dead or retired dataset, for the same reason. */
const DELETE_CHUNK = { postgres: 50_000, pglite: 1_000 } as const;

/** Multi-row insert: one JSON parameter per batch, unpacked by json_to_recordset (same SQL on PGlite and PostgreSQL). */
async function insertRows(db: Db, spec: TableSpec, datasetId: number, rows: Iterable<Row>, onBatch?: (n: number) => void) {
  const { bytes: BATCH_BYTES, rows: BATCH_ROWS } = BATCH[db.kind];
  const cols = spec.columns.map(([c]) => c).join(', ');
  const defs = spec.columns.map(([c, t]) => `${c} ${t}`).join(', ');
  const sql = `INSERT INTO ${spec.table} (dataset_id, ${cols}) SELECT $1, ${cols} FROM json_to_recordset($2::json) AS x(${defs})`;
  let batch: string[] = [];
  let bytes = 0;
  let total = 0;
  const flush = async () => {
    if (!batch.length) return;
    const { rowCount } = await db.query(sql, [datasetId, `[${batch.join(',')}]`]);
    if (rowCount !== batch.length)
      throw new IngestError(`Écriture incomplète de la table ${spec.table} : ${rowCount} lignes au lieu de ${batch.length}.`);
    total += batch.length;
    onBatch?.(total);
    batch = [];
    bytes = 0;
  };
  for (const r of rows) {
    const s = JSON.stringify(r);
    batch.push(s);
    bytes += s.length;
    if (bytes >= BATCH_BYTES || batch.length >= BATCH_ROWS) await flush();
  }
  await flush();
  return total;
}

function validate(loaded: LoadedCorpus, strict: boolean): void {
  const c = loaded.corpus;
  const problems: string[] = [];
  if (!c.articles.length) problems.push('aucun article du Code du travail');
  if (!c.sections.length) problems.push('aucune section du Code du travail');
  if (strict) {
    if (!c.fiches.length) problems.push('aucune fiche');
    if (!c.contributions.length) problems.push('aucune question-réponse (contributions)');
    if (!c.conventions.length) problems.push('aucune convention collective');
  }
  if (!c.themes.length) problems.push('aucune thématique');
  const nums = new Set<string>();
  for (const a of c.articles) {
    if (!a.id || !a.num) problems.push(`article sans identifiant ou numéro (${a.id || a.num || '?'})`);
    else if (nums.has(a.num)) problems.push(`numéro d'article en double : ${a.num}`);
    nums.add(a.num);
    if (problems.length > 5) break;
  }
  if (strict && c.articles.length < 1000) problems.push(`trop peu d'articles (${c.articles.length}) : paquet legi-data incomplet ?`);
  if (problems.length) throw new IngestError(`Contenu invalide, ingestion annulée : ${problems.slice(0, 6).join(' ; ')}.`);
}

export async function activeDatasetRow(db: Queryable): Promise<{ id: number; version: string } | null> {
  const { rows } = await db.query<{ id: number; version: string }>(
    `SELECT id, version FROM explocode_datasets WHERE status = 'ready' ORDER BY id DESC LIMIT 1`,
  );
  return rows[0] ?? null;
}

/**
 * Columns whose statistics the planner uses (filters, joins, sorts) in the large tables: the text
 * and HTML bodies are left out, which divides ANALYZE's time by up to five (PGlite runs it on the
 * thread that owns the database). Small tables are analysed whole.
 */
const ANALYZE_COLUMNS: Partial<Record<(typeof CONTENT_TABLES)[number], string[]>> = {
  explocode_articles: ['dataset_id', 'id', 'cid', 'num', 'section_id', 'ord'],
  explocode_fiche_sections: ['dataset_id', 'fiche_id', 'idx', 'anchor'],
  explocode_answers: ['dataset_id', 'contribution_id', 'idcc'],
  explocode_convention_articles: ['dataset_id', 'idcc', 'ord', 'id', 'num'],
};

/**
 * Refreshes the planner's statistics of the content tables (after every bulk write or delete): one
 * table per statement, so that PGlite's thread is held for one table at a time.
 */
export async function analyzeContent(db: Db): Promise<void> {
  // PGlite: a sample of 3,000 rows per table (statistics target 10) rather than 30,000: enough for
  // these plans (dataset, key and order columns), and ten times shorter on the database's thread.
  const [before, after] = db.kind === 'pglite' ? ['SET default_statistics_target = 10; ', '; RESET default_statistics_target'] : ['', ''];
  await db.exec(`ANALYZE explocode_datasets`);
  for (const t of CONTENT_TABLES) {
    const cols = ANALYZE_COLUMNS[t];
    await db.exec(`${before}ANALYZE ${t}${cols ? ` (${cols.join(', ')})` : ''}${after}`);
  }
}

/** Deletes a dataset's rows in chunks (see DELETE_CHUNK); `ctid = ANY(array)` is a TID scan, not a scan of the table. */
async function deleteDatasetRows(db: Db, datasetId: number): Promise<void> {
  const chunk = DELETE_CHUNK[db.kind];
  for (const t of CONTENT_TABLES) {
    for (;;) {
      const { rowCount } = await db.query(
        `DELETE FROM ${t} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${t} WHERE dataset_id = $1 LIMIT ${chunk}))`,
        [datasetId],
      );
      if (rowCount < chunk) break;
    }
  }
}

/**
 * Marks failed, and deletes the rows of, the 'loading' datasets whose ingest is dead:
 *  - on PGlite, all of them (one process owns the database: no other ingest can be alive);
 *  - for a job attempt (`owner`), every dataset of another attempt (the ingest job is exclusive:
 *    an attempt that runs is the only one; the others' processes died) and those outside the
 *    queue whose heartbeat stopped;
 *  - otherwise (the CLI), those whose heartbeat stopped.
 * Returns the ids cleaned up. Called at start (PGlite) and by every ingest before anything else.
 */
export async function cleanupDeadIngests(db: Db, owner?: IngestOwner): Promise<number[]> {
  const stale = await db.query<{ id: number }>(
    `UPDATE explocode_datasets SET status = 'failed', error = 'ingestion interrompue', finished_at = now()
      WHERE status = 'loading'
        AND ($1 OR ($2 AND job_id IS NOT NULL) OR coalesce(heartbeat_at, created_at) < now() - interval '${STALE_AFTER_SECONDS} seconds')
      RETURNING id`,
    [db.kind === 'pglite', owner !== undefined],
  );
  for (const r of stale.rows) await deleteDatasetRows(db, r.id);
  if (stale.rows.length > 0) await analyzeContent(db);
  return stale.rows.map((r) => r.id);
}

/** Rows of every table for one dataset, as generators (nothing is materialised twice). */
function* tableRows(corpus: Corpus, conventionArticles: ConventionArticle[]) {
  yield {
    spec: {
      table: 'explocode_sections',
      columns: [
        ['id', 'text'],
        ['title', 'text'],
        ['parent_id', 'text'],
        ['depth', 'int'],
        ['ord', 'int'],
      ],
    },
    rows: (function* () {
      for (const s of corpus.sections) yield { id: s.id, title: s.title, parent_id: s.parentId, depth: s.depth, ord: s.order };
    })(),
    count: corpus.sections.length,
  };
  yield {
    spec: {
      table: 'explocode_articles',
      columns: [
        ['id', 'text'],
        ['cid', 'text'],
        ['num', 'text'],
        ['text', 'text'],
        ['html', 'text'],
        ['section_id', 'text'],
        ['path', 'text[]'],
        ['ord', 'int'],
        ['legifrance_url', 'text'],
        ['date_debut', 'text'],
      ],
    },
    rows: (function* () {
      for (const a of corpus.articles)
        yield {
          id: a.id,
          cid: a.cid,
          num: a.num,
          text: a.text,
          html: a.html,
          section_id: a.sectionId,
          path: a.path,
          ord: a.order,
          legifrance_url: a.legifranceUrl,
          date_debut: a.dateDebut,
        };
    })(),
    count: corpus.articles.length,
  };
  yield {
    spec: {
      table: 'explocode_fiches',
      columns: [
        ['id', 'text'],
        ['source', 'text'],
        ['title', 'text'],
        ['description', 'text'],
        ['url', 'text'],
        ['breadcrumb', 'text[]'],
        ['date', 'text'],
        ['intro', 'text'],
        ['cited', 'text[]'],
        ['ord', 'int'],
      ],
    },
    rows: (function* () {
      let i = 0;
      for (const f of corpus.fiches)
        yield {
          id: f.id,
          source: f.source,
          title: f.title,
          description: f.description,
          url: f.url,
          breadcrumb: f.breadcrumb,
          date: f.date,
          intro: f.intro,
          cited: f.citedArticles,
          ord: i++,
        };
    })(),
    count: corpus.fiches.length,
  };
  yield {
    spec: {
      table: 'explocode_fiche_sections',
      columns: [
        ['fiche_id', 'text'],
        ['idx', 'int'],
        ['anchor', 'text'],
        ['title', 'text'],
        ['text', 'text'],
        ['html', 'text'],
        ['cited', 'text[]'],
      ],
    },
    rows: (function* () {
      for (const f of corpus.fiches)
        for (const [idx, s] of f.sections.entries())
          yield { fiche_id: f.id, idx, anchor: s.anchor, title: s.title, text: s.text, html: s.html, cited: s.citedArticles };
    })(),
    count: corpus.fiches.reduce((n, f) => n + f.sections.length, 0),
  };
  yield {
    spec: {
      table: 'explocode_contributions',
      columns: [
        ['id', 'text'],
        ['slug', 'text'],
        ['title', 'text'],
        ['embedded_fiches', 'text[]'],
        ['ord', 'int'],
      ],
    },
    rows: (function* () {
      let i = 0;
      for (const c of corpus.contributions)
        yield { id: c.id, slug: c.slug, title: c.title, embedded_fiches: c.embeddedFiches ?? [], ord: i++ };
    })(),
    count: corpus.contributions.length,
  };
  yield {
    spec: {
      table: 'explocode_answers',
      columns: [
        ['contribution_id', 'text'],
        ['idcc', 'text'],
        ['text', 'text'],
        ['html', 'text'],
        ['cited', 'text[]'],
      ],
    },
    rows: (function* () {
      for (const c of corpus.contributions) {
        const seen = new Set<string>();
        for (const a of [c.generic, ...c.byConvention]) {
          const idcc = a.idcc ?? '';
          if (seen.has(idcc)) continue;
          seen.add(idcc);
          yield { contribution_id: c.id, idcc, text: a.text, html: a.html, cited: a.citedArticles };
        }
      }
    })(),
    count: corpus.contributions.reduce((n, c) => n + 1 + c.byConvention.length, 0),
  };
  yield {
    spec: {
      table: 'explocode_conventions',
      columns: [
        ['idcc', 'text'],
        ['id', 'text'],
        ['title', 'text'],
        ['short_title', 'text'],
        ['url', 'text'],
        ['effectif', 'int'],
        ['has_full_text', 'boolean'],
        ['article_count', 'int'],
      ],
    },
    rows: (function* () {
      for (const c of corpus.conventions)
        yield {
          idcc: c.idcc,
          id: c.id,
          title: c.title,
          short_title: c.shortTitle,
          url: c.url,
          effectif: c.effectif,
          has_full_text: c.hasFullText,
          article_count: c.articleCount,
        };
    })(),
    count: corpus.conventions.length,
  };
  yield {
    spec: {
      table: 'explocode_convention_articles',
      columns: [
        ['idcc', 'text'],
        ['ord', 'int'],
        ['id', 'text'],
        ['num', 'text'],
        ['text', 'text'],
        ['path', 'text[]'],
      ],
    },
    rows: (function* () {
      for (const a of conventionArticles) yield { idcc: a.idcc, ord: a.order, id: a.id, num: a.num, text: a.text, path: a.path };
    })(),
    count: conventionArticles.length,
  };
  // Code themes: their subtree is a contiguous range of articles in code order.
  const range = new Map<string, [number, number]>();
  for (const a of corpus.articles) {
    for (const sid of a.path) {
      const r = range.get(sid);
      if (!r) range.set(sid, [a.order, a.order]);
      else {
        if (a.order < r[0]) r[0] = a.order;
        if (a.order > r[1]) r[1] = a.order;
      }
    }
  }
  yield {
    spec: {
      table: 'explocode_themes',
      columns: [
        ['id', 'text'],
        ['source', 'text'],
        ['title', 'text'],
        ['parent_id', 'text'],
        ['path', 'text[]'],
        ['ord', 'int'],
        ['articles', 'int'],
        ['fiches', 'int'],
        ['contributions', 'int'],
        ['art_from', 'int'],
        ['art_to', 'int'],
      ],
    },
    rows: (function* () {
      let i = 0;
      for (const t of corpus.themes) {
        const r = t.source === 'code' ? range.get(t.id.slice('code:'.length)) : undefined;
        yield {
          id: t.id,
          source: t.source,
          title: t.title,
          parent_id: t.parentId,
          path: t.path,
          ord: i++,
          articles: t.counts.articles,
          fiches: t.counts.fiches,
          contributions: t.counts.contributions,
          art_from: r?.[0] ?? null,
          art_to: r?.[1] ?? null,
        };
      }
    })(),
    count: corpus.themes.length,
  };
  const spThemes = new Set(corpus.themes.filter((t) => t.source === 'service-public').map((t) => t.id));
  const themeFiches: Row[] = [];
  for (const f of corpus.fiches) {
    const bc = f.breadcrumb.filter((t) => t.trim());
    const seen = new Set<string>();
    for (let i = 1; i <= bc.length; i++) {
      const id = `sp:${bc.slice(0, i).map(slugForTheme).join('/')}`;
      if (spThemes.has(id) && !seen.has(id)) {
        seen.add(id);
        themeFiches.push({ theme_id: id, fiche_id: f.id });
      }
    }
  }
  yield {
    spec: {
      table: 'explocode_theme_fiches',
      columns: [
        ['theme_id', 'text'],
        ['fiche_id', 'text'],
      ],
    },
    rows: themeFiches,
    count: themeFiches.length,
  };
  const citations: Row[] = [];
  for (const f of corpus.fiches) {
    const inSections = new Set<string>();
    for (const s of f.sections)
      for (const num of s.citedArticles) {
        inSections.add(num);
        citations.push({ source_type: 'fiche', source_id: f.id, part: s.anchor, num });
      }
    for (const num of f.citedArticles) if (!inSections.has(num)) citations.push({ source_type: 'fiche', source_id: f.id, part: '', num });
  }
  for (const c of corpus.contributions)
    for (const a of [c.generic, ...c.byConvention])
      for (const num of new Set(a.citedArticles)) citations.push({ source_type: 'contribution', source_id: c.id, part: a.idcc ?? '', num });
  yield {
    spec: {
      table: 'explocode_citations',
      columns: [
        ['source_type', 'text'],
        ['source_id', 'text'],
        ['part', 'text'],
        ['num', 'text'],
      ],
    },
    rows: citations,
    count: citations.length,
  };
}

export async function runIngest(db: Db, opts: IngestOptions = {}): Promise<IngestReport> {
  const t0 = performance.now();
  const timings: Record<string, number> = {};
  const progress: ProgressFn = (step, done, total) => {
    if (opts.signal?.aborted) throw new IngestError('Ingestion interrompue : le service s’arrête.');
    opts.onProgress?.(step, done, total);
  };
  const mark = (k: string, since: number) => (timings[k] = Math.round(performance.now() - since));

  let version = opts.version ?? (await versionLabel());
  if (opts.subset && !opts.version) version += ' +subset';
  // Leftovers of an interrupted ingest go first, even when this one has nothing to do.
  await cleanupDeadIngests(db, opts.owner);
  const active = await activeDatasetRow(db);
  if (active && active.version === version && !opts.force) {
    return {
      skipped: true,
      datasetId: active.id,
      version,
      previousDatasetId: active.id,
      counts: {},
      timings,
      totalMs: Math.round(performance.now() - t0),
    };
  }

  // 1. Read and parse the packages (no database work yet: nothing to undo if this fails).
  let t = performance.now();
  let loaded: LoadedCorpus;
  try {
    loaded = await (opts.load ?? loadCorpusFromPackages)({ onProgress: progress, subset: opts.subset });
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw new IngestError(`Lecture des paquets de contenu impossible : ${(e as Error).message}`, { cause: e });
  }
  loaded.corpus.version = version;
  // A full ingest from the packages must look complete; subsets and injected loaders only need to be coherent.
  validate(loaded, !opts.subset && !opts.load);
  mark('load', t);

  // 2. Write the new dataset, batch by batch, outside any long transaction: the active dataset keeps serving.
  // (A dead ingest's leftovers were cleaned up above; a live one's makes this insert fail.)
  let datasetId: number;
  let createdAt: string;
  try {
    const { rows } = await db.query<{ id: number; created_at: Date | string }>(
      `INSERT INTO explocode_datasets (version, status, heartbeat_at, job_id, attempt) VALUES ($1, 'loading', now(), $2, $3) RETURNING id, created_at`,
      [version, opts.owner?.jobId ?? null, opts.owner?.attempt ?? null],
    );
    datasetId = rows[0].id;
    const c = rows[0].created_at;
    createdAt = c instanceof Date ? c.toISOString() : String(c);
  } catch (e) {
    if ((e as { code?: string }).code === '23505') {
      throw new IngestError('Une autre ingestion est déjà en cours (autre processus) : réessayez quand elle sera terminée.', { cause: e });
    }
    throw e;
  }
  const heartbeat = () => db.query(`UPDATE explocode_datasets SET heartbeat_at = now() WHERE id = $1`, [datasetId]);
  const counts: Record<string, number> = {};
  try {
    for (const { spec, rows: data, count } of tableRows(loaded.corpus, loaded.conventionArticles)) {
      t = performance.now();
      const step = spec.table.replace('explocode_', '');
      progress(`db:${step}`, 0, count);
      counts[step] = await insertRows(db, spec as TableSpec, datasetId, data, (n) => progress(`db:${step}`, n, count));
      await heartbeat();
      mark(`db:${step}`, t);
    }

    // Statistics for the planner before the dataset is served: PGlite has no autovacuum, and
    // PostgreSQL's may come minutes later. Without them, a theme page scanned millions of rows.
    t = performance.now();
    await analyzeContent(db);
    mark('analyze', t);

    if (opts.beforeActivate) {
      t = performance.now();
      progress('snapshot', 0, 1);
      await opts.beforeActivate({ id: datasetId, version, createdAt }, loaded);
      mark('snapshot', t);
    }

    // 3. Activate: check what was written, then swap in one short transaction.
    t = performance.now();
    const previous = await db.transaction(async (tx) => {
      // On PostgreSQL, other processes share the tables: count what is there. On PGlite, this
      // process alone writes, and every INSERT's row count was checked (counting the largest table
      // again would hold PGlite's thread for a quarter of a second).
      if (db.kind === 'postgres')
        for (const [step, n] of Object.entries(counts)) {
          const r = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM explocode_${step} WHERE dataset_id = $1`, [datasetId]);
          if (r.rows[0].n !== n) throw new IngestError(`Écriture incomplète de la table ${step} : ${r.rows[0].n} lignes au lieu de ${n}.`);
        }
      const prev = await tx.query<{ id: number }>(
        `UPDATE explocode_datasets SET status = 'retired', finished_at = now() WHERE status = 'ready' AND id <> $1 RETURNING id`,
        [datasetId],
      );
      const cur = await tx.query(
        `UPDATE explocode_datasets SET status = 'ready', activated_at = now(), counts = $2::jsonb WHERE id = $1 AND status = 'loading'`,
        [datasetId, JSON.stringify(counts)],
      );
      if (cur.rowCount !== 1) throw new IngestError("Le jeu de données en cours d'écriture a disparu (ingestion concurrente ?).");
      // Every process serving ExploCode loads the new dataset at once (delivered on commit only).
      await tx.query(`SELECT pg_notify($1, $2)`, [DATASET_CHANNEL, String(datasetId)]);
      return prev.rows[0]?.id ?? null;
    });
    mark('activate', t);

    // 4. Drop the rows of retired datasets (the new one is already served).
    t = performance.now();
    const old = await db.query<{ id: number }>(`SELECT id FROM explocode_datasets WHERE status IN ('retired', 'failed') AND id <> $1`, [
      datasetId,
    ]);
    for (const r of old.rows) await deleteDatasetRows(db, r.id);
    if (old.rows.length > 0) await analyzeContent(db);
    mark('cleanup', t);
    opts.onProgress?.('done', 1, 1); // activated: too late to stop, whatever the signal says
    return {
      skipped: false,
      datasetId,
      version,
      previousDatasetId: previous,
      counts,
      timings,
      totalMs: Math.round(performance.now() - t0),
    };
  } catch (e) {
    const message = e instanceof IngestError ? e.message : `Écriture en base impossible : ${(e as Error).message}`;
    try {
      const failed = await db.query(
        `UPDATE explocode_datasets SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status = 'loading'`,
        [datasetId, message],
      );
      // Only a dataset that never became active is removed: a failure after the swap (cleanup of the
      // retired ones) must not take the served data with it.
      if (failed.rowCount === 1) await deleteDatasetRows(db, datasetId);
    } catch {
      // The database itself is failing: the dataset stays 'loading' and is cleaned up by the next ingest.
    }
    throw e instanceof IngestError ? e : new IngestError(message, { cause: e });
  }
}
