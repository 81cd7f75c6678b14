/**
 * Dev helper: per-query diagnosis on the TUNING half of the everyday set only (odd ids): rank of the
 * first relevant article and the top 5 returned.   node --import tsx packages/explocode/bench/diag.ts '{cfg}'
 */
import { loadBenchCorpus } from './corpus-cache.ts';
import { loadEveryday, everydayHalves } from './eval-data.ts';
import { buildEngine, loadModel, type EngineConfig } from '../src/core/search/index.ts';

const { corpus } = await loadBenchCorpus();
const model = await loadModel();
const cfg = JSON.parse(process.argv[2] ?? '{}') as Partial<EngineConfig>;
const e = buildEngine(corpus, model, cfg);
const tune = everydayHalves(loadEveryday() ?? [])[0][1];
for (const q of tune) {
  const res = e.search(q.query, { type: 'article', limit: 10 }).results;
  const rel = new Set(q.articles.map((a) => a.num));
  const first = res.findIndex((r) => rel.has(r.num ?? ''));
  console.log(
    `${first < 0 ? '--' : first + 1} | ${q.query} | want ${[...rel].join(',')} | got ${res
      .slice(0, 5)
      .map((r) => r.num)
      .join(',')}`,
  );
}
process.exit(0);
