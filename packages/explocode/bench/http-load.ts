/**
 * Search and suggest over real HTTP against the running server: latency percentiles as a client
 * sees them (routing, validation, serialisation included) and throughput at a fixed concurrency.
 * Bounded in requests and time; loopback only.
 */

export interface LoadResult {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export async function httpLoad(urls: string[], concurrency: number, maxMs = 60_000): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < urls.length && performance.now() - t0 < maxMs) {
      const url = urls[next++];
      const s = performance.now();
      try {
        const res = await fetch(url);
        await res.arrayBuffer();
        if (!res.ok) errors++;
      } catch {
        errors++;
      }
      times.push(performance.now() - s);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wall = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: times.length / wall,
  };
}

export function formatLoad(label: string, r: LoadResult, concurrency: number): string {
  return (
    `  ${label.padEnd(22)} p50 ${r.p50.toFixed(2)} ms   p95 ${r.p95.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   ` +
    `${r.rps.toFixed(0)} req/s (concurrency ${concurrency}, ${r.requests} requests, ${r.errors} errors)`
  );
}
