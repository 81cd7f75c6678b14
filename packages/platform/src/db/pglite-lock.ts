import { link, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseStartupError } from './errors.ts';
import { dataDirError, diskSpace } from './data-dir.ts';

/**
 * PGlite runs inside one process: a second process opening the same data folder (the `eig` CLI while
 * the server runs) would not see the other's writes and could corrupt the database. An exclusive lock
 * file with the owner's pid turns that into a clear error. A lock left by a dead process is taken over.
 */
export class DatabaseLockedError extends DatabaseStartupError {
  override name = 'DatabaseLockedError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of `dir` for this process; returns the function that releases it. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  // Beside the folder, not in it: the folder belongs to PostgreSQL.
  const file = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    // Written aside then hard-linked: the lock appears with its pid in it, never empty.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, String(process.pid));
    } catch (err) {
      // The first write into DATA_DIR: a read-only or full disk shows here.
      throw dataDirError(path.dirname(file), err, await diskSpace(path.dirname(file)));
    }
    try {
      await link(tmp, file);
      return async () => {
        await rm(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST')
        throw dataDirError(path.dirname(file), err, await diskSpace(path.dirname(file)));
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new DatabaseLockedError(
          `la base de données de ${dir} est ouverte par un autre processus (pid ${owner}), par exemple le serveur : ` +
            `arrêtez-le d’abord, ou utilisez PostgreSQL (DATABASE_URL) pour y accéder à plusieurs`,
        );
      }
      // Stale lock: its process is gone. (Two processes starting at the very same moment on a stale
      // lock could both take it over; the server and the CLI are not started that way.)
      await rm(file, { force: true });
    } finally {
      await rm(tmp, { force: true });
    }
  }
  throw new DatabaseLockedError(`impossible de verrouiller ${dir}`);
}
