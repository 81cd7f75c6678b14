import { ConfigError, DatabaseLockedError } from '@eig/platform';

/**
 * A start that cannot succeed (bad configuration, data folder in use...) ends with one clear French
 * line and exit code 1, not a stack trace; anything unexpected keeps its stack for debugging.
 */
export function exitOnStartupError(err: unknown): never {
  if (err instanceof ConfigError || err instanceof DatabaseLockedError) {
    process.stderr.write(`Erreur : ${err.message}\n`);
  } else {
    process.stderr.write(`Erreur au démarrage : ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
}
