/** Job names (namespaced by the service). */
export const ANNOTATE_JOB = 'openjustice.annotate';
export const ANNOTATE_BATCH_JOB = 'openjustice.annotate-batch';
export const SWEEP_JOB = 'openjustice.sweep';
