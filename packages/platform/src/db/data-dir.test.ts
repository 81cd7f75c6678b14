import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { dataDirError, diagnoseOpenFailure, diskFullMessage, diskSpace, formatBytes, prepareDataDir } from './data-dir.ts';
import { DatabaseOpenError, DataDirError, isUnavailable } from './errors.ts';
import { analyzeSql } from './analyze.ts';

const errno = (code: string) => Object.assign(new Error(`${code}: something`), { code });

describe('DATA_DIR faults in French', () => {
  it('maps each file-system error to a sentence naming the folder', () => {
    const dir = '/srv/eig/data';
    const space = { free: 3 * 1024 * 1024, total: 10 * 1024 ** 3, mount: '/srv' };
    expect(dataDirError(dir, errno('ENOSPC'), space).message).toBe(
      'Disque plein : le dossier de données /srv/eig/data (DATA_DIR) est sur le disque monté sur /srv : 3,0 Mo libres sur 10 Go ; ' +
        'la base de données a besoin d’au moins 32 Mo libres. Libérez de la place ou agrandissez le disque.',
    );
    expect(dataDirError(dir, errno('EROFS'), space).message).toMatch(
      /^Le dossier de données \/srv\/eig\/data \(DATA_DIR\) est sur un disque monté en lecture seule \(\/srv\)/,
    );
    expect(dataDirError(dir, errno('EACCES')).message).toMatch(/n’a pas le droit d’écrire dans le dossier de données \/srv\/eig\/data/);
    expect(dataDirError(dir, errno('ENOTDIR')).message).toMatch(/DATA_DIR doit être un dossier/);
    expect(dataDirError(dir, errno('EDQUOT')).message).toMatch(/Quota disque dépassé/);
    expect(dataDirError(dir, errno('EIO')).message).toMatch(/Impossible d’utiliser le dossier de données .*EIO/);
    for (const code of ['ENOSPC', 'EROFS', 'EACCES']) expect(dataDirError(dir, errno(code)).reason).toBe(code);
  });

  it('explains a PGlite that fails to open: a full disk first, else its own message', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-dd-'));
    try {
      const bare = new Error('PGlite failed to initialize properly');
      const other = await diagnoseOpenFailure(dir, bare);
      // This machine's disk has room: the message quotes PGlite's.
      expect(other).toBeInstanceOf(DatabaseOpenError);
      expect(other.message).toMatch(/^PGlite n’a pas pu ouvrir la base de données de .* : PGlite failed to initialize properly/);
      const full = await diagnoseOpenFailure(dir, Object.assign(new Error('could not write'), { code: '53100' }));
      expect(full).toBeInstanceOf(DataDirError);
      expect(full.message).toMatch(/^Disque plein : /);
      const space = await diskSpace(dir);
      expect(space?.free).toBeGreaterThan(0);
      expect(diskFullMessage(dir, space)).toContain(`monté sur ${space!.mount}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a DATA_DIR that is a file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-dd-'));
    try {
      await writeFile(path.join(dir, 'file'), 'x');
      await expect(prepareDataDir(path.join(dir, 'file', 'pgdata'))).rejects.toThrow(/DATA_DIR doit être un dossier/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('formats sizes the French way', () => {
    expect(formatBytes(0)).toBe('0 octets');
    expect(formatBytes(1536)).toBe('1,5 ko');
    expect(formatBytes(32 * 1024 * 1024)).toBe('32 Mo');
  });
});

describe('database errors', () => {
  it('tells an unreachable or overloaded database from a wrong query', () => {
    for (const code of ['ECONNREFUSED', '57P01', '08006', '53300', '57014']) expect(isUnavailable(errno(code)), code).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    for (const code of ['23505', '22021', '42P01']) expect(isUnavailable(errno(code)), code).toBe(false);
  });

  it('builds ANALYZE only from plain table names', () => {
    expect(analyzeSql()).toBe('ANALYZE');
    expect(analyzeSql(['a', 'public.b_2'])).toBe('ANALYZE a, public.b_2');
    expect(() => analyzeSql(['a; DROP TABLE x'])).toThrow(/invalide/);
    expect(() => analyzeSql(['"quoted"'])).toThrow(/invalide/);
  });
});
