/** Dev helper: mixed-type results of free queries.  node --import tsx packages/explocode/bench/mixed.ts "q1" "q2" */
import { loadBenchCorpus } from './corpus-cache.ts';
import { buildEngine, loadModel } from '../src/core/search/index.ts';

const { corpus } = await loadBenchCorpus();
const e = buildEngine(corpus, await loadModel(), JSON.parse(process.env.CFG ?? '{}'));
for (const q of process.argv.slice(2)) {
  const r = e.search(q, { limit: 10 });
  console.log(`\n${q}   themes: ${r.themes.map((t) => t.title).join(' | ')}`);
  for (const x of r.results) console.log(`  ${x.score.toFixed(3)} ${x.type.padEnd(12)} ${x.title.slice(0, 90)}`);
}
process.exit(0);
