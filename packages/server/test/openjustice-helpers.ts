/** Shared by the Open Justice integration and browser tests: accounts (with the admin's second factor) and waits. */
import { generate } from 'otplib';
import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE, UserStore, type Db } from '@eig/platform';

export const AGENT = { email: 'agent@justice.gouv.fr', password: 'mot de passe agent solide' };
export const AGENT2 = { email: 'agent2@justice.gouv.fr', password: 'mot de passe agent deux' };
export const ADMIN = { email: 'admin@justice.gouv.fr', password: 'mot de passe admin solide' };

export async function createAccounts(db: Db): Promise<void> {
  const users = new UserStore(db);
  await users.create(AGENT.email, AGENT.password, ['openjustice.agent']);
  await users.create(AGENT2.email, AGENT2.password, ['openjustice.agent']);
  await users.create(ADMIN.email, ADMIN.password, ['openjustice.admin']);
}

const json = { 'content-type': 'application/json', origin: 'http://localhost:80' };
const sessionOf = (res: { cookies: { name: string; value: string }[] }) => {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error('no session cookie');
  return `${SESSION_COOKIE}=${c.value}`;
};

/** Logs in; an account whose role requires TOTP enrols its second factor first. Returns the cookie header. */
export async function login(app: FastifyInstance, who: { email: string; password: string }): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: json, payload: JSON.stringify(who) });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = sessionOf(res);
  if (res.json().status !== 'totp_enrolment_required') return cookie;
  const enrol = await app.inject({ method: 'POST', url: '/api/auth/totp/enrolment', headers: { ...json, cookie }, payload: '{}' });
  const { secret } = enrol.json() as { secret: string };
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
  const ok = await app.inject({
    method: 'POST',
    url: '/api/auth/totp/enrolment/confirm',
    headers: { ...json, cookie },
    payload: JSON.stringify({ code }),
  });
  if (ok.statusCode !== 200) throw new Error(`enrolment failed: ${ok.body}`);
  return sessionOf(ok);
}

/** Waits until no decision is left `loaded` (the annotation jobs ran). */
export async function waitAnnotated(db: Db, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM openjustice_decisions WHERE status = 'loaded'`);
    if (Number(rows[0].n) === 0) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${rows[0].n} decisions still loaded`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const DECISION = `COUR DE CASSATION

Audience publique du 24 octobre 2024

Pourvoi n° K 23-12.176

Arrêt n° 984 F-D

M. Jean-Pierre DURAND, né le 12 mars 1985 à Lyon, demeurant 12 rue des Lilas, 69003 Lyon, a formé un pourvoi.
Mme Sophie Martin, épouse DURAND, est défenderesse.

Sur le rapport de Mme Leroy, conseiller, et les observations de Me Dupont-Moretti, avocat de M. Durand.

Faits et procédure

M. DURAND a travaillé pour la société Nordis. M. Durand conteste son licenciement.

PAR CES MOTIFS, la Cour :

REJETTE le pourvoi.
`;
