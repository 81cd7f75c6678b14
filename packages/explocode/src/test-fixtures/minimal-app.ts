/**
 * ExploCode alone on the platform, as the suite's composition root wires it (packages/server is the
 * real one; a service's tests cannot depend on it): for tests in this package and for the server
 * process of recovery.test.ts. Adds two unauthenticated test routes under /test/.
 */
import {
  createServer,
  openSuite,
  registerAuth,
  registerService,
  type Config,
  type Db,
  type Logger,
  type ServiceContext,
} from '@eig/platform';
import type { FastifyInstance } from 'fastify';
import explocode from '../index.ts';
import { explocodeFor } from '../context.ts';
import { INGEST_JOB, type ExplocodeRuntime } from '../runtime.ts';

export interface MinimalApp {
  app: FastifyInstance;
  runtime: ExplocodeRuntime;
  /** ExploCode's service context (to call page loaders directly). */
  ctx: ServiceContext;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function createExplocodeApp(
  opts: { config?: Config; db?: Db; env?: Record<string, string | undefined>; runJobs?: boolean; log?: Logger } = {},
): Promise<MinimalApp> {
  const suite = await openSuite({
    services: [explocode],
    config: opts.config,
    db: opts.db,
    env: opts.env,
    log: opts.log,
    runJobs: opts.runJobs ?? true,
  });
  const [{ ctx }] = suite.services;
  const app = createServer({
    config: suite.config,
    log: suite.log,
    db: suite.db,
    readiness: async () => {
      const st = await explocode.status(ctx as never);
      return { explocode: { ready: st.ready, status: st.message } };
    },
  });
  registerAuth(app, { db: suite.db });
  registerService(app, explocode, ctx as never);
  app.register(async (scoped) => {
    const runtime = explocodeFor(ctx);
    scoped.get('/test/datasets', async () => runtime.runtime.repo.datasets());
    scoped.get('/test/jobs', async () => suite.jobs.list({ name: INGEST_JOB }));
    scoped.post('/test/reingest', async () => ({ id: await suite.jobs.enqueue(INGEST_JOB, { force: true }) }));
  });
  app.addHook('onClose', () => suite.close());
  await app.ready();
  return {
    app,
    runtime: explocodeFor(ctx).runtime,
    ctx: ctx as ServiceContext,
    start: () => explocode.start!(ctx as never),
    close: () => app.close(),
  };
}
