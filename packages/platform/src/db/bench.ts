/**
 * What running PGlite in a worker thread costs and buys, in-process vs worker, in one run:
 *   - per-statement latency (`SELECT $1`, and an indexed lookup), one at a time;
 *   - a bulk write of the size of a content import (70,000 rows of about 1 kB, sent as 4 MB JSON batches
 *     unpacked by json_to_recordset, as the services' imports do), then ANALYZE;
 *   - reading it all back in one statement (what a service loading its corpus at start does);
 * each with the main thread's longest stall (event loop delay) while it runs.
 * Run: `npm run bench:db -w @eig/platform` (ROWS=… to change the size).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from './pglite.ts';
import { openPgliteWorker } from './pglite-worker.ts';
import type { Db } from './types.ts';

const ROWS = Number(process.env.ROWS ?? 70_000);
const LATENCY_RUNS = Number(process.env.RUNS ?? 2_000);
const BATCH_BYTES = 4_000_000;

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Runs `fn` and reports its duration and the longest event-loop stall meanwhile (ms): the longest gap
 * between the ticks of a 2 ms timer, up to the end. (perf_hooks' monitorEventLoopDelay records nothing
 * when its timer never gets to run, which is exactly the in-process case: PGlite's promise chain is all
 * microtasks, so a whole import can run without a single timer firing.)
 */
async function timed(fn: () => Promise<unknown>): Promise<{ ms: number; stallMs: number }> {
  let last = performance.now();
  let stall = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 2);
  const t0 = performance.now();
  await fn();
  const end = performance.now();
  clearInterval(tick);
  return { ms: end - t0, stallMs: Math.max(stall, end - last) };
}

async function latency(db: Db, sql: string, params: (i: number) => unknown[]) {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) await db.query(sql, params(i)); // warm-up
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const t0 = performance.now();
    await db.query(sql, params(i));
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99) };
}

function* rows() {
  const words = 'le salarié employeur contrat travail congé durée préavis licenciement indemnité période essai'.split(' ');
  for (let i = 0; i < ROWS; i++) {
    let text = '';
    while (text.length < 1000) text += `${words[(i * 7 + text.length) % words.length]} `;
    yield { id: `ART${i}`, num: `L${1000 + (i % 9000)}-${i % 50}`, text, ord: i };
  }
}

async function run(name: string, db: Db) {
  await db.exec(
    'CREATE TABLE bench_kv (id int PRIMARY KEY, v text); CREATE TABLE bench_rows (id text PRIMARY KEY, num text, text text, ord int)',
  );
  await db.query("INSERT INTO bench_kv SELECT g, 'v' || g FROM generate_series(1, 10000) g");
  const select1 = await latency(db, 'SELECT $1::int AS n', (i) => [i]);
  const lookup = await latency(db, 'SELECT v FROM bench_kv WHERE id = $1', (i) => [1 + (i % 10_000)]);

  // The batches are built before the clock starts: building them is the caller's work (about 50 ms of
  // JSON.stringify per 4 MB batch), the same either way, and would hide what the database costs.
  const batches: string[] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const r of rows()) {
    const s = JSON.stringify(r);
    batch.push(s);
    bytes += s.length;
    if (bytes >= BATCH_BYTES) {
      batches.push(`[${batch.join(',')}]`);
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length) batches.push(`[${batch.join(',')}]`);
  const insert = await timed(async () => {
    for (const json of batches) {
      await db.query('INSERT INTO bench_rows SELECT * FROM json_to_recordset($1::json) AS x(id text, num text, text text, ord int)', [
        json,
      ]);
    }
  });
  const analyze = await timed(() => db.analyze(['bench_rows']));
  let count = 0;
  const readAll = await timed(async () => {
    count = (await db.query('SELECT id, num, text, ord FROM bench_rows ORDER BY ord')).rows.length;
  });
  if (count !== ROWS) throw new Error(`read ${count} rows, wrote ${ROWS}`);
  return { name, select1, lookup, insert, analyze, readAll };
}

const f = (n: number) => (n < 10 ? n.toFixed(3) : n.toFixed(0));

const results = [];
for (const [name, open] of [
  ['in-process', (dir: string) => openPglite(dir)],
  ['worker thread', (dir: string) => openPgliteWorker(dir)],
] as const) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-dbbench-'));
  const db = await open(path.join(dir, 'pgdata'));
  try {
    results.push(await run(name, db));
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(`PGlite in-process vs worker thread — ${LATENCY_RUNS} statements one at a time, ${ROWS} rows (~1 kB) written then read (ms)\n`);
console.log('| | in-process | worker thread |');
console.log('|---|---|---|');
const [a, b] = results;
const line = (label: string, x: number, y: number) => console.log(`| ${label} | ${f(x)} | ${f(y)} |`);
line('SELECT $1: p50', a.select1.p50, b.select1.p50);
line('SELECT $1: p95', a.select1.p95, b.select1.p95);
line('SELECT $1: p99', a.select1.p99, b.select1.p99);
line('indexed lookup: p50', a.lookup.p50, b.lookup.p50);
line('indexed lookup: p95', a.lookup.p95, b.lookup.p95);
line(`bulk insert ${ROWS} rows: total`, a.insert.ms, b.insert.ms);
line('  longest event-loop stall', a.insert.stallMs, b.insert.stallMs);
line('ANALYZE: total', a.analyze.ms, b.analyze.ms);
line('  longest event-loop stall', a.analyze.stallMs, b.analyze.stallMs);
line(`read ${ROWS} rows in one statement: total`, a.readAll.ms, b.readAll.ms);
line('  longest event-loop stall', a.readAll.stallMs, b.readAll.stallMs);
