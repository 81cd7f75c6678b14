/**
 * Dev tool: fits one group of the engine's weights by coordinate ascent on the TUNING half of the
 * everyday set (odd ids), plus a share of the dev set so that the fit does not trade it away; prints
 * the CHECK half (even ids, never fitted on) for each accepted step. The fitted values are then written
 * by hand into src/core/search/config.ts.
 *   node --import tsx packages/explocode/bench/tune-weights.ts articleWeights   [devShare=0.5]
 *   node --import tsx packages/explocode/bench/tune-weights.ts documentWeights
 *   node --import tsx packages/explocode/bench/tune-weights.ts mixing
 * Objectives: articles: MRR@10 of type=article search; documents and mixing: share of questions whose
 * first mixed result answers them.
 */
import { loadBenchCorpus } from './corpus-cache.ts';
import { loadEval, loadEveryday, everydayHalves } from './eval-data.ts';
import { evaluate } from './metrics.ts';
import { firstAnswer } from './answer-metrics.ts';
import { buildEngine, loadModel, DEFAULT_CONFIG, type EngineConfig } from '../src/core/search/index.ts';

type Group = 'articleWeights' | 'documentWeights' | 'mixing';
const group = (process.argv[2] ?? 'articleWeights') as Group;
const devShare = Number(process.argv[3] ?? 0.5);
const { corpus } = await loadBenchCorpus();
const model = await loadModel();
const [tune, check] = everydayHalves(loadEveryday() ?? []).map(([, h]) => h);
const dev = loadEval().filter((_, i) => i % 2 === 0);

function measure(w: Record<string, number>, on: typeof tune, withDev: boolean): number {
  const e = buildEngine(corpus, model, { [group]: w } as Partial<EngineConfig>);
  const rank = (q: { query: string }) =>
    e.search(q.query, { type: 'article', limit: 10 }).results.map((r) => ({ num: r.num ?? '', id: r.id }));
  if (group === 'articleWeights') return evaluate(on, rank).all.mrr10 + (withDev ? devShare * evaluate(dev, rank).all.mrr10 : 0);
  return firstAnswer(on, (q) => e.search(q, { limit: 5 })).first;
}

let w = { ...(DEFAULT_CONFIG[group] as unknown as Record<string, number>) };
let best = measure(w, tune, true);
console.log(`${group}: start tune objective ${best.toFixed(4)}, check ${measure(w, check, false).toFixed(4)}`, JSON.stringify(w));
for (const step of [0.5, 0.2, 0.1]) {
  let improved = true;
  while (improved) {
    improved = false;
    for (const k of Object.keys(w)) {
      for (const dir of [1, -1]) {
        const cand = { ...w, [k]: Math.round((w[k] + dir * step) * 100) / 100 };
        const o = measure(cand, tune, true);
        if (o > best + 1e-4) {
          best = o;
          w = cand;
          improved = true;
          console.log(
            `  ${k} ${dir > 0 ? '+' : '-'}${step}: tune ${o.toFixed(4)}, check ${measure(w, check, false).toFixed(4)}`,
            JSON.stringify(w),
          );
        }
      }
    }
  }
}
console.log('fitted', JSON.stringify(w));
process.exit(0);
