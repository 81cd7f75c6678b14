/**
 * The suite's own forms: log in, log out, retry a failed job. They work without JavaScript: the
 * browser posts the form, the server calls the JSON API in-process (JSON body, the visitor's cookie
 * and IP, so that the API's own limits apply) and answers with a redirect (303) or the page with its
 * error. CSRF: refused unless the request comes from this site (sameOriginOk); the session cookie is
 * SameSite=Lax besides.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE, retryJob, sameOriginOk, HttpError, type JobQueue } from '@eig/platform';
import { view } from '@eig/platform/web';
import type { PageRenderer } from './render-page.ts';
import { loginPath } from './render-page.ts';
import { safeReturnPath } from './safe-path.ts';
import { TOTP_PAGE, loginOutcome } from './shell-pages.ts';
import { shellViews } from '../shell/views.ts';

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

  /** The API's cookies (session, pending login) passed on to the browser as the API set them. */
  const passCookies = (reply: FastifyReply, res: { headers: Record<string, unknown> }) => {
    const cookies = res.headers['set-cookie'];
    if (cookies) reply.header('set-cookie', cookies as string | string[]);
  };
  const json = (body: string): Record<string, unknown> => {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return {};
    }
  };

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
      passCookies(reply, res);
      const status = json(res.body).status;
      // The second step: the code of the account's authenticator app.
      if (status === 'totp_required')
        return reply.header('cache-control', 'no-store').redirect(`/connexion/code?retour=${encodeURIComponent(returnTo)}`, 303);
      // A role requires a second factor that the account does not have yet: set it up first.
      if (status === 'totp_enrolment_required') return reply.header('cache-control', 'no-store').redirect(TOTP_PAGE, 303);
      return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
    }
    const error = message(res.body, 'La connexion a échoué. Veuillez réessayer.');
    return renderer.send(req, reply, loginOutcome(returnTo, { email, error, status: res.statusCode >= 500 ? 503 : res.statusCode }), null);
  });

  app.post('/connexion/code', async (req, reply) => {
    const f = form(req);
    const returnTo = f.retour ? safeReturnPath(f.retour) : '/';
    if (!sameOriginOk(req))
      return renderer.send(req, reply, loginOutcome(returnTo, { error: CROSS_SITE, status: 403, step: 'code' }), null);
    const body = f.recovery?.trim() ? { recoveryCode: f.recovery.trim().slice(0, 64) } : { code: (f.code ?? '').trim().slice(0, 16) };
    const res = await post(req, '/api/auth/login/totp', body, true);
    passCookies(reply, res);
    if (res.statusCode === 200) return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
    const code = json(res.body).code;
    // Too many wrong codes or too late: the password must be typed again.
    if (code === 'login_expired') {
      return renderer.send(
        req,
        reply,
        loginOutcome(returnTo, { error: message(res.body, 'La connexion a expiré : recommencez.'), status: 401 }),
        null,
      );
    }
    const error = message(res.body, 'Code incorrect. Veuillez réessayer.');
    return renderer.send(
      req,
      reply,
      loginOutcome(returnTo, { error, status: res.statusCode >= 500 ? 503 : res.statusCode, step: 'code' }),
      null,
    );
  });

  const totpView = (
    stage: 'scan' | 'codes',
    data: Partial<{ qrCodeDataUri: string; secret: string; error: string; recoveryCodes: string[] }>,
    required: boolean,
  ) =>
    view(
      shellViews.totp,
      {
        stage,
        required,
        qrCodeDataUri: data.qrCodeDataUri ?? null,
        secret: data.secret ?? null,
        error: data.error ?? null,
        recoveryCodes: data.recoveryCodes ?? null,
      },
      {
        title: data.error
          ? 'Erreur : Activer la double authentification'
          : stage === 'codes'
            ? 'Vos codes de secours'
            : 'Activer la double authentification',
        status: data.error ? 400 : 200,
      },
    );

  app.post('/compte/double-authentification', async (req, reply) => {
    if (!sameOriginOk(req)) throw new HttpError(403, CROSS_SITE);
    if (!req.auth) return reply.redirect(loginPath(TOTP_PAGE), 303);
    const res = await post(req, '/api/auth/totp/enrolment', {}, true);
    if (res.statusCode === 409) return reply.redirect('/compte', 303);
    if (res.statusCode !== 200)
      throw new HttpError(
        res.statusCode >= 500 ? 503 : res.statusCode,
        message(res.body, 'La double authentification n’a pas pu être préparée.'),
      );
    const e = json(res.body) as { qrCodeDataUri?: string; secret?: string };
    return renderer.send(req, reply, totpView('scan', { qrCodeDataUri: e.qrCodeDataUri, secret: e.secret }, req.auth.totpRequired), null);
  });

  app.post('/compte/double-authentification/confirmer', async (req, reply) => {
    if (!sameOriginOk(req)) throw new HttpError(403, CROSS_SITE);
    if (!req.auth) return reply.redirect(loginPath(TOTP_PAGE), 303);
    const res = await post(req, '/api/auth/totp/enrolment/confirm', { code: (form(req).code ?? '').trim().slice(0, 16) }, true);
    passCookies(reply, res);
    if (res.statusCode === 200) {
      const { recoveryCodes } = json(res.body) as { recoveryCodes?: string[] };
      return renderer.send(req, reply, totpView('codes', { recoveryCodes }, false), null);
    }
    if (json(res.body).code === 'no_enrolment') return reply.redirect(TOTP_PAGE, 303);
    // A wrong code: a new secret is shown (the first one stays pending only for its few minutes).
    const again = await post(req, '/api/auth/totp/enrolment', {}, true);
    const e = again.statusCode === 200 ? (json(again.body) as { qrCodeDataUri?: string; secret?: string }) : {};
    const error = message(res.body, 'Code incorrect : scannez de nouveau le QR code et saisissez le code affiché.');
    return renderer.send(
      req,
      reply,
      totpView('scan', { qrCodeDataUri: e.qrCodeDataUri, secret: e.secret, error }, req.auth.totpRequired),
      null,
    );
  });

  app.post('/compte/codes-de-secours', async (req, reply) => {
    if (!sameOriginOk(req)) throw new HttpError(403, CROSS_SITE);
    if (!req.user) return reply.redirect(loginPath('/compte'), 303);
    const res = await post(req, '/api/auth/totp/recovery-codes', { code: (form(req).code ?? '').trim().slice(0, 16) }, true);
    if (res.statusCode !== 200)
      throw new HttpError(
        res.statusCode >= 500 ? 503 : 400,
        message(res.body, 'Code incorrect : réessayez depuis la page de votre compte.'),
      );
    const { recoveryCodes } = json(res.body) as { recoveryCodes?: string[] };
    return renderer.send(req, reply, totpView('codes', { recoveryCodes }, false), null);
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
