import type { FastifyInstance } from 'fastify';
import {
  authMigrations,
  createJobQueue,
  createLogger,
  createServer,
  loadConfig,
  migrate,
  openDb,
  registerAuth,
  registerService,
  type Config,
  type Db,
  type Logger,
  type ServiceContext,
  type ServiceModule,
  type Stand,
} from '@eig/platform';
import { registerWeb } from '@eig/web/server/register.ts';
import { createServices } from './services.ts';

export interface App {
  app: FastifyInstance;
  ctx: ServiceContext;
  services: ServiceModule[];
  /** Listens on config.port, then starts the services' background warm-up (first ingest...). */
  listen(): Promise<string>;
  /** Starts the services without listening (tests drive the app through `inject`). */
  startServices(): Promise<void>;
  stands(): Promise<Stand[]>;
  close(): Promise<void>;
}

export interface AppOptions {
  config?: Config;
  log?: Logger;
  services?: ServiceModule[];
  /** An already open database (tests); by default one is opened from the config. */
  db?: Db;
}

/** Wires the platform, the services and the web front end into one Fastify application. */
export async function createApp(opts: AppOptions = {}): Promise<App> {
  const config = opts.config ?? loadConfig();
  const log = opts.log ?? createLogger({ level: config.logLevel });
  const services = opts.services ?? createServices();

  const db = opts.db ?? (await openDb(config, log));
  await migrate(db, 'platform', authMigrations);
  for (const service of services) await migrate(db, service.id, service.migrations);
  const jobs = await createJobQueue(db, config, { log });
  const ctx: ServiceContext = { config, db, log, jobs };

  const stands = () => Promise.all(services.map((s) => s.stand(ctx)));

  const app = createServer({
    config,
    log,
    db,
    readiness: async () =>
      Object.fromEntries((await stands()).map((s) => [s.id, { ready: s.ready, status: s.status }])),
  });
  // Before the services: their routes see `req.user` and use requireRole.
  registerAuth(app, { db });
  for (const service of services) registerService(app, service, ctx);

  app.register(async (scoped) => {
    scoped.get('/api/stands', { schema: { tags: ['Suite'], summary: 'Les services de la suite, pour la page d’accueil' } }, stands);
  });
  await registerWeb(app, { stands });
  // Closing the server (tests, graceful shutdown) releases the rest in order: services, jobs, database.
  app.addHook('onClose', async () => {
    for (const service of services) await service.stop?.();
    await jobs.close();
    await db.close();
  });
  await app.ready();

  let started = false;
  const startServices = async () => {
    if (started) return;
    started = true;
    for (const service of services) {
      // A failing warm-up (e.g. corrupt content) must not take the whole suite down: the service
      // reports it on its stand and status endpoint.
      await service.start?.(ctx).catch((err: unknown) => log.error({ service: service.id, err }, 'service start failed'));
    }
  };

  return {
    app,
    ctx,
    services,
    stands,
    startServices,
    async listen() {
      const address = await app.listen({ port: config.port, host: config.host });
      await startServices();
      return address;
    },
    close: () => app.close(),
  };
}
