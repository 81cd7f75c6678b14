/** `eig users` with and without the role registry (PGlite). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { migrate } from '../db/migrate.ts';
import { usersCli } from './cli.ts';
import { createRoleRegistry, type RoleRegistry } from './roles.ts';
import { authMigrations, UserStore } from './store.ts';

const [pglite] = testDatabases();

describe('eig users', () => {
  let db: TestDb;
  const roles = createRoleRegistry().registerRoles([
    { id: 'demo.agent', label: 'Agent' },
    { id: 'demo.admin', label: 'Administrateur de la démo', requireTotp: true },
  ]);

  /** Runs `eig users ...args`, returns what it printed, or throws its error. */
  async function eig(registry: RoleRegistry | undefined, ...args: string[]): Promise<string> {
    const out: string[] = [];
    const program = new Command().exitOverride();
    usersCli(program, async () => db, { roles: registry });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['users', ...args], { from: 'user' });
    } finally {
      process.stdout.write = write;
    }
    return out.join('');
  }

  beforeAll(async () => {
    db = await pglite.open();
    await migrate(db, 'platform', authMigrations);
    process.env.EIG_PASSWORD = 'un mot de passe solide';
  });
  afterAll(async () => {
    delete process.env.EIG_PASSWORD;
    await pglite.cleanup();
  });

  it('adds accounts with registered roles only, and says when a second factor is required', async () => {
    expect(await eig(roles, 'add', 'chef@exemple.gouv.fr', '--role', 'demo.admin,demo.agent')).toBe(
      'Compte créé : chef@exemple.gouv.fr (rôles : demo.admin, demo.agent) ; double authentification exigée : activée à la première connexion\n',
    );
    await expect(eig(roles, 'add', 'x@exemple.gouv.fr', '--role', 'demo.agnet')).rejects.toThrow(
      'rôle inconnu : « demo.agnet » (rôles connus : admin, demo.agent, demo.admin)',
    );
    await expect(eig(roles, 'add', 'x@exemple.gouv.fr', '--role', 'Demo Agent')).rejects.toThrow(/rôle inconnu : « Demo Agent »/);
    await expect(eig(undefined, 'add', 'x@exemple.gouv.fr', '--role', 'Demo Agent')).rejects.toThrow(/rôle invalide/);
    expect(await new UserStore(db).find('x@exemple.gouv.fr')).toBeNull();
    // Without a registry (a composition root that does not pass one yet): any well-formed role.
    expect(await eig(undefined, 'add', 'ancien@exemple.gouv.fr', '--role', 'agent')).toMatch(/Compte créé/);
  });

  it('lists roles, replaces an account’s roles, and shows who must enrol', async () => {
    expect(await eig(roles, 'roles')).toBe(
      'admin       Administrateur de la suite\ndemo.agent  Agent\ndemo.admin  Administrateur de la démo  (double authentification exigée)\n',
    );
    expect(await eig(roles, 'set-roles', 'ancien@exemple.gouv.fr', '--role', 'demo.agent')).toBe(
      'Rôles de ancien@exemple.gouv.fr : demo.agent\n',
    );
    await expect(eig(roles, 'set-roles', 'ancien@exemple.gouv.fr', '--role', 'agent')).rejects.toThrow(/rôle inconnu/);
    await expect(eig(roles, 'set-roles', 'personne@exemple.gouv.fr')).rejects.toThrow(/aucun compte/);
    const list = await eig(roles, 'list');
    expect(list).toMatch(/^adresse\s+rôles\s+2FA\s+créé le\s+dernière connexion$/m);
    expect(list).toMatch(/^chef@exemple\.gouv\.fr\s+demo\.admin,demo\.agent\s+à activer\s/m);
    expect(list).toMatch(/^ancien@exemple\.gouv\.fr\s+demo\.agent\s+—\s/m);
  });
});
