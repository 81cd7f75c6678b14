import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from './pglite.ts';
import { DatabaseLockedError } from './pglite-lock.ts';

let tmp: string;
let other: ChildProcess | null = null;

afterEach(async () => {
  other?.kill();
  other = null;
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('PGlite data folder lock', () => {
  it('refuses a folder another live process holds, with a clear message', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'eig-lock-'));
    const dir = path.join(tmp, 'pgdata');
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    await writeFile(`${dir}.lock`, String(other.pid));
    await expect(openPglite(dir)).rejects.toThrow(DatabaseLockedError);
    await expect(openPglite(dir)).rejects.toThrow(/ouverte par un autre processus \(pid \d+\)/);
  });

  it('takes over a lock left by a dead process, and releases it on close', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'eig-lock-'));
    const dir = path.join(tmp, 'pgdata');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.on('exit', r));
    await writeFile(`${dir}.lock`, String(dead.pid));
    const db = await openPglite(dir);
    expect((await readFile(`${dir}.lock`, 'utf8')).trim()).toBe(String(process.pid));
    await db.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
