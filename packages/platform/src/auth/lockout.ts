/**
 * Per-account protection against online password guessing (issue: 30 wrong passwords from 30 IPs,
 * then the right one, logged in; a per-IP limit cannot stop that).
 *
 * Reference: ANSSI, « Recommandations relatives à l'authentification multifacteur et aux mots de
 * passe » (ANSSI-PG-078, v2.0, 2021): an online attacker must be slowed down by limiting the
 * attempts on an account, with a temporary lock or an increasing delay after several failures rather
 * than a permanent lock (which would let anyone lock a colleague out for good: denial of service),
 * and authentication events must be logged. The CNIL's password recommendation (délibération
 * 2022-100) lists the same measure, « temporisation d'accès au compte après plusieurs échecs ».
 *
 * The policy: a few free failures (typos), then a lock whose length doubles with every further
 * failure, up to a ceiling; failures are forgotten after a day without one, or at the next success;
 * an administrator can lift a lock (`eig users unlock`). While locked, attempts are refused without
 * looking at the password, so guessing stops, and they do not lengthen the lock.
 *
 * Attempts are counted *before* the password is checked (a reservation, undone by a success), in one
 * locked row: a burst of parallel guesses cannot all slip in before the first failure is recorded.
 * The state is keyed by the address typed, existing account or not, so that locks do not reveal
 * which addresses have accounts.
 *
 * This module is the pure part: the state machine and the French notice.
 */

export interface LockoutPolicy {
  /** Failures allowed before the first lock (the lock starts with the attempt that reaches this count). */
  freeAttempts: number;
  /** Length of the first lock. */
  baseLockMs: number;
  /** Ceiling of the lock length. */
  maxLockMs: number;
  /** Failures are forgotten after this long without one. */
  forgetAfterMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  freeAttempts: 5,
  baseLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export type AttemptDecision =
  /** Refused without checking the password. */
  | { allowed: false; lockedUntil: Date; state: ThrottleState }
  /** Go on and check; `state` (to store) already counts this attempt as a failure. */
  | { allowed: true; failures: number; state: ThrottleState };

export function lockLengthMs(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const doublings = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.baseLockMs * 2 ** doublings, policy.maxLockMs);
}

/** Decides on one attempt against the stored state (null: no recent failure). */
export function decideAttempt(prev: ThrottleState | null, now: Date, policy: LockoutPolicy): AttemptDecision {
  if (prev?.lockedUntil && prev.lockedUntil > now) {
    return { allowed: false, lockedUntil: prev.lockedUntil, state: prev };
  }
  const forgotten = !prev || now.getTime() - prev.lastFailureAt.getTime() > policy.forgetAfterMs;
  const failures = (forgotten ? 0 : prev.failures) + 1;
  const lockMs = lockLengthMs(failures, policy);
  return {
    allowed: true,
    failures,
    state: { failures, lastFailureAt: now, lockedUntil: lockMs > 0 ? new Date(now.getTime() + lockMs) : null },
  };
}

/** Attempts left before the next lock, after `failures` failures (0 when locked). */
export function attemptsLeft(failures: number, policy: LockoutPolicy): number {
  return Math.max(0, policy.freeAttempts - failures);
}

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
});
const PARIS_DAY = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: 'numeric', month: 'long' });

/** "14 h 32", or "le 3 mars à 14 h 32" when the lock ends on another day (Paris time). */
export function formatUnlockTime(until: Date, now: Date): string {
  const time = PARIS_TIME.format(until).replace(':', ' h ');
  return PARIS_DAY.format(until) === PARIS_DAY.format(now) ? time : `le ${PARIS_DAY.format(until)} à ${time}`;
}

/** The notice shown when an account is locked. */
export function lockedMessage(until: Date, now: Date): string {
  const rounded = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  return (
    'Trop de tentatives de connexion infructueuses : par sécurité, ce compte est verrouillé ' +
    `jusqu’à ${formatUnlockTime(rounded, now)} (heure de Paris). Réessayez ensuite, ou demandez à un ` +
    'administrateur de le déverrouiller.'
  );
}
