/**
 * For tests: a server with the auth plugin and a few demo routes, a browser-like client with a cookie
 * jar and its own IP, and a log capture.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createLogger } from '../log.ts';
import { migrate } from '../db/migrate.ts';
import type { Db } from '../db/types.ts';
import type { Config } from '../config.ts';
import { createServer } from '../http/server.ts';
import { authMigrations } from '../auth/store.ts';
import { registerAuth, requireRole, type AuthOptions } from '../auth/plugin.ts';

export interface AuthTestApp {
  app: FastifyInstance;
  /** Every log line, as written. */
  lines: string[];
  /** A new client (its own IP and cookie jar). */
  client(ip?: string): TestClient;
}

export interface TestClient {
  ip: string;
  cookies: Map<string, string>;
  send(opts: InjectOptions): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
}

let nextIp = 0;

export async function startAuthApp(db: Db & { config: Config }, opts: Omit<AuthOptions, 'db'> = {}): Promise<AuthTestApp> {
  await migrate(db, 'platform', authMigrations);
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  const app = createServer({ config: db.config, log, db });
  registerAuth(app, { db, ...opts });
  app.register(
    async (scoped) => {
      scoped.get('/admin', { preHandler: requireRole('admin') }, async (req) => ({ who: req.user!.email }));
      scoped.get('/expert', { preHandler: requireRole('demo.expert', 'admin') }, async () => ({ ok: true }));
      scoped.get('/anyone', { preHandler: requireRole() }, async () => ({ ok: true }));
    },
    { prefix: '/api/demo' },
  );
  await app.ready();

  const client = (ip = `10.1.${Math.floor(++nextIp / 250)}.${(nextIp % 250) + 1}`): TestClient => {
    const cookies = new Map<string, string>();
    const send = async (o: InjectOptions) => {
      const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await app.inject({ remoteAddress: ip, ...o, headers: { ...(cookie ? { cookie } : {}), ...o.headers } });
      for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
        const gone = c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
        if (gone) cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
      return res;
    };
    return {
      ip,
      cookies,
      send,
      post: (url, body = {}) => send({ method: 'POST', url, payload: body as object }),
      get: (url) => send({ method: 'GET', url }),
    };
  };
  return { app, lines, client };
}
