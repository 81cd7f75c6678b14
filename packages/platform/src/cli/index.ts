export { createProgress, type Progress, type ProgressOptions } from './progress.ts';
export { runCommand } from './run.ts';
