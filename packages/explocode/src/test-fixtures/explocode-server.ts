/**
 * A real ExploCode server process for recovery.test.ts (killed with SIGKILL, restarted): the
 * platform's configuration and ExploCode's settings come from the environment, as in production.
 */
import { createExplocodeApp } from './minimal-app.ts';

const { app, start } = await createExplocodeApp();
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
await start();
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
