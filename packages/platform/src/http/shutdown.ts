import type { FastifyInstance } from 'fastify';

export interface ShutdownOptions {
  /** After this, exit anyway: a stuck request or job must not block a deploy forever. */
  timeoutMs?: number;
  signals?: NodeJS.Signals[];
  /** Injected by tests. */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: stop accepting connections and let in-flight requests finish (app.close),
 * then `onClose` (services, job queue, database, in that order in the caller). Returns the
 * shutdown function itself, for programmatic use; a second signal does not restart it.
 */
export function installShutdown(
  app: FastifyInstance,
  onClose: () => Promise<void> | void,
  opts: ShutdownOptions = {},
): (reason?: string) => Promise<void> {
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const signals = opts.signals ?? ['SIGTERM', 'SIGINT'];
  let running: Promise<void> | undefined;

  const shutdown = (reason = 'shutdown') => {
    running ??= (async () => {
      app.log.info({ reason }, 'shutting down');
      const timer = setTimeout(() => {
        app.log.error({ timeoutMs: opts.timeoutMs ?? 10_000 }, 'shutdown timed out, exiting');
        exit(1);
      }, opts.timeoutMs ?? 10_000);
      timer.unref();
      let code = 0;
      try {
        await app.close();
        await onClose();
      } catch (err) {
        app.log.error({ err }, 'error during shutdown');
        code = 1;
      } finally {
        clearTimeout(timer);
        for (const s of signals) process.off(s, onSignal);
      }
      exit(code);
    })();
    return running;
  };
  const onSignal = (signal: NodeJS.Signals) => void shutdown(signal);
  for (const s of signals) process.on(s, onSignal);
  return shutdown;
}
