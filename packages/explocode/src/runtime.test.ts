/**
 * ExploCode's runtime off the main thread, on PGlite and PostgreSQL: the ingest's work happens in a
 * worker thread while searches go on, its progress reaches the logs, a full search queue answers
 * 503 with Retry-After at once, and a dataset activated by another process is loaded on its NOTIFY.
 */
import { threadId } from 'node:worker_threads';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, openDb, type Db } from '@eig/platform';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { createExplocodeApp, type MinimalApp } from './test-fixtures/minimal-app.ts';
import { ExplocodeRuntime } from './runtime.ts';
import { runIngest } from './ingest/run.ts';

const SUBSET = { articles: 1200, fichesTravail: 20, fichesVdd: 20, contributions: 4, conventions: 1 };

function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n')) if (l.trim()) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe.each(testDatabases())('ExploCode runtime on $name', (target) => {
  let db: TestDb;
  let main: MinimalApp;
  const logs = captureLog();
  const opened: { close(): Promise<void> }[] = [];
  const search = (app: MinimalApp, q: string) =>
    app.app.inject({ method: 'GET', url: `/api/explocode/search?q=${encodeURIComponent(q)}&limit=5` });

  beforeAll(async () => {
    db = await target.open();
    ExplocodeRuntime.progressLogMs = 0;
    main = await createExplocodeApp({ config: { ...db.config, rateLimitMax: 1_000_000 }, db, log: logs.log, runJobs: false });
    opened.push(main);
    await main.runtime.ingestNow({ force: false, subset: SUBSET });
    // A web process: serves searches, listens for new datasets (its ingest job is not worked here).
    await main.start();
  });

  afterAll(async () => {
    ExplocodeRuntime.progressLogMs = 5_000;
    for (const a of opened.reverse()) await a.close().catch(() => undefined);
    await target.cleanup();
  });

  it('runs a re-ingest in a worker thread while searches go on, and logs its progress without content', async () => {
    expect(main.runtime.ready).toBe(true);
    logs.lines.length = 0;
    let done = false;
    const messages: string[] = [];
    const ingest = main.runtime
      .ingestNow({ force: true, subset: SUBSET, progress: (_d, _t, m) => messages.push(m) })
      .finally(() => (done = true));
    const statuses: number[] = [];
    while (!done) {
      statuses.push((await search(main, 'rupture du contrat de travail')).statusCode);
      await new Promise((r) => setTimeout(r, 5));
    }
    const report = await ingest;
    expect(report.skipped).toBe(false);
    // The parsing, the rows and the engine snapshot were built in another thread.
    expect(report.thread).not.toBe(threadId);
    expect(statuses.length).toBeGreaterThan(0);
    expect([...new Set(statuses)]).toEqual([200]);
    // The new dataset is served.
    expect(main.runtime.datasetId).toBe(report.datasetId);
    const events = logs.lines.map((l) => l.event);
    expect(events).toContain('ingest_started');
    expect(events).toContain('ingest_progress');
    expect(events).toContain('ingest_done');
    const progress = logs.lines.find((l) => l.event === 'ingest_progress')!;
    expect(progress).toMatchObject({ percent: expect.any(Number), step: expect.any(String) });
    // A serving process says it loads the engine once the thread is done, and only then that all is up to date.
    expect(messages.slice(-2)).toEqual(['chargement du moteur de recherche', 'contenu à jour']);
    // No query text in the logs.
    expect(JSON.stringify(logs.lines)).not.toContain('rupture du contrat');
  });

  it('answers 503 with Retry-After at once when every search thread is busy and the queue is full', async () => {
    const busy = await createExplocodeApp({ config: db.config, db, runJobs: false, env: { ...process.env, EXPLOCODE_SEARCH_QUEUE: '0' } });
    opened.push(busy);
    await busy.runtime.reload();
    expect(busy.runtime.ready).toBe(true);
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => search(busy, `licenciement économique ${i}`)));
    const refused = answers.filter((a) => a.statusCode === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.statusCode === 200).length).toBeGreaterThan(0);
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 503)).toBe(true);
    for (const r of refused) {
      expect(r.headers['retry-after']).toBe('1');
      expect(r.json()).toMatchObject({ code: 'overloaded', message: expect.stringMatching(/réessayez/) });
    }
  });

  it('loads a dataset activated by another process on its NOTIFY, without waiting for a poll', async () => {
    // A second web process: its own connection on PostgreSQL (the same in-process database on PGlite).
    const otherDb: Db = target.name === 'postgres' ? await openDb(db.config) : db;
    const web = await createExplocodeApp({ config: db.config, db: otherDb, runJobs: false });
    opened.push(web);
    if (otherDb !== db) opened.push({ close: () => otherDb.close() });
    await web.start();
    const before = web.runtime.datasetId;
    expect(before).toBe(main.runtime.datasetId);
    // Another process (here: this test, on the first connection) activates a new dataset.
    const report = await runIngest(db, { force: true, subset: SUBSET, version: 'notify-test' });
    // The safety poll runs every 5 minutes: only the notification can bring it within this wait.
    for (let i = 0; i < 400 && web.runtime.datasetId !== report.datasetId; i++) await new Promise((r) => setTimeout(r, 50));
    expect(web.runtime.datasetId).toBe(report.datasetId);
    expect(web.runtime.datasetVersion).toBe('notify-test');
  });
});
