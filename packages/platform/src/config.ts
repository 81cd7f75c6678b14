import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository root, so that the default data folder does not depend on the working directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

// Environment variables are strings; an empty value counts as unset so `PORT= npm start` keeps defaults.
const unsetIfEmpty = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

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
  LOG_LEVEL: z.preprocess(
    unsetIfEmpty,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  // Per IP and per minute: generous for people, low enough to blunt scraping loops.
  RATE_LIMIT_MAX: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().default(300)),
  // Behind a reverse proxy, rate limiting must key on the client's IP from X-Forwarded-For.
  TRUST_PROXY: z.preprocess(unsetIfEmpty, z.enum(['true', 'false', '1', '0']).default('false')),
  // Load shedding: requests handled at once, and the event loop delay past which new ones get a 503.
  MAX_IN_FLIGHT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).default(512)),
  MAX_EVENT_LOOP_DELAY_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).default(1000)),
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
  /** Requests handled at once before new ones get a 503 (0: no limit). */
  maxInFlight: number;
  /** Event loop delay (ms) past which new requests get a 503 (0: not checked). */
  maxEventLoopDelayMs: number;
  /** Trust X-Forwarded-* headers (set when running behind a reverse proxy). */
  trustProxy: boolean;
  /** Longest statement in ms (0: no bound): PostgreSQL's statement_timeout; on PGlite, the longest wait, then a restart of a stuck PGlite. */
  dbStatementTimeoutMs: number;
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
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    rateLimitMax: e.RATE_LIMIT_MAX,
    nodeEnv: e.NODE_ENV,
    maxInFlight: e.MAX_IN_FLIGHT,
    maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
  };
}
