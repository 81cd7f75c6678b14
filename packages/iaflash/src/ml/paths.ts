import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/iaflash */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CENTERNET_DIR = join(PACKAGE_DIR, 'vendor/centernet');
/** The default model committed in the repo (trained on the shared cars/ photos). */
export const DEFAULT_MODEL_DIR = join(PACKAGE_DIR, 'model/default');
