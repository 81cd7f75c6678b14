import { installShutdown } from '@eig/platform';
import { createApp } from './app.ts';

/** `npm start`: serve the suite. */
const t0 = performance.now();
const suite = await createApp();
const address = await suite.listen();
suite.ctx.log.info({ address, startMs: Math.round(performance.now() - t0) }, `Suite EIG servie sur ${address}`);
installShutdown(suite.app, async () => {
  for (const service of suite.services) await service.stop?.();
  await suite.ctx.jobs.close();
  await suite.ctx.db.close();
});
