import type { Command } from 'commander';
import type { Db } from '../db/types.ts';
import { AuthError, UserStore } from './store.ts';
import { passwordProblem } from './password.ts';

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

/** `eig users add|list|remove|password`: staff accounts (administrators, agents, translators, moderators). */
export function usersCli(program: Command, getDb: () => Promise<Db>): void {
  const users = program
    .command('users')
    .description('Comptes du personnel (administration, agents, traducteurs, modérateurs)');

  users
    .command('add')
    .description('Crée un compte ; mot de passe lu dans EIG_PASSWORD ou saisi au terminal')
    .argument('<email>', 'adresse électronique')
    .option('-r, --role <rôle>', 'rôle du compte (répétable, ou séparés par des virgules), par ex. admin', collect, [])
    .addHelpText('after', '\nExemple : EIG_PASSWORD=... eig users add admin@exemple.gouv.fr --role admin')
    .action(async (email: string, opts: { role: string[] }) => {
      const password = await newPassword();
      const user = await new UserStore(await getDb()).create(email, password, opts.role);
      process.stdout.write(`Compte créé : ${user.email} (rôles : ${user.roles.join(', ') || 'aucun'})\n`);
    });

  users
    .command('list')
    .description('Liste les comptes et leurs rôles')
    .action(async () => {
      const list = await new UserStore(await getDb()).list();
      if (list.length === 0) {
        process.stdout.write('Aucun compte. Créez le premier administrateur : eig users add <email> --role admin\n');
        return;
      }
      const width = Math.max(...list.map((u) => u.email.length), 'adresse'.length);
      process.stdout.write(`${'adresse'.padEnd(width)}  ${'rôles'.padEnd(20)}  ${'créé le'.padEnd(16)}  dernière connexion\n`);
      for (const u of list) {
        process.stdout.write(
          `${u.email.padEnd(width)}  ${(u.roles.join(',') || '—').padEnd(20)}  ${date(u.createdAt).padEnd(16)}  ${date(u.lastLoginAt)}\n`,
        );
      }
    });

  users
    .command('remove')
    .description('Supprime un compte (et ferme ses sessions)')
    .argument('<email>', 'adresse électronique')
    .action(async (email: string) => {
      if (!(await new UserStore(await getDb()).remove(email))) throw new AuthError(`aucun compte pour ${email.slice(0, 254)}`);
      process.stdout.write(`Compte supprimé : ${email.trim().toLowerCase()}\n`);
    });

  users
    .command('password')
    .description('Change le mot de passe d’un compte (et ferme ses sessions)')
    .argument('<email>', 'adresse électronique')
    .action(async (email: string) => {
      const password = await newPassword();
      if (!(await new UserStore(await getDb()).setPassword(email, password))) {
        throw new AuthError(`aucun compte pour ${email.slice(0, 254)}`);
      }
      process.stdout.write(`Mot de passe changé : ${email.trim().toLowerCase()}\n`);
    });
}
