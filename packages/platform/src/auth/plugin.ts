import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import cookie, { type CookieSerializeOptions } from '@fastify/cookie';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/types.ts';
import { HttpError } from '../http/errors.ts';
import { addResources, t } from '../i18n.ts';
import { truncateIp, type AuthFailureReason } from './audit.ts';
import { attemptsLeft, DEFAULT_LOCKOUT, lockedMessage, type LockoutPolicy } from './lockout.ts';
import { createRoleRegistry, type RoleRegistry } from './roles.ts';
import {
  authErrorSchema,
  codeBodySchema,
  enrolmentConfirmResponseSchema,
  enrolmentResponseSchema,
  loginBodySchema,
  loginResponseSchema,
  loginTotpResponseSchema,
  meResponseSchema,
  recoveryCodesResponseSchema,
  rolesResponseSchema,
  secondFactorBodySchema,
} from './schemas.ts';
import { UserStore, type AuthUser, type SessionUser } from './store.ts';
import { LoginThrottle } from './throttle.ts';
import { createSecretBox, TOTP_PARAMS, totpQrSvg, totpUri } from './totp.ts';
import { LoginChallenges } from './challenges.ts';
import { TotpStore, type SecondFactor } from './totp-store.ts';

/** What the auth plugin knows of the session of a request. */
export interface AuthState {
  user: AuthUser;
  totpEnabled: boolean;
  /** One of the user's roles requires a second factor. */
  totpRequired: boolean;
  /** TOTP required but not enrolled yet: the session may only enrol (and see /me, log out). */
  restricted: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The logged-in user, or null. Set for every request once the auth plugin is registered. Null for
     * a session restricted to TOTP enrolment too, so that no service route mistakes it for a login.
     */
    user: AuthUser | null;
    /** The session, restricted or not; null without one. */
    auth: AuthState | null;
  }
}

export const SESSION_COOKIE = 'eig_session';
/** The pending login between the password and the second factor. */
export const LOGIN_CHALLENGE_COOKIE = 'eig_login';
const DEFAULT_TTL_MS = 12 * 60 * 60 * 1000;
const DEFAULT_CHALLENGE_TTL_MS = 5 * 60 * 1000;
/** Wrong codes a pending login survives; then the password must be typed again. */
const MAX_CHALLENGE_ATTEMPTS = 5;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

addResources('platform', 'fr', {
  auth: {
    required: 'Authentification requise : connectez-vous.',
    forbidden: 'Accès refusé : il faut le rôle {{roles}}.',
    badCredentials: 'Adresse électronique ou mot de passe incorrect.',
    attemptsLeft_one: 'Encore {{count}} essai avant le verrouillage temporaire du compte.',
    attemptsLeft_other: 'Encore {{count}} essais avant le verrouillage temporaire du compte.',
    csrf: 'Requête refusée : elle ne vient pas de ce site (protection contre la falsification de requêtes).',
    enrolmentRequired: 'Votre rôle exige la double authentification : activez-la avec une application d’authentification pour continuer.',
    loginExpired: 'Votre connexion a expiré : saisissez à nouveau votre adresse électronique et votre mot de passe.',
    tooManyCodes: 'Trop de codes erronés : saisissez à nouveau votre adresse électronique et votre mot de passe.',
    badTotpCode: 'Code incorrect ou expiré. Saisissez le code affiché en ce moment par votre application.',
    replayedTotpCode: 'Ce code a déjà servi. Attendez le code suivant de votre application (30 secondes au plus).',
    badRecoveryCode: 'Code de secours incorrect ou déjà utilisé.',
    totpAlreadyEnabled: 'La double authentification est déjà activée sur ce compte.',
    noEnrolment: 'Aucune activation en cours, ou elle a expiré : recommencez l’activation.',
    totpNotEnabled: 'La double authentification n’est pas activée sur ce compte.',
  },
});
addResources('platform', 'en', {
  auth: {
    required: 'Authentication required: please log in.',
    forbidden: 'Access denied: role {{roles}} required.',
    badCredentials: 'Wrong email or password.',
    attemptsLeft_one: '{{count}} attempt left before the account is temporarily locked.',
    attemptsLeft_other: '{{count}} attempts left before the account is temporarily locked.',
    csrf: 'Request refused: it does not come from this site (cross-site request forgery protection).',
    enrolmentRequired: 'Your role requires two-factor authentication: set it up to continue.',
    loginExpired: 'Your login expired: enter your email and password again.',
    tooManyCodes: 'Too many wrong codes: enter your email and password again.',
    badTotpCode: 'Wrong or expired code.',
    replayedTotpCode: 'This code was already used: wait for the next one.',
    badRecoveryCode: 'Wrong or already used recovery code.',
    totpAlreadyEnabled: 'Two-factor authentication is already on.',
    noEnrolment: 'No set-up in progress, or it expired: start again.',
    totpNotEnabled: 'Two-factor authentication is not on for this account.',
  },
});

