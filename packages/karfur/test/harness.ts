/**
 * Karfu'R on the real platform, without the rest of the suite: openSuite with Karfu'R alone, the
 * platform's HTTP server, auth (with TOTP) and uploads, Karfu'R's API mounted as in production. The
 * starter content is imported and the search snapshot built directly (no background job). Clients
 * keep their cookies (logged-in staff).
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { createServer, openSuite, registerAuth, registerService, registerUploads, UserStore, type Suite } from '@eig/platform';
import type { TestDb } from '@eig/platform/testing';
import karfur, { karfurFor } from '../src/index.ts';
import type { KarfurSettings } from '../src/runtime.ts';
import type { ServiceContext } from '@eig/platform';

export interface Harness {
  app: FastifyInstance;
  suite: Suite;
  ctx: ServiceContext<KarfurSettings>;
  client(): Client;
  /** A user with roles, logged in (enrolling TOTP when a role requires it). */
  login(email: string, roles: string[], opts?: { enrolTotp?: boolean }): Promise<Client>;
  close(): Promise<void>;
}

export interface Client {
  send(o: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  userId?: string;
}

let ip = 0;
const PASSWORD = 'un mot de passe de test assez long';

export async function startHarness(db: TestDb): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'karfur-test-'));
  const config = { ...db.config, dataDir, rateLimitMax: 100_000 };
  const suite = await openSuite({ services: [karfur], config, db, runJobs: false, env: {} });
  const app = createServer({ config, log: suite.log, db });
  registerAuth(app, { db, roles: suite.roles });
  registerUploads(app, { tmpDir: path.join(dataDir, 'tmp') });
  const mounted = suite.services[0];
  registerService(app, mounted.module, mounted.ctx);
  await app.ready();
  const ctx = mounted.ctx as ServiceContext<KarfurSettings>;
  const rt = karfurFor(ctx).runtime;
  await rt.importContent();
  await rt.buildSearchSnapshot();

  const client = (): Client => {
    const cookies = new Map<string, string>();
    const addr = `10.9.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
    const send = async (o: InjectOptions) => {
      const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await app.inject({ remoteAddress: addr, ...o, headers: { ...(cookie ? { cookie } : {}), ...o.headers } });
      for (const c of res.cookies as { name: string; value: string; maxAge?: number }[]) {
        if (c.value === '' || c.maxAge === 0) cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
      return res;
    };
    return {
      send,
      get: (url) => send({ method: 'GET', url }),
      post: (url, body = {}) => send({ method: 'POST', url, payload: body as object }),
      put: (url, body = {}) => send({ method: 'PUT', url, payload: body as object }),
    };
  };

  return {
    app,
    suite,
    ctx,
    client,
    async login(email, roles, opts = {}) {
      const user = await new UserStore(db, { roles: suite.roles }).create(email, PASSWORD, roles);
      const c = client();
      c.userId = String(user.id);
      const res = await c.post('/api/auth/login', { email, password: PASSWORD });
      const body = res.json() as { status: string };
      if (body.status === 'totp_enrolment_required' && opts.enrolTotp !== false) {
        const enrol = (await c.post('/api/auth/totp/enrolment')).json() as { secret: string };
        const confirm = await c.post('/api/auth/totp/enrolment/confirm', { code: await generate({ secret: enrol.secret }) });
        if (confirm.statusCode !== 200) throw new Error(`TOTP enrolment failed: ${confirm.body}`);
      }
      return c;
    },
    async close() {
      await app.close();
      await suite.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
