import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  createServer,
  jobAdminRoutes,
  openSuite,
  registerAuth,
  registerService,
  registerUploads,
  type Config,
  type Db,
  type Logger,
  type ServiceModule,
  type Stand,
  type Suite,
} from '@eig/platform';
import { registerWeb } from '@eig/web/server';
import { SERVICES } from './services.ts';

export interface App {
  app: FastifyInstance;
  suite: Suite;
  /** Listens on config.port, then starts the services' warm-up (first ingest...). */
  listen(): Promise<string>;
  /** Starts the services without listening (tests drive the app through `inject`). */
  startServices(): Promise<void>;
  stands(): Promise<Stand[]>;
  close(): Promise<void>;
}

export interface AppOptions {
  config?: Config;
  log?: Logger;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  services?: ServiceModule<any>[];
  /** An already open database (tests); by default one is opened from the config. */
  db?: Db;
  env?: Record<string, string | undefined>;
}

/** Wires the platform, the services and the web front end into one Fastify application. */
export async function createApp(opts: AppOptions = {}): Promise<App> {
  const suite = await openSuite({
    services: opts.services ?? SERVICES,
    config: opts.config,
    env: opts.env,
    log: opts.log,
    db: opts.db,
    runJobs: true,
  });
  const { config, log, db, jobs, services } = suite;

  const stands = () => Promise.all(services.map((s) => s.module.stand(s.ctx)));

  const app = createServer({
    config,
    log,
    db,
    readiness: async () =>
      Object.fromEntries(
        await Promise.all(
          services.map(async (s) => {
            const st = await s.module.status(s.ctx);
            return [s.module.id, { ready: st.ready, status: st.message }] as const;
          }),
        ),
      ),
  });
  // Before the services: their routes see `req.user` and use requireRole.
  registerAuth(app, { db, roles: suite.roles, totpEncryptionKey: config.totpEncryptionKey });
  registerUploads(app, { tmpDir: path.join(config.dataDir, 'tmp', 'uploads') });
  for (const s of services) registerService(app, s.module, s.ctx);
  app.register(async (scoped) => {
    scoped.get('/api/stands', { schema: { tags: ['Suite'], summary: 'Les services de la suite, pour la page d’accueil' } }, stands);
    await jobAdminRoutes(scoped, jobs);
  });
  await registerWeb(app, { services, roles: suite.roles, stands, jobs });
  // Closing the server (tests, graceful shutdown) releases the rest in order: services, jobs, database.
  app.addHook('onClose', () => suite.close());
  await app.ready();

  let started = false;
  const startServices = async () => {
    if (started) return;
    started = true;
    for (const { module, ctx } of services) {
      // A failing warm-up (e.g. corrupt content) must not take the whole suite down: the service
      // reports it on its stand and status endpoint.
      await module.start?.(ctx).catch((err: unknown) => log.error({ service: module.id, err }, 'service start failed'));
    }
  };

  return {
    app,
    suite,
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
