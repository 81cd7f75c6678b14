import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/**
 * What authentication logs may say about a person, and nothing more: what a security review needs to
 * see an attack (which account, roughly where from, why it failed), not who the person is.
 *  - the account id when the address typed has an account, else a keyed hash of that address (an
 *    HMAC with a per-installation key kept in the database, so that logs shipped elsewhere cannot be
 *    reversed by hashing a list of addresses); never the address in clear;
 *  - the client's network, not its address: IPv4 truncated to /24, IPv6 to /48 (the CNIL's usual
 *    pseudonymisation of IP addresses); never the full IP;
 *  - a reason code. Never the password, a code, a token or a cookie.
 */

/** `203.0.113.0/24`, `2001:db8:1::/48`; `unknown` for anything unparsable. */
export function truncateIp(ip: string | undefined): string {
  if (!ip) return 'unknown';
  try {
    const addr = ipaddr.process(ip);
    if (addr.kind() === 'ipv4') {
      const o = (addr as ipaddr.IPv4).octets;
      return `${o[0]}.${o[1]}.${o[2]}.0/24`;
    }
    const p = (addr as ipaddr.IPv6).parts;
    return `${ipaddr.IPv6.parse(`${p[0].toString(16)}:${p[1].toString(16)}:${p[2].toString(16)}::`).toString()}/48`;
  } catch {
    return 'unknown';
  }
}

/** A stable pseudonym of an email address (hex, 16 characters = 64 bits), keyed by `key`. */
export function emailPseudonym(key: Buffer, normalizedEmail: string): string {
  return createHmac('sha256', key).update(`email:${normalizedEmail}`).digest('hex').slice(0, 16);
}

/** Why an authentication step failed, as logged (`reason`). */
export type AuthFailureReason =
  | 'unknown_account'
  | 'bad_password'
  | 'locked'
  | 'bad_totp_code'
  | 'replayed_totp_code'
  | 'bad_recovery_code'
  | 'challenge_expired'
  | 'challenge_attempts_exceeded';
