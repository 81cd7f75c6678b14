/**
 * Recovery after a kill -9, with real server processes (test-fixtures/explocode-server.ts):
 *  - PGlite: killed during a re-ingest, the server cleans the half-written dataset up at start
 *    (before any job runs), shows the interrupted job with its error, and retries it;
 *  - PostgreSQL: killed during the FIRST ingest and restarted at once, the server becomes ready by
 *    itself: the queue fails the dead attempt once its timeout has passed and a retry cleans up the
 *    dead attempt's dataset at once, with no second restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, openDb } from '@eig/platform';
import { freePort, testDatabases } from '@eig/platform/testing';
import { CONTENT_TABLES } from './db/migrations.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const SUBSET = JSON.stringify({ articles: 3000, fichesTravail: 20, fichesVdd: 20, contributions: 4, conventions: 3 });

interface Server {
  base: string;
  child: ChildProcess;
  output: () => string;
}

function startServer(env: Record<string, string>, port: number): Server {
  const child = spawn(
    process.execPath,
    ['--conditions=eig-source', '--import', 'tsx', path.join(here, 'test-fixtures/explocode-server.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', EXPLOCODE_INGEST_SUBSET: SUBSET, RATE_LIMIT_MAX: '1000000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr?.on('data', (d) => (out = (out + d).slice(-20_000)));
  return { base: `http://127.0.0.1:${port}`, child, output: () => out };
}

const exited = (s: Server) => s.child.exitCode !== null || s.child.signalCode !== null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function get<T>(url: string): Promise<T | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return res.ok ? ((await res.json()) as T) : null;
  } catch {
    return null;
  }
}

async function waitFor<T>(what: string, server: Server, fn: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (exited(server)) throw new Error(`${what}: the server exited\n${server.output()}`);
    const v = await fn();
    if (v) return v;
    await sleep(25);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms\n${server.output().slice(-4000)}`);
}

const ready = (s: Server) => waitFor('ready', s, async () => (await fetch(`${s.base}/readyz`).catch(() => null))?.status === 200, 240_000);

async function kill(s: Server, signal: NodeJS.Signals) {
  if (exited(s)) return;
  const gone = new Promise((r) => s.child.once('exit', r));
  s.child.kill(signal);
  await gone;
}

interface Dataset {
  id: number;
  status: string;
}
interface Job {
  id: string;
  state: string;
  error?: string;
  attempts: number;
  progress: { message: string };
}

describe('recovery after kill -9', () => {
  const servers: Server[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const s of servers) await kill(s, 'SIGKILL');
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('PGlite, killed during a re-ingest: cleaned up at start, the job shown interrupted and retried', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'explocode-recovery-'));
    dirs.push(dataDir);
    const port = await freePort();
    const first = startServer({ DATA_DIR: dataDir }, port);
    servers.push(first);
    await ready(first);
    // A forced re-ingest, killed while it writes its dataset (tried again if it finished first).
    let killed: Dataset | undefined;
    for (let i = 0; i < 6 && !killed; i++) {
      const { id } = (await (await fetch(`${first.base}/test/reingest`, { method: 'POST' })).json()) as { id: string };
      killed = await waitFor(
        'a loading dataset, or the job done',
        first,
        async () => {
          const [datasets, jobs] = await Promise.all([
            get<Dataset[]>(`${first.base}/test/datasets`),
            get<Job[]>(`${first.base}/test/jobs`),
          ]);
          const loading = datasets?.find((d) => d.status === 'loading');
          const job = jobs?.find((j) => j.id === id);
          if (loading && job?.progress.message.startsWith('enregistrement')) return loading;
          return job?.state === 'done' ? ({ id: -1, status: 'done' } as Dataset) : null;
        },
        120_000,
      );
      if (killed.id === -1) killed = undefined;
    }
    expect(killed, 'never caught the ingest while it wrote').toBeDefined();
    await kill(first, 'SIGKILL');

    const second = startServer({ DATA_DIR: dataDir }, port);
    servers.push(second);
    await ready(second);
    // At start, before the retried job runs: no dataset is left 'loading'.
    const datasets = (await get<Dataset[]>(`${second.base}/test/datasets`))!;
    expect(datasets.find((d) => d.id === killed!.id)?.status).toBe('failed');
    expect(datasets.some((d) => d.status === 'loading')).toBe(false);
    // The interrupted job is in the list with its error, and it is retried to the end.
    const jobs = (await get<Job[]>(`${second.base}/test/jobs`))!;
    expect(jobs.some((j) => /Interrompue/.test(j.error ?? ''))).toBe(true);
    await waitFor(
      'the interrupted job retried',
      second,
      async () => {
        const js = await get<Job[]>(`${second.base}/test/jobs`);
        return js && js.every((j) => j.state === 'done' || j.state === 'failed') && js.some((j) => j.attempts >= 2 && j.state === 'done');
      },
      180_000,
    );
    await kill(second, 'SIGTERM');
    // Its rows are gone from disk.
    const db = await openDb(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
    try {
      for (const t of CONTENT_TABLES) {
        const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE dataset_id = $1`, [killed!.id]);
        expect(rows[0].n, t).toBe(0);
      }
    } finally {
      await db.close();
    }
  }, 400_000);

  const pg = testDatabases().find((t) => t.name === 'postgres');
  it.skipIf(!pg)(
    'PostgreSQL, killed during the first ingest and restarted at once: ready again without a second restart',
    async () => {
      const db = await pg!.open();
      try {
        const port = await freePort();
        // A short timeout (the production default is 180 s) keeps the test short: the dead attempt is
        // found after the timeout and pg-boss's next maintenance pass (every 60 s).
        const env = {
          DATABASE_URL: db.config.databaseUrl!,
          DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'explocode-recovery-')),
          EXPLOCODE_INGEST_TIMEOUT_SECONDS: '30',
        };
        dirs.push(env.DATA_DIR);
        const first = startServer(env, port);
        servers.push(first);
        const killed = await waitFor(
          'rows of the first dataset',
          first,
          async () => {
            const { rows } = await db
              .query<{ id: number }>(`SELECT id FROM explocode_datasets WHERE status = 'loading'`)
              .catch(() => ({ rows: [] as { id: number }[] }));
            if (!rows[0]) return null;
            const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM explocode_articles WHERE dataset_id = $1`, [
              rows[0].id,
            ]);
            return n.rows[0].n > 0 ? rows[0] : null;
          },
          180_000,
        );
        await kill(first, 'SIGKILL');

        const second = startServer(env, port);
        servers.push(second);
        await ready(second);
        const { rows } = await db.query<{ status: string }>(`SELECT status FROM explocode_datasets WHERE id = $1`, [killed.id]);
        expect(rows[0].status).toBe('failed');
        for (const t of CONTENT_TABLES) {
          const c = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t} WHERE dataset_id = $1`, [killed.id]);
          expect(c.rows[0].n, t).toBe(0);
        }
        const jobs = (await get<Job[]>(`${second.base}/test/jobs`))!;
        expect(jobs.some((j) => /Interrompue/.test(j.error ?? '') || j.attempts >= 2)).toBe(true);
        await kill(second, 'SIGTERM');
      } finally {
        await pg!.cleanup();
      }
    },
    400_000,
  );
});
