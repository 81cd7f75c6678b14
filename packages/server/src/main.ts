import { installShutdown } from '@eig/platform';
import { createApp } from './app.ts';
import { exitOnStartupError } from './startup-error.ts';

/** `npm start`: serve the suite. */
const t0 = performance.now();
const app = await createApp().catch((err: unknown) => exitOnStartupError(err));
const { config, db, log } = app.suite;
const address = await app.listen().catch(async (err: unknown) => {
  // Close PGlite cleanly before leaving (a port in use must not cost a crash recovery at the next start).
  await app.close().catch(() => undefined);
  return exitOnStartupError(err, config);
});
log.info({ address, startMs: Math.round(performance.now() - t0) }, `Suite EIG servie sur ${address}`);

// A database that cannot answer (a stuck statement, a full disk) is closed first on SIGTERM: the requests
// waiting on it get their 503 at once, instead of holding the graceful close until its deadline. Registered
// before installShutdown, so it runs first.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    const health = db.health();
    if (!health.ok) {
      log.warn({ problems: health.problems }, 'database unhealthy at shutdown: closing it first');
      void db.close().catch(() => undefined);
    }
  });
}
// Closing the server also stops the services, the job queue and the database (see createApp).
installShutdown(app.app, () => undefined);
