import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, repoRoot } from './config.ts';

describe('loadConfig', () => {
  it('works with no configuration at all', () => {
    const c = loadConfig({});
    expect(c).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: path.join(repoRoot, '.data'),
      databaseUrl: undefined,
      logLevel: 'info',
      rateLimitMax: 300,
      maxInFlight: 512,
      maxEventLoopDelayMs: 1000,
      nodeEnv: 'development',
      trustProxy: false,
      dbStatementTimeoutMs: 15_000,
    });
    expect(path.isAbsolute(c.dataDir)).toBe(true);
  });

  it('reads and coerces the environment', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      DATA_DIR: 'relative/dir',
      DATABASE_URL: 'postgres://u:p@db:5432/eig',
      LOG_LEVEL: 'debug',
      RATE_LIMIT_MAX: '20',
      NODE_ENV: 'production',
      TRUST_PROXY: 'true',
      DB_STATEMENT_TIMEOUT_MS: '0',
    });
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      logLevel: 'debug',
      rateLimitMax: 20,
      nodeEnv: 'production',
      dbStatementTimeoutMs: 0,
    });
    expect(c.dataDir).toBe(path.resolve('relative/dir'));
    expect(c.databaseUrl).toBe('postgres://u:p@db:5432/eig');
    expect(c.trustProxy).toBe(true);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ RATE_LIMIT_MAX: '0' }, /RATE_LIMIT_MAX/],
  ])('rejects %o with an error naming the variable', (env, re) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(re);
  });
});
