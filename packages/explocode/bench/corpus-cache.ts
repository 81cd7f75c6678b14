/** Loads the corpus from the npm packages via the ingest code, cached in the OS temp dir for dev runs. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Corpus } from '../src/core/types.ts';

export async function loadBenchCorpus(): Promise<{ corpus: Corpus; loadMs: number; cached: boolean }> {
  const t0 = performance.now();
  const { versionLabel } = await import('../src/ingest/packages.ts');
  const version = await versionLabel();
  const file = join(tmpdir(), `explocode-corpus-${version.replace(/[^a-z0-9.]+/gi, '_').slice(0, 150)}.json`);
  if (!process.env.EXPLOCODE_NO_CACHE && existsSync(file)) {
    const corpus = JSON.parse(readFileSync(file, 'utf8')) as Corpus;
    return { corpus, loadMs: performance.now() - t0, cached: true };
  }
  const { loadCorpusFromPackages } = await import('../src/ingest/corpus.ts');
  const { corpus } = await loadCorpusFromPackages();
  try {
    writeFileSync(file, JSON.stringify(corpus));
  } catch {
    /* cache is optional */
  }
  return { corpus, loadMs: performance.now() - t0, cached: false };
}