export interface AuthOptions {
  db: Db;
  /** Known roles and which require TOTP; by default only the suite's `admin`, without TOTP. */
  roles?: RoleRegistry;
  /** Encrypts TOTP secrets at rest (config.totpEncryptionKey). */
  totpEncryptionKey?: Buffer;
  /** Shown in authenticator apps beside the account; "Suite EIG" by default. */
  issuer?: string;
  /** Session lifetime; 12 hours by default (a working day, then log in again). */
  sessionTtlMs?: number;
  /** Lifetime of a pending login (password checked, second factor awaited); 5 minutes by default. */
  loginChallengeTtlMs?: number;
  /** Login attempts per minute and IP (password and second-factor steps each); 10 by default. */
  loginRateLimit?: number;
  /** Per-account lockout (see lockout.ts); tests shorten it. */
  lockout?: Partial<LockoutPolicy>;
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
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return type === 'application/json';
}

/** preHandler refusing cross-site requests (see sameOriginOk); for routes that change state without a session yet. */
export const requireSameOrigin: preHandlerAsyncHookHandler = async (req) => {
  if (!sameOriginOk(req)) throw new HttpError(403, t('auth.csrf'));
};

/**
 * preHandler: 401 when nobody is logged in, 403 without any of `roles` (any one is enough; none = any
 * logged-in user). A session restricted to TOTP enrolment gets 403 `totp_enrolment_required`.
 * Services use it as `{ preHandler: requireRole('someservice.agent', 'someservice.admin') }`.
 */
export function requireRole(...roles: string[]): preHandlerAsyncHookHandler {
  return async (req: FastifyRequest) => {
    const user = req.user;
    if (!user) {
      if (req.auth?.restricted) throw new HttpError(403, t('auth.enrolmentRequired'), 'totp_enrolment_required');
      throw new HttpError(401, t('auth.required'), 'unauthorized');
    }
    if (roles.length > 0 && !roles.some((r) => user.roles.includes(r))) {
      throw new HttpError(403, t('auth.forbidden', { roles: roles.map((r) => `« ${r} »`).join(' ou ') }), 'forbidden');
    }
  };
}

/** Any session, even one restricted to enrolment: the enrolment routes, /me. */
const requireSession: preHandlerAsyncHookHandler = async (req) => {
  if (!req.auth) throw new HttpError(401, t('auth.required'), 'unauthorized');
};

const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, authErrorSchema]));

