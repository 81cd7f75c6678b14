import type { Command } from 'commander';
import type { Db } from '../db/types.ts';
import { AuthError, normalizeEmail, UserStore } from './store.ts';
import { passwordProblem } from './password.ts';
import { createRoleRegistry, type RoleRegistry } from './roles.ts';
import { LoginThrottle } from './throttle.ts';
import { TotpStore } from './totp-store.ts';

/** Reads a line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    function onData(chunk: string) {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003') {
          finish();
          return reject(new AuthError('saisie interrompue'));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    }
    stdin.on('data', onData);
  });
}

/** EIG_PASSWORD, or typed twice on a terminal; refused when weak. */
async function newPassword(): Promise<string> {
  let password = process.env.EIG_PASSWORD;
  if (password === undefined || password === '') {
    if (!process.stdin.isTTY) {
      throw new AuthError('mot de passe requis : définissez EIG_PASSWORD ou lancez la commande dans un terminal pour le saisir');
    }
    password = await promptHidden('Mot de passe (12 caractères au moins) : ');
    const problem = passwordProblem(password);
    if (problem) throw new AuthError(problem);
    if ((await promptHidden('Confirmez le mot de passe : ')) !== password) {
      throw new AuthError('les deux saisies du mot de passe diffèrent');
    }
  }
  const problem = passwordProblem(password);
  if (problem) throw new AuthError(problem);
  return password;
}

const collect = (value: string, previous: string[]) => [...previous, ...value.split(',')];
const date = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 16).replace('T', ' ') : '—');

export interface UsersCliOptions {
  /**
   * Every role of the suite (createRoleRegistry + each service's roles): `--role` is checked against
   * it. Without it, any well-formed role is accepted (as before roles were declared).
   */
  roles?: RoleRegistry;
}

const noAccount = (email: string) => new AuthError(`aucun compte pour ${email.slice(0, 254)}`);

/**
 * `eig users add|list|remove|password|roles|set-roles|totp-reset|unlock`: staff accounts
 * (administrators, agents, translators, moderators).
 */
export function usersCli(program: Command, getDb: () => Promise<Db>, opts: UsersCliOptions = {}): void {
  const roles = opts.roles ?? createRoleRegistry();
  const store = async () => new UserStore(await getDb(), opts.roles ? { roles } : {});
  const users = program.command('users').description('Comptes du personnel (administration, agents, traducteurs, modérateurs)');

  users
    .command('add')
    .description('Crée un compte ; mot de passe lu dans EIG_PASSWORD ou saisi au terminal')
    .argument('<email>', 'adresse électronique')
    .option(
      '-r, --role <rôle>',
      'rôle du compte (répétable, ou séparés par des virgules), par ex. admin ; voir « eig users roles »',
      collect,
      [],
    )
    .addHelpText('after', '\nExemple : EIG_PASSWORD=... eig users add admin@exemple.gouv.fr --role admin')
    .action(async (email: string, o: { role: string[] }) => {
      opts.roles?.validate(o.role); // before asking for a password
      const password = await newPassword();
      const user = await (await store()).create(email, password, o.role);
      const totp = roles.requiresTotp(user.roles) ? ' ; double authentification exigée : activée à la première connexion' : '';
      process.stdout.write(`Compte créé : ${user.email} (rôles : ${user.roles.join(', ') || 'aucun'})${totp}\n`);
    });

  users
    .command('list')
    .description('Liste les comptes, leurs rôles et leur double authentification')
    .action(async () => {
      const list = await (await store()).list();
      if (list.length === 0) {
        process.stdout.write('Aucun compte. Créez le premier administrateur : eig users add <email> --role admin\n');
        return;
      }
      const width = Math.max(...list.map((u) => u.email.length), 'adresse'.length);
      const roleWidth = Math.max(...list.map((u) => u.roles.join(',').length), 'rôles'.length);
      process.stdout.write(
        `${'adresse'.padEnd(width)}  ${'rôles'.padEnd(roleWidth)}  ${'2FA'.padEnd(8)}  ${'créé le'.padEnd(16)}  dernière connexion\n`,
      );
      for (const u of list) {
        const totp = u.totpEnabledAt ? 'activée' : roles.requiresTotp(u.roles) ? 'à activer' : '—';
        process.stdout.write(
          `${u.email.padEnd(width)}  ${(u.roles.join(',') || '—').padEnd(roleWidth)}  ${totp.padEnd(8)}  ${date(u.createdAt).padEnd(16)}  ${date(u.lastLoginAt)}\n`,
        );
      }
    });

  users
    .command('roles')
    .description('Liste les rôles connus (ceux de la suite et de chaque service)')
    .action(() => {
      const list = roles.list();
      const width = Math.max(...list.map((r) => r.id.length));
      for (const r of list) {
        const totp = r.requireTotp ? '  (double authentification exigée)' : '';
        process.stdout.write(`${r.id.padEnd(width)}  ${r.label}${totp}\n`);
      }
    });

  users
    .command('set-roles')
    .description('Remplace les rôles d’un compte (et ferme ses sessions)')
    .argument('<email>', 'adresse électronique')
    .option('-r, --role <rôle>', 'rôle (répétable, ou séparés par des virgules) ; aucun : retire tous les rôles', collect, [])
    .action(async (email: string, o: { role: string[] }) => {
      const user = await (await store()).setRoles(email, o.role);
      if (!user) throw noAccount(email);
      process.stdout.write(`Rôles de ${user.email} : ${user.roles.join(', ') || 'aucun'}\n`);
    });

  users
    .command('remove')
    .description('Supprime un compte (et ferme ses sessions)')
    .argument('<email>', 'adresse électronique')
    .action(async (email: string) => {
      if (!(await (await store()).remove(email))) throw noAccount(email);
      process.stdout.write(`Compte supprimé : ${normalizeEmail(email)}\n`);
    });

  users
    .command('password')
    .description('Change le mot de passe d’un compte (et ferme ses sessions)')
    .argument('<email>', 'adresse électronique')
    .action(async (email: string) => {
      const password = await newPassword();
      if (!(await (await store()).setPassword(email, password))) throw noAccount(email);
      process.stdout.write(`Mot de passe changé : ${normalizeEmail(email)}\n`);
    });

  users
    .command('totp-reset')
    .description('Retire la double authentification d’un compte (téléphone perdu) : codes de secours et sessions supprimés')
    .argument('<email>', 'adresse électronique')
    .action(async (email: string) => {
      const db = await getDb();
      if (!(await new TotpStore(db).reset(email))) throw noAccount(email);
      const user = await new UserStore(db).find(email);
      const next = user && roles.requiresTotp(user.roles) ? ' ; son rôle l’exige : elle sera réactivée à la prochaine connexion' : '';
      process.stdout.write(`Double authentification retirée : ${normalizeEmail(email)}${next}\n`);
    });

  users
    .command('unlock')
    .description('Lève le verrouillage temporaire d’un compte après des échecs de connexion')
    .argument('<email>', 'adresse électronique')
    .action(async (email: string) => {
      const wasLocked = await new LoginThrottle(await getDb()).unlock(email);
      process.stdout.write(
        wasLocked
          ? `Compte déverrouillé : ${normalizeEmail(email)}\n`
          : `Pas de verrouillage en cours pour ${normalizeEmail(email)} (échecs remis à zéro)\n`,
      );
    });
}
