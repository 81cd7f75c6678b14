// What the suite's integration tests (packages/server/test) need from ExploCode beyond its module.
export { runIngest } from './ingest/run.ts';
export { INGEST_JOB, type ExplocodeRuntime } from './runtime.ts';
export { explocodeFor } from './context.ts';
export type { Article } from './core/types.ts';
