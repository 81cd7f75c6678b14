import { createHash, randomBytes } from 'node:crypto';
import type { Db, Migration } from '../db/types.ts';
import { AuthError } from './errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { ROLE_ID, type RoleRegistry } from './roles.ts';

export { AuthError };

/**
 * Accounts of the suite's staff (administrators, court agents, translators, moderators): the
 * public never logs in. Applied with `migrate(db, 'platform', authMigrations)`; ids are prefixed
 * `auth_` so that they never clash with the platform's other migrations (e.g. the job queue's).
 */
export const authMigrations: Migration[] = [
  {
    id: 'auth_001_users_sessions',
    sql: `
      CREATE TABLE platform_users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        roles text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      );
      -- Only a SHA-256 of each session token is stored: a leaked table does not let anyone log in.
      CREATE TABLE platform_sessions (
        token_hash text PRIMARY KEY,
        user_id integer NOT NULL REFERENCES platform_users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX platform_sessions_user ON platform_sessions (user_id);
      CREATE INDEX platform_sessions_expiry ON platform_sessions (expires_at);
    `,
  },
  {
    id: 'auth_002_totp_lockout',
    sql: `
      -- Second factor: the confirmed secret, the one being enrolled (until confirmed), and the time step
      -- of the last code accepted (a code is never accepted twice). Secrets are sealed by SecretBox.
      ALTER TABLE platform_users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_pending_expires_at timestamptz;
      -- Single-use recovery codes, stored as SHA-256 (80-bit random codes).
      CREATE TABLE platform_recovery_codes (
        user_id integer NOT NULL REFERENCES platform_users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        used_at timestamptz,
        PRIMARY KEY (user_id, code_hash)
      );
      -- A password checked, a second factor awaited: the pending login (its token's hash only).
      CREATE TABLE platform_login_challenges (
        token_hash text PRIMARY KEY,
        user_id integer NOT NULL REFERENCES platform_users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0
      );
      CREATE INDEX platform_login_challenges_expiry ON platform_login_challenges (expires_at);
      -- Failed logins per address typed (an HMAC of it: accounts and unknown addresses alike).
      CREATE TABLE platform_login_throttle (
        account_key text PRIMARY KEY,
        failures integer NOT NULL,
        last_failure_at timestamptz NOT NULL,
        locked_until timestamptz
      );
      CREATE INDEX platform_login_throttle_last ON platform_login_throttle (last_failure_at);
      -- Per-installation random keys (e.g. the one that pseudonymises addresses in logs).
      CREATE TABLE platform_secrets (
        name text PRIMARY KEY,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** Who is logged in: what `req.user` holds. */
export interface AuthUser {
  id: number;
  email: string;
  roles: string[];
}

export interface UserInfo extends AuthUser {
  createdAt: Date;
  lastLoginAt: Date | null;
  /** When the second factor was confirmed; null without one. */
  totpEnabledAt: Date | null;
}

/** A live session's user, with what the auth plugin needs to decide what the session may do. */
export interface SessionUser extends AuthUser {
  totpEnabled: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(email: string): string {
  const e = normalizeEmail(email);
  if (!EMAIL.test(e) || e.length > 254) throw new AuthError(`adresse électronique invalide : ${email.slice(0, 100)}`);
  return e;
}

/** Well-formed roles; known ones too when a registry is given (it is, in the CLI and the server). */
function checkRoles(roles: string[], registry?: RoleRegistry): string[] {
  const out = [...new Set(roles.map((r) => r.trim()).filter(Boolean))];
  for (const r of out) {
    if (!ROLE_ID.test(r)) {
      throw new AuthError(`rôle invalide : « ${r.slice(0, 40)} » (minuscules, chiffres, - et _, « service.rôle »)`);
    }
  }
  return registry ? registry.validate(out) : out.sort();
}

/** Session tokens carry 256 random bits, so a fast hash is enough to store them (no salt or scrypt needed). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type UserRow = {
  id: number;
  email: string;
  roles: string[];
  password_hash: string;
  created_at: Date;
  last_login_at: Date | null;
  totp_enabled_at: Date | null;
};
const toUser = (r: UserRow): AuthUser => ({ id: r.id, email: r.email, roles: r.roles ?? [] });

export class UserStore {
  /** Verified against when the email is unknown, so that both failures take about as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Db,
    private readonly opts: { roles?: RoleRegistry } = {},
  ) {}

  async create(email: string, password: string, roles: string[] = []): Promise<AuthUser> {
    const e = checkEmail(email);
    const r = checkRoles(roles, this.opts.roles);
    const problem = passwordProblem(password);
    if (problem) throw new AuthError(problem);
    const hash = await hashPassword(password);
    const { rows } = await this.db.query<UserRow>(
      `INSERT INTO platform_users (email, password_hash, roles) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING RETURNING id, email, roles`,
      [e, hash, r],
    );
    if (!rows[0]) throw new AuthError(`un compte existe déjà pour ${e}`);
    return toUser(rows[0]);
  }

  async list(): Promise<UserInfo[]> {
    const { rows } = await this.db.query<UserRow>(
      'SELECT id, email, roles, created_at, last_login_at, totp_enabled_at FROM platform_users ORDER BY email',
    );
    return rows.map((r) => ({
      ...toUser(r),
      createdAt: r.created_at,
      lastLoginAt: r.last_login_at,
      totpEnabledAt: r.totp_enabled_at,
    }));
  }

  /** The account of an address, or null. */
  async find(email: string): Promise<AuthUser | null> {
    const { rows } = await this.db.query<UserRow>('SELECT id, email, roles FROM platform_users WHERE email = $1', [normalizeEmail(email)]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  /** Replaces the roles of an account (and closes its sessions: what they could do has changed). */
  async setRoles(email: string, roles: string[]): Promise<AuthUser | null> {
    const r = checkRoles(roles, this.opts.roles);
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<UserRow>('UPDATE platform_users SET roles = $2 WHERE email = $1 RETURNING id, email, roles', [
        normalizeEmail(email),
        r,
      ]);
      if (!rows[0]) return null;
      await tx.query('DELETE FROM platform_sessions WHERE user_id = $1', [rows[0].id]);
      return toUser(rows[0]);
    });
  }

  /** Removes the account and, by cascade, its sessions. False when there was none. */
  async remove(email: string): Promise<boolean> {
    const { rowCount } = await this.db.query('DELETE FROM platform_users WHERE email = $1', [normalizeEmail(email)]);
    return rowCount > 0;
  }

  async setPassword(email: string, password: string): Promise<boolean> {
    const problem = passwordProblem(password);
    if (problem) throw new AuthError(problem);
    const hash = await hashPassword(password);
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>('UPDATE platform_users SET password_hash = $2 WHERE email = $1 RETURNING id', [
        normalizeEmail(email),
        hash,
      ]);
      if (!rows[0]) return false;
      // A new password logs every existing session out.
      await tx.query('DELETE FROM platform_sessions WHERE user_id = $1', [rows[0].id]);
      return true;
    });
  }

  /** The user when the password matches; null otherwise, in about the same time whether the email exists or not. */
  async verify(email: string, password: string): Promise<AuthUser | null> {
    const result = await this.checkPassword(email, password);
    return result.ok ? result.user : null;
  }

  /** Like verify, saying why it failed (for the logs): no such account, or a wrong password. */
  async checkPassword(email: string, password: string): Promise<{ ok: true; user: SessionUser } | { ok: false; userId: number | null }> {
    const { rows } = await this.db.query<UserRow>(
      'SELECT id, email, roles, password_hash, totp_enabled_at FROM platform_users WHERE email = $1',
      [normalizeEmail(email)],
    );
    const row = rows[0];
    if (!row) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await this.dummyHash);
      return { ok: false, userId: null };
    }
    if (!(await verifyPassword(password, row.password_hash))) return { ok: false, userId: row.id };
    return { ok: true, user: { ...toUser(row), totpEnabled: row.totp_enabled_at !== null } };
  }

  async byId(id: number): Promise<SessionUser | null> {
    const { rows } = await this.db.query<UserRow>('SELECT id, email, roles, totp_enabled_at FROM platform_users WHERE id = $1', [id]);
    return rows[0] ? { ...toUser(rows[0]), totpEnabled: rows[0].totp_enabled_at !== null } : null;
  }

  /** Opens a session: returns the token to send to the client (only its hash is stored). */
  async createSession(userId: number, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.db.query('INSERT INTO platform_sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hashToken(token),
      userId,
      expiresAt,
    ]);
    await this.db.query('UPDATE platform_users SET last_login_at = now() WHERE id = $1', [userId]);
    // Housekeeping, cheap thanks to the index: expired sessions are useless.
    await this.db.query('DELETE FROM platform_sessions WHERE expires_at < now()');
    return { token, expiresAt };
  }

  /** The user of a live session, or null (unknown or expired token). */
  async userForSession(token: string): Promise<SessionUser | null> {
    if (!token || token.length > 100) return null;
    const { rows } = await this.db.query<UserRow>(
      `SELECT u.id, u.email, u.roles, u.totp_enabled_at FROM platform_sessions s JOIN platform_users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    );
    return rows[0] ? { ...toUser(rows[0]), totpEnabled: rows[0].totp_enabled_at !== null } : null;
  }

  /** Closes every session of an account. */
  async deleteSessions(userId: number): Promise<void> {
    await this.db.query('DELETE FROM platform_sessions WHERE user_id = $1', [userId]);
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.query('DELETE FROM platform_sessions WHERE token_hash = $1', [hashToken(token)]);
  }
}
