import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/types.ts';

/**
 * A random key created once per installation and kept in the database (`platform_secrets`), shared
 * by every process of the suite. For keys that must be stable and secret from log readers, not from
 * someone holding the database (those come from the environment, e.g. TOTP_ENCRYPTION_KEY).
 */
export async function installationKey(db: Queryable, name: string): Promise<Buffer> {
  // Two processes starting together: the first insert wins, both read the same row.
  await db.query('INSERT INTO platform_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('base64'),
  ]);
  const { rows } = await db.query<{ value: string }>('SELECT value FROM platform_secrets WHERE name = $1', [name]);
  return Buffer.from(rows[0].value, 'base64');
}
