/**
 * The one database interface every service uses. Two adapters implement it with the same SQL:
 * PGlite in-process (default, data under DATA_DIR) and node-postgres when DATABASE_URL is set.
 */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  /** Parameterised query: `$1, $2...` placeholders, never string interpolation of user input. */
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations, DDL). */
  exec(sql: string): Promise<void>;
}

/** Called with the payload of each notification on a channel (an empty string when there is none). */
export type NotificationListener = (payload: string) => void;

/** What the database adapter knows of its own state, without a query: for `/healthz` and `/readyz`. */
export interface DbHealth {
  /** False when queries cannot succeed now (down, restarting, disk full, stuck). */
  ok: boolean;
  /** French sentences for the operator, including warnings while `ok` (disk nearly full). */
  problems: string[];
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * PostgreSQL LISTEN: `fn` runs for every NOTIFY on `channel`, from any process on the database
   * (on PGlite, from this process: it is the only one). Resolves once listening, with the function
   * that stops. Channel names are lowercase identifiers (`catalog_updated`). Notifications sent
   * while the listening connection is down (database restart) are lost: a listener that must not
   * miss a change re-reads the state now and then as well.
   */
  listen(channel: string, fn: NotificationListener): Promise<() => Promise<void>>;
  /**
   * PostgreSQL NOTIFY (`pg_notify`): delivered to every listener once the sending transaction commits.
   * Inside a transaction, send it with `tx.query('SELECT pg_notify($1, $2)', ...)` to tie it to the commit.
   * The payload is a short string (under 8,000 bytes): an id, not a document.
   */
  notify(channel: string, payload?: string): Promise<void>;
  /**
   * Refreshes the planner's statistics (`ANALYZE`) of `tables` (all tables when absent). Run it after a
   * bulk write: PGlite has no autovacuum, and PostgreSQL's comes minutes later; without statistics the
   * planner may pick a plan a thousand times slower.
   */
  analyze(tables?: string[]): Promise<void>;
  /** The adapter's own view of its state, without touching the database (cheap: for probes). */
  health(): DbHealth;
  close(): Promise<void>;
}

export interface Migration {
  /** Unique and ordered within its service, e.g. "001_init". */
  id: string;
  sql: string;
}
