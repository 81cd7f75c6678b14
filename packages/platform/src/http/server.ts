import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { ServiceContext, ServiceModule } from '../service.ts';
import { t } from '../i18n.ts';
import { apiError, errorHandler } from './errors.ts';
import { assertCleanUrl } from './url-check.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * Headers that mark a request made in-process with `app.inject` (e.g. the web front end loading a
     * page's data from the API). Such requests are not rate-limited again: the page request that caused
     * them already was. The token is random per process, so outside clients cannot forge it.
     */
    internalHeaders: Readonly<Record<string, string>>;
  }
}

const INTERNAL_HEADER = 'x-eig-internal';

export interface ServiceReadiness {
  ready: boolean;
  status?: string;
}

export interface ServerOptions {
  config: Config;
  log: Logger;
  /** Pinged by /healthz. */
  db?: Db;
  /** Per-service readiness shown by /healthz, e.g. `{ explocode: { ready: false, status: 'ingestion' } }`. */
  readiness?: () => Promise<Record<string, ServiceReadiness>> | Record<string, ServiceReadiness>;
  /** Takes over 404s outside `/api/` (the web front end serves its pages there); JSON 404 otherwise. */
  notFound?: (req: FastifyRequest, reply: FastifyReply) => unknown;
  /** Defaults to 1 MiB: the API takes small JSON bodies only. */
  bodyLimit?: number;
  /** Defaults to config.rateLimitMax per minute. */
  rateLimit?: { max?: number; timeWindow?: number | string };
}

/** The same-origin scripts, styles, fonts and images a Vite-built React + DSFR front end needs, nothing else. */
const contentSecurityPolicy = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    // `<script type="application/json">` is data, not executed, so no 'unsafe-inline' for scripts.
    scriptSrc: ["'self'"],
    // DSFR and Swagger UI set inline style attributes.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // No upgrade-insecure-requests: it breaks plain-http local and CI runs; TLS is the proxy's job.
  },
};

export function createServer(opts: ServerOptions): FastifyInstance {
  const { config } = opts;
  const app = Fastify({
    loggerInstance: opts.log,
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Malformed paths go through our error handler (French JSON, nothing echoed back).
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
  }) as unknown as FastifyInstance;

  const internalToken = randomBytes(16).toString('hex');
  app.decorate('internalHeaders', Object.freeze({ [INTERNAL_HEADER]: internalToken }));

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  app.addHook('onRequest', async (req) => {
    assertCleanUrl(req.url);
  });

  // Referrer only to ourselves: result URLs carry what people search for, which must not leak to
  // linked sites (Légifrance...), while our own same-origin form posts keep a usable Origin.
  app.register(helmet, { contentSecurityPolicy, referrerPolicy: { policy: 'same-origin' } });

  app.register(rateLimit, {
    global: true,
    max: opts.rateLimit?.max ?? config.rateLimitMax,
    timeWindow: opts.rateLimit?.timeWindow ?? '1 minute',
    // Probes from the orchestrator must never be throttled into a restart.
    allowList: (req) => req.url === '/healthz' || req.headers[INTERNAL_HEADER] === internalToken,
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(t('rateLimit.exceeded', { seconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) })), {
        statusCode: ctx.statusCode,
      }),
  });

  app.register(swagger, {
    openapi: {
      info: {
        title: 'Suite EIG — API',
        description: 'API publique des services de la suite EIG (ExploCode, ...).',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Routes go after the plugins so the rate limiter's onRoute hook sees them.
  app.after(() => {
    app.withTypeProvider<ZodTypeProvider>().get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
      const services = (await opts.readiness?.()) ?? {};
      if (opts.db) {
        try {
          await opts.db.query('SELECT 1');
        } catch (err) {
          app.log.error({ err }, 'healthz: database ping failed');
          return reply.code(503).send({ status: 'error', message: t('health.dbDown'), services });
        }
      }
      return { status: 'ok', services };
    });

    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (req, reply) => {
      const path = req.url.split('?')[0];
      if (opts.notFound && !path.startsWith('/api/') && path !== '/api') return opts.notFound(req, reply);
      return reply.code(404).send(apiError(404, t('errors.notFound', { method: req.method, route: path })));
    });
  });

  return app;
}

/** Mounts a service's routes under `/api/<id>`; they load with the other plugins on `app.ready()`. */
export function registerService(app: FastifyInstance, module: ServiceModule, ctx: ServiceContext): void {
  app.register(
    async (scoped) => {
      await module.routes(scoped, ctx);
    },
    { prefix: `/api/${module.id}` },
  );
}
