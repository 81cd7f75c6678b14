import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** packages/iaflash */
export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CENTERNET_DIR = join(PACKAGE_DIR, 'vendor/centernet');
/** The default model committed in the repo (trained on the shared cars/ photos). */
export const DEFAULT_MODEL_DIR = join(PACKAGE_DIR, 'model/default');

/**
 * The shared evaluation data (../shared/data/iaflash beside the repository); a git worktree sits
 * one level deeper, so its parent's sibling is tried too. IAFLASH_DATA overrides.
 */
export function defaultDataDir(): string {
  if (process.env.IAFLASH_DATA) return process.env.IAFLASH_DATA;
  const repo = resolve(PACKAGE_DIR, '../..');
  const candidates = [resolve(repo, '../shared/data/iaflash'), resolve(repo, '../../shared/data/iaflash')];
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}
