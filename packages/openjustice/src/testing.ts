// What the suite's integration tests (packages/server/test) need from Open Justice beyond its module.
export { openJusticeFor, setEngineFor } from './context.ts';
export { createInlineEngine, createEnginePool } from './engine/pool.ts';
export { ANNOTATE_BATCH_JOB, ANNOTATE_JOB, SWEEP_JOB } from './service/jobs.ts';
export { annotateBatch, sweepLoaded } from './service/annotation.ts';
