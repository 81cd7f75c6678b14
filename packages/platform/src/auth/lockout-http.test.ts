/**
 * Per-account protection over HTTP, on PGlite and PostgreSQL (issue: "30 wrong passwords from 30 IPs,
 * then the right one, logged in"): the lock, its French notice, progressive lengths, parallel bursts,
 * second-factor failures, the administrator's unlock, and what the logs say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { Command } from 'commander';
import { testDatabases, type TestDb } from '../testing/databases.ts';
import { startAuthApp, type AuthTestApp } from '../testing/auth-app.ts';
import { createRoleRegistry } from './roles.ts';
import { UserStore } from './store.ts';
import { usersCli } from './cli.ts';

const PASSWORD = 'un mot de passe solide';
const roles = createRoleRegistry().registerRoles([{ id: 'demo.expert', label: 'Expert', requireTotp: true }]);
const LOCKED =
  /^Trop de tentatives de connexion infructueuses : par sécurité, ce compte est verrouillé jusqu’à (le \d+ \S+ à )?\d\d h \d\d \(heure de Paris\)\./;

describe.each(testDatabases())('account lockout on $name', (target) => {
  let db: TestDb;
  let t: AuthTestApp;
  let store: UserStore;
  let n = 0;
  let net = 0;
  /** A client from another network each time: what an attacker rotating addresses looks like. */
  const stranger = () => t.client(`198.51.${++net}.7`);
  const account = async (r: string[] = []) => {
    const email = `agent${++n}@exemple.gouv.fr`;
    await store.create(email, PASSWORD, r);
    return email;
  };
  const login = (email: string, password: string) => stranger().post('/api/auth/login', { email, password });

  beforeAll(async () => {
    db = await target.open();
    t = await startAuthApp(db, { roles });
    store = new UserStore(db, { roles });
  });

  afterAll(async () => {
    await t?.app.close();
    await target.cleanup();
  });

  it('30 wrong passwords from 30 networks, then the right one: refused, with a French notice of until when', async () => {
    const email = await account();
    const answers = [];
    for (let i = 0; i < 30; i++) answers.push(await login(email, `mauvais mot de passe ${i}`));
    expect(answers.map((r) => r.statusCode)).toEqual([...Array(4).fill(401), ...Array(26).fill(429)]);
    expect(answers[0].json().message).toBe('Adresse électronique ou mot de passe incorrect.');
    expect(answers[2].json().message).toBe(
      'Adresse électronique ou mot de passe incorrect. Encore 2 essais avant le verrouillage temporaire du compte.',
    );
    expect(answers[3].json().message).toMatch(/Encore 1 essai avant/);

    const right = await login(email, PASSWORD);
    expect(right.statusCode).toBe(429);
    const body = right.json();
    expect(body).toMatchObject({ statusCode: 429, code: 'account_locked', message: expect.stringMatching(LOCKED) });
    expect(right.headers['set-cookie']).toBeUndefined();
    // Locked for one minute from the 5th failure; attempts while locked did not lengthen it.
    const until = new Date(body.lockedUntil).getTime();
    expect(until - Date.now()).toBeGreaterThan(0);
    expect(until - Date.now()).toBeLessThanOrEqual(60_000);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('locks an address without an account exactly like one with an account (no enumeration)', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await login('personne@exemple.gouv.fr', `essai ${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
  });

  it('lets the right password in once the lock is over, and locks for longer at each new failure', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) await login(email, `faux ${i}`);
    const expire = () =>
      db.query(`UPDATE platform_login_throttle SET locked_until = now() - interval '1 second' WHERE locked_until IS NOT NULL`);
    await expire();
    // A 6th failure: locked for 2 minutes, a 7th (after that): 4 minutes.
    for (const minutes of [2, 4]) {
      const res = await login(email, 'encore faux');
      expect(res.statusCode).toBe(429);
      const left = new Date(res.json().lockedUntil).getTime() - Date.now();
      expect(left).toBeGreaterThan((minutes - 1) * 60_000);
      expect(left).toBeLessThanOrEqual(minutes * 60_000);
      await expire();
    }
    const ok = await login(email, PASSWORD);
    expect(ok.statusCode).toBe(200);
    // Success forgets the failures: four more typos are allowed again.
    for (let i = 0; i < 4; i++) expect((await login(email, 'faute de frappe')).statusCode).toBe(401);
  });

  it('checks at most 5 passwords of a parallel burst', async () => {
    const email = await account();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `rafale ${i}`)));
    const codes = answers.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(4);
    expect(codes.filter((c) => c === 429)).toHaveLength(16);
    expect((await login(email, PASSWORD)).statusCode).toBe(429);
  });

  it('counts wrong second-factor codes against the same account', async () => {
    const email = await account(['demo.expert']);
    const c = stranger();
    await c.post('/api/auth/login', { email, password: PASSWORD });
    const { secret } = (await c.post('/api/auth/totp/enrolment')).json();
    await c.post('/api/auth/totp/enrolment/confirm', { code: await generate({ secret }) });

    // Password right (not a failure), then 5 wrong codes over two pending logins.
    const attacker = stranger();
    expect((await attacker.post('/api/auth/login', { email, password: PASSWORD })).json().status).toBe('totp_required');
    const wrong = (await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 })) === '123456' ? '654321' : '123456';
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await attacker.post('/api/auth/login/totp', { code: wrong })).statusCode);
    const fifth = await attacker.post('/api/auth/login/totp', { code: wrong });
    expect(codes).toEqual([401, 401, 401, 401]);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().code).toBe('account_locked');
    // Locked for the password step too, even with the right password.
    expect((await login(email, PASSWORD)).json().code).toBe('account_locked');
  });

  it('is lifted by an administrator with `eig users unlock`', async () => {
    const email = await account();
    for (let i = 0; i < 5; i++) await login(email, `faux ${i}`);
    expect((await login(email, PASSWORD)).statusCode).toBe(429);
    const out: string[] = [];
    const program = new Command().exitOverride();
    usersCli(program, async () => db, { roles });
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    try {
      await program.parseAsync(['users', 'unlock', email], { from: 'user' });
      await program.parseAsync(['users', 'unlock', email], { from: 'user' });
    } finally {
      process.stdout.write = write;
    }
    expect(out).toEqual([`Compte déverrouillé : ${email}\n`, `Pas de verrouillage en cours pour ${email} (échecs remis à zéro)\n`]);
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
  });

  it('logs each failure with an account id or a pseudonym, a truncated IP and a reason, and nothing more', async () => {
    const email = await account();
    const before = t.lines.length;
    await t.client('203.0.113.77').post('/api/auth/login', { email, password: 'mot de passe faux' });
    await t.client('2001:db8:aaaa:bbbb::42').post('/api/auth/login', { email: 'Inconnu@Exemple.gouv.fr', password: 'mot de passe faux' });
    for (let i = 0; i < 4; i++) await login(email, `faux ${i}`);
    const lines = t.lines.slice(before).map((l) => JSON.parse(l));
    const failures = lines.filter((l) => l.event === 'login_failed');
    const { rows } = await db.query<{ id: number }>('SELECT id FROM platform_users WHERE email = $1', [email]);
    expect(failures[0]).toMatchObject({ reason: 'bad_password', userId: rows[0].id, ip: '203.0.113.0/24', failures: 1 });
    expect(failures[1]).toMatchObject({
      reason: 'unknown_account',
      emailHash: expect.stringMatching(/^[0-9a-f]{16}$/),
      ip: '2001:db8:aaaa::/48',
    });
    expect(failures[1].userId).toBeUndefined();
    // The pseudonym is stable (one attacker, one address), and not a plain hash of the address.
    await t.client().post('/api/auth/login', { email: 'inconnu@exemple.gouv.fr', password: 'x' });
    const again = t.lines
      .map((l) => JSON.parse(l))
      .filter((l) => l.reason === 'unknown_account')
      .at(-1);
    expect(again.emailHash).toBe(failures[1].emailHash);
    expect(lines.some((l) => l.event === 'account_locked' && l.userId === rows[0].id)).toBe(true);
    expect(failures.at(-1)).toMatchObject({ reason: 'bad_password', failures: 5 });

    const all = t.lines.join('\n');
    for (const s of [email, 'nconnu@', 'exemple.gouv.fr', 'mot de passe faux', PASSWORD, '203.0.113.77', '2001:db8:aaaa:bbbb']) {
      expect(all, s).not.toContain(s);
    }
    expect(all).not.toMatch(/198\.51\.\d+\.7\b/);
  });
});
