/**
 * Dev helper: quality of one or more engine configurations on the dev set (and the everyday set when
 * present), without latency/server measurements. Uses the corpus cache of corpus-cache.ts.
 *   node --import tsx packages/explocode/bench/quick.ts '{"modelWeight":0}' ...
 * QUICK_TRAIN=1 trains the model in-process instead of loading the shipped file.
 */
import { loadBenchCorpus } from './corpus-cache.ts';
import { loadEval, loadEveryday, everydayHalves } from './eval-data.ts';
import { evaluate } from './metrics.ts';
import { buildEngine, loadModel, trainModel, type EngineConfig } from '../src/core/search/index.ts';

const { corpus } = await loadBenchCorpus();
const model = process.env.QUICK_TRAIN ? trainModel(corpus, JSON.parse(process.env.QUICK_TRAIN_OPTS ?? '{}')) : await loadModel();
if (process.env.QUICK_TRAIN) console.log(`model: ${Object.keys(model!.assoc).length} terms`);
const dev = loadEval();
const everyday = loadEveryday();
const configs = process.argv.slice(2).length ? process.argv.slice(2) : ['{}'];
const f3 = (x: number) => x.toFixed(3);
for (const c of configs) {
  const cfg = JSON.parse(c) as Partial<EngineConfig>;
  const e = buildEngine(corpus, model, cfg);
  const rank = (q: { query: string }) => e.search(q.query, { type: 'article', limit: 10 }).results.map((r) => ({ num: r.num ?? '', id: r.id }));
  const m = evaluate(dev, rank);
  let line = `${c.padEnd(40)} dev ${f3(m.all.hit10)}/${f3(m.all.r10)}/${f3(m.all.mrr10)}  ft ${f3(m['fiches-travail'].mrr10)} ct ${f3(m.contributions.mrr10)} vdd ${f3(m['fiches-vdd'].mrr10)}`;
  if (everyday) {
    const ev = evaluate(everyday, rank);
    line += `   everyday(n=${ev.all.n}) ${f3(ev.all.hit10)}/${f3(ev.all.r10)}/${f3(ev.all.mrr10)}`;
    for (const [name, half] of everydayHalves(everyday)) {
      const h = evaluate(half, rank).all;
      line += `  ${name} ${f3(h.hit10)}/${f3(h.mrr10)}`;
    }
  }
  console.log(line);
}
process.exit(0);
