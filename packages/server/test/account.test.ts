/**
 * The second factor through the web pages, as a browser without JavaScript would use them: a role that
 * requires TOTP sends its holder to the set-up page at first login; the recovery codes are shown once;
 * the next logins ask for the code (or a recovery code) after the password.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { UserStore } from '@eig/platform';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { createApp, type App } from '../src/app.ts';

const ADMIN = { email: 'admin.totp@exemple.gouv.fr', password: 'un mot de passe solide' };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

/** A browser's cookie jar, enough for these pages. */
function browser(app: App) {
  const jar = new Map<string, string>();
  const remember = (res: { cookies: { name: string; value: string; maxAge?: number; expires?: Date }[] }) => {
    for (const c of res.cookies) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    async get(url: string) {
      const res = await app.app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: cookie() } });
      remember(res);
      return res;
    },
    async post(url: string, fields: Record<string, string>) {
      const res = await app.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', cookie: cookie(), ...SAME_ORIGIN },
      });
      remember(res);
      return res;
    },
  };
}

const secretIn = (html: string) => /class="eig-secret">([A-Z2-7 ]+)</.exec(html)?.[1].replace(/ /g, '') ?? '';

describe.each(testDatabases().slice(0, 1))('second factor through the web pages on $name', (target) => {
  let db: TestDb;
  let suite: App;

  beforeAll(async () => {
    db = await target.open();
    suite = await createApp({ config: { ...db.config, rateLimitMax: 1_000_000, adminRequireTotp: true }, db });
    await new UserStore(db).create(ADMIN.email, ADMIN.password, ['admin']);
  });
  afterAll(async () => {
    await suite?.close();
    await target.cleanup();
  });

  it('sets up TOTP at first login, shows the recovery codes once, then asks for a code at each login', async () => {
    const b = browser(suite);
    const first = await b.post('/connexion', { ...ADMIN, retour: '/admin' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/compte/double-authentification');
    // Restricted to enrolment: the administration sends back to the set-up page.
    expect((await b.get('/admin')).headers.location).toBe('/compte/double-authentification');

    const start = await b.get('/compte/double-authentification');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Vos rôles exigent une double authentification');
    const scan = await b.post('/compte/double-authentification', {});
    expect(scan.statusCode).toBe(200);
    expect(scan.body).toMatch(/<img[^>]*src="data:image\/svg\+xml/);
    const secret = secretIn(scan.body);
    expect(secret.length).toBeGreaterThanOrEqual(16);

    const wrong = await b.post('/compte/double-authentification/confirmer', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('role="alert"');
    const secret2 = secretIn(wrong.body);
    const codes = await b.post('/compte/double-authentification/confirmer', { code: await generate({ secret: secret2 }) });
    expect(codes.statusCode).toBe(200);
    const recovery = [...codes.body.matchAll(/<li><code>([A-Z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    expect(recovery).toHaveLength(10);

    const account = await b.get('/compte');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Activée');
    expect(account.body).toContain('Administrateur de la suite');
    expect((await b.get('/admin')).statusCode).toBe(200);
    expect((await b.post('/deconnexion', {})).headers.location).toBe('/');

    // Next login: the password, then the code.
    const again = browser(suite);
    const step1 = await again.post('/connexion', { ...ADMIN, retour: '/admin' });
    expect(step1.headers.location).toBe('/connexion/code?retour=%2Fadmin');
    const form = await again.get('/connexion/code?retour=%2Fadmin');
    expect(form.body).toContain('name="code"');
    const bad = await again.post('/connexion/code', { code: '111111', retour: '/admin' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toMatch(/<title>Erreur : Connexion : code de vérification/);
    const good = await again.post('/connexion/code', {
      code: await generate({ secret: secret2, epoch: Math.floor(Date.now() / 1000) + 30 }),
      retour: '/admin',
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe('/admin');
    expect((await again.get('/admin')).statusCode).toBe(200);

    // A recovery code works once.
    const third = browser(suite);
    await third.post('/connexion', { ...ADMIN, retour: '/' });
    expect((await third.post('/connexion/code', { recovery: recovery[0], retour: '/' })).headers.location).toBe('/');
    const fourth = browser(suite);
    await fourth.post('/connexion', { ...ADMIN, retour: '/' });
    expect((await fourth.post('/connexion/code', { recovery: recovery[0], retour: '/' })).statusCode).toBe(401);
  });

  it('the code page without a pending login goes back to the password', async () => {
    const b = browser(suite);
    expect((await b.get('/connexion/code')).headers.location).toBe('/connexion');
  });
});
