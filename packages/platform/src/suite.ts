/**
 * Opening the suite, written once for every entry point (web server, CLI, worker): configuration
 * and every service's settings validated together, database opened and migrated, job queue created,
 * one context per service, job handlers registered.
 */
import { authMigrations } from './auth/index.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { migrate, openDb } from './db/index.ts';
import type { Db } from './db/types.ts';
import { createJobQueue } from './jobs/queue.ts';
import type { JobQueue } from './jobs/types.ts';
import { createLogger, type Logger } from './log.ts';
import type { ServiceContext, ServiceModule } from './service.ts';
import { createRoleRegistry, type RoleRegistry } from './auth/roles.ts';

type AnyService = ServiceModule<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface MountedService {
  module: AnyService;
  ctx: ServiceContext<unknown>;
}

export interface Suite {
  config: Config;
  log: Logger;
  db: Db;
  jobs: JobQueue;
  services: MountedService[];
  /** Every role the services declare, plus the suite's administrator. */
  roles: RoleRegistry;
  close(): Promise<void>;
}

export interface OpenSuiteOptions {
  services: AnyService[];
  env?: Record<string, string | undefined>;
  config?: Config;
  log?: Logger;
  /** An already open database (tests); by default one is opened from the config. */
  db?: Db;
  /**
   * Work jobs in this process (web processes, unless JOBS_WORKER=false on PostgreSQL, and workers);
   * one-shot CLI commands only enqueue. Every process declares every job (its policy).
   */
  runJobs?: boolean;
}

/** The suite's roles: its administrator and every role the services declare. */
export function rolesOf(services: AnyService[], config: Pick<Config, 'adminRequireTotp'>): RoleRegistry {
  return createRoleRegistry({ adminRequiresTotp: config.adminRequireTotp }).registerRoles(services.flatMap((s) => s.roles ?? []));
}

/**
 * Validates the platform's configuration and each service's settings against the same environment
 * and reports every problem at once (one line per variable), before anything is opened.
 */
export function loadSettings(services: AnyService[], env: Record<string, string | undefined>, config?: Config) {
  const problems: string[] = [];
  let cfg = config;
  if (!cfg) {
    try {
      cfg = loadConfig(env);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err.message);
    }
  }
  const settings = new Map<string, unknown>();
  for (const s of services) {
    if (!s.settings) {
      settings.set(s.id, {});
      continue;
    }
    const parsed = s.settings.safeParse(env);
    if (parsed.success) settings.set(s.id, parsed.data);
    else problems.push(`${s.title} : ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  if (problems.length > 0 || !cfg) throw new ConfigError(`Configuration invalide — ${problems.join(' — ')}`);
  return { config: cfg, settings };
}

export function checkServiceIds(services: AnyService[]): void {
  const seen = new Set<string>();
  for (const s of services) {
    if (!/^[a-z][a-z0-9-]*$/.test(s.id)) throw new Error(`Invalid service id "${s.id}"`);
    if (seen.has(s.id)) throw new Error(`Service "${s.id}" is listed twice`);
    seen.add(s.id);
    for (const r of s.roles ?? []) {
      if (!r.id.startsWith(`${s.id}.`)) throw new Error(`Role "${r.id}" of ${s.id} must be named "${s.id}.<role>"`);
    }
    for (const j of s.jobs ?? []) {
      if (!j.name.startsWith(`${s.id}.`)) throw new Error(`Job "${j.name}" of ${s.id} must be named "${s.id}.<job>"`);
    }
  }
}

export async function openSuite(opts: OpenSuiteOptions): Promise<Suite> {
  checkServiceIds(opts.services);
  const env = opts.env ?? process.env;
  const { config, settings } = loadSettings(opts.services, env, opts.config);
  const log = opts.log ?? createLogger({ level: config.logLevel });
  const db = opts.db ?? (await openDb(config, log));
  try {
    await migrate(db, 'platform', authMigrations);
    for (const s of opts.services) await migrate(db, s.id, s.migrations);
  } catch (err) {
    if (!opts.db) await db.close().catch(() => undefined);
    throw err;
  }
  const jobs = await createJobQueue(db, config, { log, work: opts.runJobs ? undefined : false });
  const services: MountedService[] = opts.services.map((module) => ({
    module,
    ctx: { config, settings: settings.get(module.id), db, log: log.child({ service: module.id }), jobs },
  }));
  for (const { module, ctx } of services) {
    for (const { handler, ...options } of module.jobs ?? []) {
      jobs.register({ ...options, handler: (payload, job) => handler(payload, job, ctx) });
    }
  }
  const roles = rolesOf(opts.services, config);
  let closed = false;
  return {
    config,
    log,
    db,
    jobs,
    services,
    roles,
    async close() {
      if (closed) return;
      closed = true;
      for (const { module, ctx } of services)
        await module.stop?.(ctx).catch((err: unknown) => log.error({ err, service: module.id }, 'service stop failed'));
      await jobs.close();
      await db.close();
    },
  };
}
