/**
 * Turns a page outcome into a response: a redirect (local paths only), or the view rendered inside
 * the shell and the HTML document. Errors thrown by loaders become the matching error page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type HttpError, type ApiError, type MountedService, type ServiceStatus } from '@eig/platform';
import { statusBody } from '@eig/platform';
import type { PageOutcome, ViewOutcome } from '@eig/platform/web';
import { view } from '@eig/platform/web';
import type { PageInfo } from '../ui/page-context.ts';
import type { ShellData } from '../shell/shell-data.ts';
import { shellViews } from '../shell/views.ts';
import type { Bundle } from './bundle.ts';
import { renderDocument } from './document.ts';
import { safeReturnPath } from './safe-path.ts';

const SITE = 'Suite EIG';

export interface PageRenderer {
  send(req: FastifyRequest, reply: FastifyReply, outcome: PageOutcome, service: MountedService | null): Promise<unknown>;
  /** Error pages (thrown by a loader, or an HTTP error such as 429 on a page request). */
  sendError(req: FastifyRequest, reply: FastifyReply, error: ApiError | HttpError, service: MountedService | null): Promise<unknown>;
}

export interface RendererDeps {
  getBundle: () => Promise<Bundle>;
  shellFor(req: FastifyRequest, service: MountedService | null, outcome: ViewOutcome): Promise<ShellData>;
  /** The status of a service, for its "unavailable" page. */
  statusOf(service: MountedService): Promise<ServiceStatus | null>;
}

export const loginPath = (back: string) => `/connexion?retour=${encodeURIComponent(back)}`;

export function createPageRenderer(deps: RendererDeps): PageRenderer {
  async function sendView(req: FastifyRequest, reply: FastifyReply, outcome: ViewOutcome, service: MountedService | null) {
    const bundle = await deps.getBundle().catch((err: unknown) => {
      req.log.error({ err }, 'web front end unavailable');
      return null;
    });
    if (!bundle) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('Le site web n’est pas construit : lancez `npm run build`. (The web front end is not built.)');
    }
    const url = req.url;
    const page: PageInfo = {
      url,
      path: url.split('?')[0],
      user: req.user ? { email: req.user.email, roles: req.user.roles } : null,
      lang: outcome.lang ?? 'fr',
      dir: outcome.dir ?? 'ltr',
      serviceId: service?.module.id ?? null,
    };
    const shell = await deps.shellFor(req, service, outcome);
    let body: string;
    let status = outcome.status ?? 200;
    let title = outcome.title;
    try {
      body = bundle.renderer.render({ view: outcome.view, props: outcome.props, shell, page });
    } catch (err) {
      // A page that cannot render (unexpected data) becomes a proper error page, not a blank 500.
      req.log.error({ err, view: outcome.view }, 'page render failed');
      status = 500;
      title = 'Erreur';
      const fallback = errorView(500, 'Une erreur inattendue est survenue. Veuillez réessayer plus tard.');
      body = bundle.renderer.render({ view: fallback.view, props: fallback.props, shell, page });
    }
    const fullTitle = [title, ...(service && !title.includes(service.module.title) ? [service.module.title] : []), SITE].join(' — ');
    const html = renderDocument(
      {
        title: status >= 400 && !title.startsWith('Erreur') ? `Erreur ${status} : ${fullTitle}` : fullTitle,
        lang: page.lang,
        dir: page.dir,
        description: outcome.description,
        alternates: outcome.alternates,
        body,
        interactive: body.includes('data-eig-island='),
      },
      bundle.manifest,
    );
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('vary', 'cookie, accept-encoding')
      .send(html);
  }

  function errorView(status: number, message: string): ViewOutcome {
    if (status === 404) return view(shellViews.notFound, { message }, { title: 'Page introuvable', status });
    if (status === 403) return view(shellViews.forbidden, { message }, { title: 'Accès refusé', status });
    return view(shellViews.error, { status, message }, { title: 'Erreur', status });
  }

  async function sendError(req: FastifyRequest, reply: FastifyReply, error: ApiError | HttpError, service: MountedService | null) {
    const status = error.statusCode;
    if (status === 401 && req.method === 'GET') {
      // A session restricted to enrolment (its roles require a second factor it lacks) sets it up first.
      if (req.auth?.restricted) return reply.header('cache-control', 'no-store').redirect('/compte/double-authentification', 303);
      return reply.header('cache-control', 'no-store').redirect(loginPath(safeReturnPath(req.url)), 303);
    }
    if (status === 503) {
      const s = service ? await deps.statusOf(service).catch(() => null) : null;
      const svc = service ? { id: service.module.id, title: service.module.title, status: s ? statusBody(s) : null } : null;
      return sendView(
        req,
        reply,
        view(shellViews.unavailable, { message: error.message, service: svc }, { title: 'Service indisponible', status }),
        service,
      );
    }
    return sendView(req, reply, errorView(status, error.message), service);
  }

  return {
    async send(req, reply, outcome, service) {
      if (outcome.kind === 'redirect') {
        return reply.header('cache-control', 'no-store').redirect(safeReturnPath(outcome.location), outcome.status ?? 303);
      }
      return sendView(req, reply, outcome, service);
    },
    sendError,
  };
}
