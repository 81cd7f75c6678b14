// Worker bootstrap for TypeScript sources: Node 20 does not run --import hooks in worker threads,
// so register tsx here, then load the worker. (Compiled builds start worker.js directly.)
import { register } from 'tsx/esm/api';
register();
await import('./worker.ts');
