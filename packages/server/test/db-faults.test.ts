/**
 * The server as an operator runs it (real processes, `src/main.ts`) facing database faults: a second
 * server on the same DATA_DIR, a port in use, a read-only or full DATA_DIR each end with one French line
 * and exit 1; a disk that fills up while the server runs is reported on /healthz and /readyz, SIGTERM
 * still stops it cleanly, and the restart names the disk.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillDisk, mountTmpfs, tmpfsUnavailable, type Tmpfs } from '@eig/platform/testing';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const PORTS = { first: 3131, second: 3132, full: 3133 };

interface Server {
  proc: ChildProcess;
  out: () => string;
  err: () => string;
  exited: Promise<number | null>;
}

const running: Server[] = [];
const temps: string[] = [];
const mounts: Tmpfs[] = [];

function start(env: Record<string, string>): Server {
  const proc = spawn(process.execPath, ['--conditions=eig-source', '--import', 'tsx', main], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', HOST: '127.0.0.1', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const s = { proc, out: () => out, err: () => err, exited };
  running.push(s);
  return s;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, s?: Server) {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`timed out waiting for ${what}\n--- stdout\n${s?.out().slice(-3000)}\n--- stderr\n${s?.err().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The server's stderr is exactly one line, in French, with no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp) {
  // Node's own warnings (deprecations of dependencies) are not the server's message.
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !/^\((node:\d+|Use `node)/.test(l));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^Erreur : /);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

async function tempDir() {
  const d = await mkdtemp(path.join(os.tmpdir(), 'eig-faults-'));
  temps.push(d);
  return d;
}

const get = (port: number, route: string) =>
  fetch(`http://127.0.0.1:${port}${route}`, { signal: AbortSignal.timeout(5_000) }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));

afterEach(async () => {
  for (const s of running.splice(0)) {
    if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
    await s.exited;
  }
  for (const m of mounts.splice(0)) await m.unmount();
});

afterAll(async () => {
  for (const d of temps.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('the server facing database faults', () => {
  it('refuses a second server on the same DATA_DIR, and a port in use, with one French line; the first stops cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const first = start({ PORT: String(PORTS.first), DATA_DIR: dataDir });
    await until('the first server to listen', () => /Suite EIG servie/.test(first.out()), 180_000, first);

    const second = start({ PORT: String(PORTS.second), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expectOneLine(second.err(), /la base de données de .* est ouverte par un autre processus \(pid \d+\)/);

    const samePort = start({ PORT: String(PORTS.first), DATA_DIR: await tempDir() });
    expect(await samePort.exited).toBe(1);
    expectOneLine(samePort.err(), new RegExp(`le port ${PORTS.first} \\(127\\.0\\.0\\.1\\) est déjà utilisé`));

    expect((await get(PORTS.first, '/healthz')).status).toBe(200);
    first.proc.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  }, 300_000);

  const noTmpfs = tmpfsUnavailable();

  it.skipIf(noTmpfs)(`refuses a read-only DATA_DIR with one French line${noTmpfs ? ` — ignoré : ${noTmpfs}` : ''}`, async () => {
    const ro = await mountTmpfs('8m', { readOnly: true });
    mounts.push(ro);
    const s = start({ PORT: String(PORTS.second), DATA_DIR: path.join(ro.dir, 'data') });
    expect(await s.exited).toBe(1);
    expectOneLine(s.err(), /est sur un disque monté en lecture seule/);
  });

  it.skipIf(noTmpfs)(
    `refuses a full DATA_DIR with one French line that names the disk${noTmpfs ? ` — ignoré : ${noTmpfs}` : ''}`,
    async () => {
      const full = await mountTmpfs('16m');
      mounts.push(full);
      await fillDisk(path.join(full.dir, 'filler'));
      const s = start({ PORT: String(PORTS.second), DATA_DIR: path.join(full.dir, 'data') });
      expect(await s.exited).toBe(1);
      expectOneLine(s.err(), new RegExp(`Disque plein : le dossier de données .* est sur le disque monté sur ${full.dir}`));
    },
  );

  it.skipIf(noTmpfs)(
    `reports a disk that fills up while serving (/healthz degraded, /readyz 503), stops on SIGTERM, and names the disk at restart${noTmpfs ? ` — ignoré : ${noTmpfs}` : ''}`,
    async () => {
      // Room for the empty database (about 40 MB) but not for the first import of content.
      const disk = await mountTmpfs('96m');
      mounts.push(disk);
      const dataDir = path.join(disk.dir, 'data');
      const s = start({ PORT: String(PORTS.full), DATA_DIR: dataDir });
      await until('the server to listen', () => /Suite EIG servie/.test(s.out()), 180_000, s);
      await until(
        '/healthz to report the full disk',
        async () => {
          const h = await get(PORTS.full, '/healthz').catch(() => null);
          return h?.body.status === 'degraded' && /Disque plein/.test(JSON.stringify(h.body.problems));
        },
        300_000,
        s,
      );
      const health = await get(PORTS.full, '/healthz');
      expect(health.status).toBe(200);
      expect(health.body.problems.join(' ')).toContain(disk.dir);
      const ready = await get(PORTS.full, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.reasons.join(' ')).toMatch(/Disque plein/);
      expect(s.out()).toMatch(/Disque plein/); // in the logs too

      s.proc.kill('SIGTERM');
      expect(await s.exited).toBe(0);

      const again = start({ PORT: String(PORTS.full), DATA_DIR: dataDir });
      expect(await again.exited).toBe(1);
      expectOneLine(again.err(), new RegExp(`Disque plein : .* monté sur ${disk.dir}`));
    },
    600_000,
  );
});
