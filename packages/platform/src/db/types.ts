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

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface Migration {
  /** Unique and ordered within its service, e.g. "001_init". */
  id: string;
  sql: string;
}
