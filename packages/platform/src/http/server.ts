import { randomBytes } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { z } from 'zod';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/types.ts';
import type { Logger } from '../log.ts';
import type { ServiceContext, ServiceModule, ServiceStatus } from '../service.ts';
import { t } from '../i18n.ts';
import { HttpError, errorBodySchema, errorHandler } from './errors.ts';
import { clientErrorHandler } from './client-errors.ts';
import { registerLoadShedding } from './load-shedding.ts';
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
  status?: string | null;
}

/**
 * Paths that are never rate-limited: probes (an orchestrator must never be throttled into a restart)
 * and content-hashed or package static files (one page loads a dozen; an office behind one NAT would
 * otherwise exhaust its quota in a few page views). API calls, pages and form posts are limited.
 */
const UNLIMITED_PREFIXES = ['/assets/', '/static/'];
const PROBES = new Set(['/healthz', '/readyz']);
export function isRateLimited(url: string): boolean {
  const path = url.split('?')[0];
  return !PROBES.has(path) && !UNLIMITED_PREFIXES.some((p) => path.startsWith(p));
}

/** /readyz gives the database this long to answer `SELECT 1`: a probe must not hang behind a slow statement. */
const READY_PING_MS = 2_000;

class PingTimeout extends Error {}

async function pingWithin(db: Db, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.query('SELECT 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new PingTimeout(`La base de données n’a pas répondu en ${ms / 1000} s.`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ServerOptions {
  config: Config;
  log: Logger;
  /** Pinged by /readyz. */
  db?: Db;
  /** Per-service readiness shown by /readyz, e.g. `{ annuaire: { ready: false, status: 'import' } }`. */
  readiness?: () => Promise<Record<string, ServiceReadiness>> | Record<string, ServiceReadiness>;
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

/**
 * One log line per request, when it completes (route pattern, status, time: the serializers keep the
 * query string and the IP out), instead of Fastify's two (incoming + completed): half the log volume.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
}

export function createServer(opts: ServerOptions): FastifyInstance {
  const { config } = opts;
  const app = Fastify({
    loggerInstance: opts.log,
    logController: new OneLinePerRequest(),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    // Malformed paths go through our error handler (French JSON, nothing echoed back).
    frameworkErrors: (err, req, reply) => errorHandler(err, req, reply),
    // What Node's HTTP parser refuses (headers too large, garbage): French JSON too.
    clientErrorHandler,
    // Large enough for the longest query the API accepts (10,000 characters of percent-encoded
    // UTF-8 in a GET), so that the API's own validation answers, in French, before Node's 431.
    http: { maxHeaderSize: 128 * 1024 },
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

  registerLoadShedding(app, { maxInFlight: config.maxInFlight, maxEventLoopDelayMs: config.maxEventLoopDelayMs, sheddable: isRateLimited });

  // HTML and JSON answers are compressed on the fly (brotli at a fast level: the gain of higher levels
  // is a few percent for ten times the CPU); static assets are precompressed at build time.
  app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });

  app.register(rateLimit, {
    global: true,
    max: opts.rateLimit?.max ?? config.rateLimitMax,
    timeWindow: opts.rateLimit?.timeWindow ?? '1 minute',
    allowList: (req) => !isRateLimited(req.url) || req.headers[INTERNAL_HEADER] === internalToken,
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(ctx.statusCode, t('rateLimit.exceeded', { seconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }), 'rate_limited'),
  });

  app.register(swagger, {
    openapi: {
      info: {
        title: 'Suite EIG — API',
        description: 'API publique des services de la suite EIG.',
        version: '0.1.0',
      },
    },
    transform: jsonSchemaTransform,
  });
  app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Routes go after the plugins so the rate limiter's onRoute hook sees them.
  app.after(() => {
    // Liveness: the process answers, so it is 200 whatever the database does: restarting the process would
    // not empty a full disk nor bring PostgreSQL back, and a restart loop would hide the cause. What is
    // wrong is said in the body (`degraded`, with the problems) for people and monitoring; readiness (below)
    // takes the instance out of the load balancer meanwhile. The database adapter answers from memory:
    // this never waits for the database.
    app.get('/healthz', { schema: { hide: true } }, async () => {
      const problems = opts.db?.health().problems ?? [];
      return problems.length > 0 ? { status: 'degraded', problems } : { status: 'ok' };
    });

    // Readiness: the database answers (within READY_PING_MS) and every service can serve; 503 with the reasons otherwise.
    app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
      const reasons: string[] = [];
      const warnings: string[] = [];
      if (opts.db) {
        const db = opts.db;
        let pingError: unknown;
        try {
          await pingWithin(db, READY_PING_MS);
        } catch (err) {
          pingError = err;
        }
        // After the ping: a PostgreSQL adapter learns from it that the server is back (or gone).
        const health = db.health();
        if (!health.ok) reasons.push(...health.problems);
        else if (pingError) {
          app.log.error({ err: pingError }, 'readyz: database ping failed');
          reasons.push(pingError instanceof PingTimeout ? pingError.message : t('health.dbDown'));
        } else warnings.push(...health.problems);
      }
      let services: Record<string, ServiceReadiness> = {};
      try {
        services = (await opts.readiness?.()) ?? {};
      } catch (err) {
        app.log.error({ err }, 'readyz: service readiness failed');
        reasons.push(t('errors.unavailable'));
      }
      for (const [id, s] of Object.entries(services)) {
        if (!s.ready) reasons.push(`${id} : ${s.status || t('health.notReady')}`);
      }
      if (reasons.length > 0) return reply.code(503).send({ status: 'unavailable', reasons, services });
      return warnings.length > 0 ? { status: 'ok', warnings, services } : { status: 'ok', services };
    });

    // Through the error handler: JSON for the API, an HTML page for browsers when the web front end is mounted.
    app.setNotFoundHandler({ preHandler: app.rateLimit() }, (req) => {
      const path = req.url.split('?')[0];
      if (path === '/api' || path.startsWith('/api/')) {
        throw new HttpError(404, t('errors.notFound', { method: req.method, route: path.slice(0, 200) }));
      }
      throw new HttpError(404, t('errors.pageNotFound'));
    });
  });

  return app;
}

/** The common part of every service's `/status` answer; services add their own fields beside it. */
export const serviceStatusSchema = z
  .object({
    ready: z.boolean().describe('Le service peut répondre'),
    message: z.string().nullable().describe('Ce que fait le service quand il n’est pas prêt'),
    progress: z
      .object({ done: z.number(), total: z.number(), message: z.string() })
      .nullable()
      .describe('Avancement de la préparation (premier import…)'),
  })
  .catchall(z.unknown());

export type ServiceStatusBody = z.infer<typeof serviceStatusSchema>;

export function statusBody(status: ServiceStatus): ServiceStatusBody {
  return { ...status.details, ready: status.ready, message: status.message ?? null, progress: status.progress ?? null };
}

/**
 * Mounts a service's API under `/api/<id>`, plus its `/status` (readiness and warm-up progress,
 * the same shape for every service), and its compatibility routes at their fixed paths; they load with
 * the other plugins on `app.ready()`.
 */
export function registerService<S>(app: FastifyInstance, module: ServiceModule<S>, ctx: ServiceContext<S>): void {
  app.register(
    async (scoped) => {
      scoped.withTypeProvider<ZodTypeProvider>().get(
        '/status',
        {
          schema: {
            tags: [module.title],
            summary: `État de ${module.title} : prêt, ou avancement de sa préparation`,
            response: { 200: serviceStatusSchema, 500: errorBodySchema },
          },
        },
        async () => statusBody(await module.status(ctx)),
      );
      await module.routes(scoped, ctx);
    },
    { prefix: `/api/${module.id}` },
  );
  const compat = module.compatRoutes;
  if (compat) app.register(async (scoped) => compat(scoped, ctx));
}
