/**
 * Accounts in the assembled suite, on PGlite and PostgreSQL: ExploCode's administration API
 * (401 / 403 / admin), an ingest started and followed through the job queue (with a stubbed ingest
 * handler, to stay fast), and the web pages and forms (login, admin page, re-ingest, logout).
 * The pages need the web build (npm install runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { SESSION_COOKIE, UserStore } from '@eig/platform';
import { INGEST_JOB } from '@eig/explocode/testing';
import { createApp, type App } from '../src/app.ts';

const ADMIN = { email: 'admin@exemple.gouv.fr', password: 'mot de passe admin solide' };
const AGENT = { email: 'agent@exemple.gouv.fr', password: 'mot de passe agent solide' };
const SAME_ORIGIN = { origin: 'http://localhost:80' };

describe.each(testDatabases())('accounts and ExploCode administration on $name', (target) => {
  let db: TestDb;
  let suite: App;
  let admin: string;
  let agent: string;
  let release: () => void = () => {};
  const payloads: unknown[] = [];

  const req = (method: 'GET' | 'POST', url: string, cookie?: string, extra: { payload?: string; headers?: Record<string, string> } = {}) =>
    suite.app.inject({ method, url, payload: extra.payload, headers: { ...(cookie ? { cookie } : {}), ...extra.headers } });
  const postJson = (url: string, cookie: string | undefined, body: unknown) =>
    req('POST', url, cookie, { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const postForm = (url: string, cookie: string | undefined, fields: Record<string, string>, origin = SAME_ORIGIN) =>
    req('POST', url, cookie, {
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...origin },
    });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
    `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;

  async function waitForJob(id: string, cookie: string, until: (j: { state: string; progress: { done: number } }) => boolean) {
    for (let i = 0; i < 100; i++) {
      const { jobs } = (await req('GET', '/api/explocode/admin/jobs', cookie)).json();
      const job = jobs.find((j: { id: string }) => j.id === id);
      if (job && until(job)) return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`job ${id} never reached the expected state`);
  }

  beforeAll(async () => {
    db = await target.open();
    suite = await createApp({ config: { ...db.config, rateLimitMax: 1_000_000 }, db });
    const users = new UserStore(db);
    await users.create(ADMIN.email, ADMIN.password, ['admin']);
    await users.create(AGENT.email, AGENT.password, ['agent']);
    // Services are not started: a stub stands in for the real ingest, held until the test releases it.
    suite.suite.jobs.register(INGEST_JOB, async (payload, job) => {
      payloads.push(payload);
      job.progress(40, 100, 'articles du Code du travail');
      await new Promise<void>((resolve) => {
        release = resolve;
        job.signal.addEventListener('abort', () => resolve());
      });
      job.progress(100, 100, 'contenu à jour');
    });
    admin = cookieOf(await postJson('/api/auth/login', undefined, ADMIN));
    agent = cookieOf(await postJson('/api/auth/login', undefined, AGENT));
  });

  afterAll(async () => {
    release();
    await suite?.close();
    await target.cleanup();
  });

  it('answers 401 without a session and 403 without the admin role', async () => {
    for (const cookie of [undefined, agent]) {
      const expected = cookie ? 403 : 401;
      expect((await req('GET', '/api/explocode/admin/jobs', cookie)).statusCode).toBe(expected);
      expect((await req('GET', '/api/explocode/admin/datasets', cookie)).statusCode).toBe(expected);
      const post = await postJson('/api/explocode/admin/ingest', cookie, { force: true });
      expect(post.statusCode).toBe(expected);
      expect(post.json().message).toMatch(cookie ? /Accès refusé : il faut le rôle « admin »/ : /Authentification requise/);
    }
    expect(payloads).toEqual([]);
  });

  it('lets an admin start an ingest and follow its progress', async () => {
    const res = await postJson('/api/explocode/admin/ingest', admin, { force: true });
    expect(res.statusCode).toBe(202);
    const { jobId } = res.json();
    expect(jobId).toEqual(expect.any(String));
    const running = await waitForJob(jobId, admin, (j) => j.state === 'running' && j.progress.done === 40);
    expect(running.progress).toEqual({ done: 40, total: 100, message: 'articles du Code du travail' });
    expect((await req('GET', '/api/explocode/admin/jobs', admin)).json().running).toBe(true);
    // One at a time.
    const again = await postJson('/api/explocode/admin/ingest', admin, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/déjà en attente ou en cours/);

    release();
    const done = await waitForJob(jobId, admin, (j) => j.state === 'done');
    expect(done.finishedAt).toEqual(expect.any(String));
    expect(payloads).toEqual([{ force: true }]);
    expect((await req('GET', '/api/explocode/admin/jobs', admin)).json().running).toBe(false);

    const datasets = await req('GET', '/api/explocode/admin/datasets', admin);
    expect(datasets.statusCode).toBe(200);
    expect(datasets.json()).toEqual({ served: null, datasets: [] });
  });

  it('documents the admin routes in OpenAPI', async () => {
    const doc = (await req('GET', '/api/docs/json')).json();
    for (const p of [
      '/api/explocode/admin/ingest',
      '/api/explocode/admin/jobs',
      '/api/explocode/admin/datasets',
      '/api/auth/login',
      '/api/auth/me',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
  });

  it('web: the admin page sends visitors to the login page, then shows the ingest', async () => {
    const anonymous = await req('GET', '/explocode/admin');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/connexion?retour=%2Fexplocode%2Fadmin');

    const form = await req('GET', '/connexion?retour=%2Fexplocode%2Fadmin');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<title>Connexion — Suite EIG</title>');
    expect(form.body).toContain('<form action="/connexion" method="post">');
    expect(form.body).toMatch(/autocomplete="current-password"/i);

    const wrong = await postForm('/connexion', undefined, { email: ADMIN.email, password: 'pas le bon', retour: '/explocode/admin' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('<title>Erreur : Connexion — Suite EIG</title>');
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('Adresse électronique ou mot de passe incorrect.');
    expect(wrong.body).not.toContain('pas le bon');

    const crossSite = await postForm('/connexion', undefined, { ...ADMIN, retour: '/explocode/admin' }, { origin: 'https://evil.example' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.headers['set-cookie']).toBeUndefined();

    const ok = await postForm('/connexion', undefined, { ...ADMIN, retour: '/explocode/admin' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/explocode/admin');
    const cookie = cookieOf(ok);

    const page = await req('GET', '/explocode/admin', cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Administration d’ExploCode');
    expect(page.body).toContain('Relancer l’ingestion');
    expect(page.body).toContain('Terminée'); // the job of the previous test
    expect(page.body).toContain('Se déconnecter');

    // Public pages know who is logged in (header) from the page request itself.
    const home = await req('GET', '/', cookie);
    expect(home.body).toContain('Se déconnecter');
    expect((await req('GET', '/')).body).not.toContain('Se déconnecter');

    expect((await req('GET', '/explocode/admin', agent)).statusCode).toBe(403);

    const start = await postForm('/explocode/admin/ingestion', cookie, { force: '1' });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe('/explocode/admin?ingestion=lancee');
    expect((await req('GET', '/explocode/admin?ingestion=lancee', cookie)).body).toContain('L’ingestion est lancée');
    const busy = await postForm('/explocode/admin/ingestion', cookie, { force: '1' });
    expect(busy.headers.location).toBe('/explocode/admin?ingestion=deja-en-cours');
    expect((await postForm('/explocode/admin/ingestion', cookie, { force: '1' }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    release();

    const out = await postForm('/deconnexion', cookie, {});
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/');
    expect((await req('GET', '/explocode/admin', cookie)).statusCode).toBe(303);
  });
});
