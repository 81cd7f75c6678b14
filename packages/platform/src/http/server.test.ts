import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { openPglite } from '../db/pglite.ts';
import type { Db } from '../db/types.ts';
import type { ServiceModule } from '../service.ts';
import { createServer, registerService, type ServerOptions } from './server.ts';
import { HttpError } from './errors.ts';

const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/eig-unused' });

function capture() {
  const lines: string[] = [];
  return { lines, log: createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } }) };
}

/** A service with the kinds of routes real services declare. */
const demo: ServiceModule = {
  id: 'demo',
  title: 'Démo',
  migrations: [],
  async status() {
    return { ready: false, message: 'ingestion', progress: { done: 1, total: 4, message: 'articles' }, details: { dataset: null } };
  },
  async routes(app) {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/search',
      {
        schema: {
          querystring: z.object({ q: z.string().min(2), limit: z.coerce.number().int().max(50).default(10) }),
          response: { 200: z.object({ q: z.string(), limit: z.number() }) },
        },
      },
      async (req) => ({ q: req.query.q, limit: req.query.limit }),
    );
    r.get('/articles/:num', { schema: { params: z.object({ num: z.string() }) } }, async (req) => ({ num: req.params.num }));
    r.post('/echo', { schema: { body: z.object({ text: z.string().max(10) }) } }, async (req) => req.body);
    r.get('/boom', async () => {
      throw new Error('secret internal detail');
    });
    r.get('/teapot', async () => {
      throw new HttpError(409, 'Déjà en cours.');
    });
  },
  async compatRoutes(app) {
    app.get('/legacy/predict', async () => ({ legacy: true }));
  },
  async stand() {
    throw new Error('unused');
  },
};

let db: Db | undefined;
const apps: FastifyInstance[] = [];
async function build(extra: Partial<ServerOptions> = {}) {
  const { log, lines } = capture();
  const app = createServer({ config, log, ...extra });
  registerService(app, demo, { config, settings: {}, log, db: db!, jobs: undefined as never });
  await app.ready();
  apps.push(app);
  return { app, lines };
}

afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});
afterAll(async () => {
  await db?.close();
});

