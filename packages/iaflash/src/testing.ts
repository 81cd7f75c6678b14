// What the suite's integration and browser tests (packages/server/test) need from IA Flash beyond its module.
export { iaflashFor } from './context.ts';
export { IaflashService, AGENT_ROLE, ADMIN_ROLE } from './service/api.ts';
export { writeZip } from './io/zip.ts';
export { CHECK_JOB, TRAIN_JOB, PURGE_JOB } from './service/jobs.ts';
export { drawPhoto, drawPlate, onePixelPng } from './test-fixtures.ts';
export { installShippedReaderAsTuned } from './test-fixtures.ts';
