/**
 * DATA_DIR as the operator sees it: can the database live there (writable, a folder, disk space), and
 * when it cannot, one French sentence that names the folder, its disk and what to do.
 */
import { mkdir, rmdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseOpenError, DataDirError, type DatabaseStartupError } from './errors.ts';

/**
 * Below this, PGlite is treated as out of disk: it writes its journal (WAL) in 16 MB segments, and a
 * restart after a crash replays the journal and starts a new segment (checked: with 16 MB free, PGlite
 * fails to open with a bare "Aborted()").
 */
export const MIN_FREE_BYTES = 32 * 1024 * 1024;

/** Below this, `health()` warns that the disk is nearly full: one bulk import can write a few hundred MB. */
export const LOW_FREE_BYTES = 256 * 1024 * 1024;

export interface DiskSpace {
  /** Bytes an unprivileged process may still write. */
  free: number;
  total: number;
  /** The mount point of the file system that holds the folder: the "disk" the operator must free. */
  mount: string;
}

/** The nearest existing folder at or above `dir` (DATA_DIR may not exist yet). */
async function existingAncestor(dir: string): Promise<string> {
  let d = path.resolve(dir);
  for (;;) {
    try {
      await stat(d);
      return d;
    } catch {
      const up = path.dirname(d);
      if (up === d) return d;
      d = up;
    }
  }
}

/** Walks up while the device stays the same: the last folder on it is its mount point. */
async function mountPointOf(dir: string): Promise<string> {
  let d = dir;
  const dev = (await stat(d)).dev;
  for (;;) {
    const up = path.dirname(d);
    if (up === d) return d;
    try {
      if ((await stat(up)).dev !== dev) return d;
    } catch {
      return d;
    }
    d = up;
  }
}

/** Free and total space of the disk that holds `dir`; null when it cannot be read. */
export async function diskSpace(dir: string): Promise<DiskSpace | null> {
  try {
    const at = await existingAncestor(dir);
    const s = await statfs(at);
    return { free: s.bavail * s.bsize, total: s.blocks * s.bsize, mount: await mountPointOf(at) };
  } catch {
    return null;
  }
}

export function formatBytes(n: number): string {
  const units = ['octets', 'ko', 'Mo', 'Go', 'To'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const digits = u === 0 || v >= 10 ? 0 : 1;
  return `${v.toFixed(digits).replace('.', ',')} ${units[u]}`;
}

/** "Disque plein : …" naming the folder, its disk and the figures. */
export function diskFullMessage(dir: string, space: DiskSpace | null): string {
  const where = space ? `le disque monté sur ${space.mount}` : 'son disque';
  const figures = space ? ` : ${formatBytes(space.free)} libres sur ${formatBytes(space.total)}` : '';
  return (
    `Disque plein : le dossier de données ${dir} (DATA_DIR) est sur ${where}${figures} ; la base de données ` +
    `a besoin d’au moins ${formatBytes(MIN_FREE_BYTES)} libres. Libérez de la place ou agrandissez le disque.`
  );
}

/** True when the disk of `space` is too full for PGlite. */
export function isDiskFull(space: DiskSpace | null): boolean {
  return space !== null && space.free < MIN_FREE_BYTES;
}

/** Maps a file-system error met on DATA_DIR to a French sentence; unknown errors are quoted. */
export function dataDirError(dir: string, err: unknown, space: DiskSpace | null = null): DataDirError {
  const code = String((err as NodeJS.ErrnoException)?.code ?? '');
  const options = { cause: err };
  switch (code) {
    case 'ENOSPC':
      return new DataDirError(diskFullMessage(dir, space), code, options);
    case 'EDQUOT':
      return new DataDirError(
        `Quota disque dépassé : l’utilisateur du serveur ne peut plus écrire dans le dossier de données ${dir} (DATA_DIR). ` +
          `Libérez de la place ou augmentez son quota.`,
        code,
        options,
      );
    case 'EROFS':
      return new DataDirError(
        `Le dossier de données ${dir} (DATA_DIR) est sur un disque monté en lecture seule${space ? ` (${space.mount})` : ''} : ` +
          `montez-le en écriture ou choisissez un autre DATA_DIR.`,
        code,
        options,
      );
    case 'EACCES':
    case 'EPERM':
      return new DataDirError(
        `Le serveur n’a pas le droit d’écrire dans le dossier de données ${dir} (DATA_DIR) : ` +
          `donnez ce droit à l’utilisateur qui le lance, ou choisissez un autre DATA_DIR.`,
        code,
        options,
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new DataDirError(`DATA_DIR doit être un dossier : ${dir} (ou l’un de ses parents) est un fichier.`, code, options);
    default:
      return new DataDirError(
        `Impossible d’utiliser le dossier de données ${dir} (DATA_DIR) : ${(err as Error)?.message ?? String(err)}`,
        code || 'unknown',
        options,
      );
  }
}

/** Creates `dir` if needed, or says in French why it cannot be used. */
export async function prepareDataDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw dataDirError(dir, await realCause(dir, err), await diskSpace(dir));
  }
}

/**
 * A recursive mkdir on a read-only file system reports ENOENT (Node walks up and gives the last error);
 * creating the first missing folder alone gives the real one (EROFS, EACCES...).
 */
async function realCause(dir: string, err: unknown): Promise<unknown> {
  if ((err as NodeJS.ErrnoException)?.code !== 'ENOENT') return err;
  let d = path.resolve(dir);
  while (path.dirname(d) !== d) {
    const parent = path.dirname(d);
    const exists = await stat(parent).then(
      () => true,
      () => false,
    );
    if (exists) {
      try {
        await mkdir(d);
        await rmdir(d);
      } catch (e) {
        return e;
      }
      return err;
    }
    d = parent;
  }
  return err;
}

/**
 * PGlite failed to open (its own messages, "Aborted()" or "failed to initialize properly", say nothing
 * of the cause): a full disk is the usual one, so check the free space first.
 */
export async function diagnoseOpenFailure(dir: string, err: unknown): Promise<DatabaseStartupError> {
  if (err instanceof DataDirError) return err;
  const space = await diskSpace(dir);
  const code = (err as NodeJS.ErrnoException)?.code;
  if (isDiskFull(space) || code === 'ENOSPC' || code === '53100')
    return new DataDirError(diskFullMessage(dir, space), 'ENOSPC', { cause: err });
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return dataDirError(dir, err, space);
  const detail = err instanceof Error ? err.message : String(err);
  return new DatabaseOpenError(
    `PGlite n’a pas pu ouvrir la base de données de ${dir} (DATA_DIR) : ${detail}. ` +
      `Vérifiez que le dossier est complet et qu’il vient de la même version de la suite ; sinon restaurez une sauvegarde.`,
    { cause: err },
  );
}
