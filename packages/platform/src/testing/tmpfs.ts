/**
 * Small file systems for fault tests: a full disk, a read-only disk. Linux tmpfs, mounted by root;
 * elsewhere (not root, a container without the right to mount) `mountTmpfs` says why it cannot, and
 * the test skips with that reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface Tmpfs {
  dir: string;
  unmount(): Promise<void>;
}

/** Why tmpfs cannot be mounted here, or null when it can (tried once, on a throwaway mount). */
export function tmpfsUnavailable(): string | null {
  if (process.platform !== 'linux') return `tmpfs : Linux seulement (ici ${process.platform})`;
  if (process.getuid?.() !== 0) return 'tmpfs : il faut être root pour monter un système de fichiers';
  return null;
}

export async function mountTmpfs(size: string, opts: { readOnly?: boolean } = {}): Promise<Tmpfs> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${opts.readOnly ? ',ro' : ''}`, 'tmpfs', dir]);
  return {
    dir,
    async unmount() {
      try {
        execFileSync('umount', ['-l', dir]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Writes `file` until the disk is full (ENOSPC); returns the bytes written. */
export async function fillDisk(file: string): Promise<number> {
  const chunk = Buffer.alloc(1024 * 1024, 1);
  const fh = await open(file, 'w');
  let written = 0;
  try {
    for (;;) {
      const { bytesWritten } = await fh.write(chunk);
      written += bytesWritten;
      if (bytesWritten < chunk.length) break;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    await fh.close();
  }
  return written;
}

/** A file of `bytes` bytes (room to give back later, by deleting it). */
export async function ballast(file: string, bytes: number): Promise<void> {
  const fh = await open(file, 'w');
  try {
    const chunk = Buffer.alloc(1024 * 1024, 1);
    for (let done = 0; done < bytes; done += chunk.length) await fh.write(chunk, 0, Math.min(chunk.length, bytes - done));
  } finally {
    await fh.close();
  }
}
