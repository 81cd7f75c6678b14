import { Command } from 'commander';
import {
  authMigrations,
  createJobQueue,
  createLogger,
  loadConfig,
  loadJobSettings,
  migrate,
  openDb,
  runCommand,
  runWorker,
  usersCli,
  type JobContext,
  type JobDefinition,
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
  // Commands enqueue (on PostgreSQL, workers and servers run them) but never run jobs themselves.
  ctx = { config, db, log, jobs: await createJobQueue(db, config, { log, work: false }) };
  return ctx;
}

for (const s of services) s.cli?.(program, getContext);

type ServiceJobs = { jobs?: (Omit<JobDefinition, 'handler'> & { handler(payload: unknown, job: JobContext, ctx: ServiceContext): unknown })[] };

program
  .command('worker')
  .description('Exécute les tâches de fond des services, sans serveur HTTP (PostgreSQL) ; s’arrête proprement sur SIGTERM')
  .action(async () => {
    const context = await getContext();
    context.log = createLogger({ level: process.env.LOG_LEVEL ?? 'info' });
    const definitions = services.flatMap((s) =>
      ((s as ServiceJobs).jobs ?? []).map(({ handler, ...options }) => ({ ...options, handler: (p: unknown, j: JobContext) => handler(p, j, context) })),
    );
    const { shutdownGraceMs } = loadJobSettings();
    const worker = await runWorker({ config: context.config, log: context.log, db: context.db, definitions, graceMs: shutdownGraceMs });
    await worker.stopped;
  });
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
