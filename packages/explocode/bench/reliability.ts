/**
 * ExploCode reliability benchmark (`npm run bench:reliability`), on the compiled server
 * (`node packages/server/dist/main.js`, run `npm run build` first), in one run:
 *  - search p50/p95/p99 and errors at 1, 8 and 64 concurrent clients (popular-queries.jsonl weights;
 *    503 refusals counted apart from client timeouts, 10 s);
 *  - the longest answer of /healthz and of a search during a re-ingest (admin API, force) and during
 *    the largest theme page ("Partie réglementaire");
 *  - memory after the first ingest and after a warm start;
 *  - recovery after a kill -9 during an ingest: on PGlite (first ingest, and a re-ingest), and on
 *    PostgreSQL (first ingest, restarted at once), with no second restart.
 * The machine may be shared: run it with `nice`; the load average is printed beside each part.
 * Env: BENCH_PORT (default 3142), BENCH_PG_ADMIN_URL (default postgres://eig:eig@127.0.0.1:5432/postgres),
 * BENCH_SKIP_PG=1, BENCH_PARTS (comma list of load,reingest,theme,kill,warm,firstkill,pg; default all),
 * EXPLOCODE_EVAL_DIR (popular-queries.jsonl; default ../shared/data/explocode from the repo root).
 * Server settings (EXPLOCODE_SEARCH_THREADS...) pass through the environment.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadPopular, weightedSample } from './eval-data.ts';
import { spawn } from 'node:child_process';
import { startServerProcess, type ServerProcess, type ServerProcessOptions } from '@eig/platform/testing';
import { addAdmin, probe, timed } from './server-process.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PORT = Number(process.env.BENCH_PORT ?? 3142);
const PG_ADMIN = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://eig:eig@127.0.0.1:5432/postgres';
const THEME = '/explocode/theme/code%3ALEGISCTA000018464861';
const ADMIN = { email: 'bench-admin@exemple.gouv.fr', password: `bench-${randomBytes(8).toString('hex')}` };
const CLIENT_TIMEOUT_MS = 10_000;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'load,reingest,theme,kill,warm,firstkill,pg').split(','));

const la = () =>
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
const s1 = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(1)} s`);
const ms0 = (ms: number) => `${Math.round(ms)} ms`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const out: string[] = [];
const say = (line: string) => {
  console.log(line);
  out.push(line);
};

async function load(base: string, queries: string[], clients: number, maxRequests: number, maxMs = 60_000) {
  const times: number[] = [];
  let next = 0;
  let refused = 0;
  let timeouts = 0;
  let errors = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < maxRequests && performance.now() - t0 < maxMs) {
      const q = queries[next++ % queries.length];
      const r = await timed(`${base}/api/explocode/search?q=${encodeURIComponent(q)}&limit=10`, undefined, CLIENT_TIMEOUT_MS);
      times.push(r.ms);
      if (r.timeout) timeouts++;
      else if (r.status === 503) refused++;
      else if (r.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  const wall = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return (
    `  ${String(clients).padStart(2)} clients: p50 ${pct(times, 50).toFixed(1)} ms  p95 ${pct(times, 95).toFixed(1)} ms  p99 ${pct(times, 99).toFixed(1)} ms  ` +
    `max ${times[times.length - 1].toFixed(0)} ms  ${(times.length / wall).toFixed(0)} req/s  (${times.length} requests: ${refused} × 503, ${timeouts} timeouts > 10 s, ${errors} other errors)`
  );
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  // Every cookie the login sets (session, and whatever else the auth plugin adds), as a Cookie header.
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

interface Job {
  id: string;
  state: string;
  progress: { done: number; total: number; message: string };
}

async function jobs(base: string, cookie: string): Promise<Job[]> {
  const res = await fetch(`${base}/api/explocode/admin/jobs`, { headers: { cookie } });
  if (!res.ok) throw new Error(`admin jobs: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { jobs: Job[] }).jobs;
}

async function startIngest(base: string, cookie: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${base}/api/explocode/admin/ingest`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"force":true}',
    });
    if (res.status === 202) return ((await res.json()) as { jobId: string }).jobId;
    if (res.status !== 409) throw new Error(`ingest request: ${res.status}`);
    await sleep(500); // the start-up ingest (same versions: skipped) is still queued or running
  }
  throw new Error('ingest request: still 409');
}

async function jobDone(base: string, cookie: string, id: string, p?: ServerProcess): Promise<void> {
  for (;;) {
    if (p?.exited) return;
    const j = (await jobs(base, cookie).catch(() => [])).find((x) => x.id === id);
    if (j && (j.state === 'done' || j.state === 'failed')) return;
    await sleep(300);
  }
}

const fmtProbe = (name: string, r: { n: number; max: number; over200: number }) =>
  `${name} max ${ms0(r.max)} (${r.over200} of ${r.n} over 200 ms)`;

/**
 * A trivial HTTP server in its own process, probed at the same time as the suite: its longest
 * answer is what the machine's load alone costs (CPU scheduling), not the suite.
 */
