/**
 * Wraps a CLI entry point: a failure prints `Erreur : <message>` and exits 1. The stack trace
 * only appears with DEBUG set: users of the CLI need the message, not our internals.
 */
export async function runCommand(fn: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Erreur : ${message}\n`);
    if (process.env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
    process.exit(1);
  }
}