describe('http server', () => {
  it('/healthz says the process is alive without touching the database', async () => {
    const broken = {
      query: async () => {
        throw new Error('down');
      },
      health: () => ({ ok: true, problems: [] }),
    } as unknown as Db;
    const { app } = await build({ db: broken });
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('mounts a service’s compatibility routes at their fixed path, outside its /api prefix', async () => {
    const { app } = await build();
    const res = await app.inject('/legacy/predict');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ legacy: true });
    expect((await app.inject('/api/demo/legacy/predict')).statusCode).toBe(404);
  });

  it('/readyz pings the database and reports service readiness, 503 with the reasons', async () => {
    db = await openPglite();
    const ready = await build({ db, readiness: () => ({ demo: { ready: true } }) });
    expect((await ready.app.inject('/readyz')).json()).toEqual({ status: 'ok', services: { demo: { ready: true } } });
    const { app } = await build({ db, readiness: () => ({ demo: { ready: false, status: 'ingestion' } }) });
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', reasons: ['demo : ingestion'] });
  });

  it('/readyz answers 503 when the database is down', async () => {
    const broken = {
      query: async () => {
        throw new Error('down');
      },
      health: () => ({ ok: true, problems: [] }),
    } as unknown as Db;
    const { app } = await build({ db: broken });
    const res = await app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.json().reasons).toEqual(['Base de données injoignable.']);
  });

  it('serves each service status in one shape at /api/<id>/status', async () => {
    const { app } = await build();
    const res = await app.inject('/api/demo/status');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ready: false, message: 'ingestion', progress: { done: 1, total: 4, message: 'articles' }, dataset: null });
  });

  it('serves a valid OpenAPI document including service routes', async () => {
    const { app } = await build();
    const res = await app.inject('/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/demo/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'limit']);
    expect(doc.paths['/api/demo/articles/{num}']).toBeDefined();
    expect(doc.paths['/healthz']).toBeUndefined();
    const ui = await app.inject('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });

  it('runs zod-validated routes under /api/<id>', async () => {
    const { app } = await build();
    const res = await app.inject('/api/demo/search?q=licenciement&limit=5');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ q: 'licenciement', limit: 5 });
  });

  it('answers 400 with a French message naming the bad field', async () => {
    const { app } = await build();
    const res = await app.inject('/api/demo/search?q=x');
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body).toMatchObject({ statusCode: 400, code: 'validation_error' });
    expect(body.message).toMatch(/« q »/);
    const limit = await app.inject('/api/demo/search?q=abc&limit=500');
    expect(limit.statusCode).toBe(400);
    expect(limit.json().message).toMatch(/« limit »/);
    const missing = await app.inject('/api/demo/search');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/« q »/);
  });

  it.each(['%FF%FE', '%C3%28', '%E0%A4', 'abc%00def', '%'])('rejects a query string with bad bytes (%s) with 400', async (q) => {
    const { app } = await build();
    const res = await app.inject(`/api/demo/search?q=${q}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/UTF-8/);
  });

  it('rejects a malformed path with 400', async () => {
    const { app } = await build();
    const res = await app.inject('/api/demo/articles/%FF');
    expect(res.statusCode).toBe(400);
  });

  it('handles malformed JSON, too-large bodies and body validation', async () => {
    const { app } = await build({ bodyLimit: 100 });
    const json = { 'content-type': 'application/json' };
    const bad = await app.inject({ method: 'POST', url: '/api/demo/echo', headers: json, payload: '{"text":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/JSON/);
    const big = await app.inject({
      method: 'POST',
      url: '/api/demo/echo',
      headers: json,
      payload: JSON.stringify({ text: 'x'.repeat(500) }),
    });
    expect(big.statusCode).toBe(413);
    const invalid = await app.inject({ method: 'POST', url: '/api/demo/echo', payload: { text: 'much too long text' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/« text »/);
    const ok = await app.inject({ method: 'POST', url: '/api/demo/echo', payload: { text: 'court' } });
    expect(ok.json()).toEqual({ text: 'court' });
  });

  it('hides unexpected errors behind a generic 500 and passes HttpError through', async () => {
    const { app, lines } = await build();
    const res = await app.inject('/api/demo/boom');
    expect(res.statusCode).toBe(500);
    expect(res.json().message).not.toMatch(/secret/);
    expect(lines.join('')).toMatch(/secret internal detail/); // but it is logged for us
    const conflict = await app.inject('/api/demo/teapot');
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ statusCode: 409, code: 'conflict', message: 'Déjà en cours.' });
  });

  it('answers JSON 404s, and HTML error pages to browsers when the front end renders them', async () => {
    const { app } = await build();
    const api = await app.inject('/api/demo/nope?q=x');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    expect((await app.inject('/nowhere')).json()).toMatchObject({ statusCode: 404, code: 'not_found' });
    app.htmlErrorRenderer = (_req, reply, error) => reply.code(error.statusCode).type('text/html').send(`<p>${error.message}</p>`);
    const page = await app.inject({ url: '/demo/page-inconnue', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(404);
    expect(page.body).toBe('<p>La page que vous cherchez est introuvable.</p>');
    // API clients keep JSON, even when they accept HTML.
    expect((await app.inject({ url: '/api/demo/nope', headers: { accept: 'text/html,*/*' } })).json().code).toBe('not_found');
  });

  it('rate-limits with a French 429, but never /healthz', async () => {
    const { app } = await build({ rateLimit: { max: 3 } });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await app.inject('/api/demo/search?q=abc')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const limited = await app.inject('/api/demo/search?q=abc');
    expect(limited.json()).toMatchObject({ statusCode: 429, code: 'rate_limited' });
    expect(limited.json().message).toMatch(/Trop de requêtes/);
    expect(limited.headers['retry-after']).toBeDefined();
    for (let i = 0; i < 5; i++) expect((await app.inject('/healthz')).statusCode).toBe(200);
    // Hashed assets and package files are not counted: a page loads a dozen of them.
    for (let i = 0; i < 5; i++) expect((await app.inject('/assets/app-x.css')).statusCode).toBe(404);
    // In-process calls made on behalf of an already counted page request are not limited again...
    const internal = await app.inject({ url: '/api/demo/search?q=abc', headers: { ...app.internalHeaders } });
    expect(internal.statusCode).toBe(200);
    // ...and the marker cannot be forged from outside.
    const forged = await app.inject({ url: '/api/demo/search?q=abc', headers: { 'x-eig-internal': 'guess' } });
    expect(forged.statusCode).toBe(429);
  });

  it('sends security headers with a CSP fit for the front end', async () => {
    const { app } = await build();
    const res = await app.inject('/healthz');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('never writes query strings, path values or bodies to the logs', async () => {
    const { app, lines } = await build();
    await app.inject('/api/demo/search?q=mon-licenciement-secret');
    await app.inject('/api/demo/search?q=x-secret');
    await app.inject('/api/demo/articles/L1234-secret?q=autre-secret');
    await app.inject('/nowhere-secret?q=encore-secret');
    await app.inject({ method: 'POST', url: '/api/demo/echo', payload: { text: 'secret' } });
    await app.inject({
      method: 'POST',
      url: '/api/demo/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"text": secret',
    });
    await app.inject('/api/demo/search?q=%FFsecret');
    const logs = lines.join('');
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(logs).not.toMatch(/secret/);
    const entries = lines.map((l) => JSON.parse(l));
    const routes = entries.map((e) => e.req?.route ?? e.res?.route).filter(Boolean);
    expect(routes).toContain('/api/demo/search');
    expect(routes).toContain('/api/demo/articles/:num');
    const completed = entries.find((e) => e.msg === 'request completed');
    expect(completed).toMatchObject({
      res: { route: expect.any(String), statusCode: expect.any(Number) },
      responseTime: expect.any(Number),
    });
    // One line per request, not two.
    expect(entries.filter((e) => e.msg === 'incoming request')).toEqual([]);
    expect(entries.filter((e) => e.msg === 'request completed').length).toBe(7);
  });
});

describe('load shedding', () => {
  it('answers 503 with Retry-After at once past the limit of requests in flight, never for probes', async () => {
    const { log } = capture();
    const app = createServer({ config: { ...config, maxInFlight: 2 }, log });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    app.get('/api/slow', async () => {
      await gate;
      return { ok: true };
    });
    await app.ready();
    try {
      const first = app.inject('/api/slow');
      const second = app.inject('/api/slow');
      await new Promise((r) => setTimeout(r, 50));
      const third = await app.inject('/api/slow');
      expect(third.statusCode).toBe(503);
      expect(third.headers['retry-after']).toBe('1');
      expect(third.json()).toMatchObject({ code: 'overloaded' });
      expect((await app.inject('/healthz')).statusCode).toBe(200);
      release();
      expect((await first).statusCode).toBe(200);
      expect((await second).statusCode).toBe(200);
      // Slots are given back: the next request goes through.
      expect((await app.inject('/api/slow')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('what Node’s HTTP parser refuses', () => {
  it('answers in French JSON: raw bytes in the request line, a 10,001-character query goes to validation, not a 431', async () => {
    const { log } = capture();
    const app = createServer({ config, log });
    app.register(async (scoped) => {
      scoped
        .withTypeProvider<ZodTypeProvider>()
        .get('/api/q', { schema: { querystring: z.object({ q: z.string().max(10_000) }) } }, async (req) => ({ n: req.query.q.length }));
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { port } = new URL(address);
      const raw = await new Promise<string>((resolve, reject) => {
        let data = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /\u0001\u00ff HTTP/1.1\r\nHost: x\r\n\r\n'));
        socket.on('data', (d) => (data += d));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(raw).toMatch(/^HTTP\/1.1 400/);
      expect(raw).toContain('"code":"bad_request"');
      expect(raw).toContain('Requête HTTP mal formée.');
      const ok = await fetch(`${address}/api/q?q=${encodeURIComponent('é'.repeat(10_000))}`);
      expect(ok.status).toBe(200);
      const tooLong = await fetch(`${address}/api/q?q=${encodeURIComponent('é'.repeat(10_001))}`);
      expect(tooLong.status).toBe(400);
      expect(((await tooLong.json()) as { message: string }).message).toMatch(/« q »/);
    } finally {
      await app.close();
    }
  });
});

describe('error logging', () => {
  it('does not copy the input quoted in PostgreSQL data errors into the logs', async () => {
    const pg = await openPglite();
    try {
      const { log, lines } = capture();
      const app = createServer({ config, log });
      app.register(async (scoped) => {
        scoped.get('/api/cast', async () => pg.query('SELECT $1::int AS n', ['mon-numero-secret']));
      });
      await app.ready();
      const res = await app.inject('/api/cast');
      expect(res.statusCode).toBe(500);
      const logs = lines.join('');
      expect(logs).toMatch(/invalid input syntax/);
      expect(logs).not.toMatch(/secret/);
      await app.close();
    } finally {
      await pg.close();
    }
  });
});
