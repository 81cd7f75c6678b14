import { createHash, randomInt } from 'node:crypto';

/*
 * Recovery codes: the way in when the phone is lost. 10 codes, each usable once, shown once at
 * enrolment and stored hashed. Each carries 80 random bits (16 characters of Crockford's base32), like
 * a session token, so a fast hash (SHA-256) is enough to store it: a stolen table cannot be brute
 * forced back to codes (2^80 guesses per code), and checking one costs nothing, unlike scrypt ×10.
 */
export const RECOVERY_CODE_COUNT = 10;

// Crockford's base32: no I, L, O, U; what people read back from paper without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `7K3F-Q9XM-2RTD-WB4N` */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s.match(/.{4}/g)!.join('-');
}

export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
}

/**
 * Upper case, no separators or spaces, and the letters people confuse read as Crockford does
 * (O → 0, I and L → 1); null when it cannot be a recovery code.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(s) ? s : null;
}

export function hashRecoveryCode(normalized: string): string {
  return createHash('sha256').update(`recovery:${normalized}`).digest('hex');
}
