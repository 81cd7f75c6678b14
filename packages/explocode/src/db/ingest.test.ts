import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { migrate } from '@eig/platform';
import { migrations, CONTENT_TABLES } from './migrations.ts';
import { ExplocodeRepository } from './repository.ts';
import { runIngest, IngestError } from '../ingest/run.ts';
import { loadCorpusFromPackages, type LoadedCorpus } from '../ingest/corpus.ts';
import { PACKAGES, setPackageDir } from '../ingest/packages.ts';

const SUBSET = { articles: 400, fichesTravail: 4, fichesVdd: 4, contributions: 3, conventions: 1 };
let loaded: LoadedCorpus;
beforeAll(async () => {
  loaded = await loadCorpusFromPackages({ subset: SUBSET });
});
const load = async () => structuredClone(loaded);

describe.each(testDatabases())('ingest and repository on $name', (target) => {
  let db: TestDb;
  let repo: ExplocodeRepository;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db, 'explocode', migrations);
    repo = new ExplocodeRepository(db);
  });
  afterAll(() => target.cleanup());

  it('has no dataset before the first ingest', async () => {
    expect(await repo.activeDataset()).toBeNull();
    expect(await repo.loadCorpus()).toBeNull();
    expect(await repo.getArticle('L1')).toBeNull();
  });

  it('ingests a subset and serves it', async () => {
    const steps = new Set<string>();
    const report = await runIngest(db, { load, version: 'v1', onProgress: (s) => steps.add(s) });
    expect(report.skipped).toBe(false);
    expect(report.counts.articles).toBe(400);
    expect(steps.has('db:articles')).toBe(true);
    const ds = await repo.activeDataset();
    expect(ds).toMatchObject({ id: report.datasetId, version: 'v1', status: 'ready' });
    const corpus = (await repo.loadCorpus())!;
    expect(corpus.version).toBe('v1');
    expect(corpus.articles).toHaveLength(400);
    expect(corpus.articles).toEqual(loaded.corpus.articles);
    expect(corpus.sections).toEqual(loaded.corpus.sections);
    expect(corpus.fiches).toEqual(loaded.corpus.fiches);
    expect(corpus.themes).toEqual(loaded.corpus.themes);
    expect(corpus.conventions.length).toBe(loaded.corpus.conventions.length);
    expect(corpus.contributions.map((c) => c.id)).toEqual(loaded.corpus.contributions.map((c) => c.id));
    expect(corpus.contributions[0].byConvention.length).toBe(loaded.corpus.contributions[0].byConvention.length);
    // The planner has statistics for the new rows (PGlite has no autovacuum): reltuples is -1 until ANALYZE.
    const stats = await db.query<{ reltuples: number }>(`SELECT reltuples FROM pg_class WHERE relname = 'explocode_articles'`);
    expect(Number(stats.rows[0].reltuples)).toBeGreaterThanOrEqual(400);
  });

  it('answers the lookups', async () => {
    const first = loaded.corpus.articles[0];
    const second = loaded.corpus.articles[1];
    expect((await repo.getArticle(first.num))!.article.id).toBe(first.id);
    expect((await repo.getArticle(first.id))!.article.num).toBe(first.num);
    const found = (await repo.getArticle(second.num))!;
    expect(found.breadcrumb.map((b) => b.id)).toEqual(second.path.map((id) => `code:${id}`));
    const n = await repo.articleNeighbours(second.order);
    expect(n.previous?.num).toBe(first.num);
    expect(n.next?.num).toBe(loaded.corpus.articles[2].num);
    // an article cited by a fiche of the subset
    const fiche = loaded.corpus.fiches.find((f) => f.sections.some((s) => s.citedArticles.length))!;
    const section = fiche.sections.find((s) => s.citedArticles.length)!;
    const cb = await repo.citedBy(section.citedArticles[0]);
    const hit = cb.fiches.find((f) => f.id === fiche.id)!;
    expect(hit.sections.map((s) => s.anchor)).toContain(section.anchor);
    const theme = loaded.corpus.themes.find((t) => t.source === 'code' && t.parentId === null)!;
    const detail = (await repo.getTheme(theme.id, { limit: 5 }))!;
    expect(detail.articles.total).toBe(theme.counts.articles);
    expect(detail.articles.items).toHaveLength(5);
    expect(detail.children.length).toBeGreaterThan(0);
    const child = (await repo.getTheme(detail.children[0].id))!;
    expect(child.ancestors.map((a) => a.id)).toEqual([theme.id]);
    const f = (await repo.getFiche(fiche.id))!;
    expect(f.sections).toEqual(fiche.sections);
    const c = loaded.corpus.contributions[0];
    const got = (await repo.getContribution(c.slug, c.byConvention[0].idcc!))!;
    expect(got.contribution.id).toBe(c.id);
    expect(got.answer?.idcc).toBe(c.byConvention[0].idcc);
    const withText = loaded.corpus.conventions.find((x) => x.hasFullText)!;
    expect((await repo.listConventions(withText.idcc, 5))[0].idcc).toBe(withText.idcc);
    expect((await repo.conventionArticles(withText.idcc)).length).toBe(withText.articleCount);
    expect((await repo.getConvention(withText.idcc))!.convention.title).toBe(withText.title);
    expect((await repo.counts()).articles).toBe(400);
  });

  it('skips an ingest of the same version unless forced', async () => {
    expect((await runIngest(db, { load, version: 'v1' })).skipped).toBe(true);
  });

  it('keeps serving the previous dataset when an ingest fails', async () => {
    const before = (await repo.activeDataset())!;
    // invalid content: rejected before anything is written
    const bad = async () => {
      const l = structuredClone(loaded);
      l.corpus.articles[1].num = l.corpus.articles[0].num;
      return l;
    };
    await expect(runIngest(db, { load: bad, version: 'v2' })).rejects.toThrow(/numéro d'article en double/);
    // corrupt content that fails while writing (duplicate fiche id → primary key)
    const corrupt = async () => {
      const l = structuredClone(loaded);
      l.corpus.fiches.push(l.corpus.fiches[0]);
      return l;
    };
    await expect(runIngest(db, { load: corrupt, version: 'v2' })).rejects.toBeInstanceOf(IngestError);
    expect((await repo.activeDataset())!.id).toBe(before.id);
    const failed = (await repo.datasets()).find((d) => d.status === 'failed')!;
    expect(failed.error).toMatch(/base/);
    for (const t of CONTENT_TABLES) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE dataset_id = $1`, [failed.id]);
      expect(rows[0].n).toBe(0);
    }
    expect((await repo.loadCorpus())!.version).toBe('v1');
  });

  it('runs one ingest at a time; a dead one is cleaned up, a live one (another process) is waited for', async () => {
    const before = (await repo.activeDataset())!;
    // A leftover 'loading' dataset, as if another ingest were writing right now.
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO explocode_datasets (version, status, heartbeat_at) VALUES ('other', 'loading', now()) RETURNING id`,
    );
    if (target.name === 'postgres') {
      // PostgreSQL may be shared by several processes: a live heartbeat means another ingest is alive.
      await expect(runIngest(db, { load, version: 'v3' })).rejects.toThrow(/Une autre ingestion est déjà en cours/);
      expect((await repo.activeDataset())!.id).toBe(before.id);
      // Once its heartbeat is old, it is a dead ingest: cleaned up, and this one proceeds.
      await db.query(`UPDATE explocode_datasets SET heartbeat_at = now() - interval '1 hour' WHERE id = $1`, [rows[0].id]);
    }
    // PGlite belongs to one process (locked folder): any leftover is from a dead ingest.
    const report = await runIngest(db, { load, version: 'v3' });
    expect(report.skipped).toBe(false);
    const leftover = (await repo.datasets()).find((d) => d.id === rows[0].id)!;
    expect(leftover.status).toBe('failed');
    // back to v1 for the tests below
    await runIngest(db, { load, version: 'v1' });
  });

  it('stops between batches when the service shuts down, and keeps serving the previous dataset', async () => {
    const before = (await repo.activeDataset())!;
    const stop = new AbortController();
    const run = runIngest(db, {
      load,
      version: 'v4',
      signal: stop.signal,
      onProgress: (step) => {
        if (step.startsWith('db:')) stop.abort();
      },
    });
    await expect(run).rejects.toThrow(/interrompue/);
    expect((await repo.activeDataset())!.id).toBe(before.id);
    const aborted = (await repo.datasets()).find((d) => d.version === 'v4')!;
    expect(aborted.status).toBe('failed');
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM explocode_articles WHERE dataset_id = $1`, [aborted.id]);
    expect(rows[0].n).toBe(0);
  });

  it('swaps atomically to a new version, serving the old one meanwhile', async () => {
    const before = (await repo.activeDataset())!;
    const seen: number[] = [];
    const report = await runIngest(db, {
      load,
      version: 'v3',
      onProgress: (step, done) => {
        if (step === 'db:articles' && done > 0) void repo.activeDataset().then((d) => seen.push(d!.id));
      },
    });
    expect(report.previousDatasetId).toBe(before.id);
    const after = (await repo.activeDataset())!;
    expect(after).toMatchObject({ id: report.datasetId, version: 'v3' });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((id) => id === before.id)).toBe(true);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM explocode_articles WHERE dataset_id = $1`, [before.id]);
    expect(rows[0].n).toBe(0);
    expect((await repo.datasets()).find((d) => d.id === before.id)!.status).toBe('retired');
  });
});

describe('package errors', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'explocode-pkg-'));
  });
  afterAll(async () => {
    setPackageDir(PACKAGES.legi, null);
    await rm(tmp, { recursive: true, force: true });
  });
  it('names a missing or corrupt package in French', async () => {
    const [target] = testDatabases();
    const db = await target.open();
    try {
      await migrate(db, 'explocode', migrations);
      setPackageDir(PACKAGES.legi, path.join(tmp, 'absent'));
      await expect(runIngest(db)).rejects.toThrow(/Fichier manquant dans @socialgouv\/legi-data/);
      await mkdir(path.join(tmp, 'legi', 'data'), { recursive: true });
      await writeFile(path.join(tmp, 'legi', 'package.json'), '{"version":"9.9.9"}');
      await writeFile(path.join(tmp, 'legi', 'data', 'LEGITEXT000006072050.json'), '{"type": "code", "children": [');
      setPackageDir(PACKAGES.legi, path.join(tmp, 'legi'));
      await expect(runIngest(db)).rejects.toThrow(/JSON corrompu dans @socialgouv\/legi-data/);
      expect(await new ExplocodeRepository(db).activeDataset()).toBeNull();
    } finally {
      await target.cleanup();
    }
  });
});
