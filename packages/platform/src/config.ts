import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so that the default data folder does not depend on the working directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// Environment variables are strings; an empty value counts as unset so `PORT= npm start` keeps defaults.
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

function keyBytes(value: string): Buffer | null {
  const bytes = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return bytes.length === 32 ? bytes : null;
}

const schema = z.object({
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65535).default(3000)),
  HOST: z.preprocess(unsetIfEmpty, z.string().default('0.0.0.0')),
  DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default(path.join(repoRoot, '.data'))),
  DATABASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'doit commencer par postgres:// ou postgresql://')
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  // Per IP and per minute: generous for people, low enough to blunt scraping loops.
  RATE_LIMIT_MAX: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().default(300)),
  // Behind a reverse proxy, rate limiting must key on the client's IP from X-Forwarded-For: see parseTrustProxy.
  TRUST_PROXY: z.preprocess(unsetIfEmpty, z.string().default('false')),
  // Whether the suite's `admin` role must log in with a second factor (TOTP). Recommended in production.
  ADMIN_REQUIRE_TOTP: z.preprocess(unsetIfEmpty, z.enum(['true', 'false', '1', '0']).default('false')),
  // 32 random bytes (64 hex digits, or base64) that encrypt the TOTP secrets stored in the database.
  TOTP_ENCRYPTION_KEY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .trim()
      .refine((v) => keyBytes(v) !== null, '32 octets attendus, en hexadécimal (64 caractères) ou en base64 (openssl rand -base64 32)')
      .optional(),
  ),
  // Load shedding: requests handled at once, and the event loop delay past which new ones get a 503.
  MAX_IN_FLIGHT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).default(512)),
  // Unset: 1000 ms, but off under NODE_ENV=test (test machines are loaded; a late loop is not overload there).
  MAX_EVENT_LOOP_DELAY_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).optional()),
  // Longest statement (PostgreSQL's statement_timeout; on PGlite, the longest wait, after which a stuck
  // PGlite is restarted). 0: no bound.
  DB_STATEMENT_TIMEOUT_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).default(15_000)),
  NODE_ENV: z.preprocess(unsetIfEmpty, z.enum(['development', 'production', 'test']).default('development')),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path; PGlite data and service caches live here. */
  dataDir: string;
  /** Set → PostgreSQL through node-postgres; unset → PGlite under dataDir. */
  databaseUrl?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Requests per minute per IP. */
  rateLimitMax: number;
  nodeEnv: 'development' | 'production' | 'test';
  /**
   * Which X-Forwarded-* headers to believe, in the form Fastify's `trustProxy` takes: `false` (none,
   * the default), a number of proxy hops in front of the server, or the proxies' addresses and CIDR
   * ranges (and proxy-addr's names `loopback`, `linklocal`, `uniquelocal`).
   */
  trustProxy: TrustProxy;
  /** The suite's `admin` role requires a second factor (TOTP). */
  adminRequireTotp: boolean;
  /** Key (32 bytes) encrypting TOTP secrets at rest; unset: stored in clear (a warning is logged at start). */
  totpEncryptionKey?: Buffer;
  /** Requests handled at once before new ones get a 503 (0: no limit). */
  maxInFlight: number;
  /** Event loop delay (ms) past which new requests get a 503 (0: not checked). */
  maxEventLoopDelayMs: number;
  /** Longest statement in ms (0: no bound): PostgreSQL's statement_timeout; on PGlite, the longest wait, then a restart of a stuck PGlite. */
  dbStatementTimeoutMs: number;
}

export type TrustProxy = false | number | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY → Fastify's `trustProxy`. `true` used to trust every X-Forwarded-For, so a client could
 * send its own and pick the IP that rate limits key on: it now means one hop (one reverse proxy in
 * front, which appends the address it saw), which is what it meant in every documented deployment.
 * Never `true` itself: with hops or addresses, the client's own X-Forwarded-For entries are ignored.
 */
export function parseTrustProxy(value: string): TrustProxy | null {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '0') return false;
  if (v === 'true') return 1;
  if (/^\d+$/.test(v)) return Number(v) <= 32 ? Number(v) : null;
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.length > 0 && entries.every(isAddressOrRange) ? entries : null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Configuration invalide (${details})`);
  }
  const e = parsed.data;
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (trustProxy === null) {
    throw new ConfigError(
      'Configuration invalide (TRUST_PROXY: attendu false, un nombre de proxys (1, 2…) ou leurs adresses et plages séparées par des virgules, ex. 10.0.0.0/8,127.0.0.1)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    rateLimitMax: e.RATE_LIMIT_MAX,
    nodeEnv: e.NODE_ENV,
    trustProxy,
    adminRequireTotp: e.ADMIN_REQUIRE_TOTP === 'true' || e.ADMIN_REQUIRE_TOTP === '1',
    ...(e.TOTP_ENCRYPTION_KEY ? { totpEncryptionKey: keyBytes(e.TOTP_ENCRYPTION_KEY)! } : {}),
    maxInFlight: e.MAX_IN_FLIGHT,
    maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS ?? (e.NODE_ENV === 'test' ? 0 : 1000),
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  };
}
