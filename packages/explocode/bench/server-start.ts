/** Cold and warm start of the real (compiled) server: spawn it with a temp DATA_DIR and poll /readyz until every service is ready. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServerProcess } from '@eig/platform/testing';

async function startOnce(
  repoRoot: string,
  dataDir: string,
  timeoutMs: number,
  whileReady?: (base: string) => Promise<void>,
): Promise<{ ms: number; rssMb: number | null } | string> {
  // stderr kept (not stdout's warn logs): its last line says why the server exited, if it does.
  const p = await startServerProcess({ repoRoot, dataDir, stdout: 'ignore' });
  try {
    const ms = await p.waitReady(timeoutMs);
    if (ms === null) return p.exited ? `server exited: ${p.lines.filter((l) => l.trim()).at(-1) ?? ''}`.slice(0, 200) : 'timeout';
    const rssMb = p.memory()?.rss ?? null;
    await whileReady?.(p.base);
    return { ms, rssMb };
  } finally {
    await p.kill('SIGTERM', 500);
  }
}

/** Cold start (with ingest) then warm start on the same DATA_DIR; `whileWarm` runs against the warm server. */
export async function measureStarts(
  repoRoot: string,
  whileWarm?: (base: string) => Promise<void>,
): Promise<{ cold: string; warm: string; serverRss: string }> {
  if (!existsSync(resolve(repoRoot, 'packages/server/dist/main.js')))
    return { cold: 'n/a (server not built: npm run build)', warm: 'n/a (server not built: npm run build)', serverRss: 'n/a' };
  const dataDir = mkdtempSync(join(tmpdir(), 'explocode-bench-'));
  try {
    const cold = await startOnce(repoRoot, dataDir, 600_000);
    if (typeof cold === 'string') return { cold: `n/a (${cold})`, warm: 'n/a', serverRss: 'n/a' };
    const warm = await startOnce(repoRoot, dataDir, 120_000, whileWarm);
    if (typeof warm === 'string') return { cold: `${(cold.ms / 1000).toFixed(1)} s`, warm: `n/a (${warm})`, serverRss: 'n/a' };
    return {
      cold: `${(cold.ms / 1000).toFixed(1)} s`,
      warm: `${(warm.ms / 1000).toFixed(1)} s`,
      serverRss: warm.rssMb !== null ? `${warm.rssMb.toFixed(0)} MB` : 'n/a',
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
