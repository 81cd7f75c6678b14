import { createHmac } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { emailPseudonym } from './audit.ts';
import { decideAttempt, DEFAULT_LOCKOUT, type AttemptDecision, type LockoutPolicy, type ThrottleState } from './lockout.ts';
import { installationKey } from './secrets.ts';
import { normalizeEmail } from './store.ts';

type Row = { failures: number; last_failure_at: Date; locked_until: Date | null };

/**
 * The stored side of the per-account lockout (policy and reasons in lockout.ts): one row per address
 * typed, keyed by an HMAC of it, so the table lists no address in clear.
 */
export class LoginThrottle {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly db: Db,
    readonly policy: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  private hmacKey(): Promise<Buffer> {
    this.key ??= installationKey(this.db, 'auth.email-hmac').catch((err: unknown) => {
      this.key = null;
      throw err;
    });
    return this.key;
  }

  private async accountKey(email: string): Promise<string> {
    return createHmac('sha256', await this.hmacKey())
      .update(`throttle:${normalizeEmail(email)}`)
      .digest('hex');
  }

  /** What logs may carry instead of an address that has no account. */
  async pseudonym(email: string): Promise<string> {
    return emailPseudonym(await this.hmacKey(), normalizeEmail(email));
  }

  /**
   * Reserves one attempt for `email`: refused while locked; otherwise counted as a failure right away
   * (and the lock set if this one reaches the threshold) until `succeeded` clears it.
   */
  async attempt(email: string, now: Date = new Date()): Promise<AttemptDecision> {
    const key = await this.accountKey(email);
    return this.db.transaction(async (tx) => {
      // Create the row if needed, then lock it: concurrent attempts on one address queue here.
      await tx.query(
        `INSERT INTO platform_login_throttle (account_key, failures, last_failure_at) VALUES ($1, 0, $2)
         ON CONFLICT (account_key) DO NOTHING`,
        [key, new Date(0)],
      );
      const { rows } = await tx.query<Row>(
        'SELECT failures, last_failure_at, locked_until FROM platform_login_throttle WHERE account_key = $1 FOR UPDATE',
        [key],
      );
      const r = rows[0];
      const prev: ThrottleState | null =
        r && r.failures > 0
          ? { failures: r.failures, lastFailureAt: new Date(r.last_failure_at), lockedUntil: r.locked_until && new Date(r.locked_until) }
          : null;
      const decision = decideAttempt(prev, now, this.policy);
      if (decision.allowed) {
        await tx.query('UPDATE platform_login_throttle SET failures = $2, last_failure_at = $3, locked_until = $4 WHERE account_key = $1', [
          key,
          decision.state.failures,
          decision.state.lastFailureAt,
          decision.state.lockedUntil,
        ]);
      }
      return decision;
    });
  }

  /**
   * Gives back the attempt reserved by `attempt`, which was not a failure after all (the password was
   * right and a second factor follows): the count and the lock go back to what they were before it.
   */
  async refund(email: string): Promise<void> {
    await this.db.query(
      `UPDATE platform_login_throttle SET failures = greatest(failures - 1, 0),
         locked_until = CASE WHEN failures - 1 >= $2 THEN locked_until ELSE NULL END
       WHERE account_key = $1`,
      [await this.accountKey(email), this.policy.freeAttempts],
    );
  }

  /** A successful login: failures forgotten, lock lifted. Also prunes rows nobody needs any more. */
  async succeeded(email: string): Promise<void> {
    await this.db.query('DELETE FROM platform_login_throttle WHERE account_key = $1', [await this.accountKey(email)]);
    await this.db.query(
      'DELETE FROM platform_login_throttle WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < now())',
      [new Date(Date.now() - this.policy.forgetAfterMs)],
    );
  }

  /** Lifts a lock (an administrator, `eig users unlock`). True when there was one. */
  async unlock(email: string): Promise<boolean> {
    const { rows } = await this.db.query<{ locked_until: Date | null }>(
      'DELETE FROM platform_login_throttle WHERE account_key = $1 RETURNING locked_until',
      [await this.accountKey(email)],
    );
    return rows.some((r) => r.locked_until !== null && new Date(r.locked_until) > new Date());
  }

  /** When the address's lock ends, or null when it is not locked. */
  async lockedUntil(email: string, now: Date = new Date()): Promise<Date | null> {
    const { rows } = await this.db.query<Row>('SELECT locked_until FROM platform_login_throttle WHERE account_key = $1', [
      await this.accountKey(email),
    ]);
    const until = rows[0]?.locked_until ? new Date(rows[0].locked_until) : null;
    return until && until > now ? until : null;
  }
}
