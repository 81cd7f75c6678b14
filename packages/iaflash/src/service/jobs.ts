/** Job names (namespaced by the service). */
export const CHECK_JOB = 'iaflash.check';
export const TRAIN_JOB = 'iaflash.train';
export const PURGE_JOB = 'iaflash.purge';
/** NOTIFY channel: the active model changed (every process reloads it). */
export const MODEL_CHANNEL = 'iaflash_model';
