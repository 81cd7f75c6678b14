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
  return eigWith({}, ...args);
}

function eigWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, EIG_PASSWORD: '', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', ...env },
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

  it('manages staff accounts: users add, list, remove', () => {
    const password = { EIG_PASSWORD: 'un mot de passe solide' };
    const empty = eig('users', 'list');
    expect(empty.code).toBe(0);
    expect(empty.out).toMatch(/Aucun compte\. Créez le premier administrateur : eig users add/);

    const added = eigWith(password, 'users', 'add', 'Admin@Exemple.gouv.fr', '--role', 'admin');
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toBe('Compte créé : admin@exemple.gouv.fr (rôles : admin)\n');

    const weak = eigWith({ EIG_PASSWORD: 'court' }, 'users', 'add', 'agent@exemple.gouv.fr');
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/Erreur : mot de passe trop faible : 12 caractères au moins/);
    // No password and no terminal (stdin is not a TTY here): a clear message.
    const noPassword = eig('users', 'add', 'agent@exemple.gouv.fr');
    expect(noPassword.code).toBe(1);
    expect(noPassword.err).toMatch(/Erreur : mot de passe requis : définissez EIG_PASSWORD/);
    const duplicate = eigWith(password, 'users', 'add', 'admin@exemple.gouv.fr', '-r', 'admin');
    expect(duplicate.code).toBe(1);
    expect(duplicate.err).toMatch(/Erreur : un compte existe déjà pour admin@exemple\.gouv\.fr/);

    const list = eig('users', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^admin@exemple\.gouv\.fr\s+admin\s/m);
    expect(list.out).not.toMatch(/agent@/);
    expect(list.out).not.toContain('scrypt');

    const removed = eig('users', 'remove', 'admin@exemple.gouv.fr');
    expect(removed.code).toBe(0);
    expect(removed.out).toContain('Compte supprimé : admin@exemple.gouv.fr');
    const again = eig('users', 'remove', 'admin@exemple.gouv.fr');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/Erreur : aucun compte pour admin@exemple\.gouv\.fr/);
  }, 120_000);
});
