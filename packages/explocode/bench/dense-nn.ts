/** Dev helper: trains the dense model in-process (or loads /tmp cache) and prints nearest neighbours. */
import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { loadBenchCorpus } from './corpus-cache.ts';
import { trainDense, DenseSpace, type DenseModelFile } from '../src/core/search/dense.ts';
import { cleanHeading } from '../src/core/search/model.ts';

const { corpus } = await loadBenchCorpus();
const cache = process.env.DENSE_CACHE ?? '/tmp/dense-dev.json';
let file: DenseModelFile;
if (existsSync(cache) && !process.env.RETRAIN) file = JSON.parse(readFileSync(cache, 'utf8'));
else {
  const t0 = performance.now();
  file = trainDense(corpus, JSON.parse(process.env.DENSE_OPTS ?? '{}'), cleanHeading);
  console.log(`trained ${file.vocab.length} words, nnz ${file.params.nnz}, ${(performance.now() - t0) / 1000} s, ${(file.data.length / 1e6).toFixed(1)} MB`);
  writeFileSync(cache, JSON.stringify(file));
}
const sp = new DenseSpace(file);
const vec = (t: string) => { const v = new Float32Array(sp.dim); sp.accumulate([[t, 1]], v); return v; };
for (const w of (process.argv[2] ?? 'vir,patron,vacanc,boulot,enceint,malad,demission,caméra,allait').split(',')) {
  const q = vec(w);
  const sims = file.vocab.map((t) => { const v = vec(t); let s = 0; for (let j = 0; j < sp.dim; j++) s += v[j] * q[j]; return [t, s] as const; });
  sims.sort((a, b) => b[1] - a[1]);
  console.log(w, sp.has(w), sims.slice(1, 12).map(([t, s]) => `${t}:${s.toFixed(2)}`).join(' '));
}
process.exit(0);
