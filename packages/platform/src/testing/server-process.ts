/**
 * For benchmarks: the compiled server (`node packages/server/dist/main.js`) as a child process —
 * spawn it on a free port, wait for /readyz, read its memory, kill it (SIGKILL too).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port nothing listens on now (the OS picks it; another process could still take it before we do). */
export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export interface ServerProcessOptions {
  repoRoot: string;
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  /** PostgreSQL; without it DATABASE_URL is removed, so the server uses PGlite in dataDir. */
  databaseUrl?: string;
  /** Added last: overrides the defaults below. */
  env?: Record<string, string>;
  /** Default 'warn'. */
  logLevel?: string;
  /** 'lines' (default) collects stdout into `lines`; 'ignore' drops it. */
  stdout?: 'lines' | 'ignore';
  /** 'lines' (default) collects stderr into `lines`; 'inherit' shows it on this process's stderr. */
  stderr?: 'lines' | 'inherit';
}

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  /** Output lines seen so far (stdout and/or stderr, as chosen; pino JSON on stdout). */
  lines: string[];
  exited: boolean;
  /** VmRSS and VmHWM (peak) in MB, from /proc (null elsewhere than Linux, or once exited). */
  memory(): { rss: number; peak: number } | null;
  /** Until /readyz answers 200: ms since the spawn, or null if the process exits or `timeoutMs` (from now) passes. */
  waitReady(timeoutMs: number): Promise<number | null>;
  /** `signal`, then SIGKILL if still alive after `graceMs`; resolves once the process is gone. */
  kill(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** The server's environment (also for the CLI on the same data: `eig users add`...). */
export function serverProcessEnv(o: ServerProcessOptions & { port: number }): Record<string, string> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    DATA_DIR: o.dataDir,
    PORT: String(o.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: o.logLevel ?? 'warn',
    NODE_ENV: 'production',
    // Benchmark load comes from one address: lift the per-IP rate limit.
    RATE_LIMIT_MAX: '100000000',
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
    ...o.env,
  };
  // An inherited DATABASE_URL would silently send the server to another database than dataDir's.
  if (!o.databaseUrl) delete env.DATABASE_URL;
  return env;
}

export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const o = { ...opts, port: opts.port ?? (await freePort()) };
  const t0 = performance.now();
  const child = spawn(process.execPath, ['packages/server/dist/main.js'], {
    cwd: o.repoRoot,
    env: serverProcessEnv(o),
    stdio: ['ignore', o.stdout === 'ignore' ? 'ignore' : 'pipe', o.stderr === 'inherit' ? 'inherit' : 'pipe'],
  });
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
    async waitReady(timeoutMs) {
      const until = performance.now() + timeoutMs;
      while (performance.now() < until && !proc.exited) {
        // A bounded request: a server stuck mid-start must not hold the poll past its timeout.
        const res = await fetch(`${proc.base}/readyz`, { signal: AbortSignal.timeout(2000) }).catch(() => null);
        await res?.body?.cancel();
        if (res?.status === 200) return performance.now() - t0;
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    },
    async kill(signal = 'SIGTERM', graceMs = 15_000) {
      if (proc.exited) return;
      child.kill(signal);
      // unref: once the process has exited, the pending grace timer must not keep the caller alive.
      await Promise.race([gone, new Promise((r) => setTimeout(r, graceMs).unref())]);
      if (!proc.exited) {
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
  const gone = new Promise<void>((r) =>
    child.once('exit', () => {
      proc.exited = true;
      r();
    }),
  );
  // Whole lines only: a chunk may end mid-line (utf8 decoding also keeps a split character whole).
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let buf = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (d: string) => {
      const parts = (buf + d).split('\n');
      buf = parts.pop() ?? '';
      proc.lines.push(...parts);
    });
    stream?.on('end', () => buf && proc.lines.push(buf));
  };
  collect(child.stdout);
  collect(child.stderr);
  return proc;
}
