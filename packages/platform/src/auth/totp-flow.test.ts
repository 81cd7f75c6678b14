/**
 * The second factor over the JSON API, on PGlite and PostgreSQL: enrolment forced by a role, login in
 * two steps, wrong and replayed codes, expired and exhausted pending logins, recovery codes (single
 * use), regeneration, and the administrator's reset from the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { Command } from 'commander';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startAuthApp, type AuthTestApp, type TestClient } from '../testing/auth-app.ts';
import { createRoleRegistry } from './roles.ts';
import { UserStore } from './store.ts';
import { usersCli } from './cli.ts';
import { LOGIN_CHALLENGE_COOKIE, SESSION_COOKIE } from './plugin.ts';

const PASSWORD = 'un mot de passe solide';
const roles = createRoleRegistry().registerRoles([
  { id: 'demo.expert', label: 'Expert', requireTotp: true },
  { id: 'demo.translator', label: 'Traducteur' },
]);

/** The code of the app `offset` steps from now (the server accepts one step either side). */
const codeFor = (secret: string, offset = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offset * 30 });

describe.each(testDatabases())('TOTP on $name', (target) => {
  let db: TestDb;
  let t: AuthTestApp;
  let store: UserStore;
  let n = 0;

  /** A fresh account with `roles`. */
  const account = async (accountRoles: string[]) => {
    const email = `compte${++n}@exemple.gouv.fr`;
    await store.create(email, PASSWORD, accountRoles);
    return email;
  };
  const login = (c: TestClient, email: string) => c.post('/api/auth/login', { email, password: PASSWORD });

  /** Logs in an expert who must enrol, enrols, returns the secret and the recovery codes. */
  const enrolled = async () => {
    const email = await account(['demo.expert']);
    const c = t.client();
    await login(c, email);
    const { secret } = (await c.post('/api/auth/totp/enrolment')).json();
    const confirm = await c.post('/api/auth/totp/enrolment/confirm', { code: await codeFor(secret) });
    expect(confirm.statusCode).toBe(200);
    return { email, secret, recoveryCodes: confirm.json().recoveryCodes as string[], client: c };
  };

  beforeAll(async () => {
    db = await target.open();
    // A generous lock so that these tests meet the pending login's own limit first (lockout.test.ts tests the lock).
    t = await startAuthApp(db, { roles, lockout: { freeAttempts: 50 } });
    store = new UserStore(db, { roles });
  });

  afterAll(async () => {
    await t?.app.close();
    await target.cleanup();
  });

  it('restricts an expert without a second factor to enrolment, then enrols with a first code', async () => {
    const email = await account(['demo.expert']);
    const c = t.client();
    const res = await login(c, email);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'totp_enrolment_required', user: { id: expect.any(Number), email, roles: ['demo.expert'] } });
    const restrictedCookie = c.cookies.get(SESSION_COOKIE);
    expect(restrictedCookie).toBeDefined();

    // Restricted: services refuse it with a code the front end can route on; /me says so.
    const denied = await c.get('/api/demo/expert');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'totp_enrolment_required', message: expect.stringMatching(/double authentification/) });
    expect((await c.get('/api/demo/anyone')).statusCode).toBe(403);
    expect((await c.get('/api/auth/me')).json()).toEqual({
      user: { id: expect.any(Number), email, roles: ['demo.expert'] },
      restricted: true,
      totp: { enabled: false, required: true, recoveryCodesLeft: 0 },
    });

    const start = await c.post('/api/auth/totp/enrolment');
    expect(start.statusCode).toBe(200);
    const e = start.json();
    expect(e).toMatchObject({ issuer: 'Suite EIG', account: email, algorithm: 'SHA1', digits: 6, period: 30 });
    expect(e.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(e.otpauthUri).toContain(`secret=${e.secret}`);
    expect(e.qrCodeSvg).toMatch(/^<svg/);
    expect(Buffer.from(e.qrCodeDataUri.replace('data:image/svg+xml;base64,', ''), 'base64').toString()).toBe(e.qrCodeSvg);
    // The secret is stored sealed and not yet active.
    const { rows } = await db.query<{ totp_secret: string | null; totp_pending_secret: string }>(
      'SELECT totp_secret, totp_pending_secret FROM platform_users WHERE email = $1',
      [email],
    );
    expect(rows[0].totp_secret).toBeNull();
    expect(rows[0].totp_pending_secret).toBe(`plain:${e.secret}`);

    const wrong = await c.post('/api/auth/totp/enrolment/confirm', {
      code: String((Number(await codeFor(e.secret)) + 1) % 1e6).padStart(6, '0'),
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('bad_totp_code');
    expect((await c.post('/api/auth/totp/enrolment/confirm', { code: 'abc' })).statusCode).toBe(400);

    const code = await codeFor(e.secret);
    const ok = await c.post('/api/auth/totp/enrolment/confirm', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
    expect(ok.statusCode).toBe(200);
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // A new session token; the restricted one is dead.
    expect(c.cookies.get(SESSION_COOKIE)).not.toBe(restrictedCookie);
    const old = await t.app.inject({ url: '/api/auth/me', headers: { cookie: `${SESSION_COOKIE}=${restrictedCookie}` } });
    expect(old.statusCode).toBe(401);
    expect((await c.get('/api/demo/expert')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).json()).toMatchObject({
      restricted: false,
      totp: { enabled: true, required: true, recoveryCodesLeft: 10 },
    });
    // Recovery codes are stored hashed only.
    const stored = await db.query<{ code_hash: string }>('SELECT code_hash FROM platform_recovery_codes');
    for (const r of stored.rows) for (const c2 of codes) expect(r.code_hash).not.toContain(c2.replace(/-/g, ''));
    // Enrolling again is refused while one is active.
    expect((await c.post('/api/auth/totp/enrolment')).json()).toMatchObject({ statusCode: 409, code: 'totp_already_enabled' });
  });

  it('logs in with a password then a code; a wrong code or a replayed one is refused', async () => {
    const { email, secret } = await enrolled();
    const c = t.client();
    const first = await login(c, email);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'totp_required', expiresAt: expect.any(String) });
    // No session yet: only the pending login cookie (HttpOnly, SameSite=Lax, 5 minutes).
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
    const set = String(first.headers['set-cookie']);
    expect(set).toMatch(new RegExp(`^${LOGIN_CHALLENGE_COOKIE}=[\\w-]{43}; Max-Age=300; Path=/; HttpOnly; SameSite=Lax$`));
    expect((await c.get('/api/demo/anyone')).statusCode).toBe(401);
    expect(new Date(first.json().expiresAt).getTime()).toBeGreaterThan(Date.now());

    const bad = await c.post('/api/auth/login/totp', { code: '000000' === (await codeFor(secret)) ? '111111' : '000000' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ code: 'bad_totp_code', message: expect.stringMatching(/^Code incorrect/) });
    expect((await c.post('/api/auth/login/totp', {})).statusCode).toBe(400);
    expect((await c.post('/api/auth/login/totp', { code: '123456', recoveryCode: 'AAAA-AAAA-AAAA-AAAA' })).statusCode).toBe(400);

    const code = await codeFor(secret, 1); // the enrolment used the current step
    const ok = await c.post('/api/auth/login/totp', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({
      status: 'ok',
      user: { id: expect.any(Number), email, roles: ['demo.expert'] },
      method: 'totp',
      recoveryCodesLeft: 10,
    });
    expect(c.cookies.has(LOGIN_CHALLENGE_COOKIE)).toBe(false);
    expect((await c.get('/api/demo/expert')).statusCode).toBe(200);
    // The pending login is spent.
    expect((await c.post('/api/auth/login/totp', { code })).json().code).toBe('login_expired');

    // The same code again, from another client within its 30 s: refused.
    const thief = t.client();
    expect((await login(thief, email)).json().status).toBe('totp_required');
    const replay = await thief.post('/api/auth/login/totp', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'replayed_totp_code', message: expect.stringMatching(/déjà servi/) });
  });

  it('ends a pending login when it expires, when it is missing, or after 5 wrong codes', async () => {
    const { email, secret } = await enrolled();
    const none = await t.client().post('/api/auth/login/totp', { code: '123456' });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'login_expired', message: expect.stringMatching(/expiré/) });

    const c = t.client();
    await login(c, email);
    await db.query(`UPDATE platform_login_challenges SET expires_at = now() - interval '1 second'`);
    const expired = await c.post('/api/auth/login/totp', { code: await codeFor(secret, 1) });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('login_expired');
    expect(c.cookies.has(LOGIN_CHALLENGE_COOKIE)).toBe(false);

    const d = t.client();
    await login(d, email);
    const wrong = (await codeFor(secret, 1)) === '999999' ? '888888' : '999999';
    for (let i = 0; i < 5; i++) expect((await d.post('/api/auth/login/totp', { code: wrong })).json().code).toBe('bad_totp_code');
    const sixth = await d.post('/api/auth/login/totp', { code: await codeFor(secret, 1) });
    expect(sixth.statusCode).toBe(401);
    expect(sixth.json()).toMatchObject({ code: 'login_expired', message: expect.stringMatching(/Trop de codes erronés/) });
    // Starting again with the password works.
    await login(d, email);
    expect((await d.post('/api/auth/login/totp', { code: await codeFor(secret, 1) })).json().status).toBe('ok');
  });

  it('accepts each recovery code once, forgivingly typed, and says how many are left', async () => {
    const { email, recoveryCodes } = await enrolled();
    const c = t.client();
    await login(c, email);
    const typed = recoveryCodes[3].toLowerCase().replace(/-/g, ' ');
    const ok = await c.post('/api/auth/login/totp', { recoveryCode: typed });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'ok', method: 'recovery_code', recoveryCodesLeft: 9 });
    expect(t.lines.join('\n')).toMatch(/"event":"recovery_code_used"/);

    const again = t.client();
    await login(again, email);
    const reused = await again.post('/api/auth/login/totp', { recoveryCode: recoveryCodes[3] });
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toMatchObject({ code: 'bad_recovery_code', message: 'Code de secours incorrect ou déjà utilisé.' });
    expect((await again.post('/api/auth/login/totp', { recoveryCode: 'pas un code' })).json().code).toBe('bad_recovery_code');
    expect((await again.post('/api/auth/login/totp', { recoveryCode: recoveryCodes[4] })).json().recoveryCodesLeft).toBe(8);
  });

  it('regenerates recovery codes on presentation of a current code; the old ones stop working', async () => {
    const { email, secret, recoveryCodes, client: c } = await enrolled();
    const bad = await c.post('/api/auth/totp/recovery-codes', { code: (await codeFor(secret)) === '000000' ? '111111' : '000000' });
    expect(bad.statusCode).toBe(400);
    const res = await c.post('/api/auth/totp/recovery-codes', { code: await codeFor(secret, 1) });
    expect(res.statusCode).toBe(200);
    const fresh: string[] = res.json().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((x) => recoveryCodes.includes(x))).toBe(false);
    const other = t.client();
    await login(other, email);
    expect((await other.post('/api/auth/login/totp', { recoveryCode: recoveryCodes[0] })).json().code).toBe('bad_recovery_code');
    expect((await other.post('/api/auth/login/totp', { recoveryCode: fresh[0] })).json().status).toBe('ok');
  });

  it('lets a user without a required role log in with a password only, and enrol if they wish', async () => {
    const email = await account(['demo.translator']);
    const c = t.client();
    expect((await login(c, email)).json()).toMatchObject({ status: 'ok' });
    expect((await c.get('/api/auth/me')).json()).toMatchObject({ restricted: false, totp: { enabled: false, required: false } });
    const { secret } = (await c.post('/api/auth/totp/enrolment')).json();
    expect((await c.post('/api/auth/totp/enrolment/confirm', { code: await codeFor(secret) })).statusCode).toBe(200);
    // From now on, the second factor is asked at every login.
    expect((await login(t.client(), email)).json().status).toBe('totp_required');
  });

  it('refuses a confirmation after the enrolment expired, and without an enrolment', async () => {
    const email = await account(['demo.translator']);
    const c = t.client();
    await login(c, email);
    expect((await c.post('/api/auth/totp/enrolment/confirm', { code: '123456' })).json()).toMatchObject({
      statusCode: 409,
      code: 'no_enrolment',
    });
    const { secret } = (await c.post('/api/auth/totp/enrolment')).json();
    await db.query(`UPDATE platform_users SET totp_pending_expires_at = now() - interval '1 second' WHERE email = $1`, [email]);
    expect((await c.post('/api/auth/totp/enrolment/confirm', { code: await codeFor(secret) })).json().code).toBe('no_enrolment');
    expect((await t.client().post('/api/auth/totp/enrolment')).statusCode).toBe(401);
  });

  it('is reset by an administrator from the CLI: sessions closed, enrolment again at the next login', async () => {
    const { email, client: c } = await enrolled();
    const out: string[] = [];
    const program = new Command().exitOverride();
    usersCli(program, async () => db, { roles });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['users', 'totp-reset', email.toUpperCase()], { from: 'user' });
      await program.parseAsync(['users', 'list'], { from: 'user' });
      await program.parseAsync(['users', 'roles'], { from: 'user' });
      await expect(program.parseAsync(['users', 'totp-reset', 'personne@exemple.gouv.fr'], { from: 'user' })).rejects.toThrow(
        /aucun compte/,
      );
    } finally {
      process.stdout.write = write;
    }
    expect(out[0]).toBe(`Double authentification retirée : ${email} ; son rôle l’exige : elle sera réactivée à la prochaine connexion\n`);
    expect(out.join('')).toMatch(new RegExp(`${email.replace('.', '\\.')}\\s+demo\\.expert\\s+à activer`));
    expect(out.join('')).toMatch(/demo\.expert\s+Expert {2}\(double authentification exigée\)/);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    const again = t.client();
    expect((await login(again, email)).json().status).toBe('totp_enrolment_required');
    const { rowCount } = await db.query(
      'SELECT 1 FROM platform_recovery_codes r JOIN platform_users u ON u.id = r.user_id WHERE u.email = $1',
      [email],
    );
    expect(rowCount).toBe(0);
  });

  it('logs the steps with account ids, never a secret, a code, a token or an address', async () => {
    const { email, secret, recoveryCodes } = await enrolled();
    const c = t.client();
    await login(c, email);
    await c.post('/api/auth/login/totp', { code: '000001' });
    await c.post('/api/auth/login/totp', { code: await codeFor(secret, 1) });
    const all = t.lines.join('\n');
    expect(all).toMatch(/"event":"login_password_ok"/);
    expect(all).toMatch(/"event":"totp_enabled"/);
    expect(all).toMatch(/"event":"login_failed","reason":"bad_totp_code","userId":\d+,"ip":"10\.1\.\d+\.0\/24"/);
    for (const s of [secret, email, 'exemple.gouv.fr', PASSWORD, ...recoveryCodes, c.cookies.get(SESSION_COOKIE)!, c.ip]) {
      expect(all, s).not.toContain(s);
    }
    // Codes are digits, which timings and ids contain too: look for them as values.
    expect(all).not.toMatch(/"000001"|"code"|"recoveryCode"/);
  });

  it('stores secrets encrypted when TOTP_ENCRYPTION_KEY is set, and logs in with them', async () => {
    const { randomBytes } = await import('node:crypto');
    const keyed = await startAuthApp(db, { roles, totpEncryptionKey: randomBytes(32) });
    try {
      const email = await account(['demo.expert']);
      const c = keyed.client();
      await c.post('/api/auth/login', { email, password: PASSWORD });
      const { secret } = (await c.post('/api/auth/totp/enrolment')).json();
      expect((await c.post('/api/auth/totp/enrolment/confirm', { code: await codeFor(secret) })).statusCode).toBe(200);
      const { rows } = await db.query<{ totp_secret: string }>('SELECT totp_secret FROM platform_users WHERE email = $1', [email]);
      expect(rows[0].totp_secret).toMatch(/^gcm1:/);
      expect(rows[0].totp_secret).not.toContain(secret);
      const d = keyed.client();
      expect((await d.post('/api/auth/login', { email, password: PASSWORD })).json().status).toBe('totp_required');
      expect((await d.post('/api/auth/login/totp', { code: await codeFor(secret, 1) })).json().status).toBe('ok');
      expect(t.lines.join('\n')).toMatch(/TOTP_ENCRYPTION_KEY is not set/);
      expect(keyed.lines.join('\n')).not.toMatch(/TOTP_ENCRYPTION_KEY is not set/);
    } finally {
      await keyed.app.close();
    }
  });
});
