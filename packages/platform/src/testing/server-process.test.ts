/**
 * startServerProcess against a stand-in for the compiled server (a few lines of node written where
 * packages/server/dist/main.js would be): starting the real suite is far too slow for a unit test.
 */
import { once } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, startServerProcess } from './server-process.ts';

// Prints the settings it was given, ignores SIGTERM (so that kill must fall back to SIGKILL), and
// serves /readyz; with FAKE_FAIL it writes to stderr and exits at once.
const FAKE = `
const e = process.env;
if (e.FAKE_FAIL) { console.error('boom: ' + e.FAKE_FAIL); process.exit(3); }
process.on('SIGTERM', () => {});
const { DATA_DIR, PORT, HOST, LOG_LEVEL, NODE_ENV, RATE_LIMIT_MAX, DATABASE_URL = null, EXTRA } = e;
console.log(JSON.stringify({ DATA_DIR, PORT, HOST, LOG_LEVEL, NODE_ENV, RATE_LIMIT_MAX, DATABASE_URL, EXTRA }));
require('node:http').createServer((q, r) => { r.statusCode = q.url === '/readyz' ? 200 : 404; r.end(); }).listen(Number(PORT), HOST);
`;

describe('startServerProcess', () => {
  let repoRoot = '';
  beforeAll(async () => {
    repoRoot = await mkdtemp(path.join(os.tmpdir(), 'eig-server-process-'));
    await mkdir(path.join(repoRoot, 'packages/server/dist'), { recursive: true });
    await writeFile(path.join(repoRoot, 'packages/server/dist/main.js'), FAKE);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await rm(repoRoot, { recursive: true, force: true });
  });

  it('freePort gives a port that can be listened on', async () => {
    const port = await freePort();
    const s = createServer();
    await new Promise<void>((resolve, reject) => s.once('error', reject).listen(port, '127.0.0.1', resolve));
    await new Promise((r) => s.close(r));
  });

  it('starts with the benchmark settings, waits for /readyz, reads memory, and SIGKILLs what ignores SIGTERM', async () => {
    vi.stubEnv('DATABASE_URL', 'postgres://inherited/not-this-one');
    const p = await startServerProcess({ repoRoot, dataDir: '/tmp/x', env: { EXTRA: 'yes' } });
    try {
      expect(await p.waitReady(10_000)).toBeGreaterThan(0);
      expect(JSON.parse(p.lines[0])).toEqual({
        DATA_DIR: '/tmp/x',
        PORT: new URL(p.base).port,
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        RATE_LIMIT_MAX: '100000000',
        DATABASE_URL: null,
        EXTRA: 'yes',
      });
      if (process.platform === 'linux') expect(p.memory()?.rss).toBeGreaterThan(0);
    } finally {
      await p.kill('SIGTERM', 200);
    }
    expect(p.exited).toBe(true);
    expect(p.child.signalCode).toBe('SIGKILL');
  });

  it('waitReady gives null when the process exits, with its stderr in lines', async () => {
    const p = await startServerProcess({ repoRoot, dataDir: '/tmp/x', stdout: 'ignore', env: { FAKE_FAIL: 'no config' } });
    expect(await p.waitReady(10_000)).toBeNull();
    expect(p.exited).toBe(true);
    // 'exit' can come before the last output is read.
    if (!p.child.stderr!.closed) await once(p.child.stderr!, 'close');
    expect(p.lines).toContain('boom: no config');
  });
});
