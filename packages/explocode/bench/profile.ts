/** Dev helper: phase timings of engine build and per-query search latency. node --import tsx packages/explocode/bench/profile.ts */
import { loadBenchCorpus } from './corpus-cache.ts';
import { loadPopular, weightedSample } from './eval-data.ts';
import { buildEngine, loadModel } from '../src/core/search/index.ts';

const { corpus, loadMs } = await loadBenchCorpus();
console.log(`corpus ${loadMs.toFixed(0)} ms`);
let t = performance.now();
const model = await loadModel();
console.log(`model ${(performance.now() - t).toFixed(0)} ms`);
t = performance.now();
const e = buildEngine(corpus, model);
console.log(`build ${(performance.now() - t).toFixed(0)} ms`);
const sample = weightedSample(loadPopular(), 2000, 7);
for (const q of sample.slice(0, 300)) e.search(q, { limit: 10 });
const times: [number, string][] = [];
for (const q of sample) {
  const t0 = performance.now();
  e.search(q, { limit: 10 });
  times.push([performance.now() - t0, q]);
}
times.sort((a, b) => a[0] - b[0]);
const p = (x: number) => times[Math.floor(x * times.length)][0].toFixed(2);
console.log(`search p50 ${p(0.5)} p95 ${p(0.95)} max ${times[times.length - 1][0].toFixed(1)}`);
const seen = new Set<string>();
for (const [ms, q] of times.slice().reverse()) {
  if (seen.has(q)) continue;
  seen.add(q);
  if (seen.size > 15) break;
  console.log(ms.toFixed(1), q);
}
process.exit(0);
