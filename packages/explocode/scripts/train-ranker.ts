/**
 * Fits the learned article ranker (model/article-ranker.json): LambdaMART trees (scripts/lambdamart.ts)
 * on top of the engine's fitted linear score, over the candidate features of articles.ts.
 *
 *   npm run train:ranker -w @eig/explocode              fit, print the figures, write the model
 *   npm run train:ranker -w @eig/explocode -- --dry     fit and print only
 *   … -- '{"trees":200,"depth":3}'                      override parameters (scripts/lambdamart.ts)
 *
 * Training data: questions DERIVED FROM THE CORPUS (src/core/search/training-queries.ts): fiche titles,
 * fiche section titles and question-réponse questions, with the articles they cite. No evaluation file
 * is fitted on:
 *  - the documents the bench's dev set (eval-articles.dev.jsonl) was derived from are excluded, so that
 *    the dev set stays a held-out check;
 *  - the everyday and off-topic sets of the bench are only read to PRINT figures (both halves);
 *  - the derived questions are split by document: a validation share chooses the number of trees
 *    (early stopping), the rest is fitted.
 * Each derived question is used twice: as is, and "blind", its features computed by an engine built
 * without its own document (a user's question is never word for word a heading of the corpus; as is,
 * the heading it copies gives the answer away — e.g. `citedCover` is 1 for exactly the articles the
 * heading cites).
 * Deterministic: no randomness but a seeded one, fixed iteration orders.
 */
import { writeFileSync } from 'node:fs';
import { loadBenchCorpus } from '../bench/corpus-cache.ts';
import { loadEval, loadEveryday, everydayHalves, loadTrainingQuestions } from '../bench/eval-data.ts';
import { ARTICLE_FEATURES, extractCandidates, rankMetrics, type JudgedQuery, type QueryCandidates } from '../bench/ranker-data.ts';
import { buildEngine, DEFAULT_CONFIG, loadModel } from '../src/core/search/index.ts';
import { RANKER_FILES, type RankerModel, type RankerTree } from '../src/core/search/ranker.ts';
import { prepareSearchCorpus } from '../src/core/search/search-corpus.ts';
import { deriveTrainingQueries, isValidationDoc, stableUnit } from '../src/core/search/training-queries.ts';
import { DEFAULT_LM, fitLambdaMart, treeScore, type LambdaMartParams, type RankQuery } from './lambdamart.ts';

const args = process.argv.slice(2);
const dry = args.includes('--dry');
/** --linear: refit the linear weights of every feature (coordinate ascent on MRR@10) instead of growing trees */
const linearMode = args.includes('--linear');
const overrides = args.filter((a) => a.startsWith('{')).map((a) => JSON.parse(a) as Partial<TrainOptions>);
interface TrainOptions extends LambdaMartParams {
  /** share of the derived documents kept for validation */
  validShare: number;
  /** weight of each question as is, and of its blind copy (see above) in the objective */
  seenWeight: number;
  blindWeight: number;
  /** evaluate the validation part every this many trees */
  every: number;
  /** folds of documents for the blind copy (one engine built per fold) */
  folds: number;
  /** coordinate-ascent steps of --linear */
  steps: number[];
  /** weight of the hand-written training questions (bench/everyday-train.jsonl) in the fit and the validation objective */
  writtenWeight: number;
}
const opts: TrainOptions = {
  ...DEFAULT_LM,
  trees: 150,
  validShare: 0.25,
  seenWeight: 0.3,
  blindWeight: 1,
  writtenWeight: 1,
  steps: [0.5, 0.2, 0.1],
  every: 10,
  folds: 4,
  ...Object.assign({}, ...overrides),
};
const t0 = performance.now();
const secs = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const log = (s: string) => console.log(`[${secs()}] ${s}`);

const { corpus } = await loadBenchCorpus();
log(`corpus: ${corpus.articles.length} articles, ${corpus.fiches.length} fiches, ${corpus.contributions.length} question-réponses`);
// features are those of the engine without a learned ranker (the features do not depend on it)
const model = await loadModel();
const engine = buildEngine(corpus, model, { articleRanker: false }, undefined, undefined, {});
const sc = prepareSearchCorpus(corpus);

const devSet = loadEval();
const devDocs = new Set(devSet.map((q) => q.doc));
const derived = deriveTrainingQueries(corpus, (n) => sc.artByNum.has(n), devDocs);
const fitQ = derived.filter((q) => !isValidationDoc(q.doc, opts.validShare));
const validQ = derived.filter((q) => isValidationDoc(q.doc, opts.validShare));
const docsOf = (qs: { doc: string }[]) => new Set(qs.map((q) => q.doc)).size;
log(
  `derived questions (dev documents excluded: ${devDocs.size}): ${derived.length} from ${docsOf(derived)} documents → fit ${fitQ.length} (${docsOf(fitQ)} docs), validation ${validQ.length} (${docsOf(validQ)} docs)`,
);

