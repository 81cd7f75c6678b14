/**
 * Fits the learned article ranker (model/article-ranker.json): LambdaMART trees (scripts/lambdamart.ts)
 * on top of the engine's fitted linear score, over the candidate features of articles.ts.
 *
 * Training data: the TUNING half of the everyday set (odd ids), the dev set (fiche and section titles,
 * weighted down: another style) and the extra everyday training questions (bench/everyday-train.jsonl,
 * written for fitting only). The CHECK half of the everyday set (even ids) is never fitted on: it is
 * printed for information only. Parameters are chosen by 5-fold cross-validation over the tuning
 * queries (each fold: fitted on the other folds + dev + extra, measured on the fold).
 *
 *   node --import tsx packages/explocode/scripts/train-ranker.ts [--write] [--cv] [json params]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBenchCorpus } from '../bench/corpus-cache.ts';
import { loadEval, loadEveryday, everydayHalves } from '../bench/eval-data.ts';
import { ARTICLE_FEATURES, extractCandidates, rankMetrics, type JudgedQuery, type QueryCandidates } from '../bench/ranker-data.ts';
import { buildEngine, DEFAULT_CONFIG, loadModel } from '../src/core/search/index.ts';
import { RANKER_FILES, type RankerModel } from '../src/core/search/ranker.ts';
import { DEFAULT_LM, fitLambdaMart, treeScore, type LambdaMartParams, type RankQuery } from './lambdamart.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const write = args.includes('--write');
const cv = args.includes('--cv');
const overrides = args.filter((a) => a.startsWith('{')).map((a) => JSON.parse(a) as Partial<LambdaMartParams & { devWeight: number; extraWeight: number }>);
const opts = { ...DEFAULT_LM, devWeight: 0.3, extraWeight: 1, ...Object.assign({}, ...overrides) } as LambdaMartParams & { devWeight: number; extraWeight: number };

const { corpus } = await loadBenchCorpus();
// features are those of the engine without a learned ranker (the features do not depend on it)
const engine = buildEngine(corpus, await loadModel(), { articleRanker: false }, undefined, undefined, {});
const [tuneQ, checkQ] = everydayHalves(loadEveryday() ?? []).map(([, h]) => h);
const extraFile = resolve(here, '../bench/everyday-train.jsonl');
const extraQ: JudgedQuery[] = existsSync(extraFile)
  ? readFileSync(extraFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as JudgedQuery)
  : [];
const t0 = performance.now();
const tune = extractCandidates(engine, tuneQ);
const check = extractCandidates(engine, checkQ);
const dev = extractCandidates(engine, loadEval());
const extra = extractCandidates(engine, extraQ);
console.log(`features of ${tune.length + check.length + dev.length + extra.length} queries in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const recall = (qs: QueryCandidates[]) => (qs.filter((q) => q.rel.some((r) => r > 0)).length / (qs.length || 1)).toFixed(3);
const size = (qs: QueryCandidates[]) => (qs.reduce((s, q) => s + q.nums.length, 0) / (qs.length || 1)).toFixed(0);
console.log(`a relevant article among the candidates: tune ${recall(tune)} check ${recall(check)} dev ${recall(dev)} extra ${recall(extra)} (mean candidates ${size(tune)})`);

// the engine's linear score over the features: the base the trees correct
const nf = ARTICLE_FEATURES.length;
const w = DEFAULT_CONFIG.articleWeights;
const linear = new Array(nf).fill(0);
const set = (name: string, v: number) => (linear[(ARTICLE_FEATURES as readonly string[]).indexOf(name)] = v);
set('direct', w.direct);
set('prop', w.prop);
set('head', w.head);
set('model', w.model);
set('pop', w.pop);
set('first', w.first);
set('legislative', w.legislative);
const base = (q: QueryCandidates) => Float64Array.from({ length: q.nums.length }, (_, i) => linear.reduce((s, wk, k) => s + wk * q.x[i * nf + k], 0));
const toRank = (q: QueryCandidates, weight: number): RankQuery => ({ x: q.x, n: q.nums.length, rel: q.rel, base: base(q), weight, order: q.order });

const linearScore = (q: QueryCandidates, i: number) => linear.reduce((s, wk, k) => s + wk * q.x[i * nf + k], 0);
const fmt = (m: { mrr: number; hit: number }) => `${m.mrr.toFixed(3)}/${m.hit.toFixed(3)}`;
console.log(`linear (current engine): tune ${fmt(rankMetrics(tune, linearScore))} check ${fmt(rankMetrics(check, linearScore))} dev ${fmt(rankMetrics(dev, linearScore))} extra ${fmt(rankMetrics(extra, linearScore))}`);

function fit(train: RankQuery[]) {
  return fitLambdaMart(train, nf, opts);
}
const scorer = (trees: ReturnType<typeof fit>) => (q: QueryCandidates, i: number) => linearScore(q, i) + treeScore(trees, q.x, i * nf, opts.shrinkage);
const common = [...dev.map((q) => toRank(q, opts.devWeight)), ...extra.map((q) => toRank(q, opts.extraWeight))];

if (cv) {
  const folds = 5;
  let mrr = 0;
  let hit = 0;
  let n = 0;
  for (let k = 0; k < folds; k++) {
    const held = tune.filter((_, i) => i % folds === k);
    const trees = fit([...tune.filter((_, i) => i % folds !== k).map((q) => toRank(q, 1)), ...common]);
    const m = rankMetrics(held, scorer(trees));
    mrr += m.mrr * m.n;
    hit += m.hit * m.n;
    n += m.n;
  }
  console.log(`CV over the tuning half (${JSON.stringify(opts)}): MRR ${(mrr / n).toFixed(3)} hit ${(hit / n).toFixed(3)}`);
}

const trees = fit([...tune.map((q) => toRank(q, 1)), ...common]);
const s = scorer(trees);
console.log(`fitted on tune+dev+extra: tune ${fmt(rankMetrics(tune, s))} check ${fmt(rankMetrics(check, s))} dev ${fmt(rankMetrics(dev, s))} extra ${fmt(rankMetrics(extra, s))}`);
if (write) {
  const model: RankerModel = {
    format: 'explocode-ranker-v1',
    features: [...ARTICLE_FEATURES],
    bias: 0,
    weights: linear,
    trees,
    shrinkage: opts.shrinkage,
    meta: { fitted: 'scripts/train-ranker.ts', params: opts, data: { tune: tune.length, dev: dev.length, extra: extra.length } },
  };
  writeFileSync(RANKER_FILES.article, JSON.stringify(model));
  console.log(`written ${RANKER_FILES.article}`);
}
process.exit(0);
