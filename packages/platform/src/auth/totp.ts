import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

/*
 * TOTP (RFC 6238) through otplib 13: maintained, typed, audited crypto (@noble/hashes, @scure/base),
 * RFC test vectors in its suite, runs on Node 20, 22 and 24 (checked), and it reports the time step
 * a code matched, which is what replay protection needs (`afterTimeStep`). The parameters are the ones
 * every authenticator app supports: SHA-1, 6 digits, 30 s; secrets of 20 random bytes (160 bits, as
 * RFC 4226 recommends).
 */
export const TOTP_PARAMS = { algorithm: 'sha1', digits: 6, period: 30 } as const;

/** One step either side: a phone clock a little off, or a code typed as it changed (RFC 6238 §5.2). */
const TOLERANCE_SECONDS = TOTP_PARAMS.period;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(opts: { issuer: string; account: string; secret: string }): string {
  return generateURI({
    issuer: opts.issuer,
    label: opts.account,
    secret: opts.secret,
    algorithm: TOTP_PARAMS.algorithm,
    digits: TOTP_PARAMS.digits,
    period: TOTP_PARAMS.period,
  });
}

/** The otpauth:// URI as an SVG QR code, generated here (no third-party QR service ever sees the secret). */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false; reason: 'bad' | 'replayed' };

/**
 * Checks a 6-digit code. `lastTimeStep` is the step of the last code accepted for this secret: a code
 * of that step or an earlier one is refused as a replay, even inside its validity window.
 */
export async function checkTotp(secret: string, code: string, lastTimeStep: number | null, now: Date = new Date()): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'bad' };
  const epoch = Math.floor(now.getTime() / 1000);
  const base = { secret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS, ...TOTP_PARAMS };
  const result = await verify(lastTimeStep === null ? base : { ...base, afterTimeStep: lastTimeStep });
  if (result.valid && 'timeStep' in result) return { ok: true, timeStep: result.timeStep };
  if (lastTimeStep !== null && (await verify(base)).valid) return { ok: false, reason: 'replayed' };
  return { ok: false, reason: 'bad' };
}

/**
 * TOTP secrets must be readable by the server (it computes the codes), so they cannot be hashed like
 * passwords. With TOTP_ENCRYPTION_KEY set they are stored encrypted (AES-256-GCM, a random IV each
 * time), so that a copy of the database alone does not give the second factor away; without it they
 * are stored in clear, marked so, and still readable after a key is set (re-enrolment encrypts them).
 */
export interface SecretBox {
  readonly encrypted: boolean;
  seal(secret: string): string;
  open(stored: string): string;
}

const PLAIN = 'plain:';
const GCM = 'gcm1:';

export function createSecretBox(key?: Buffer): SecretBox {
  if (key && key.length !== 32) throw new Error('TOTP encryption key must be 32 bytes');
  return {
    encrypted: Boolean(key),
    seal(secret) {
      if (!key) return PLAIN + secret;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return GCM + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(stored) {
      if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
      if (!stored.startsWith(GCM)) throw new Error('Unknown TOTP secret format');
      if (!key) throw new Error('TOTP secrets are encrypted but TOTP_ENCRYPTION_KEY is not set');
      const raw = Buffer.from(stored.slice(GCM.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
