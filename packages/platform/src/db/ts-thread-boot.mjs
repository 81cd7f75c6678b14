// Entry of a worker thread started from the TypeScript sources (tests, `node --import tsx`): a worker does
// not inherit the loader of the thread that starts it, so register tsx here, then run the real entry.
// The build (dist/) starts its .js entries directly and never uses this file.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
