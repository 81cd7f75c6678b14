/**
 * The database's faults, typed so that each reaches the right place: a start that cannot succeed ends
 * with one French line (packages/server/src/startup-error.ts), and a request that meets a database that
 * is down, stuck or out of disk gets a 503 (its `statusCode`), never a 500 nor an endless wait.
 */
import { HttpError } from '../http/errors.ts';

/**
 * The database cannot be opened at start: the operator must act (free the disk, fix the rights, stop
 * the other process...). The message is French and says what to do; it is printed as it is, no stack.
 */
export class DatabaseStartupError extends Error {
  override name = 'DatabaseStartupError';
}

/** DATA_DIR cannot hold the database: read-only, no rights, not a folder, disk full. */
export class DataDirError extends DatabaseStartupError {
  override name = 'DataDirError';
  constructor(
    message: string,
    /** The errno code behind it (EROFS, EACCES, ENOSPC...), or 'ENOSPC' when statfs found the disk full. */
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** PGlite refused to open its folder for another reason than the disk (its message is quoted). */
export class DatabaseOpenError extends DatabaseStartupError {
  override name = 'DatabaseOpenError';
}

/** PostgreSQL (DATABASE_URL) did not answer at start: down, wrong address, wrong password... */
export class DatabaseConnectError extends DatabaseStartupError {
  override name = 'DatabaseConnectError';
}

/**
 * The database cannot serve right now (down, restarting, disk full, too slow): the request gets a 503
 * with Retry-After. `sqlState` keeps the SQLSTATE or errno code of the cause when there is one.
 */
export class DatabaseUnavailableError extends HttpError {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    readonly sqlState?: string,
    options?: ErrorOptions,
  ) {
    super(503, message, 'database_unavailable', 5);
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** A statement ran (or waited) longer than DB_STATEMENT_TIMEOUT_MS and was given up. SQLSTATE 57014 (query_canceled). */
export class DatabaseTimeoutError extends DatabaseUnavailableError {
  override name = 'DatabaseTimeoutError';
  constructor(timeoutMs: number, options?: ErrorOptions) {
    super(
      `La base de données n’a pas répondu en ${formatSeconds(timeoutMs)} (DB_STATEMENT_TIMEOUT_MS) : réessayez dans un instant.`,
      '57014',
      options,
    );
  }
}

export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1).replace('.', ',')} s`;
}

// SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, restart), plus
// too many connections, disk full on the server and a cancelled statement: the database, not the request,
// is at fault, and trying again later may work.
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-4]|53300|53100|57014)$/;
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// node-postgres reports a lost connection or a full pool in plain messages without a code.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection terminated unexpectedly/i;

/** True when `err` says the database is unreachable or overloaded, not that the query is wrong. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof DatabaseUnavailableError) return true;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
  return err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message);
}

/** The French line an operator reads for an unreachable database, from node-postgres's error. */
export function describeUnavailable(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  switch (code) {
    case '57014':
      return 'requête interrompue : délai dépassé (statement_timeout)';
    case 'ECONNREFUSED':
      return 'connexion refusée (le serveur PostgreSQL est arrêté ou l’adresse est fausse)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'nom d’hôte inconnu';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'serveur injoignable (réseau)';
    case '57P01':
    case '57P02':
    case '57P03':
      return 'le serveur PostgreSQL redémarre ou s’arrête';
    case '53300':
      return 'trop de connexions ouvertes sur le serveur PostgreSQL';
    case '53100':
      return 'disque plein sur le serveur PostgreSQL';
    case '3D000':
      return 'la base de données n’existe pas';
    case '28P01':
    case '28000':
      return 'identifiant ou mot de passe refusé';
  }
  if (err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message)) return 'pas de connexion libre à temps';
  if (err instanceof Error && /Connection terminated/i.test(err.message)) return 'connexion coupée';
  return typeof code === 'string' ? `erreur ${code}` : 'erreur de connexion';
}
