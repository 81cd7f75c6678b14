import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/*
 * Password hashing with node:crypto's scrypt, on purpose:
 *  - scrypt is a memory-hard key derivation function recommended for password storage (OWASP
 *    Password Storage Cheat Sheet, RFC 7914), like Argon2id which Node 20 does not ship;
 *  - it is built into Node (OpenSSL): no native add-on to compile, no binary to download, nothing
 *    more to keep patched than Node itself;
 *  - a random 16-byte salt per password, parameters stored with the hash (so they can be raised
 *    later without breaking existing accounts), comparison with timingSafeEqual.
 * Parameters: N=2^15, r=8, p=3 (32 MiB, one of OWASP's equivalent settings), run on libuv's thread
 * pool (async scrypt), so a login does not block the event loop.
 */

const PREFIX = 'scrypt';
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
const DEFAULT = { N: 2 ** 15, r: 8, p: 3 };
/** A password longer than this is refused outright: it bounds the work an attacker can ask for. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MIN_PASSWORD_LENGTH = 12;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** `scrypt$N$r$p$<salt base64>$<hash base64>` */
export async function hashPassword(password: string): Promise<string> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new Error('Mot de passe trop long');
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, DEFAULT);
  return [PREFIX, DEFAULT.N, DEFAULT.r, DEFAULT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed hash (never throws for those). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX || password.length > MAX_PASSWORD_LENGTH) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const actual = await derive(password, salt, { N, r, p });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** French reason why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `mot de passe trop faible : ${MIN_PASSWORD_LENGTH} caractères au moins`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) return `mot de passe trop long : ${MAX_PASSWORD_LENGTH} caractères au plus`;
  if (new Set(password).size < 4) return 'mot de passe trop faible : trop peu de caractères différents';
  return null;
}
