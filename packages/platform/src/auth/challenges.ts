import { randomBytes } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { hashToken } from './store.ts';

export interface Challenge {
  userId: number;
  attempts: number;
}

/**
 * Pending logins: the password was right, the second factor is awaited. The client holds a random
 * token (cookie); only its hash is stored. Short-lived, and a few wrong codes end it.
 */
export class LoginChallenges {
  constructor(private readonly db: Db) {}

  async create(userId: number, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    await this.db.query('DELETE FROM platform_login_challenges WHERE expires_at < now()');
    await this.db.query('INSERT INTO platform_login_challenges (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
      hashToken(token),
      userId,
      expiresAt,
    ]);
    return { token, expiresAt };
  }

  /** Counts one attempt on a live challenge and returns it (attempts including this one); null if dead. */
  async attempt(token: string): Promise<Challenge | null> {
    if (!token || token.length > 100) return null;
    const { rows } = await this.db.query<{ user_id: number; attempts: number }>(
      `UPDATE platform_login_challenges SET attempts = attempts + 1
       WHERE token_hash = $1 AND expires_at > now() RETURNING user_id, attempts`,
      [hashToken(token)],
    );
    return rows[0] ? { userId: rows[0].user_id, attempts: rows[0].attempts } : null;
  }

  async delete(token: string): Promise<void> {
    await this.db.query('DELETE FROM platform_login_challenges WHERE token_hash = $1', [hashToken(token)]);
  }
}
