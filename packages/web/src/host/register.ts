/**
 * Mounts the suite's web front end on the Fastify app, for every service, without naming one:
 *  - static files: the client build (/assets/, content-hashed, immutable, precompressed) and the
 *    DSFR package's fonts and icons under a versioned prefix;
 *  - the suite's own pages (home, login, administration, statements) and every service's pages,
 *    each a real Fastify route (GET, or POST for forms);
 *  - HTML error pages for browsers (404, 429, 503...), JSON for the API.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import {
  HttpError,
  apiError,
  requireSameOrigin,
  statusBody,
  type JobQueue,
  type MountedService,
  type RoleRegistry,
  type Stand,
} from '@eig/platform';
import type { PageOutcome, ViewOutcome } from '@eig/platform/web';
import type { ShellData } from '../shell/shell-data.ts';
import type { ServiceStatusView } from '../ui/status-types.ts';
import { bundleLoader, DEFAULT_BUILD_DIR } from './bundle.ts';
import { FAVICON_PREFIX } from './document.ts';
import { registerForms } from './forms.ts';
import { createPageRenderer } from './render-page.ts';
import { adminLinksFor, shellPages } from './shell-pages.ts';

export interface WebOptions {
  services: MountedService[];
  /** The suite's roles (labels on the account page). */
  roles: RoleRegistry;
  stands: () => Promise<Stand[]>;
  jobs: JobQueue;
  /** Where the front-end build lives (default: packages/web/build). */
  buildDir?: string;
}

const require = createRequire(import.meta.url);
const REACT_DSFR_DIR = dirname(require.resolve('@codegouvfr/react-dsfr/package.json'));
const DSFR_VERSION = (require('@codegouvfr/react-dsfr/package.json') as { version: string }).version;
/** The DSFR files are immutable for a given package version: the version is in the URL. */
export const DSFR_PREFIX = `/static/dsfr/${DSFR_VERSION}/`;

const FORM_BODY_LIMIT = 16 * 1024;

export async function registerWeb(app: FastifyInstance, opts: WebOptions): Promise<void> {
  const buildDir = opts.buildDir ?? DEFAULT_BUILD_DIR;
  const getBundle = bundleLoader(buildDir);
  const { services } = opts;

  await app.register(fastifyStatic, {
    root: join(buildDir, 'client', 'assets'),
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    preCompressed: true,
    // Source maps are not built for production; never serve one that a developer left there.
    allowedPath: (path) => !path.endsWith('.map'),
  });
  await app.register(fastifyStatic, {
    root: join(REACT_DSFR_DIR, 'dsfr'),
    prefix: DSFR_PREFIX,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    index: false,
    allowedPath: (path) => /^\/(fonts|icons|artwork)\//.test(path) && !path.endsWith('.map'),
  });
  await app.register(fastifyStatic, {
    root: join(REACT_DSFR_DIR, 'favicon'),
    prefix: FAVICON_PREFIX,
    decorateReply: false,
    maxAge: '7d',
    index: false,
  });

  const statuses = async (): Promise<Record<string, ServiceStatusView | null>> =>
    Object.fromEntries(
      await Promise.all(services.map(async (s) => [s.module.id, await s.module.status(s.ctx).then(statusBody, () => null)] as const)),
    );

  /** The service a path belongs to: its pages live under /<id>. */
  const serviceOf = (url: string): MountedService | null => {
    const first = url.split('?')[0].split('/')[1] ?? '';
    return services.find((s) => s.module.id === first) ?? null;
  };

  async function shellFor(req: FastifyRequest, service: MountedService | null, outcome: ViewOutcome): Promise<ShellData> {
    const path = req.url.split('?')[0];
    const nav: ShellData['nav'] = [{ text: 'Accueil', href: '/', active: path === '/' }];
    for (const s of services) {
      const links = s.module.web?.nav ?? [];
      if (s === service) {
        for (const l of links) nav.push({ text: l.text, href: l.href, active: l.isActive ? l.isActive(path) : path.startsWith(l.href) });
      } else if (links.length > 0) {
        nav.push({ text: s.module.title, href: links[0].href, active: false });
      }
    }
    const user = req.user ? { email: req.user.email, roles: req.user.roles } : null;
    const headerItems = service?.module.web?.headerItems ? await service.module.web.headerItems(req, service.ctx) : [];
    return {
      nav,
      headerItems,
      user,
      hasAdmin: !!user && (user.roles.includes('admin') || adminLinksFor(services, user.roles).length > 0),
      footerLinks: service?.module.web?.footerLinks ?? [],
      skipLinks: outcome.skipLinks ?? [],
    };
  }

  const renderer = createPageRenderer({
    getBundle,
    shellFor,
    statusOf: (s) => s.module.status(s.ctx),
  });

  /** Runs a page loader; HttpErrors become error pages, anything else a logged 500 page. */
  const handle =
    (service: MountedService | null, load: (req: FastifyRequest, reply: FastifyReply) => Promise<PageOutcome> | PageOutcome) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      let outcome: PageOutcome;
      try {
        outcome = await load(req, reply);
      } catch (err) {
        if (err instanceof HttpError) return renderer.sendError(req, reply, err, service);
        req.log.error({ err }, 'page data failed');
        return renderer.sendError(
          req,
          reply,
          apiError(500, 'Une erreur inattendue est survenue. L’équipe en est informée ; veuillez réessayer plus tard.'),
          service,
        );
      }
      if (reply.sent) return reply;
      return renderer.send(req, reply, outcome, service);
    };

  app.register(async (scoped) => {
    // Forms post urlencoded bodies; only page routes parse them (the API takes JSON only).
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    const recoveryCodesLeft = async (req: FastifyRequest): Promise<number | null> => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { accept: 'application/json', ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}), ...app.internalHeaders },
      });
      if (res.statusCode !== 200) return null;
      return (res.json() as { totp?: { recoveryCodesLeft?: number } }).totp?.recoveryCodesLeft ?? null;
    };
    const deps = { services, roles: opts.roles, stands: opts.stands, statuses, jobs: opts.jobs, recoveryCodesLeft };
    for (const page of shellPages(deps)) scoped.get(page.path, handle(null, page.load));

    for (const service of services) {
      for (const page of service.module.web?.pages ?? []) {
        const method = page.method ?? 'GET';
        scoped.route({
          method,
          url: page.path,
          bodyLimit: page.bodyLimit ?? FORM_BODY_LIMIT,
          // Forms change state: they must come from this site (the session cookie's own check covers logged-in users).
          preHandler: method === 'POST' ? requireSameOrigin : undefined,
          handler: handle(service, (req, reply) => page.load({ req, reply, ctx: service.ctx })),
        });
      }
    }
    registerForms(scoped, renderer, opts.jobs);
  });

  // Browsers get error pages in HTML, in the frame of the service the URL belongs to.
  app.htmlErrorRenderer = (req, reply, error) => renderer.sendError(req, reply, error, serviceOf(req.url));
}
