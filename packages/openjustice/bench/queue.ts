/**
 * Annotation throughput through the job queue on PostgreSQL, with 1 and then 2 `eig worker`
 * processes: `npm run bench:openjustice:queue` (needs PostgreSQL; BENCH_DATABASE_URL, default
 * postgres://eig:eig@127.0.0.1:5432/postgres, must be allowed to create databases).
 *
 * For each worker count: a fresh database, the workers started and warmed (each loads its engine
 * thread on its first job), then the dev set's decision texts imported at once (batches of
 * OPENJUSTICE_BATCH_SIZE) and timed until the last is annotated. Prints decisions/s and the
 * import → annotated latency (p50/p95). Only the texts of gold.dev.jsonl are read (as decisions to
 * annotate), never its annotations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openSuite } from '@eig/platform';
import openjustice from '../src/module.ts';
import { importDecisions } from '../src/service/imports.ts';
import type { RawDecision } from '../src/ingest/parse.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://eig:eig@127.0.0.1:5432/postgres';
const dataDirs = [resolve(repo, '../shared/data/openjustice'), resolve(repo, '../../shared/data/openjustice')];
const GOLD = process.env.OPENJUSTICE_GOLD ?? resolve(dataDirs.find((d) => existsSync(d)) ?? dataDirs[0], 'gold.dev.jsonl');
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2').split(',').map(Number);
const COPIES = Number(process.env.BENCH_COPIES ?? 3);
const BATCH = Number(process.env.OPENJUSTICE_BATCH_SIZE ?? 50);

const texts: string[] = readFileSync(GOLD, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function startWorker(url: string): ChildProcess {
  const child = spawn(
    process.execPath,
    ['--conditions=eig-source', '--import', 'tsx', resolve(repo, 'packages/server/src/cli.ts'), 'worker'],
    {
      cwd: repo,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn', OPENJUSTICE_BATCH_SIZE: String(BATCH) },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return child;
}

async function waitDone(
  db: { query: <R>(sql: string, p?: unknown[]) => Promise<{ rows: R[] }> },
  source: string,
  n: number,
  timeoutMs: number,
) {
  const t0 = Date.now();
  for (;;) {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM openjustice_decisions WHERE source_name = $1 AND status <> 'loaded'`,
      [source],
    );
    if (Number(rows[0].n) >= n) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timeout: ${rows[0].n}/${n} annotated`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function run(workers: number) {
  const name = `oj_bench_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const suite = await openSuite({ services: [openjustice], env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, runJobs: false });
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) children.push(startWorker(url));
    // Warm-up: a few one-decision jobs per worker, so that each has loaded its engine before the clock starts.
    const warm: RawDecision[] = Array.from({ length: 4 * workers }, (_, i) => ({
      text: texts[i % texts.length],
      sourceName: 'warmup',
      sourceId: `w${i}`,
      meta: {},
      origin: 'bench',
    }));
    await importDecisions(suite.db, suite.jobs, warm, { origin: 'cli', userId: null, files: 0, problems: [], batchSize: 1 });
    await waitDone(suite.db, 'warmup', warm.length, 180_000);

    const raws: RawDecision[] = [];
    for (let c = 0; c < COPIES; c++)
      texts.forEach((text, i) => raws.push({ text, sourceName: 'bench', sourceId: `${c}-${i}`, meta: {}, origin: 'bench' }));
    const chars = raws.reduce((s, r) => s + r.text.length, 0);
    const t0 = performance.now();
    await importDecisions(suite.db, suite.jobs, raws, { origin: 'cli', userId: null, files: 0, problems: [], batchSize: BATCH });
    const tImported = performance.now();
    await waitDone(suite.db, 'bench', raws.length, 900_000);
    const t1 = performance.now();
    const lat = await suite.db.query<{ ms: number }>(
      `SELECT extract(epoch FROM (annotated_at - created_at)) * 1000 AS ms FROM openjustice_decisions WHERE source_name = 'bench'`,
    );
    const ms = lat.rows.map((r) => Number(r.ms));
    return {
      workers,
      decisions: raws.length,
      chars,
      importMs: tImported - t0,
      totalMs: t1 - t0,
      perSecond: raws.length / ((t1 - t0) / 1000),
      p50: pct(ms, 50),
      p95: pct(ms, 95),
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
    await suite.close();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}

console.log(
  `Open Justice — annotation through the job queue (PostgreSQL, pg-boss), ${texts.length} × ${COPIES} decisions, batches of ${BATCH}, 2 jobs at once per worker`,
);
const results = [];
for (const w of WORKERS) {
  const r = await run(w);
  results.push(r);
  console.log(
    `${w} worker(s): ${r.decisions} decisions (${(r.chars / 1e6).toFixed(1)} M characters) in ${(r.totalMs / 1000).toFixed(1)} s ` +
      `(import ${(r.importMs / 1000).toFixed(1)} s) → ${r.perSecond.toFixed(1)} decisions/s; import → annotated p50 ${(r.p50 / 1000).toFixed(1)} s, p95 ${(r.p95 / 1000).toFixed(1)} s`,
  );
}
if (results.length === 2)
  console.log(
    `speed-up with 2 workers: ×${(results[1].perSecond / results[0].perSecond).toFixed(2)} (machine: ${(await import('node:os')).cpus().length} cores, shared)`,
  );
