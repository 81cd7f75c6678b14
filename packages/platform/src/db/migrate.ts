import type { Db, Migration } from './types.ts';

/*
 * Hand-written on purpose: the usual runners (node-pg-migrate, Knex, Drizzle kit...) expect a
 * node-postgres connection and do not run on PGlite. The contract is small: per service, apply each
 * migration once, in order, each in its own transaction with its bookkeeping row.
 */

// Any constant works; it only has to be the same for every process of the suite.
const LOCK_KEY = 0x45_49_47; // "EIG"

const LOCK = `SELECT pg_advisory_xact_lock(${LOCK_KEY})`;

/** Applies the pending migrations of `serviceId`; returns the ids applied by this call. */
export async function migrate(db: Db, serviceId: string, migrations: Migration[]): Promise<string[]> {
  const seen = new Set<string>();
  for (const m of migrations) {
    if (seen.has(m.id)) throw new Error(`Migration ${serviceId}/${m.id} déclarée deux fois`);
    seen.add(m.id);
  }

  // Two server processes starting together on PostgreSQL: the transaction-scoped advisory lock makes
  // the second wait, then see the first one's rows. Even CREATE TABLE IF NOT EXISTS can race without it.
  await db.transaction(async (tx) => {
    await tx.query(LOCK);
    await tx.exec(`CREATE TABLE IF NOT EXISTS platform_migrations (
      service text NOT NULL,
      id text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (service, id)
    )`);
  });

  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query(LOCK);
      const { rows } = await tx.query('SELECT 1 FROM platform_migrations WHERE service = $1 AND id = $2', [serviceId, m.id]);
      if (rows.length > 0) return false;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`Migration ${serviceId}/${m.id} en échec : ${(err as Error).message}`, { cause: err });
      }
      await tx.query('INSERT INTO platform_migrations (service, id) VALUES ($1, $2)', [serviceId, m.id]);
      return true;
    });
    if (done) applied.push(m.id);
  }
  return applied;
}