async function authPlugin(app: FastifyInstance, opts: AuthOptions): Promise<void> {
  const ttlMs = opts.sessionTtlMs ?? DEFAULT_TTL_MS;
  const challengeTtlMs = opts.loginChallengeTtlMs ?? DEFAULT_CHALLENGE_TTL_MS;
  const roles = opts.roles ?? createRoleRegistry();
  const issuer = opts.issuer ?? 'Suite EIG';
  const users = new UserStore(opts.db, { roles });
  const totp = new TotpStore(opts.db, createSecretBox(opts.totpEncryptionKey));
  const challenges = new LoginChallenges(opts.db);
  const throttle = new LoginThrottle(opts.db, { ...DEFAULT_LOCKOUT, ...opts.lockout });
  const loginRateLimit = { max: opts.loginRateLimit ?? 10, timeWindow: '1 minute' };

  if (!opts.totpEncryptionKey) {
    app.log.warn('TOTP_ENCRYPTION_KEY is not set: second-factor secrets are stored unencrypted in the database');
  }
  await app.register(cookie);
  app.decorateRequest('user', null);
  app.decorateRequest('auth', null);

  const stateOf = (u: SessionUser): AuthState => {
    const totpRequired = roles.requiresTotp(u.roles);
    return {
      user: { id: u.id, email: u.email, roles: u.roles },
      totpEnabled: u.totpEnabled,
      totpRequired,
      restricted: totpRequired && !u.totpEnabled,
    };
  };

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    const sessionUser = token ? await users.userForSession(token) : null;
    req.auth = sessionUser ? stateOf(sessionUser) : null;
    req.user = req.auth && !req.auth.restricted ? req.auth.user : null;
    const carriesCredentials = token || req.cookies[LOGIN_CHALLENGE_COOKIE];
    if (carriesCredentials && UNSAFE.has(req.method) && !sameOriginOk(req)) throw new HttpError(403, t('auth.csrf'));
  });

  // Same attributes as before the move to @fastify/cookie: HttpOnly, SameSite=Lax, Path=/, and Secure
  // whenever the request came over HTTPS (behind a TLS proxy, TRUST_PROXY must name it).
  const cookieOptions = (req: FastifyRequest): CookieSerializeOptions => ({
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
  });

  const startSession = async (req: FastifyRequest, reply: FastifyReply, userId: number) => {
    const previous = req.cookies[SESSION_COOKIE];
    if (previous) await users.deleteSession(previous);
    const { token } = await users.createSession(userId, ttlMs);
    reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: Math.floor(ttlMs / 1000) });
  };

  /** One log line per failed step: account id or pseudonym, network, reason; never the address, a code or a password. */
  const logFailure = async (
    req: FastifyRequest,
    reason: AuthFailureReason,
    who: { userId: number | null; email?: string },
    extra: Record<string, unknown> = {},
  ) => {
    const account = who.userId !== null ? { userId: who.userId } : who.email ? { emailHash: await throttle.pseudonym(who.email) } : {};
    req.log.info({ event: 'login_failed', reason, ...account, ip: truncateIp(req.ip), ...extra }, 'login failed');
  };

  const locked = (reply: FastifyReply, until: Date) => {
    const now = new Date();
    const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ statusCode: 429, code: 'account_locked', message: lockedMessage(until, now), lockedUntil: until.toISOString() });
  };

  const clearChallenge = (req: FastifyRequest, reply: FastifyReply) => reply.clearCookie(LOGIN_CHALLENGE_COOKIE, cookieOptions(req));

  app.register(
    async (scoped) => {
      const r = scoped.withTypeProvider<ZodTypeProvider>();
      const tags = ['Comptes'];

      r.post(
        '/login',
        {
          preHandler: requireSameOrigin,
          config: { rateLimit: loginRateLimit },
          schema: {
            tags,
            summary: 'Se connecter : mot de passe, puis (si le compte en a une) double authentification',
            description:
              'Réponses 200 : `ok` (session ouverte), `totp_required` (cookie de connexion en attente posé : envoyer le code à /login/totp), ' +
              '`totp_enrolment_required` (session limitée à l’activation de la double authentification). ' +
              '429 `account_locked` après plusieurs échecs sur le compte (avec lockedUntil), ou `rate_limited` (trop de requêtes de cette adresse IP).',
            body: loginBodySchema,
            response: { 200: loginResponseSchema, ...errors(400, 401, 403, 429) },
          },
        },
        async (req, reply) => {
          const { email, password } = req.body;
          const attempt = await throttle.attempt(email);
          if (!attempt.allowed) {
            // Not even checked: guessing stops while the account is locked.
            await logFailure(req, 'locked', { userId: (await users.find(email))?.id ?? null, email });
            return locked(reply, attempt.lockedUntil);
          }
          const result = await users.checkPassword(email, password);
          if (!result.ok) {
            const reason = result.userId === null ? 'unknown_account' : 'bad_password';
            await logFailure(req, reason, { userId: result.userId, email }, { failures: attempt.failures });
            if (attempt.state.lockedUntil) {
              req.log.warn(
                { event: 'account_locked', ...(result.userId !== null ? { userId: result.userId } : {}), failures: attempt.failures },
                'account locked',
              );
              return locked(reply, attempt.state.lockedUntil);
            }
            const left = attemptsLeft(attempt.failures, throttle.policy);
            const warning = left <= 2 ? ` ${t('auth.attemptsLeft', { count: left })}` : '';
            throw new HttpError(401, t('auth.badCredentials') + warning, 'bad_credentials');
          }
          const user = result.user;
          const publicUser = { id: user.id, email: user.email, roles: user.roles };
          if (user.totpEnabled) {
            // The password was right: this attempt is not a failure, but the login is not complete. The
            // throttle is cleared only once the second factor is right too, so a known password does not
            // reset the count of wrong codes.
            await throttle.refund(email);
            const { token, expiresAt } = await challenges.create(user.id, challengeTtlMs);
            reply.setCookie(LOGIN_CHALLENGE_COOKIE, token, { ...cookieOptions(req), maxAge: Math.floor(challengeTtlMs / 1000) });
            req.log.info({ event: 'login_password_ok', userId: user.id }, 'password ok, second factor awaited');
            return { status: 'totp_required' as const, expiresAt: expiresAt.toISOString() };
          }
          await throttle.succeeded(email);
          await startSession(req, reply, user.id);
          if (roles.requiresTotp(user.roles)) {
            req.log.info({ event: 'login', userId: user.id, restricted: true }, 'login restricted to TOTP enrolment');
            return { status: 'totp_enrolment_required' as const, user: publicUser };
          }
          req.log.info({ event: 'login', userId: user.id }, 'login');
          return { status: 'ok' as const, user: publicUser };
        },
      );

      r.post(
        '/login/totp',
        {
          preHandler: requireSameOrigin,
          config: { rateLimit: loginRateLimit },
          schema: {
            tags,
            summary: 'Se connecter, seconde étape : code de l’application ou code de secours',
            description:
              'Après `totp_required`. Erreurs : 401 `login_expired` (connexion en attente absente, expirée ou trop de codes faux : ' +
              'recommencer avec le mot de passe), 401 `bad_totp_code`, `replayed_totp_code`, `bad_recovery_code`, 429 `account_locked`.',
            body: secondFactorBodySchema,
            response: { 200: loginTotpResponseSchema, ...errors(400, 401, 403, 429) },
          },
        },
        async (req, reply) => {
          const token = req.cookies[LOGIN_CHALLENGE_COOKIE];
          const challenge = token ? await challenges.attempt(token) : null;
          if (!challenge) {
            await logFailure(req, 'challenge_expired', { userId: null });
            clearChallenge(req, reply);
            throw new HttpError(401, t('auth.loginExpired'), 'login_expired');
          }
          if (challenge.attempts > MAX_CHALLENGE_ATTEMPTS) {
            await challenges.delete(token!);
            await logFailure(req, 'challenge_attempts_exceeded', { userId: challenge.userId });
            clearChallenge(req, reply);
            throw new HttpError(401, t('auth.tooManyCodes'), 'login_expired');
          }
          const user = await users.byId(challenge.userId);
          if (!user) {
            clearChallenge(req, reply);
            throw new HttpError(401, t('auth.loginExpired'), 'login_expired');
          }
          const attempt = await throttle.attempt(user.email);
          if (!attempt.allowed) {
            await challenges.delete(token!);
            clearChallenge(req, reply);
            await logFailure(req, 'locked', { userId: user.id });
            return locked(reply, attempt.lockedUntil);
          }
          const factor: SecondFactor =
            req.body.recoveryCode !== undefined ? { recoveryCode: req.body.recoveryCode } : { code: req.body.code!.replace(/\s/g, '') };
          const check = await totp.check(user.id, factor);
          if (!check.ok) {
            const reason = check.reason === 'not_enrolled' ? 'bad_totp_code' : check.reason;
            await logFailure(req, reason, { userId: user.id }, { failures: attempt.failures });
            if (attempt.state.lockedUntil) {
              await challenges.delete(token!);
              clearChallenge(req, reply);
              req.log.warn({ event: 'account_locked', userId: user.id, failures: attempt.failures }, 'account locked');
              return locked(reply, attempt.state.lockedUntil);
            }
            const message =
              reason === 'replayed_totp_code'
                ? t('auth.replayedTotpCode')
                : reason === 'bad_recovery_code'
                  ? t('auth.badRecoveryCode')
                  : t('auth.badTotpCode');
            throw new HttpError(401, message, reason);
          }
          await throttle.succeeded(user.email);
          await challenges.delete(token!);
          clearChallenge(req, reply);
          await startSession(req, reply, user.id);
          req.log.info({ event: 'login', userId: user.id, method: check.method }, 'login');
          if (check.method === 'recovery_code') {
            req.log.warn({ event: 'recovery_code_used', userId: user.id, left: check.recoveryCodesLeft }, 'recovery code used');
          }
          return {
            status: 'ok' as const,
            user: { id: user.id, email: user.email, roles: user.roles },
            method: check.method,
            recoveryCodesLeft: check.recoveryCodesLeft,
          };
        },
      );

      r.post(
        '/logout',
        { schema: { tags, summary: 'Se déconnecter (supprime la session)', response: { 204: z.null(), ...errors(403) } } },
        async (req, reply) => {
          const token = req.cookies[SESSION_COOKIE];
          if (token) await users.deleteSession(token);
          const pending = req.cookies[LOGIN_CHALLENGE_COOKIE];
          if (pending) {
            await challenges.delete(pending);
            clearChallenge(req, reply);
          }
          if (req.auth) req.log.info({ event: 'logout', userId: req.auth.user.id }, 'logout');
          reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
          return reply.code(204).send(null);
        },
      );

      r.get(
        '/me',
        {
          preHandler: requireSession,
          schema: {
            tags,
            summary: 'Le compte connecté, et l’état de sa double authentification',
            response: { 200: meResponseSchema, ...errors(401) },
          },
        },
        async (req) => {
          const auth = req.auth!;
          const status = await totp.status(auth.user.id);
          return {
            user: auth.user,
            restricted: auth.restricted,
            totp: { enabled: status.enabled, required: auth.totpRequired, recoveryCodesLeft: status.recoveryCodesLeft },
          };
        },
      );

      r.post(
        '/totp/enrolment',
        {
          preHandler: requireSession,
          schema: {
            tags,
            summary: 'Activer la double authentification, étape 1 : un nouveau secret et son QR code',
            description: 'Le secret n’est actif qu’après confirmation par un premier code (/totp/enrolment/confirm), dans les 15 minutes.',
            response: { 200: enrolmentResponseSchema, ...errors(401, 403, 409) },
          },
        },
        async (req) => {
          const user = req.auth!.user;
          const secret = await totp.startEnrolment(user.id);
          if (!secret) throw new HttpError(409, t('auth.totpAlreadyEnabled'), 'totp_already_enabled');
          const otpauthUri = totpUri({ issuer, account: user.email, secret });
          const qrCodeSvg = await totpQrSvg(otpauthUri);
          req.log.info({ event: 'totp_enrolment_started', userId: user.id }, 'TOTP enrolment started');
          return {
            secret,
            otpauthUri,
            qrCodeSvg,
            qrCodeDataUri: `data:image/svg+xml;base64,${Buffer.from(qrCodeSvg).toString('base64')}`,
            issuer,
            account: user.email,
            algorithm: 'SHA1' as const,
            digits: TOTP_PARAMS.digits,
            period: TOTP_PARAMS.period,
            expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
          };
        },
      );

      r.post(
        '/totp/enrolment/confirm',
        {
          preHandler: requireSession,
          config: { rateLimit: loginRateLimit },
          schema: {
            tags,
            summary: 'Activer la double authentification, étape 2 : confirmer avec un premier code',
            description:
              'Renvoie les 10 codes de secours (seule fois où ils sont lisibles) et ouvre une nouvelle session complète. ' +
              'Erreurs : 400 `bad_totp_code`, 409 `no_enrolment` ou `totp_already_enabled`.',
            body: codeBodySchema,
            response: { 200: enrolmentConfirmResponseSchema, ...errors(400, 401, 403, 409, 429) },
          },
        },
        async (req, reply) => {
          const user = req.auth!.user;
          const result = await totp.confirmEnrolment(user.id, req.body.code.replace(/\s/g, ''));
          if (!result.ok) {
            if (result.reason === 'bad_totp_code') throw new HttpError(400, t('auth.badTotpCode'), 'bad_totp_code');
            if (result.reason === 'already_enabled') throw new HttpError(409, t('auth.totpAlreadyEnabled'), 'totp_already_enabled');
            throw new HttpError(409, t('auth.noEnrolment'), 'no_enrolment');
          }
          // What the session may do changed: a new token (no session fixation across the privilege change).
          await startSession(req, reply, user.id);
          req.log.info({ event: 'totp_enabled', userId: user.id }, 'TOTP enabled');
          return { user, recoveryCodes: result.recoveryCodes };
        },
      );

      r.post(
        '/totp/recovery-codes',
        {
          preHandler: requireRole(),
          config: { rateLimit: loginRateLimit },
          schema: {
            tags,
            summary: 'Nouveaux codes de secours (les anciens cessent de fonctionner), sur présentation d’un code',
            body: codeBodySchema,
            response: { 200: recoveryCodesResponseSchema, ...errors(400, 401, 403, 409, 429) },
          },
        },
        async (req, reply) => {
          const user = req.user!;
          const attempt = await throttle.attempt(user.email);
          if (!attempt.allowed) return locked(reply, attempt.lockedUntil);
          const check = await totp.check(user.id, { code: req.body.code.replace(/\s/g, '') });
          if (!check.ok) {
            if (check.reason === 'not_enrolled') {
              await throttle.refund(user.email);
              throw new HttpError(409, t('auth.totpNotEnabled'), 'totp_not_enabled');
            }
            await logFailure(req, check.reason, { userId: user.id }, { failures: attempt.failures, step: 'recovery_codes' });
            if (attempt.state.lockedUntil) return locked(reply, attempt.state.lockedUntil);
            throw new HttpError(
              400,
              check.reason === 'replayed_totp_code' ? t('auth.replayedTotpCode') : t('auth.badTotpCode'),
              check.reason,
            );
          }
          await throttle.succeeded(user.email);
          const recoveryCodes = (await totp.regenerateRecoveryCodes(user.id))!;
          req.log.info({ event: 'recovery_codes_regenerated', userId: user.id }, 'recovery codes regenerated');
          return { recoveryCodes };
        },
      );

      r.get(
        '/roles',
        {
          preHandler: requireRole('admin'),
          schema: {
            tags,
            summary: 'Les rôles connus (ceux de la suite et de chaque service)',
            response: { 200: rolesResponseSchema, ...errors(401, 403) },
          },
        },
        async () => ({ roles: roles.list().map((d) => ({ ...d, requireTotp: d.requireTotp ?? false })) }),
      );
    },
    { prefix: '/api/auth' },
  );
}

/**
 * Users, sessions, second factors and the `/api/auth` routes. Register it on the root app after
 * createServer and before the services (their routes then see `req.user` and can use requireRole).
 */
export const registerAuth = (app: FastifyInstance, opts: AuthOptions) =>
  app.register(fp(authPlugin, { name: 'eig-auth', fastify: '5.x' }), opts);
