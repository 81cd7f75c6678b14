import { Command } from 'commander';
import {
  openSuite,
  rolesOf,
  createLogger,
  loadConfig,
  loadJobSettings,
  runCommand,
  runWorker,
  usersCli,
  type ServiceContext,
  type Suite,
} from '@eig/platform';
import { SERVICES } from './services.ts';

/** `eig`: one subcommand group per service. Every command exits non-zero with a clear message on error. */
const program = new Command('eig')
  .description('Suite EIG : ligne de commande des services')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(`Erreur : ${str.replace(/^error: /, '')}`) });

let suite: Promise<Suite> | null = null;

/**
 * Opens the suite (database, migrations) only for the commands that need it. One-shot commands only
 * enqueue jobs; `eig worker` works them.
 */
function getSuite(runJobs = false): Promise<Suite> {
  suite ??= (async () => {
    const config = loadConfig();
    // Logs go to stderr at warn level: stdout is the command's own output (a worker logs at info).
    const log = createLogger({ level: process.env.LOG_LEVEL ?? (runJobs ? 'info' : 'warn'), destination: process.stderr });
    return openSuite({ services: SERVICES, config, log, runJobs });
  })();
  return suite;
}

const contextOf = async (id: string): Promise<ServiceContext<never>> => {
  const s = await getSuite();
  return s.services.find((m) => m.module.id === id)!.ctx as ServiceContext<never>;
};

for (const s of SERVICES) s.cli?.(program, () => contextOf(s.id));
// Roles come from the code (the services' declarations), not the database: known without opening it.
// (A bad configuration is reported by the command itself, when it opens the suite.)
const adminRequireTotp = (() => {
  try {
    return loadConfig().adminRequireTotp;
  } catch {
    return false;
  }
})();
usersCli(program, async () => (await getSuite()).db, { roles: rolesOf(SERVICES, { adminRequireTotp }) });

program
  .command('worker')
  .description('Exécute les tâches de fond des services, sans serveur HTTP (PostgreSQL) ; s’arrête proprement sur SIGTERM')
  .action(async () => {
    const s = await getSuite(true);
    const worker = await runWorker({ config: s.config, log: s.log, db: s.db, queue: s.jobs, graceMs: loadJobSettings().shutdownGraceMs });
    await worker.stopped;
  });

await runCommand(async () => {
  try {
    await program.parseAsync(process.argv);
  } finally {
    if (suite) await (await suite).close();
  }
});