const CONTROL_PORT = PORT + 1;
const control = spawn(
  process.execPath,
  ['-e', `require('node:http').createServer((q, r) => r.end('ok')).listen(${CONTROL_PORT}, '127.0.0.1')`],
  {
    stdio: 'ignore',
  },
);
const controlUrl = `http://127.0.0.1:${CONTROL_PORT}/`;
const withControl = async (until: Promise<unknown>) => `control process max ${ms0((await probe(controlUrl, until)).max)}`;

/** Every server started, killed at the end whatever happened (even a crash of this process). */
const started: ServerProcess[] = [];
process.on('exit', () => {
  for (const p of started) if (!p.exited) p.child.kill('SIGKILL');
  control.kill();
});
/** The options of every server here: a fixed port (BENCH_PORT, its control beside it), info logs. */
type ServerOptions = ServerProcessOptions & { port: number };
async function start(o: ServerOptions): Promise<ServerProcess> {
  const p = await startServerProcess(o);
  started.push(p);
  return p;
}

async function pglite(queries: string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'explocode-reliability-'));
  const o: ServerOptions = { repoRoot, port: PORT, dataDir, logLevel: 'info' };
  try {
    addAdmin(o, ADMIN.email, ADMIN.password);
    say(`\n== PGlite (DATA_DIR ${dataDir}) — ${la()}`);
    let p = await start(o);
    const ready = p.waitReady(900_000);
    const cold = await Promise.all([ready, probe(`${p.base}/healthz`, ready), withControl(ready)]);
    say(`first start with ingest: ready in ${s1(cold[0])}; /healthz during the first ingest: ${fmtProbe('', cold[1]).trim()}; ${cold[2]}`);
    await sleep(2000);
    const m1 = p.memory();
    say(`memory after the first ingest: RSS ${m1?.rss.toFixed(0)} MB (peak ${m1?.peak.toFixed(0)} MB) — ${la()}`);

    if (PARTS.has('load')) say(`search over HTTP (popular queries ∝ weight, limit 10) — ${la()}`);
    if (PARTS.has('load')) await load(p.base, queries.slice(0, 200), 4, 200); // warm-up
    for (const [clients, n] of (PARTS.has('load')
      ? [
          [1, 1000],
          [8, 3000],
          [64, 5000],
        ]
      : []) as [number, number][]) {
      say(await load(p.base, queries, clients, n));
    }

    const cookie = await login(p.base);
    const search = `${p.base}/api/explocode/search?q=${encodeURIComponent('congés payés')}&limit=10`;
    if (PARTS.has('reingest')) {
      const t0 = performance.now();
      const jobId = await startIngest(p.base, cookie);
      const done = jobDone(p.base, cookie, jobId);
      const [h, s, c] = await Promise.all([probe(`${p.base}/healthz`, done), probe(search, done), withControl(done)]);
      say(
        `during a re-ingest (${s1(performance.now() - t0)}): ${fmtProbe('/healthz', h)}; ${fmtProbe('search', s)}; ${s.failures} search failures; ${c} — ${la()}`,
      );
    }

    if (PARTS.has('theme')) {
      let pages = '';
      const themeDone = (async () => {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const r = await timed(`${p.base}${THEME}`, { headers: { accept: 'text/html' } }, 120_000);
          times.push(r.ms);
        }
        pages = times.map((t) => ms0(t)).join(', ');
      })();
      const [th, ts, tc] = await Promise.all([probe(`${p.base}/healthz`, themeDone), probe(search, themeDone), withControl(themeDone)]);
      say(`during the largest theme page ×3 (page: ${pages}): ${fmtProbe('/healthz', th)}; ${fmtProbe('search', ts)}; ${tc} — ${la()}`);
    }

    // kill -9 during a re-ingest, while it writes its dataset
    if (PARTS.has('kill')) {
      let killId = '';
      for (let caught = false; !caught;) {
        killId = await startIngest(p.base, cookie);
        for (;;) {
          const j = (await jobs(p.base, cookie)).find((x) => x.id === killId);
          if (j?.state === 'running' && j.progress.message.startsWith('enregistrement')) {
            caught = true;
            break;
          }
          if (j?.state === 'done' || j?.state === 'failed') break; // finished before it could be killed: again
          await sleep(100);
        }
      }
      await p.kill('SIGKILL');
      const tk = performance.now();
      p = await start(o);
      const readyAgain = await p.waitReady(600_000);
      const cookie2 = await login(p.base);
      await jobDone(p.base, cookie2, killId, p);
      const ds = (await (await fetch(`${p.base}/api/explocode/admin/datasets`, { headers: { cookie: cookie2 } })).json()) as {
        datasets: { status: string }[];
      };
      const j = (await jobs(p.base, cookie2)).find((x) => x.id === killId);
      say(
        `kill -9 during a re-ingest: served again ${s1(readyAgain)} after the restart; ` +
          `interrupted job ${j?.state} after its retry ${s1(performance.now() - tk)} after the kill; datasets left loading: ${ds.datasets.filter((d) => d.status === 'loading').length} — ${la()}`,
      );
    }

    // warm start
    if (PARTS.has('warm')) {
      await p.kill('SIGTERM');
      p = await start(o);
      const warm = await p.waitReady(300_000);
      await sleep(2000);
      const m2 = p.memory();
      say(`warm start: ready in ${s1(warm)}; memory after it: RSS ${m2?.rss.toFixed(0)} MB (peak ${m2?.peak.toFixed(0)} MB) — ${la()}`);
    }
    await p.kill('SIGTERM');

    // kill -9 during the first ingest
    if (!PARTS.has('firstkill')) return;
    const dir2 = mkdtempSync(join(tmpdir(), 'explocode-reliability-'));
    try {
      const o2 = { ...o, dataDir: dir2 };
      let q = await start(o2);
      for (;;) {
        const st = (await (await fetch(`${q.base}/api/explocode/status`).catch(() => null))?.json().catch(() => null)) as {
          progress?: { message: string };
        } | null;
        if (st?.progress?.message.startsWith('enregistrement')) break;
        if (q.exited) throw new Error('server exited');
        await sleep(100);
      }
      await q.kill('SIGKILL');
      const tq = performance.now();
      q = await start(o2);
      const r = await q.waitReady(900_000);
      say(
        `kill -9 during the first ingest, restarted at once: ready ${s1(r === null ? null : performance.now() - tq)} after the kill (no second restart) — ${la()}`,
      );
      await q.kill('SIGTERM');
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  } finally {
    for (const sp of started) await sp.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function postgres() {
  const name = `eig_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'explocode-reliability-pg-'));
  const db = new pg.Client({ connectionString: url.href });
  await db.connect();
  try {
    say(`\n== PostgreSQL (database ${name}, ingest job timeout: the default) — ${la()}`);
    const o: ServerOptions = { repoRoot, port: PORT, dataDir, databaseUrl: url.href, logLevel: 'info' };
    let p = await start(o);
    for (;;) {
      const { rows } = await db
        .query<{ n: number }>(
          `SELECT (SELECT count(*) FROM explocode_articles a WHERE a.dataset_id = d.id)::int AS n FROM explocode_datasets d WHERE status = 'loading'`,
        )
        .catch(() => ({ rows: [] as { n: number }[] }));
      if ((rows[0]?.n ?? 0) > 0) break;
      if (p.exited) throw new Error('server exited');
      await sleep(100);
    }
    await p.kill('SIGKILL');
    const t0 = performance.now();
    p = await start(o);
    const r = await p.waitReady(900_000);
    say(
      `kill -9 during the first ingest, restarted at once: ready ${s1(r === null ? null : performance.now() - t0)} after the kill (no second restart) — ${la()}`,
    );
    await p.kill('SIGTERM');
  } finally {
    for (const sp of started) await sp.kill('SIGKILL');
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function part(name: string, fn: () => Promise<void>) {
  try {
    await fn();
  } catch (err) {
    say(`${name}: FAILED (${err instanceof Error ? err.message : String(err)})`);
  }
}

async function main() {
  for (const port of [PORT, CONTROL_PORT]) {
    const other = await timed(`http://127.0.0.1:${port}/healthz`, undefined, 1000);
    if (!other.timeout && other.status !== 0 && port === PORT) throw new Error(`port ${port} is in use (a server left running?)`);
  }
  if (!existsSync(resolve(repoRoot, 'packages/server/dist/main.js'))) throw new Error('compiled server missing: npm run build');
  say(`ExploCode reliability benchmark — compiled server, ${new Date().toISOString()} — ${la()}`);
  const queries = weightedSample(loadPopular(), 5000, 11);
  try {
    await part('PGlite', () => pglite(queries));
    if (!process.env.BENCH_SKIP_PG && PARTS.has('pg')) await part('PostgreSQL', postgres);
  } finally {
    for (const p of started) await p.kill('SIGKILL');
    control.kill();
  }
  say(`\nend — ${la()}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
