import { existsSync, readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from './metrics.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
// the shared data sits beside the repository (../shared); a git worktree one level deeper looks two up
const candidates = [resolve(repoRoot, '../shared/data/openjustice'), resolve(repoRoot, '../../shared/data/openjustice')];
export const DATA_DIR = process.env.OPENJUSTICE_DATA_DIR ?? candidates.find((d) => existsSync(d)) ?? candidates[0];
export const GOLD_FILE = process.env.OPENJUSTICE_GOLD ?? resolve(DATA_DIR, 'gold.dev.jsonl');

export function loadJsonl(file: string): Doc[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Doc);
}
