import { ConfigError, DatabaseStartupError, DatabaseUnavailableError, type Config } from '@eig/platform';

/** What the server listens on, to name it in a message. */
type Listen = Partial<Pick<Config, 'port' | 'host'>>;

/**
 * The one French line for a start that cannot succeed (bad configuration, data folder in use, read-only
 * or full, database unreachable, port taken), or null for an unexpected error, which keeps its stack.
 */
export function startupErrorLine(err: unknown, listen: Listen = {}): string | null {
  if (err instanceof ConfigError || err instanceof DatabaseStartupError || err instanceof DatabaseUnavailableError) return err.message;
  const e = err as NodeJS.ErrnoException & { syscall?: string; path?: string };
  const where = listen.port !== undefined ? `le port ${listen.port}${listen.host ? ` (${listen.host})` : ''}` : 'le port demandé';
  if (e?.syscall === 'listen') {
    switch (e.code) {
      case 'EADDRINUSE':
        return `${where} est déjà utilisé, sans doute par un autre serveur : arrêtez-le ou choisissez un autre PORT.`;
      case 'EACCES':
        return `pas le droit d’écouter sur ${where} (les ports sous 1024 sont réservés) : choisissez un autre PORT.`;
      case 'EADDRNOTAVAIL':
        return `l’adresse HOST=${listen.host ?? ''} n’est pas une adresse de cette machine : corrigez HOST (0.0.0.0 pour toutes).`;
    }
  }
  // A file the start had to write (caches under DATA_DIR...).
  if (typeof e?.path === 'string') {
    switch (e.code) {
      case 'ENOSPC':
        return `Disque plein : impossible d’écrire ${e.path}. Libérez de la place ou agrandissez le disque.`;
      case 'EROFS':
        return `${e.path} est sur un disque monté en lecture seule : montez-le en écriture ou choisissez un autre DATA_DIR.`;
      case 'EACCES':
      case 'EPERM':
        return `pas le droit d’écrire ${e.path} : donnez ce droit à l’utilisateur qui lance le serveur, ou choisissez un autre DATA_DIR.`;
    }
  }
  return null;
}

/**
 * A start that cannot succeed ends with one clear French line and exit code 1, not a stack trace;
 * anything unexpected keeps its stack for debugging.
 */
export function exitOnStartupError(err: unknown, listen: Listen = {}): never {
  const line = startupErrorLine(err, listen);
  if (line) process.stderr.write(`Erreur : ${line}\n`);
  else process.stderr.write(`Erreur au démarrage : ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
}
