/**
 * The web host on the platform's real server: static assets, pages of a service registered as routes,
 * error pages, redirects, form protection. Uses the front-end build (`npm run build`, run by `npm install`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  HttpError,
  createLogger,
  createRoleRegistry,
  createMemoryJobQueue,
  createServer,
  defineService,
  loadConfig,
  registerAuth,
  registerService,
  type MountedService,
} from '@eig/platform';
import { openPglite } from '@eig/platform';
import type { Db } from '@eig/platform';
import { redirect, view } from '@eig/platform/web';
import { shellViews } from '../shell/views.ts';
import { registerWeb } from './register.ts';
import { DEFAULT_BUILD_DIR, type WebManifest } from './bundle.ts';
import { safeReturnPath } from './safe-path.ts';

const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/eig-unused', RATE_LIMIT_MAX: '1000' });
const manifest = JSON.parse(readFileSync(join(DEFAULT_BUILD_DIR, 'client', 'web-manifest.json'), 'utf8')) as WebManifest;

let status = { ready: true, message: null as string | null };
const demo = defineService({
  id: 'demo',
  title: 'Démo',
  migrations: [],
  async routes() {},
  async status() {
    return { ready: status.ready, message: status.message, progress: status.ready ? null : { done: 1, total: 4, message: 'import' } };
  },
  async stand() {
    return { id: 'demo', title: 'Démo', tagline: 't', description: 'd', audience: 'a', href: '/demo', figures: [], ready: status.ready };
  },
  web: {
    nav: [{ text: 'Démo : accueil', href: '/demo' }],
    footerLinks: [{ text: 'À propos de la démo', href: '/demo/a-propos' }],
    headerItems: () => [{ text: 'Mon choix', href: '/demo/choix', iconId: 'fr-icon-team-line' }],
    pages: [
      { path: '/demo', load: () => view(shellViews.legal, { page: 'cookies' }, { title: 'Accueil de la démo' }) },
      {
        path: '/demo/introuvable',
        load: () => {
          throw new HttpError(404, 'Cette fiche n’existe pas.');
        },
      },
      {
        path: '/demo/occupe',
        load: () => {
          throw new HttpError(503, 'La démo se prépare.');
        },
      },
      {
        path: '/demo/panne',
        load: () => {
          throw new Error('secret detail');
        },
      },
      { path: '/demo/ailleurs', load: () => redirect('//evil.example/x') },
      {
        path: '/demo/prive',
        load: ({ req }) => {
          if (!req.user) throw new HttpError(401, 'Connectez-vous.');
          return view(shellViews.error, { status: 200, message: 'ok' }, { title: 'Privé' });
        },
      },
      { method: 'POST', path: '/demo/formulaire', load: () => redirect('/demo?fait=1') },
    ],
  },
});

let app: FastifyInstance;
let db: Db;
beforeAll(async () => {
  db = await openPglite();
  const { migrate, authMigrations } = await import('@eig/platform');
  await migrate(db, 'platform', authMigrations);
  const log = createLogger({ level: 'silent' });
  const jobs = await createMemoryJobQueue(db);
  const mounted: MountedService = { module: demo, ctx: { config, settings: {}, db, log, jobs } };
  app = createServer({ config, log, db });
  registerAuth(app, { db });
  registerService(app, demo, mounted.ctx);
  await registerWeb(app, { services: [mounted], roles: createRoleRegistry(), stands: async () => [await demo.stand(mounted.ctx)], jobs });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const html = { accept: 'text/html' };
const get = (url: string, headers: Record<string, string> = html) => app.inject({ method: 'GET', url, headers });

describe('web host', () => {
  it('renders a service page inside the shell: its navigation, header items, footer links', async () => {
    const res = await get('/demo');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toMatch(/<html lang="fr" dir="ltr"/);
    expect(res.body).toContain('<title>Accueil de la démo — Démo — Suite EIG</title>');
    expect(res.body).toContain('Démo : accueil');
    expect(res.body).toContain('href="/demo/choix"');
    expect(res.body).toContain('href="/demo/a-propos"');
    for (const href of manifest.styles) expect(res.body).toContain(`href="${href}"`);
    expect(res.body).toContain(manifest.dsfrScript);
    // No island on this page: no React shipped.
    expect(res.body).not.toContain(manifest.islandScript);
  });

  it('loads the island script only on pages with islands', async () => {
    status = { ready: false, message: 'import' };
    try {
      const res = await get('/');
      expect(res.body).toContain('data-eig-island="web.stand-progress"');
      expect(res.body).toContain(manifest.islandScript);
    } finally {
      status = { ready: true, message: null };
    }
  });

  it('compresses pages and serves hashed assets precompressed, cached for good, without source maps', async () => {
    const page = await get('/demo', { ...html, 'accept-encoding': 'br' });
    expect(page.headers['content-encoding']).toBe('br');
    for (const asset of [...manifest.styles, manifest.dsfrScript, manifest.islandScript]) {
      const res = await get(asset, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode, asset).toBe(200);
      expect(res.headers['content-encoding'], asset).toBe('br');
      expect(String(res.headers['cache-control']), asset).toMatch(/immutable/);
    }
    expect((await get(`${manifest.islandScript}.map`)).statusCode).toBe(404);
    const font = await get(manifest.fonts[0]);
    expect(font.statusCode).toBe(200);
    expect(String(font.headers['cache-control'])).toMatch(/immutable/);
    expect((await get(`${manifest.dsfrPrefix}dsfr.min.css.map`)).statusCode).toBe(404);
    // Climbing out of a static folder: refused, in French.
    const climb = await get(`${manifest.dsfrPrefix}fonts/%2e%2e/%2e%2e/package.json`, { accept: 'application/json' });
    expect(climb.statusCode).toBeGreaterThanOrEqual(400);
    expect(climb.statusCode).toBeLessThan(500);
    expect(climb.json().message).not.toMatch(/Forbidden|Not Found/);
  });

  it('error pages: 404 with the loader’s message, 503 with the service status, 500 without details', async () => {
    const missing = await get('/demo/introuvable');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Cette fiche n’existe pas.');
    expect(missing.body).toMatch(/<title>Erreur 404 : /);
    const busy = await get('/demo/occupe');
    expect(busy.statusCode).toBe(503);
    expect(busy.body).toContain('La démo se prépare.');
    const broken = await get('/demo/panne');
    expect(broken.statusCode).toBe(500);
    expect(broken.body).not.toContain('secret detail');
    const unknown = await get('/demo/nulle-part');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('La page que vous cherchez est introuvable.');
    expect((await get('/demo/nulle-part', { accept: 'application/json' })).json().code).toBe('not_found');
  });

  it('never redirects to another site; sends visitors to the login page and back', async () => {
    const away = await get('/demo/ailleurs');
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/');
    const prive = await get('/demo/prive');
    expect(prive.statusCode).toBe(303);
    expect(prive.headers.location).toBe('/connexion?retour=%2Fdemo%2Fprive');
  });

  it('refuses a form posted from another site', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded', ...html };
    const cross = await app.inject({
      method: 'POST',
      url: '/demo/formulaire',
      payload: 'a=1',
      headers: { ...form, 'sec-fetch-site': 'cross-site' },
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.headers['content-type']).toMatch(/html/);
    const same = await app.inject({
      method: 'POST',
      url: '/demo/formulaire',
      payload: 'a=1',
      headers: { ...form, 'sec-fetch-site': 'same-origin' },
    });
    expect(same.statusCode).toBe(303);
    expect(same.headers.location).toBe('/demo?fait=1');
  });

  it('serves the statements and the login page', async () => {
    for (const url of ['/accessibilite', '/mentions-legales', '/donnees-personnelles', '/gestion-des-cookies', '/connexion']) {
      expect((await get(url)).statusCode, url).toBe(200);
    }
    expect((await get('/admin')).statusCode).toBe(303);
  });

  it('only accepts local return paths', () => {
    expect(safeReturnPath('/demo?q=1')).toBe('/demo?q=1');
    for (const bad of ['//evil.com', 'https://evil.com', '/\\evil.com', '/.//evil.com', null, '']) expect(safeReturnPath(bad)).toBe('/');
  });
});
