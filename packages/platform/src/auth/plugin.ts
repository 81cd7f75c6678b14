import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/types.ts';
import { HttpError, errorBodySchema } from '../http/errors.ts';
import { addResources, t } from '../i18n.ts';
import { MAX_PASSWORD_LENGTH } from './password.ts';
import { UserStore, type AuthUser } from './store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in user, or null. Set for every request once the auth plugin is registered. */
    user: AuthUser | null;
  }
}

export const SESSION_COOKIE = 'eig_session';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

addResources('platform', 'fr', {
  auth: {
    required: 'Authentification requise : connectez-vous.',
    forbidden: 'Accès refusé : il faut le rôle {{roles}}.',
    badCredentials: 'Adresse électronique ou mot de passe incorrect.',
    csrf: 'Requête refusée : elle ne vient pas de ce site (protection contre la falsification de requêtes).',
  },
});
addResources('platform', 'en', {
  auth: {
    required: 'Authentication required: please log in.',
    forbidden: 'Access denied: role {{roles}} required.',
    badCredentials: 'Wrong email or password.',
    csrf: 'Request refused: it does not come from this site (cross-site request forgery protection).',
  },
});

export interface AuthOptions {
  db: Db;
  /** Session lifetime; 12 hours by default (a working day, then log in again). */
  sessionTtlMs?: number;
  /** Login attempts per minute and IP; 10 by default. */
  loginRateLimit?: number;
}

/**
 * CSRF, checked on every state-changing request (POST, PUT, PATCH, DELETE) that carries the session
 * cookie, and on login (to prevent logging a victim into someone else's account):
 *  1. the cookie is SameSite=Lax, so browsers do not send it with cross-site POSTs at all;
 *  2. Fetch Metadata: current browsers say where a request comes from in `Sec-Fetch-Site`, a header
 *     pages cannot set; anything but `same-origin` is refused. This also stops same-site attackers
 *     (a sibling subdomain), which SameSite lets through;
 *  3. a real Origin header must name this host (older browsers without Sec-Fetch-Site). Under a
 *     `no-referrer` policy browsers send `Origin: null` even for same-origin forms (the server sends
 *     `same-origin`, but a proxy may override it): hence Fetch Metadata first;
 *  4. otherwise the body must be `application/json`: a page from another origin cannot send that
 *     without a CORS preflight, which this server never grants. HTML forms (urlencoded, multipart,
 *     text/plain) from a browser that says nothing of their origin are refused.
 * Non-browser clients (curl, scripts) send JSON. The web front end's HTML forms come from browsers
 * (rules 2 and 3); its server-side calls to the API (app.inject) send JSON.
 */
export function sameOriginOk(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    try {
      // Host and port only (read in the Origin's scheme, so that ":80" and no port compare equal): the
      // scheme is often rewritten by the TLS-terminating proxy.
      const o = new URL(origin);
      return new URL(`${o.protocol}//${req.host}`).host === o.host;
    } catch {
      return false;
    }
  }
  if (site === 'same-origin') return true;
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/** preHandler refusing cross-site requests (see sameOriginOk); for routes that change state without a session yet. */
export const requireSameOrigin: preHandlerAsyncHookHandler = async (req) => {
  if (!sameOriginOk(req)) throw new HttpError(403, t('auth.csrf'));
};

/**
 * preHandler: 401 when nobody is logged in, 403 when the user has none of `roles` (any role is
 * enough; no roles = any logged-in user). Services use it as `{ preHandler: requireRole('admin') }`.
 */
export function requireRole(...roles: string[]): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest) => {
    const user = req.user;
    if (!user) throw new HttpError(401, t('auth.required'));
    if (roles.length > 0 && !roles.some((r) => user.roles.includes(r))) {
      throw new HttpError(403, t('auth.forbidden', { roles: roles.map((r) => `« ${r} »`).join(' ou ') }));
    }
  };
}

const loginBody = z.object({
  email: z.string().trim().max(254).describe('Adresse électronique du compte'),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});
const userBody = z.object({ id: z.number(), email: z.string(), roles: z.array(z.string()) });
const errorBody = errorBodySchema;

async function authPlugin(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  const ttlMs = opts.sessionTtlMs ?? DEFAULT_TTL_MS;
  const users = new UserStore(opts.db);
  await app.register(cookie);
  app.decorateRequest('user', null);

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    req.user = token ? await users.userForSession(token) : null;
    if (token && UNSAFE.has(req.method) && !sameOriginOk(req)) throw new HttpError(403, t('auth.csrf'));
  });

  const cookieOptions = (req: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    // Secure whenever the request came over HTTPS (behind a proxy: set TRUST_PROXY=true).
    secure: req.protocol === 'https',
  });

  const clearSession = (req: FastifyRequest, reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, cookieOptions(req));

  app.register(
    async (scoped) => {
      const r = scoped.withTypeProvider<ZodTypeProvider>();
      const tags = ['Comptes'];

      r.post(
        '/login',
        {
          preHandler: requireSameOrigin,
          config: { rateLimit: { max: opts.loginRateLimit ?? 10, timeWindow: '1 minute' } },
          schema: {
            tags,
            summary: 'Se connecter (pose le cookie de session)',
            body: loginBody,
            response: { 200: z.object({ user: userBody }), 400: errorBody, 401: errorBody, 429: errorBody },
          },
        },
        async (req, reply) => {
          const user = await users.verify(req.body.email, req.body.password);
          if (!user) {
            // Neither the email nor the password is logged: only that a login failed.
            req.log.info({ event: 'login_failed' }, 'login failed');
            throw new HttpError(401, t('auth.badCredentials'));
          }
          const previous = req.cookies[SESSION_COOKIE];
          if (previous) await users.deleteSession(previous);
          const { token } = await users.createSession(user.id, ttlMs);
          reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: Math.floor(ttlMs / 1000) });
          req.log.info({ event: 'login', userId: user.id }, 'login');
          return { user };
        },
      );

      r.post(
        '/logout',
        { schema: { tags, summary: 'Se déconnecter (supprime la session)', response: { 204: z.null() } } },
        async (req, reply) => {
          const token = req.cookies[SESSION_COOKIE];
          if (token) await users.deleteSession(token);
          if (req.user) req.log.info({ event: 'logout', userId: req.user.id }, 'logout');
          clearSession(req, reply);
          return reply.code(204).send(null);
        },
      );

      r.get(
        '/me',
        {
          preHandler: requireRole(),
          schema: { tags, summary: 'Le compte connecté', response: { 200: z.object({ user: userBody }), 401: errorBody } },
        },
        async (req) => ({ user: req.user! }),
      );
    },
    { prefix: '/api/auth' },
  );
}

/**
 * Users, sessions and the `/api/auth` routes. Register it on the root app after createServer and
 * before the services (their routes then see `req.user` and can use requireRole).
 */
export const registerAuth = (app: FastifyInstance, opts: AuthOptions) =>
  app.register(fp(authPlugin, { name: 'eig-auth', fastify: '5.x' }), opts);
