import { installShutdown } from '@eig/platform';
import { createApp } from './app.ts';

/** `npm start`: serve the suite. */
const t0 = performance.now();
const suite = await createApp();
const address = await suite.listen();
suite.ctx.log.info({ address, startMs: Math.round(performance.now() - t0) }, `Suite EIG servie sur ${address}`);
// Closing the server also stops the services, the job queue and the database (see createApp).
installShutdown(suite.app, () => undefined);
