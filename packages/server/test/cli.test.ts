/** The `eig` command as a user runs it: help everywhere, a clear message and a non-zero exit on error. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/eig.js', import.meta.url));
let dataDir: string;

function eig(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('eig CLI', () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'eig-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists one command group per service', () => {
    const r = eig('--help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/explocode/);
  });

  it('has help on every ExploCode command', () => {
    const group = eig('explocode', '--help');
    expect(group.code).toBe(0);
    for (const sub of ['ingest', 'search', 'article', 'status']) {
      expect(group.out).toContain(sub);
      const r = eig('explocode', sub, '--help');
      expect(r.code, sub).toBe(0);
      expect(r.out, sub).toMatch(/Usage: eig explocode/);
    }
  });

  it('fails with a clear message and a non-zero exit', () => {
    const unknown = eig('nope');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/Erreur/);

    const badType = eig('explocode', 'search', 'congés', '--type', 'bogus');
    expect(badType.code).toBe(1);
    expect(badType.err).toMatch(/Erreur : type inconnu/);

    // An empty database: the command explains what to do instead of crashing.
    const noData = eig('explocode', 'article', 'L1234-9');
    expect(noData.code).toBe(1);
    expect(noData.err).toMatch(/Erreur : article inconnu/);
  });
});
