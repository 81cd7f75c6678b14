/**
 * Messages between the main thread (pglite-worker.ts) and the thread that runs PGlite
 * (pglite-thread.ts). Values travel by structured clone: Date, Uint8Array, bigint and JSON values
 * arrive as PGlite produced them.
 */

/** Main → PGlite thread. `tx` names an open transaction; without it a statement runs on its own. */
export type Request =
  | { id: number; op: 'query'; sql: string; params?: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin'; tx: number }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; channel: string }
  | { id: number; op: 'close' }
  /** The main thread took a slice of a large result: send the next one (or drop the rest when `cancel`). */
  | { op: 'more'; id: number; cancel?: boolean }
  | { op: 'ping'; seq: number };

/** PGlite thread → main. */
export type Reply =
  | { type: 'ready' }
  | { type: 'open-failed'; error: SerializedError }
  | { type: 'ok'; id: number; rows?: unknown[]; rowCount?: number }
  /**
   * A slice of a large result, ahead of its 'ok'. The next slice is sent when the main thread asks for it
   * ('more'): Node delivers every queued message in one go, so without this handshake the slices would
   * be rebuilt back to back, holding the main thread as long as one big message.
   */
  | { type: 'rows'; id: number; rows: unknown[] }
  | { type: 'error'; id: number; error: SerializedError }
  | { type: 'notification'; channel: string; payload: string }
  | { type: 'pong'; seq: number };

export interface ThreadOptions {
  /** PGlite's folder; in memory when absent. */
  dir?: string;
}

/** What survives of an error across threads: PostgreSQL's fields (SQLSTATE `code`...), never the query nor its parameters. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;
  stack?: string;
}

const FIELDS = [
  'code',
  'severity',
  'detail',
  'hint',
  'position',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'routine',
] as const;

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const out: SerializedError = { name: err.name, message: err.message, stack: err.stack };
  const rec = err as unknown as Record<string, unknown>;
  for (const f of FIELDS) {
    const v = rec[f];
    if (v !== undefined && v !== null) out[f] = String(v);
  }
  return out;
}

/**
 * An error from PGlite, rebuilt on the main thread with the same fields as PGlite's own DatabaseError
 * (and node-postgres's), so that `err.code` (SQLSTATE) means the same on every adapter.
 */
export class PgliteError extends Error {
  code?: string;
  severity?: string;
  detail?: string;
  hint?: string;
  position?: string;
  where?: string;
  schema?: string;
  table?: string;
  column?: string;
  dataType?: string;
  constraint?: string;
  routine?: string;

  constructor(e: SerializedError, callerStack?: string) {
    super(e.message);
    this.name = e.name === 'Error' ? 'PgliteError' : e.name;
    for (const f of FIELDS) if (e[f] !== undefined) this[f] = e[f];
    // The caller's stack (where the query was sent) is what a developer needs; the thread's is noise.
    if (callerStack) this.stack = `${this.name}: ${this.message}\n${callerStack.split('\n').slice(1).join('\n')}`;
  }
}
