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
  close(): Promise<void>;
}

export interface Migration {
  /** Unique and ordered within its service, e.g. "001_init". */
  id: string;
  sql: string;
}
