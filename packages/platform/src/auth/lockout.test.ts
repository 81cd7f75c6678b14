import { describe, expect, it } from 'vitest';
import {
  attemptsLeft,
  decideAttempt,
  DEFAULT_LOCKOUT,
  formatUnlockTime,
  lockedMessage,
  lockLengthMs,
  type ThrottleState,
} from './lockout.ts';

const MIN = 60_000;
const policy = DEFAULT_LOCKOUT;

describe('lockout policy', () => {
  it('lets 4 failures through, locks from the 5th, doubling each time up to an hour', () => {
    expect([1, 2, 3, 4].map((f) => lockLengthMs(f, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 30, 1000].map((f) => lockLengthMs(f, policy) / MIN)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
    expect(attemptsLeft(3, policy)).toBe(2);
    expect(attemptsLeft(9, policy)).toBe(0);
  });

  it('counts an attempt before it is checked and refuses, without counting, while locked', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    let state: ThrottleState | null = null;
    for (let i = 1; i <= 4; i++) {
      const d = decideAttempt(state, now, policy);
      expect(d).toMatchObject({ allowed: true, failures: i, state: { lockedUntil: null } });
      state = d.state;
    }
    const fifth = decideAttempt(state, now, policy);
    expect(fifth.allowed).toBe(true);
    expect(fifth.state.lockedUntil).toEqual(new Date(now.getTime() + MIN));
    const during = decideAttempt(fifth.state, new Date(now.getTime() + 30_000), policy);
    expect(during).toEqual({ allowed: false, lockedUntil: fifth.state.lockedUntil, state: fifth.state });
    // After the lock, the next failure locks for twice as long.
    const after = decideAttempt(fifth.state, new Date(now.getTime() + MIN + 1), policy);
    expect(after).toMatchObject({ allowed: true, failures: 6 });
    expect(after.state.lockedUntil!.getTime() - (now.getTime() + MIN + 1)).toBe(2 * MIN);
  });

  it('forgets failures after a day without one', () => {
    const then = new Date('2026-03-01T10:00:00Z');
    const old: ThrottleState = { failures: 9, lastFailureAt: then, lockedUntil: new Date(then.getTime() + 16 * MIN) };
    const d = decideAttempt(old, new Date(then.getTime() + 25 * 60 * MIN), policy);
    expect(d).toMatchObject({ allowed: true, failures: 1, state: { lockedUntil: null } });
  });

  it('tells the user in French until when, in Paris time', () => {
    const now = new Date('2026-03-02T10:00:00Z'); // 11:00 in Paris (UTC+1 in winter)
    expect(formatUnlockTime(new Date('2026-03-02T10:32:00Z'), now)).toBe('11 h 32');
    expect(formatUnlockTime(new Date('2026-07-02T10:32:00Z'), new Date('2026-07-02T10:00:00Z'))).toBe('12 h 32');
    expect(formatUnlockTime(new Date('2026-03-02T23:30:00Z'), now)).toBe('le 3 mars à 00 h 30');
    // Rounded up to the minute: never "until 11 h 31" when it is 11 h 31 and 20 s.
    const message = lockedMessage(new Date('2026-03-02T10:31:20Z'), now);
    expect(message).toBe(
      'Trop de tentatives de connexion infructueuses : par sécurité, ce compte est verrouillé jusqu’à 11 h 32 (heure de Paris). ' +
        'Réessayez ensuite, ou demandez à un administrateur de le déverrouiller.',
    );
  });
});
