import { createHash, randomBytes } from 'node:crypto';
import type { Db, Migration } from '../db/types.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

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
}

/** A user error (bad email, weak password, duplicate...): its French message is shown as is. */
export class AuthError extends Error {
  override name = 'AuthError';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ROLE = /^[a-z][a-z0-9_-]{0,31}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(email: string): string {
  const e = normalizeEmail(email);
  if (!EMAIL.test(e) || e.length > 254) throw new AuthError(`adresse électronique invalide : ${email.slice(0, 100)}`);
  return e;
}

function checkRoles(roles: string[]): string[] {
  const out = [...new Set(roles.map((r) => r.trim()).filter(Boolean))];
  for (const r of out) {
    if (!ROLE.test(r)) throw new AuthError(`rôle invalide : « ${r.slice(0, 40)} » (minuscules, chiffres, - et _)`);
  }
  return out.sort();
}

/** Session tokens carry 256 random bits, so a fast hash is enough to store them (no salt or scrypt needed). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type UserRow = { id: number; email: string; roles: string[]; password_hash: string; created_at: Date; last_login_at: Date | null };
const toUser = (r: UserRow): AuthUser => ({ id: r.id, email: r.email, roles: r.roles ?? [] });

export class UserStore {
  /** Verified against when the email is unknown, so that both failures take about as long. */
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly db: Db) {}

  async create(email: string, password: string, roles: string[] = []): Promise<AuthUser> {
    const e = checkEmail(email);
    const r = checkRoles(roles);
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
      'SELECT id, email, roles, created_at, last_login_at FROM platform_users ORDER BY email',
    );
    return rows.map((r) => ({ ...toUser(r), createdAt: r.created_at, lastLoginAt: r.last_login_at }));
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
      const { rows } = await tx.query<{ id: number }>(
        'UPDATE platform_users SET password_hash = $2 WHERE email = $1 RETURNING id',
        [normalizeEmail(email), hash],
      );
      if (!rows[0]) return false;
      // A new password logs every existing session out.
      await tx.query('DELETE FROM platform_sessions WHERE user_id = $1', [rows[0].id]);
      return true;
    });
  }

  /** The user when the password matches; null otherwise, in about the same time whether the email exists or not. */
  async verify(email: string, password: string): Promise<AuthUser | null> {
    const { rows } = await this.db.query<UserRow>(
      'SELECT id, email, roles, password_hash FROM platform_users WHERE email = $1',
      [normalizeEmail(email)],
    );
    const row = rows[0];
    if (!row) {
      this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(password, await this.dummyHash);
      return null;
    }
    return (await verifyPassword(password, row.password_hash)) ? toUser(row) : null;
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
  async userForSession(token: string): Promise<AuthUser | null> {
    if (!token || token.length > 100) return null;
    const { rows } = await this.db.query<UserRow>(
      `SELECT u.id, u.email, u.roles FROM platform_sessions s JOIN platform_users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [hashToken(token)],
    );
    return rows[0] ? toUser(rows[0]) : null;
  }

  async deleteSession(token: string): Promise<void> {
    await this.db.query('DELETE FROM platform_sessions WHERE token_hash = $1', [hashToken(token)]);
  }
}
