/**
 * Helpers of the reliability benchmark around the compiled server (started by `startServerProcess`
 * from @eig/platform/testing): the CLI on the same data, timed requests, a latency probe.
 */
import { spawnSync } from 'node:child_process';
import { serverProcessEnv, type ServerProcessOptions } from '@eig/platform/testing';

/** `eig users add` against the same database (PGlite: while no server runs). */
export function addAdmin(o: ServerProcessOptions & { port: number }, email: string, password: string): void {
  const r = spawnSync(process.execPath, ['packages/server/dist/cli.js', 'users', 'add', email, '--role', 'admin'], {
    cwd: o.repoRoot,
    env: { ...serverProcessEnv(o), EIG_PASSWORD: password },
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
