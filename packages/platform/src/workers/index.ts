export {
  createWorkerPool,
  runInWorkerThread,
  overloadedHttpError,
  WorkerPoolOverloadedError,
  WorkerThreadError,
  type RunOptions,
  type WorkerPool,
  type WorkerPoolOptions,
} from './pool.ts';
export { serveDb, dbOverPort, type PortDb, type ServedDb } from './db-port.ts';
