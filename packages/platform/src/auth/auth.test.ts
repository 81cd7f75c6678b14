/**
 * Accounts, sessions and the /api/auth routes over HTTP semantics (Fastify inject), on PGlite and
 * PostgreSQL: login, logout, expiry, roles (401 vs 403), login rate limit, CSRF, and logs that
 * never carry an email, a password or a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { createLogger } from '../log.ts';
import { migrate } from '../db/migrate.ts';
import { createServer } from '../http/server.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { authMigrations, UserStore } from './store.ts';
import { registerAuth, requireRole, SESSION_COOKIE } from './plugin.ts';

const ADMIN = { email: 'Admin@Exemple.gouv.fr', password: 'un mot de passe solide' };
const AGENT = { email: 'agent@exemple.gouv.fr', password: 'autre mot de passe sûr' };

describe('password hashing', () => {
  it('salts every hash, verifies, and refuses weak passwords', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(passwordProblem('court')).toMatch(/12 caractères/);
    expect(passwordProblem('aaaaaaaaaaaaaa')).toMatch(/trop peu de caractères différents/);
    expect(passwordProblem('un mot de passe solide')).toBeNull();
  });
});

describe.each(testDatabases())('auth on $name', (target) => {
  let db: TestDb;
  let app: FastifyInstance;
  let store: UserStore;
  const lines: string[] = [];
  let ip = 0;
  /** Each test its own client IP, so that the login rate limit of one does not leak into another. */
  const client = () => {
    const remoteAddress = `10.0.0.${++ip}`;
    return (opts: InjectOptions) => app.inject({ remoteAddress, ...opts });
  };
  const login = (send: ReturnType<typeof client>, body: unknown, headers: Record<string, string> = {}) =>
    send({ method: 'POST', url: '/api/auth/login', payload: body as object, headers });
  const sessionCookie = (res: { cookies: { name: string; value: string }[] }) =>
    `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;

  beforeAll(async () => {
    db = await target.open();
    await migrate(db, 'platform', authMigrations);
    // Applying twice is a no-op.
    expect(await migrate(db, 'platform', authMigrations)).toEqual([]);
    store = new UserStore(db);
    await store.create(ADMIN.email, ADMIN.password, ['admin']);
    await store.create(AGENT.email, AGENT.password, ['agent']);
    const log = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
    app = createServer({ config: db.config, log, db });
    registerAuth(app, { db });
    app.register(
      async (scoped) => {
        scoped.get('/admin', { preHandler: requireRole('admin') }, async (req) => ({ who: req.user!.email }));
        scoped.get('/staff', { preHandler: requireRole('admin', 'agent') }, async () => ({ ok: true }));
        scoped.post('/change', { preHandler: requireRole() }, async () => ({ changed: true }));
        scoped.get('/public', async (req) => ({ user: req.user }));
      },
      { prefix: '/api/demo' },
    );
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await target.cleanup();
  });

  it('stores accounts with normalised emails and refuses duplicates and weak passwords', async () => {
    const list = await store.list();
    expect(list.map((u) => [u.email, u.roles])).toEqual([
      ['admin@exemple.gouv.fr', ['admin']],
      ['agent@exemple.gouv.fr', ['agent']],
    ]);
    await expect(store.create(' ADMIN@exemple.gouv.fr', 'encore un autre mot', [])).rejects.toThrow(/existe déjà/);
    await expect(store.create('x@exemple.gouv.fr', 'court', [])).rejects.toThrow(/12 caractères/);
    await expect(store.create('pas-une-adresse', 'un mot de passe solide', [])).rejects.toThrow(/adresse électronique invalide/);
    await expect(store.create('y@exemple.gouv.fr', 'un mot de passe solide', ['Admin!'])).rejects.toThrow(/rôle invalide/);
    const { rows } = await db.query<{ password_hash: string }>('SELECT password_hash FROM platform_users');
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$/);
  });

  it('logs in: HttpOnly SameSite=Lax session cookie, /me, then logs out', async () => {
    const send = client();
    const res = await login(send, { email: 'admin@exemple.gouv.fr ', password: ADMIN.password });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toEqual({ id: expect.any(Number), email: 'admin@exemple.gouv.fr', roles: ['admin'] });
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]{43};`));
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    expect(set).toMatch(/Max-Age=43200/);
    const cookie = sessionCookie(res);
    // Only a hash of the token is stored.
    const token = cookie.split('=')[1];
    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM platform_sessions');
    expect(rows.some((r) => r.token_hash === token)).toBe(false);

    const me = await send({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('admin@exemple.gouv.fr');
    expect((await send({ method: 'GET', url: '/api/demo/public', headers: { cookie } })).json().user.roles).toEqual(['admin']);

    const out = await send({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'http://localhost:80' } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=;.*Expires=Thu, 01 Jan 1970`));
    // The old token is dead server-side, even if a client kept it.
    expect((await send({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await send({ method: 'GET', url: '/api/demo/public', headers: { cookie } })).json().user).toBeNull();
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const send = client();
    const wrong = await login(send, { email: ADMIN.email, password: 'pas le bon mot de passe' });
    const unknown = await login(send, { email: 'personne@exemple.gouv.fr', password: ADMIN.password });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().message).toBe('Adresse électronique ou mot de passe incorrect.');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    expect((await login(send, { email: ADMIN.email })).statusCode).toBe(400);
    expect((await login(send, { email: ADMIN.email, password: 'x'.repeat(1025) })).statusCode).toBe(400);
  });

  it('forgets expired sessions', async () => {
    const send = client();
    const cookie = sessionCookie(await login(send, AGENT));
    expect((await send({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await db.query(`UPDATE platform_sessions SET expires_at = now() - interval '1 second'`);
    const me = await send({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().message).toBe('Authentification requise : connectez-vous.');
  });

  it('answers 401 when not logged in and 403 without the role', async () => {
    const send = client();
    const anonymous = await send({ method: 'GET', url: '/api/demo/admin' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toMatch(/Authentification requise/);
    const bogus = await send({ method: 'GET', url: '/api/demo/admin', headers: { cookie: `${SESSION_COOKIE}=forged` } });
    expect(bogus.statusCode).toBe(401);

    const agent = sessionCookie(await login(send, AGENT));
    const denied = await send({ method: 'GET', url: '/api/demo/admin', headers: { cookie: agent } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().message).toBe('Accès refusé : il faut le rôle « admin ».');
    expect((await send({ method: 'GET', url: '/api/demo/staff', headers: { cookie: agent } })).statusCode).toBe(200);

    const admin = sessionCookie(await login(send, ADMIN));
    const ok = await send({ method: 'GET', url: '/api/demo/admin', headers: { cookie: admin } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ who: 'admin@exemple.gouv.fr' });
  });

  it('refuses cross-site state changes made with the session cookie (CSRF)', async () => {
    const send = client();
    const cookie = sessionCookie(await login(send, AGENT));
    const post = (headers: Record<string, string>, payload?: string) =>
      send({ method: 'POST', url: '/api/demo/change', headers: { cookie, ...headers }, payload });
    // Another origin, even with JSON.
    const evil = await post({ origin: 'https://evil.example', 'content-type': 'application/json' }, '{}');
    expect(evil.statusCode).toBe(403);
    expect(evil.json().message).toMatch(/protection contre la falsification/);
    expect((await post({ origin: 'null', 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')).statusCode).toBe(403);
    // Fetch Metadata: the browser says the request comes from another site, or from this one.
    expect((await post({ 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }, '{}')).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'cross-site', origin: 'http://localhost:80' })).statusCode).toBe(403);
    expect((await post({ 'sec-fetch-site': 'same-origin', origin: 'null' })).statusCode).toBe(200);
    // An HTML form (no Origin, e.g. an old browser): refused.
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')).statusCode).toBe(403);
    expect((await post({ 'content-type': 'text/plain' }, 'a=1')).statusCode).toBe(403);
    // Same origin, or JSON (a cross-origin page cannot send it without a CORS preflight): accepted.
    expect((await post({ origin: 'http://localhost:80' })).statusCode).toBe(200);
    expect((await post({ 'content-type': 'application/json' }, '{}')).statusCode).toBe(200);
    // Login itself: JSON only, or same origin (login CSRF).
    // (a form body is refused before that, as an unsupported media type)
    expect([403, 415]).toContain(
      (await login(send, 'email=a&password=b', { 'content-type': 'application/x-www-form-urlencoded' })).statusCode,
    );
    expect((await login(send, AGENT, { origin: 'https://evil.example' })).statusCode).toBe(403);
  });

  it('limits login attempts to 10 per minute and IP', async () => {
    const send = client();
    // Ten different addresses: the per-account lock (lockout.test.ts) must not be what stops them.
    for (let i = 0; i < 10; i++) {
      expect((await login(send, { email: `inconnu${i}@exemple.gouv.fr`, password: `mauvais ${i}` })).statusCode).toBe(401);
    }
    const blocked = await login(send, ADMIN);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/Trop de requêtes/);
    // Another IP is not affected.
    expect((await login(client(), ADMIN)).statusCode).toBe(200);
  });

  it('never logs emails, passwords or tokens', async () => {
    const send = client();
    const res = await login(send, ADMIN);
    const token = sessionCookie(res).split('=')[1];
    await login(send, { email: 'inconnu@exemple.gouv.fr', password: 'secret-jamais-logue' });
    const all = lines.join('\n');
    expect(all).toMatch(/"event":"login"/);
    expect(all).toMatch(/"event":"login_failed"/);
    for (const secret of [
      ADMIN.password,
      AGENT.password,
      'secret-jamais-logue',
      token,
      'exemple.gouv.fr',
      'Exemple.gouv.fr',
      SESSION_COOKIE,
    ]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
