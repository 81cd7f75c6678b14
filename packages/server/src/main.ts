import { installShutdown } from '@eig/platform';
import { createApp } from './app.ts';
import { exitOnStartupError } from './startup-error.ts';

/** `npm start`: serve the suite. */
const t0 = performance.now();
const app = await createApp().catch(exitOnStartupError);
const address = await app.listen().catch(exitOnStartupError);
app.suite.log.info({ address, startMs: Math.round(performance.now() - t0) }, `Suite EIG servie sur ${address}`);
// Closing the server also stops the services, the job queue and the database (see createApp).
installShutdown(app.app, () => undefined);
