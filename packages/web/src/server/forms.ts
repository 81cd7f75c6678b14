/**
 * The few HTML forms that change state (log in, log out, start an ingest). They work without
 * JavaScript: the browser posts the form here, the server calls the JSON API in-process (JSON body,
 * the visitor's cookie and IP) and answers with a redirect (303) or the page with its error.
 *
 * CSRF: the form routes refuse a request whose Origin is not this site (sameOriginOk, from the
 * platform); the session cookie is SameSite=Lax besides. The urlencoded body parser exists only in
 * this scope, so the API keeps accepting JSON bodies only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, sameOriginOk } from '@eig/platform/auth/index.ts';
import { loginOutcome, loginRedirect, safeReturnPath, type LoadOutcome } from './loaders.ts';

type Send = (req: FastifyRequest, reply: FastifyReply, outcome: LoadOutcome) => Promise<unknown>;
type Form = Record<string, string | undefined>;

const CROSS_SITE = 'Requête refusée : le formulaire ne vient pas de ce site. Rechargez la page et réessayez.';
const ADMIN_PATH = '/explocode/admin';

function message(body: string, fallback: string): string {
  try {
    const m = (JSON.parse(body) as { message?: unknown }).message;
    return typeof m === 'string' && m ? m : fallback;
  } catch {
    return fallback;
  }
}

export function registerForms(app: FastifyInstance, send: Send): void {
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

  app.register(async (scoped) => {
    scoped.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 16 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const form = (req: FastifyRequest): Form => (req.body && typeof req.body === 'object' ? (req.body as Form) : {});

    scoped.post('/connexion', async (req, reply) => {
      const f = form(req);
      const returnTo = f.retour ? safeReturnPath(f.retour) : '/';
      const email = (f.email ?? '').slice(0, 254);
      if (!sameOriginOk(req)) return send(req, reply, loginOutcome(returnTo, { email, error: CROSS_SITE, status: 403 }));
      if (!email.trim() || !f.password) {
        const error = 'Saisissez votre adresse électronique et votre mot de passe.';
        return send(req, reply, loginOutcome(returnTo, { email, error, status: 400 }));
      }
      const res = await post(req, '/api/auth/login', { email, password: f.password }, true);
      if (res.statusCode === 200) {
        reply.header('set-cookie', res.headers['set-cookie']);
        return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
      }
      const error = message(res.body, 'La connexion a échoué. Veuillez réessayer.');
      return send(req, reply, loginOutcome(returnTo, { email, error, status: res.statusCode >= 500 ? 503 : res.statusCode }));
    });

    scoped.post('/deconnexion', async (req, reply) => {
      if (!sameOriginOk(req)) return send(req, reply, loginOutcome('/', { error: CROSS_SITE, status: 403 }));
      const res = await post(req, '/api/auth/logout', {}, true);
      reply.header('set-cookie', res.headers['set-cookie'] ?? `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
      return reply.header('cache-control', 'no-store').redirect('/', 303);
    });

    scoped.post('/explocode/admin/ingestion', async (req, reply) => {
      if (!sameOriginOk(req)) return send(req, reply, loginOutcome(ADMIN_PATH, { error: CROSS_SITE, status: 403 }));
      const res = await post(req, '/api/explocode/admin/ingest', { force: form(req).force === '1' }, true);
      if (res.statusCode === 401) return send(req, reply, loginRedirect(ADMIN_PATH));
      const result = res.statusCode === 202 ? 'lancee' : res.statusCode === 409 ? 'deja-en-cours' : 'erreur';
      return reply.header('cache-control', 'no-store').redirect(`${ADMIN_PATH}?ingestion=${result}`, 303);
    });
  });
}
