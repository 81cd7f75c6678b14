/**
 * The suite's own forms: log in, log out, retry a failed job. They work without JavaScript: the
 * browser posts the form, the server calls the JSON API in-process (JSON body, the visitor's cookie
 * and IP, so that the API's own limits apply) and answers with a redirect (303) or the page with its
 * error. CSRF: refused unless the request comes from this site (sameOriginOk); the session cookie is
 * SameSite=Lax besides.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, retryJob, sameOriginOk, HttpError, type JobQueue } from '@eig/platform';
import type { PageRenderer } from './render-page.ts';
import { loginPath } from './render-page.ts';
import { safeReturnPath } from './safe-path.ts';
import { loginOutcome } from './shell-pages.ts';

type Form = Record<string, string | undefined>;

const CROSS_SITE = 'Requête refusée : le formulaire ne vient pas de ce site. Rechargez la page et réessayez.';

function message(body: string, fallback: string): string {
  try {
    const m = (JSON.parse(body) as { message?: unknown }).message;
    return typeof m === 'string' && m ? m : fallback;
  } catch {
    return fallback;
  }
}

const form = (req: FastifyRequest): Form => (req.body && typeof req.body === 'object' ? (req.body as Form) : {});

export function registerForms(app: FastifyInstance, renderer: PageRenderer, jobs: JobQueue): void {
  /** POST to the JSON API in-process, as the visitor: their IP (rate limits) and, if asked, their cookie. */
  const post = (req: FastifyRequest, url: string, payload: unknown, withSession: boolean) =>
    app.inject({
      method: 'POST',
      url,
      // Not marked internal: the API's own rate limits (e.g. 10 logins a minute) apply to the visitor.
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(withSession && req.headers.cookie ? { cookie: req.headers.cookie } : {}),
      },
      payload: JSON.stringify(payload),
      remoteAddress: req.ip,
    });

  app.post('/connexion', async (req, reply) => {
    const f = form(req);
    const returnTo = f.retour ? safeReturnPath(f.retour) : '/';
    const email = (f.email ?? '').slice(0, 254);
    if (!sameOriginOk(req)) return renderer.send(req, reply, loginOutcome(returnTo, { email, error: CROSS_SITE, status: 403 }), null);
    if (!email.trim() || !f.password) {
      const error = 'Saisissez votre adresse électronique et votre mot de passe.';
      return renderer.send(req, reply, loginOutcome(returnTo, { email, error, status: 400 }), null);
    }
    const res = await post(req, '/api/auth/login', { email, password: f.password }, true);
    if (res.statusCode === 200) {
      reply.header('set-cookie', res.headers['set-cookie']);
      return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
    }
    const error = message(res.body, 'La connexion a échoué. Veuillez réessayer.');
    return renderer.send(req, reply, loginOutcome(returnTo, { email, error, status: res.statusCode >= 500 ? 503 : res.statusCode }), null);
  });

  app.post('/deconnexion', async (req, reply) => {
    if (!sameOriginOk(req)) return renderer.send(req, reply, loginOutcome('/', { error: CROSS_SITE, status: 403 }), null);
    const res = await post(req, '/api/auth/logout', {}, true);
    if (res.headers['set-cookie']) reply.header('set-cookie', res.headers['set-cookie']);
    else reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.header('cache-control', 'no-store').redirect('/', 303);
  });

  app.post<{ Params: { id: string } }>('/admin/taches/:id/relancer', async (req, reply) => {
    if (!sameOriginOk(req)) throw new HttpError(403, CROSS_SITE);
    if (!req.user) return reply.redirect(loginPath('/admin'), 303);
    if (!req.user.roles.includes('admin')) throw new HttpError(403, 'Cette action est réservée aux administrateurs de la suite.');
    const result = await retryJob(jobs, req.params.id).then(
      () => 'relancee',
      () => 'impossible',
    );
    return reply.header('cache-control', 'no-store').redirect(`/admin?tache=${result}`, 303);
  });
}
