import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { hashRecoveryCode, newRecoveryCodes, normalizeRecoveryCode } from './recovery-codes.ts';
import { checkTotp, createSecretBox, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';

// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP codes', () => {
  it('matches the RFC 6238 test vectors (6 digits of the 8-digit values)', async () => {
    for (const [t, code] of [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ] as const) {
      expect(await checkTotp(RFC_SECRET, code, null, at(t))).toEqual({ ok: true, timeStep: Math.floor(t / 30) });
    }
  });

  it('accepts the previous and next code, not older or later ones', async () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015;
    const code = (offset: number) => generate({ secret, epoch: now + offset * 30 });
    expect((await checkTotp(secret, await code(-1), null, at(now))).ok).toBe(true);
    expect((await checkTotp(secret, await code(1), null, at(now))).ok).toBe(true);
    expect(await checkTotp(secret, await code(-3), null, at(now))).toEqual({ ok: false, reason: 'bad' });
    expect(await checkTotp(secret, await code(3), null, at(now))).toEqual({ ok: false, reason: 'bad' });
    expect(await checkTotp(secret, '12345', null, at(now))).toEqual({ ok: false, reason: 'bad' });
    expect(await checkTotp(secret, 'abcdef', null, at(now))).toEqual({ ok: false, reason: 'bad' });
  });

  it('refuses a code whose time step was already used (replay), even inside its window', async () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015;
    const code = await generate({ secret, epoch: now });
    const first = await checkTotp(secret, code, null, at(now));
    expect(first.ok).toBe(true);
    const step = (first as { timeStep: number }).timeStep;
    expect(await checkTotp(secret, code, step, at(now + 10))).toEqual({ ok: false, reason: 'replayed' });
    // The previous step's code is refused too once a later step was used.
    expect(await checkTotp(secret, await generate({ secret, epoch: now - 30 }), step, at(now))).toEqual({ ok: false, reason: 'replayed' });
    // The next code is fine.
    expect(await checkTotp(secret, await generate({ secret, epoch: now + 30 }), step, at(now + 30))).toEqual({
      ok: true,
      timeStep: step + 1,
    });
  });

  it('builds an otpauth URI and an SVG QR code generated locally', async () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = totpUri({ issuer: 'Suite EIG', account: 'agent@exemple.gouv.fr', secret });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Suite%20EIG:agent%40exemple\.gouv\.fr\?/);
    const params = new URL(uri).searchParams;
    expect(Object.fromEntries(params)).toMatchObject({ secret, issuer: 'Suite EIG' });
    // SHA-1, 6 digits, 30 s: the defaults every app assumes when the URI does not say.
    const svg = await totpQrSvg(uri);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|on\w+=/i);
  });
});

describe('TOTP secrets at rest', () => {
  it('are encrypted with a key (AES-256-GCM, fresh IV each time), and tampering is detected', () => {
    const box = createSecretBox(randomBytes(32));
    const secret = newTotpSecret();
    const a = box.seal(secret);
    expect(a).toMatch(/^gcm1:/);
    expect(a).not.toContain(secret);
    expect(box.seal(secret)).not.toBe(a);
    expect(box.open(a)).toBe(secret);
    // Flip one bit of the ciphertext (after the 12-byte IV and 16-byte tag). Editing a base64
    // character instead was a no-op whenever it already held the replacement (1 run in 64).
    const raw = Buffer.from(a.slice('gcm1:'.length), 'base64url');
    raw[28] ^= 1;
    const tampered = 'gcm1:' + raw.toString('base64url');
    expect(() => box.open(tampered)).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(a)).toThrow();
  });

  it('are readable without a key when stored in clear, and a key does not break them', () => {
    const plain = createSecretBox().seal('ABC');
    expect(plain).toBe('plain:ABC');
    expect(createSecretBox(randomBytes(32)).open(plain)).toBe('ABC');
    expect(() => createSecretBox().open(createSecretBox(randomBytes(32)).seal('ABC'))).toThrow(/TOTP_ENCRYPTION_KEY/);
  });
});

describe('recovery codes', () => {
  it('are 10 distinct 80-bit codes, read back forgivingly, hashed for storage', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    const c = codes[0];
    const n = normalizeRecoveryCode(c)!;
    expect(normalizeRecoveryCode(` ${c.toLowerCase().replace(/-/g, ' ')} `)).toBe(n);
    expect(normalizeRecoveryCode('0O1I-L000-0000-0000')).toBe('0011100000000000');
    expect(normalizeRecoveryCode('court')).toBeNull();
    expect(normalizeRecoveryCode('UUUU-UUUU-UUUU-UUUU')).toBeNull();
    expect(hashRecoveryCode(n)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(n)).not.toContain(n);
  });
});