const extract = (name: string, e: typeof engine, qs: JudgedQuery[]) => {
  const out = extractCandidates(e, qs);
  log(`features of ${name}: ${out.length} questions`);
  return out;
};
/**
 * The blind copy: the features of a question computed by an engine built WITHOUT the question's own
 * document (no passage of it, no citation by it, its titles not indexed with the articles it cites).
 * The documents are dealt into folds; one engine per fold.
 */
function blindFeatures(qs: (JudgedQuery & { doc: string })[], folds: number): Map<string, QueryCandidates> {
  const out = new Map<string, QueryCandidates>();
  for (let k = 0; k < folds; k++) {
    const inFold = (doc: string) => Math.floor(stableUnit(`fold:${doc}`) * folds) === k;
    const part = qs.filter((q) => inFold(q.doc));
    const blindCorpus = {
      ...corpus,
      fiches: corpus.fiches.filter((f) => !inFold(f.id)),
      contributions: corpus.contributions.filter((c) => !inFold(c.id)),
    };
    const e = buildEngine(blindCorpus, model, { articleRanker: false }, undefined, undefined, {});
    for (const c of extractCandidates(e, part)) out.set(c.id, c);
    log(
      `blind features, fold ${k + 1}/${folds}: ${part.length} questions (engine without ${corpus.fiches.length - blindCorpus.fiches.length} fiches, ${corpus.contributions.length - blindCorpus.contributions.length} question-réponses)`,
    );
  }
  return out;
}
// hand-written everyday-style training questions (bench/everyday-train.jsonl: written for fitting only,
// not the bench's everyday set), split by question into fit and validation like the derived ones
const written: JudgedQuery[] = loadTrainingQuestions();
const writtenFitQ = written.filter((q) => !isValidationDoc(q.id, opts.validShare));
const writtenValidQ = written.filter((q) => isValidationDoc(q.id, opts.validShare));
log(`hand-written training questions: ${written.length} → fit ${writtenFitQ.length}, validation ${writtenValidQ.length}`);
const writtenFit = extract('hand-written (fit)', engine, writtenFitQ);
const writtenValid = extract('hand-written (validation)', engine, writtenValidQ);
const fitSeen = extract('fit (as is)', engine, fitQ);
const validSeen = extract('validation (as is)', engine, validQ);
const blindAll = blindFeatures(derived, opts.folds);
const pick = (qs: JudgedQuery[]) => qs.map((q) => blindAll.get(q.id)).filter((c): c is QueryCandidates => !!c);
const fitBlind = pick(fitQ);
const validBlind = pick(validQ);
const dev = extract('dev set (held out, report only)', engine, devSet);
const [tuneQ, checkQ] = everydayHalves(loadEveryday() ?? []).map(([, h]) => h);
const tune = extract('everyday odd half (report only)', engine, tuneQ);
const check = extract('everyday even half (report only)', engine, checkQ);

const recall = (qs: QueryCandidates[]) => (qs.filter((q) => q.rel.some((r) => r > 0)).length / (qs.length || 1)).toFixed(3);
log(
  `a relevant article among the candidates: fit ${recall(fitSeen)}/${recall(fitBlind)} validation ${recall(validSeen)}/${recall(validBlind)} dev ${recall(dev)} everyday ${recall(tune)}/${recall(check)}`,
);

// the engine's linear score over the features: the base the trees correct
const nf = ARTICLE_FEATURES.length;
const w = DEFAULT_CONFIG.articleWeights;
const linear = new Array<number>(nf).fill(0);
const set = (name: string, v: number) => (linear[(ARTICLE_FEATURES as readonly string[]).indexOf(name)] = v);
set('direct', w.direct);
set('prop', w.prop);
set('head', w.head);
set('model', w.model);
set('pop', w.pop);
set('first', w.first);
set('legislative', w.legislative);
const linearScore = (q: QueryCandidates, i: number) => {
  let s = 0;
  for (let k = 0; k < nf; k++) s += linear[k] * q.x[i * nf + k];
  return s;
};
const toRank = (q: QueryCandidates, weight: number): RankQuery => ({
  x: q.x,
  n: q.nums.length,
  rel: q.rel,
  base: Float64Array.from({ length: q.nums.length }, (_, i) => linearScore(q, i)),
  weight,
  order: q.order,
});
const scorer = (trees: RankerTree[]) => (q: QueryCandidates, i: number) =>
  linearScore(q, i) + treeScore(trees, q.x, i * nf, opts.shrinkage);
const fmt = (m: { mrr: number; hit: number }) => `${m.mrr.toFixed(3)}/${m.hit.toFixed(3)}`;
const report = (name: string, s: (q: QueryCandidates, i: number) => number) =>
  log(
    `${name.padEnd(22)} MRR/hit@10 — derived: fit ${fmt(rankMetrics(fitSeen, s))} validation ${fmt(rankMetrics(validSeen, s))} blind ${fmt(rankMetrics(validBlind, s))} · ` +
      `written: fit ${fmt(rankMetrics(writtenFit, s))} validation ${fmt(rankMetrics(writtenValid, s))} · ` +
      `dev ${fmt(rankMetrics(dev, s))} · everyday odd ${fmt(rankMetrics(tune, s))} even ${fmt(rankMetrics(check, s))}`,
  );
