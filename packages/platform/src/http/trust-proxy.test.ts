/**
 * Issue: with TRUST_PROXY=true, rotating X-Forwarded-For bypassed the 300/min limit (400 of 400
 * passed) and the 10/min login limit (15 of 15). These tests send exactly that and expect the limits
 * to hold, for `true`, a hop count and a list of proxy addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createServer } from './server.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startAuthApp } from '../testing/auth-app.ts';

const PROXY = '10.0.0.1';
let spoof = 0;
/** What a client sends to rotate its apparent IP, then what the proxy appends: the address it saw. */
const forwardedFor = (realClient: string) => `${++spoof % 250}.${spoof % 199}.1.${spoof % 97}, ${realClient}`;

async function demoServer(env: Record<string, string>): Promise<FastifyInstance> {
  const app = createServer({ config: loadConfig(env), log: createLogger({ level: 'silent' }) });
  app.register(async (s) => s.get('/api/demo/ip', async (req) => ({ ip: req.ip, protocol: req.protocol })));
  await app.ready();
  return app;
}

describe('fastifyTrustProxy', () => {
  it('maps the setting to what Fastify trusts', () => {
    expect(fastifyTrustProxy(false)).toBe(false);
    expect(fastifyTrustProxy(['10.0.0.0/8'])).toEqual(['10.0.0.0/8']);
    const oneHop = fastifyTrustProxy(1) as (a: string, i: number) => boolean;
    expect(oneHop('10.0.0.1', 0)).toBe(true);
    expect(oneHop('10.0.0.2', 1)).toBe(false);
    expect(oneHop('::1', 0)).toBe(true);
    expect(oneHop('fd12::1', 0)).toBe(true);
    // A client on the Internet is never taken for a proxy.
    expect(oneHop('203.0.113.9', 0)).toBe(false);
    const twoHops = fastifyTrustProxy(2) as (a: string, i: number) => boolean;
    expect(twoHops('192.168.1.1', 1)).toBe(true);
    expect(twoHops('192.168.1.1', 2)).toBe(false);
  });
});

describe.each([
  ['true (one hop, as before, but safely)', { TRUST_PROXY: 'true' }],
  ['a hop count', { TRUST_PROXY: '1' }],
  ['the proxy address', { TRUST_PROXY: '10.0.0.0/8' }],
])('TRUST_PROXY as %s', (_name, env) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await demoServer(env);
  });
  afterAll(() => app.close());

  it('reads the client IP the proxy appended, not the ones the client sent', async () => {
    const res = await app.inject({
      url: '/api/demo/ip',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '1.2.3.4, 203.0.113.7', 'x-forwarded-proto': 'https' },
    });
    expect(res.json()).toEqual({ ip: '203.0.113.7', protocol: 'https' });
  });

  it('ignores X-Forwarded-For from a client that is not a proxy', async () => {
    const res = await app.inject({
      url: '/api/demo/ip',
      remoteAddress: '203.0.113.50',
      headers: { 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' },
    });
    expect(res.json()).toEqual({ ip: '203.0.113.50', protocol: 'http' });
  });

  it('keeps the 300 requests a minute limit when a client rotates X-Forwarded-For', async () => {
    const through = (realClient: string) =>
      app.inject({ url: '/api/demo/ip', remoteAddress: PROXY, headers: { 'x-forwarded-for': forwardedFor(realClient) } });
    for (let i = 0; i < 300; i++) expect((await through('203.0.113.20')).statusCode).toBe(200);
    const blocked = await through('203.0.113.20');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/Trop de requêtes/);
    // Another client behind the same proxy is not affected.
    expect((await through('203.0.113.21')).statusCode).toBe(200);
    // A direct client rotating the header is limited as well.
    const direct = () =>
      app.inject({ url: '/api/demo/ip', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': forwardedFor('1.1.1.1') } });
    for (let i = 0; i < 300; i++) await direct();
    expect((await direct()).statusCode).toBe(429);
  });
});

describe('TRUST_PROXY off (the default)', () => {
  it('ignores X-Forwarded-* entirely', async () => {
    const app = await demoServer({});
    const res = await app.inject({
      url: '/api/demo/ip',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '203.0.113.7', 'x-forwarded-proto': 'https' },
    });
    expect(res.json()).toEqual({ ip: PROXY, protocol: 'http' });
    await app.close();
  });
});

describe.each(testDatabases().slice(0, 1))('login limit behind a proxy on $name', (target) => {
  let db: TestDb;
  afterAll(() => target.cleanup());

  it('keeps the 10 logins a minute limit when a client rotates X-Forwarded-For', async () => {
    db = await target.open();
    db.config.trustProxy = 1;
    const { app } = await startAuthApp(db);
    const login = (i: number, realClient = '203.0.113.30') =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': forwardedFor(realClient) },
        // Other addresses each time: the per-account lock is not what is tested here.
        payload: { email: `personne${i}@exemple.gouv.fr`, password: 'pas le bon mot de passe' },
      });
    for (let i = 0; i < 10; i++) expect((await login(i)).statusCode).toBe(401);
    const blocked = await login(10);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/Trop de requêtes/) });
    expect((await login(11, '203.0.113.31')).statusCode).toBe(401);
    await app.close();
  });
});
