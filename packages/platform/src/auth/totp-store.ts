import type { Db } from '../db/types.ts';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.ts';
import { normalizeEmail } from './store.ts';
import { checkTotp, createSecretBox, newTotpSecret, type SecretBox } from './totp.ts';

/** How long an enrolment may wait for its first code. */
const ENROLMENT_TTL_MS = 15 * 60_000;

export type SecondFactor = { code: string } | { recoveryCode: string };

export type SecondFactorCheck =
  | { ok: true; method: 'totp' | 'recovery_code'; recoveryCodesLeft: number }
  | { ok: false; reason: 'bad_totp_code' | 'replayed_totp_code' | 'bad_recovery_code' | 'not_enrolled' };

export interface TotpStatus {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
}

type SecretRow = {
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | number | null;
  totp_pending_secret: string | null;
  totp_pending_expires_at: Date | null;
};

/** Second factors of the accounts: enrolment, checks with replay protection, recovery codes, reset. */
export class TotpStore {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox = createSecretBox(),
  ) {}

  async status(userId: number): Promise<TotpStatus> {
    const { rows } = await this.db.query<{ totp_enabled_at: Date | null; left: string | number }>(
      `SELECT u.totp_enabled_at,
              (SELECT count(*) FROM platform_recovery_codes c WHERE c.user_id = u.id AND c.used_at IS NULL) AS left
       FROM platform_users u WHERE u.id = $1`,
      [userId],
    );
    const r = rows[0];
    return { enabled: Boolean(r?.totp_enabled_at), enabledAt: r?.totp_enabled_at ?? null, recoveryCodesLeft: Number(r?.left ?? 0) };
  }

  /**
   * Starts (or restarts) an enrolment: a new secret, kept aside until a first code confirms it. Null
   * when the account already has a second factor (an administrator resets it first).
   */
  async startEnrolment(userId: number): Promise<string | null> {
    const secret = newTotpSecret();
    const { rowCount } = await this.db.query(
      `UPDATE platform_users SET totp_pending_secret = $2, totp_pending_expires_at = $3
       WHERE id = $1 AND totp_enabled_at IS NULL`,
      [userId, this.box.seal(secret), new Date(Date.now() + ENROLMENT_TTL_MS)],
    );
    return rowCount > 0 ? secret : null;
  }

  /**
   * Confirms the enrolment with a first code from the app: the secret becomes the account's second
   * factor, and 10 new recovery codes are returned (the only time they are readable).
   */
  async confirmEnrolment(
    userId: number,
    code: string,
    now: Date = new Date(),
  ): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; reason: 'no_enrolment' | 'already_enabled' | 'bad_totp_code' }> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SecretRow>(
        `SELECT totp_enabled_at, totp_pending_secret, totp_pending_expires_at FROM platform_users WHERE id = $1 FOR UPDATE`,
        [userId],
      );
      const r = rows[0];
      if (!r) return { ok: false, reason: 'no_enrolment' };
      if (r.totp_enabled_at) return { ok: false, reason: 'already_enabled' };
      if (!r.totp_pending_secret || !r.totp_pending_expires_at || new Date(r.totp_pending_expires_at) <= now) {
        return { ok: false, reason: 'no_enrolment' };
      }
      const check = await checkTotp(this.box.open(r.totp_pending_secret), code, null, now);
      if (!check.ok) return { ok: false, reason: 'bad_totp_code' };
      await tx.query(
        `UPDATE platform_users SET totp_secret = totp_pending_secret, totp_enabled_at = $2, totp_last_step = $3,
           totp_pending_secret = NULL, totp_pending_expires_at = NULL
         WHERE id = $1`,
        [userId, now, check.timeStep],
      );
      const recoveryCodes = await replaceRecoveryCodes(tx, userId);
      return { ok: true, recoveryCodes };
    });
  }

  /**
   * Checks a TOTP code (refused if its time step, or a later one, was already used: replay) or a
   * recovery code (spent by this check). Atomic: two requests with the same code, one succeeds.
   */
  async check(userId: number, factor: SecondFactor, now: Date = new Date()): Promise<SecondFactorCheck> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SecretRow>(
        'SELECT totp_secret, totp_enabled_at, totp_last_step FROM platform_users WHERE id = $1 FOR UPDATE',
        [userId],
      );
      const r = rows[0];
      if (!r?.totp_secret || !r.totp_enabled_at) return { ok: false, reason: 'not_enrolled' };
      const left = async () => {
        const { rows: c } = await tx.query<{ n: string | number }>(
          'SELECT count(*) AS n FROM platform_recovery_codes WHERE user_id = $1 AND used_at IS NULL',
          [userId],
        );
        return Number(c[0].n);
      };
      if ('code' in factor) {
        const last = r.totp_last_step === null ? null : Number(r.totp_last_step);
        const check = await checkTotp(this.box.open(r.totp_secret), factor.code, last, now);
        if (!check.ok) return { ok: false, reason: check.reason === 'replayed' ? 'replayed_totp_code' : 'bad_totp_code' };
        await tx.query('UPDATE platform_users SET totp_last_step = $2 WHERE id = $1', [userId, check.timeStep]);
        return { ok: true, method: 'totp', recoveryCodesLeft: await left() };
      }
      const normalized = normalizeRecoveryCode(factor.recoveryCode);
      if (!normalized) return { ok: false, reason: 'bad_recovery_code' };
      const { rowCount } = await tx.query(
        `UPDATE platform_recovery_codes SET used_at = $3
         WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL`,
        [userId, hashRecoveryCode(normalized), now],
      );
      if (rowCount === 0) return { ok: false, reason: 'bad_recovery_code' };
      return { ok: true, method: 'recovery_code', recoveryCodesLeft: await left() };
    });
  }

  /** New recovery codes (the old ones stop working); null without a second factor. */
  async regenerateRecoveryCodes(userId: number): Promise<string[] | null> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<SecretRow>('SELECT totp_enabled_at FROM platform_users WHERE id = $1 FOR UPDATE', [userId]);
      if (!rows[0]?.totp_enabled_at) return null;
      return replaceRecoveryCodes(tx, userId);
    });
  }

  /**
   * Removes an account's second factor, its recovery codes, its pending logins and its sessions (an
   * administrator, when the phone is lost). At the next login, a role that requires TOTP enrols again.
   */
  async reset(email: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `UPDATE platform_users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL,
           totp_pending_secret = NULL, totp_pending_expires_at = NULL
         WHERE email = $1 RETURNING id`,
        [normalizeEmail(email)],
      );
      const id = rows[0]?.id;
      if (id === undefined) return false;
      await tx.query('DELETE FROM platform_recovery_codes WHERE user_id = $1', [id]);
      await tx.query('DELETE FROM platform_login_challenges WHERE user_id = $1', [id]);
      await tx.query('DELETE FROM platform_sessions WHERE user_id = $1', [id]);
      return true;
    });
  }
}

async function replaceRecoveryCodes(tx: Pick<Db, 'query'>, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.query('DELETE FROM platform_recovery_codes WHERE user_id = $1', [userId]);
  for (const c of codes) {
    await tx.query('INSERT INTO platform_recovery_codes (user_id, code_hash) VALUES ($1, $2)', [
      userId,
      hashRecoveryCode(normalizeRecoveryCode(c)!),
    ]);
  }
  return codes;
}