report('linear (engine today)', linearScore);

// validation objective: MRR@10 of the two validation views, weighted like the fit
const validObjective = (s: (q: QueryCandidates, i: number) => number) =>
  (opts.seenWeight * rankMetrics(validSeen, s).mrr +
    opts.blindWeight * rankMetrics(validBlind, s).mrr +
    opts.writtenWeight * rankMetrics(writtenValid, s).mrr) /
  (opts.seenWeight + opts.blindWeight + opts.writtenWeight);
const train = [
  ...(opts.seenWeight > 0 ? fitSeen.map((q) => toRank(q, opts.seenWeight)) : []),
  ...(opts.blindWeight > 0 ? fitBlind.map((q) => toRank(q, opts.blindWeight)) : []),
  ...(opts.writtenWeight > 0 ? writtenFit.map((q) => toRank(q, opts.writtenWeight)) : []),
];
let trees: RankerTree[] = [];
let weights = linear.slice();
if (linearMode) {
  // coordinate ascent on the fitting objective (weighted MRR@10), from the engine's weights
  const objective = (qs: RankQuery[], wv: number[]) => {
    let num = 0;
    let den = 0;
    for (const q of qs) {
      const sc = new Float64Array(q.n);
      for (let i = 0; i < q.n; i++) {
        let v = 0;
        for (let k = 0; k < nf; k++) v += wv[k] * q.x[i * nf + k];
        sc[i] = v;
      }
      const idx = [...sc.keys()].sort((a, b) => sc[b] - sc[a] || q.order[a] - q.order[b]).slice(0, 10);
      const r = idx.findIndex((i) => q.rel[i] > 0);
      num += q.weight * (r >= 0 ? 1 / (r + 1) : 0);
      den += q.weight;
    }
    return num / (den || 1);
  };
  const asScorer = (wv: number[]) => (q: QueryCandidates, i: number) => {
    let v = 0;
    for (let k = 0; k < nf; k++) v += wv[k] * q.x[i * nf + k];
    return v;
  };
  let bestObj = objective(train, weights);
  log(`linear refit on ${train.length} questions: start ${bestObj.toFixed(4)}, validation ${validObjective(asScorer(weights)).toFixed(4)}`);
  for (const step of opts.steps) {
    let improved = true;
    while (improved) {
      improved = false;
      for (let k = 0; k < nf; k++) {
        for (const dir of [1, -1]) {
          const cand = weights.slice();
          cand[k] = Math.round((cand[k] + dir * step) * 100) / 100;
          const o = objective(train, cand);
          if (o > bestObj + 1e-4) {
            bestObj = o;
            weights = cand;
            improved = true;
            log(
              `  ${ARTICLE_FEATURES[k]} ${dir > 0 ? '+' : '-'}${step}: fit ${o.toFixed(4)}, validation ${validObjective(asScorer(weights)).toFixed(4)}`,
            );
          }
        }
      }
    }
  }
  report('linear refit', asScorer(weights));
} else {
  let best = { obj: validObjective(linearScore), trees: 0 };
  log(
    `fitting up to ${opts.trees} trees on ${train.length} questions (${JSON.stringify(opts)}); validation objective at 0 trees ${best.obj.toFixed(4)}`,
  );
  const all = fitLambdaMart(train, nf, opts, (t, ts) => {
    const n = t + 1;
    if (n % opts.every !== 0) return;
    const obj = validObjective(scorer(ts));
    if (obj > best.obj + 1e-4) best = { obj, trees: n };
    log(`  ${String(n).padStart(4)} trees: validation ${obj.toFixed(4)} (best ${best.obj.toFixed(4)} at ${best.trees})`);
  });
  trees = all.slice(0, best.trees);
  log(`kept ${trees.length} trees`);
  report(`learned (${trees.length} trees)`, scorer(trees));
}

if (!dry) {
  const model: RankerModel = {
    format: 'explocode-ranker-v1',
    features: [...ARTICLE_FEATURES],
    bias: 0,
    weights,
    trees,
    shrinkage: opts.shrinkage,
    meta: {
      fitted: 'npm run train:ranker -w @eig/explocode (scripts/train-ranker.ts)',
      data: 'questions derived from the corpus (fiche titles, section titles, question-réponses) and the articles they cite; dev-set documents excluded',
      params: opts,
      questions: {
        derivedFit: fitQ.length,
        derivedValidation: validQ.length,
        writtenFit: writtenFitQ.length,
        writtenValidation: writtenValidQ.length,
      },
      validationObjective: validObjective((q, i) => {
        let v = 0;
        for (let k = 0; k < nf; k++) v += weights[k] * q.x[i * nf + k];
        return v + treeScore(trees, q.x, i * nf, opts.shrinkage);
      }),
    },
  };
  writeFileSync(RANKER_FILES.article, JSON.stringify(model));
  log(`written ${RANKER_FILES.article}`);
}
process.exit(0);
