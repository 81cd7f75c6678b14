import { Command } from 'commander';
import {
  authMigrations,
  createJobQueue,
  createLogger,
  loadConfig,
  migrate,
  openDb,
  runCommand,
  usersCli,
  type ServiceContext,
} from '@eig/platform';
import { createServices } from './services.ts';

/** `eig`: one subcommand group per service. Every command exits non-zero with a clear message on error. */
const program = new Command('eig')
  .description('Suite EIG : ligne de commande des services')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(`Erreur : ${str.replace(/^error: /, '')}`) });

let ctx: ServiceContext | null = null;
const services = createServices();

/** Opens the database (and applies migrations) only for commands that need it. */
async function getContext(): Promise<ServiceContext> {
  if (ctx) return ctx;
  const config = loadConfig();
  // Logs go to stderr at warn level: stdout is the command's own output.
  const log = createLogger({ level: process.env.LOG_LEVEL ?? 'warn', destination: process.stderr });
  const db = await openDb(config, log);
  await migrate(db, 'platform', authMigrations);
  for (const s of services) await migrate(db, s.id, s.migrations);
  ctx = { config, db, log, jobs: await createJobQueue(db, { databaseUrl: undefined }, { log }) };
  return ctx;
}

for (const s of services) s.cli?.(program, getContext);
usersCli(program, async () => (await getContext()).db);

await runCommand(async () => {
  try {
    await program.parseAsync(process.argv);
  } finally {
    if (ctx) {
      await ctx.jobs.close();
      await ctx.db.close();
    }
  }
});
