import { Command } from 'commander';
import { openSuite, createLogger, loadConfig, runCommand, usersCli, type ServiceContext, type Suite } from '@eig/platform';
import { SERVICES } from './services.ts';

/** `eig`: one subcommand group per service. Every command exits non-zero with a clear message on error. */
const program = new Command('eig')
  .description('Suite EIG : ligne de commande des services')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(`Erreur : ${str.replace(/^error: /, '')}`) });

let suite: Promise<Suite> | null = null;

/** Opens the suite (database, migrations) only for the commands that need it. */
function getSuite(): Promise<Suite> {
  suite ??= (async () => {
    const config = loadConfig();
    // Logs go to stderr at warn level: stdout is the command's own output.
    const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
    return openSuite({ services: SERVICES, config, log });
  })();
  return suite;
}

const contextOf = async (id: string): Promise<ServiceContext<never>> => {
  const s = await getSuite();
  return s.services.find((m) => m.module.id === id)!.ctx as ServiceContext<never>;
};

for (const s of SERVICES) s.cli?.(program, () => contextOf(s.id));
usersCli(program, async () => (await getSuite()).db);

await runCommand(async () => {
  try {
    await program.parseAsync(process.argv);
  } finally {
    if (suite) await (await suite).close();
  }
});
