/**
 * Mounts the suite's web front end on a Fastify app:
 *  - static files: the Vite client bundle (/assets/, immutable) and the DSFR's own CSS, fonts,
 *    icons and favicon from the @codegouvfr/react-dsfr package (/static/dsfr/, /static/favicon/);
 *  - every other GET that is not under /api/: a server-rendered page. Page data is loaded through
 *    the suite's own JSON API with app.inject() and embedded as JSON for hydration.
 *
 * The React renderer is the SSR bundle built by Vite (dist/server/entry-server.js): react-dsfr
 * imports CSS, which Node cannot load, so the server never imports the TSX directly.
 */
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Stand } from '@eig/platform/service.ts';
import type { PageState } from '../app/state.ts';
import { ASSETS_PREFIX, DSFR_PREFIX, FAVICON_PREFIX, assetsFromManifest, renderDocument, type ClientAssets } from './document.ts';
import { errorOutcome, load, type ApiCall, type LoadOutcome } from './loaders.ts';
import { registerForms } from './forms.ts';

export interface WebOptions {
  stands: () => Promise<Stand[]>;
  /** Where the Vite build lives (default: packages/web/dist). */
  distDir?: string;
}

interface Renderer {
  render(state: PageState): string;
}

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_DIST = join(here, '..', '..', 'dist');
const require = createRequire(import.meta.url);
const REACT_DSFR_DIR = dirname(require.resolve('@codegouvfr/react-dsfr/package.json'));

export class WebBuildMissingError extends Error {}

/** Loads the SSR renderer and the client manifest once (lazily, so API-only tests need no build). */
function bundleLoader(distDir: string) {
  let loaded: Promise<{ renderer: Renderer; assets: ClientAssets }> | null = null;
  return () => {
    loaded ??= (async () => {
      const serverEntry = join(distDir, 'server', 'entry-server.js');
      const manifestFile = join(distDir, 'client', '.vite', 'manifest.json');
      if (!existsSync(serverEntry) || !existsSync(manifestFile)) {
        throw new WebBuildMissingError(`The web front end is not built (${distDir}): run \`npm run build\`.`);
      }
      const renderer = (await import(pathToFileURL(serverEntry).href)) as Renderer;
      const assets = assetsFromManifest(JSON.parse(await readFile(manifestFile, 'utf8')));
      return { renderer, assets };
    })();
    loaded.catch(() => (loaded = null));
    return loaded;
  };
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    const k = part.slice(0, i).trim();
    const v = part.slice(i + 1).trim();
    try {
      out[k] = decodeURIComponent(v);
    } catch {
      out[k] = v;
    }
  }
  return out;
}

export async function registerWeb(app: FastifyInstance, opts: WebOptions): Promise<void> {
  const distDir = opts.distDir ?? DEFAULT_DIST;
  const getBundle = bundleLoader(distDir);

  await app.register(fastifyStatic, {
    root: join(distDir, 'client', 'assets'),
    prefix: ASSETS_PREFIX,
    // file names carry a content hash
    immutable: true,
    maxAge: '365d',
    index: false,
    wildcard: true,
  });
  await app.register(fastifyStatic, {
    root: join(REACT_DSFR_DIR, 'dsfr'),
    prefix: DSFR_PREFIX,
    decorateReply: false,
    maxAge: '1d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: join(REACT_DSFR_DIR, 'favicon'),
    prefix: FAVICON_PREFIX,
    decorateReply: false,
    maxAge: '1d',
    index: false,
  });

  /**
   * In-process call of the public API; the page request was rate-limited already, so this one is
   * marked internal. `withSession` forwards the visitor's cookie: for logged-in staff pages only.
   */
  const apiFor = (req: FastifyRequest, withSession = false): ApiCall => async <T>(path: string) => {
    const session = withSession && req.headers.cookie ? { cookie: req.headers.cookie } : {};
    const res = await app.inject({
      method: 'GET',
      url: path,
      headers: { accept: 'application/json', ...app.internalHeaders, ...session },
      remoteAddress: req.ip,
    });
    let body: unknown = null;
    try {
      body = res.body ? JSON.parse(res.body) : null;
    } catch {
      body = { message: res.body };
    }
    return { status: res.statusCode, body: body as T };
  };

  async function renderPage(req: FastifyRequest, reply: FastifyReply) {
    const url = new URL(req.url, 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      return reply.callNotFound();
    }
    let outcome: LoadOutcome;
    try {
      outcome = await load({
        path: url.pathname,
        query: url.searchParams,
        cookies: parseCookies(req.headers.cookie),
        api: apiFor(req),
        apiWithSession: apiFor(req, true),
        user: req.user ? { email: req.user.email, roles: req.user.roles } : null,
        stands: opts.stands,
      });
    } catch (err) {
      req.log.error({ err }, 'page data failed');
      outcome = errorOutcome(url);
    }
    return sendOutcome(req, reply, outcome);
  }

  /** Sends a loaded page (server-rendered HTML) or a redirect. */
  async function sendOutcome(req: FastifyRequest, reply: FastifyReply, outcome: LoadOutcome) {
    const url = new URL(req.url, 'http://localhost');
    const bundle = await getBundle().catch((err: unknown) => {
      req.log.error({ err }, 'web front end unavailable');
      return null;
    });
    if (!bundle) {
      return reply
        .code(500)
        .type('text/plain; charset=utf-8')
        .send('Le site web n\u2019est pas construit : lancez `npm run build`. (The web front end is not built.)');
    }
    if (outcome.setCookie) reply.header('set-cookie', outcome.setCookie);
    if (outcome.kind === 'redirect') {
      return reply.header('cache-control', 'no-store').redirect(outcome.location, outcome.status);
    }
    let state = outcome.state;
    let body: string;
    try {
      body = bundle.renderer.render(state);
    } catch (err) {
      // A page that cannot render (unexpected data) becomes a proper error page, not a blank JSON 500.
      req.log.error({ err, page: state.page }, 'page render failed');
      const fallback = errorOutcome(url);
      state = fallback.kind === 'page' ? fallback.state : state;
      body = bundle.renderer.render(state);
    }
    return reply
      .code(state.status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('vary', 'cookie')
      .send(renderDocument(state, body, bundle.assets));
  }

  app.get('/', renderPage);
  app.get('/*', renderPage);
  registerForms(app, sendOutcome);
}
