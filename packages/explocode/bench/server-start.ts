/** Cold and warm start of the real (compiled) server: spawn it with a temp DATA_DIR and poll /readyz until every service is ready. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
    s.on('error', rej);
  });

async function startOnce(
  repoRoot: string,
  dataDir: string,
  timeoutMs: number,
  whileReady?: (base: string) => Promise<void>,
): Promise<{ ms: number; rssMb: number | null } | string> {
  const port = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['packages/server/dist/main.js'], {
    cwd: repoRoot,
    // The HTTP load below comes from one address: lift the per-IP rate limit for this measurement only.
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RATE_LIMIT_MAX: '1000000',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    while (performance.now() - t0 < timeoutMs) {
      if (exited) return `server exited: ${stderr.trim().split('\n').slice(-1)[0] ?? ''}`.slice(0, 200);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/readyz`);
        if (r.ok) {
          {
            const ms = performance.now() - t0;
            let rssMb: number | null = null;
            try {
              const { readFileSync } = await import('node:fs');
              const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
              const m = /VmRSS:\s+(\d+)/.exec(st);
              if (m) rssMb = Number(m[1]) / 1024;
            } catch {
              /* not linux */
            }
            await whileReady?.(`http://127.0.0.1:${port}`);
            return { ms, rssMb };
          }
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return 'timeout';
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 500));
      if (!exited) child.kill('SIGKILL');
    }
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
