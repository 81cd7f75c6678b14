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
      adminRequireTotp: false,
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
    // `true` is one proxy hop, never "trust whatever X-Forwarded-For says".
    expect(c.trustProxy).toBe(1);
  });

  it.each([
    ['false', false],
    ['0', false],
    ['true', 1],
    ['TRUE', 1],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    ['10.0.0.0/8, 192.168.1.1 ,::1', ['10.0.0.0/8', '192.168.1.1', '::1']],
    ['loopback,fd00::/8', ['loopback', 'fd00::/8']],
  ])('reads TRUST_PROXY=%s as %o', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '-1', '33', '10.0.0.0/33', '10.0.0.1/8/9', 'proxy.example', '999.1.1.1', ','])(
    'rejects TRUST_PROXY=%s with a message that says what is expected',
    (value) => {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: attendu false, un nombre de proxys/);
    },
  );

  it('reads TOTP_ENCRYPTION_KEY as 32 bytes, hex or base64, and refuses anything else', () => {
    const hex = 'ab'.repeat(32);
    expect(loadConfig({ TOTP_ENCRYPTION_KEY: hex }).totpEncryptionKey).toEqual(Buffer.from(hex, 'hex'));
    const b64 = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ TOTP_ENCRYPTION_KEY: b64 }).totpEncryptionKey).toEqual(Buffer.alloc(32, 7));
    expect(loadConfig({}).totpEncryptionKey).toBeUndefined();
    expect(() => loadConfig({ TOTP_ENCRYPTION_KEY: 'trop-court' })).toThrow(/TOTP_ENCRYPTION_KEY: 32 octets attendus/);
  });

  it('reads ADMIN_REQUIRE_TOTP', () => {
    expect(loadConfig({ ADMIN_REQUIRE_TOTP: 'true' }).adminRequireTotp).toBe(true);
    expect(() => loadConfig({ ADMIN_REQUIRE_TOTP: 'oui' })).toThrow(/ADMIN_REQUIRE_TOTP/);
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
