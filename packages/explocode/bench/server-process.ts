/**
 * The compiled server (`node packages/server/dist/main.js`) as a child process, for the reliability
 * benchmark: start, wait for readiness, read its memory, kill it (SIGKILL too), log lines.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ServerOptions {
  repoRoot: string;
  port: number;
  dataDir: string;
  databaseUrl?: string;
  env?: Record<string, string>;
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** stdout lines (pino JSON) seen so far. */
  lines: string[];
  exited: boolean;
  /** VmRSS and VmHWM (peak) in MB, from /proc. */
  memory(): { rss: number; peak: number } | null;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function serverEnv(o: ServerOptions): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    DATA_DIR: o.dataDir,
    PORT: String(o.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    NODE_ENV: 'production',
    // The load comes from one address: lift the per-IP limit for the benchmark only.
    RATE_LIMIT_MAX: '10000000',
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...o.env,
  };
}

export function startServer(o: ServerOptions): ServerProcess {
  const env = serverEnv(o);
  if (!o.databaseUrl) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['packages/server/dist/main.js'], { cwd: o.repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const proc: ServerProcess = {
    base: `http://127.0.0.1:${o.port}`,
    child,
    lines: [],
    exited: false,
    memory() {
      try {
        const st = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rss = /VmRSS:\s+(\d+)/.exec(st);
        const hwm = /VmHWM:\s+(\d+)/.exec(st);
        return rss && hwm ? { rss: Number(rss[1]) / 1024, peak: Number(hwm[1]) / 1024 } : null;
      } catch {
        return null;
      }
    },
    async kill(signal = 'SIGTERM') {
      if (proc.exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 15_000))]);
      if (!proc.exited) {
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    proc.lines.push(...parts);
  });
  child.stderr?.on('data', (d: Buffer) => proc.lines.push(d.toString()));
  child.on('exit', () => (proc.exited = true));
  return proc;
}

/** `eig users add` against the same database (PGlite: while no server runs). */
export function addAdmin(o: ServerOptions, email: string, password: string): void {
  const env: Record<string, string> = { ...serverEnv(o), EIG_PASSWORD: password };
  if (!o.databaseUrl) delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ['packages/server/dist/cli.js', 'users', 'add', email, '--role', 'admin'], {
    cwd: o.repoRoot,
    env,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`eig users add failed: ${r.stderr || r.stdout}`);
}

export async function timed(
  url: string,
  init?: RequestInit,
  timeoutMs = 10_000,
): Promise<{ ms: number; status: number; timeout: boolean; body?: string }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const body = await res.text();
    return { ms: performance.now() - t, status: res.status, timeout: false, body };
  } catch {
    return { ms: performance.now() - t, status: 0, timeout: true };
  }
}

/** Until /readyz answers 200 (or the process exits, or `timeoutMs`): ms from now, or null. */
export async function waitReady(p: ServerProcess, timeoutMs: number, path = '/readyz'): Promise<number | null> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs && !p.exited) {
    const r = await timed(`${p.base}${path}`, undefined, 2000);
    if (r.status === 200) return performance.now() - t0;
    await new Promise((res) => setTimeout(res, 100));
  }
  return null;
}

/**
 * Sends `path` one request at a time (each after the previous answer, ~20 ms apart) until `stop`
 * resolves: the longest answer time and how many took over 200 ms.
 */
export async function probe(
  url: string,
  until: Promise<unknown>,
): Promise<{ n: number; max: number; over200: number; failures: number; slow: { at: number; ms: number }[] }> {
  let done = false;
  void until.finally(() => (done = true));
  const out = { n: 0, max: 0, over200: 0, failures: 0, slow: [] as { at: number; ms: number }[] };
  while (!done) {
    const at = Date.now();
    const r = await timed(url, undefined, 10_000);
    out.n++;
    out.max = Math.max(out.max, r.ms);
    if (r.ms > 200) {
      out.over200++;
      out.slow.push({ at, ms: Math.round(r.ms) });
    }
    if (r.status !== 200) out.failures++;
    await new Promise((res) => setTimeout(res, 20));
  }
  return out;
}
