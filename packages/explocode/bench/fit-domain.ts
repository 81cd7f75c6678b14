/**
 * Dev tool: fits the off-topic detector's logistic model (src/core/search/domain.ts, DOMAIN_MODEL) on
 * the TUNING halves of the off-topic set (odd ids, negatives) and of the everyday set (odd ids,
 * positives), with half the dev queries and of the popular searches as positives at a lower weight;
 * prints the empty / answered rates of both halves for a few thresholds. The fitted values are then
 * written by hand into domain.ts.   node --import tsx packages/explocode/bench/fit-domain.ts
 */
import { loadBenchCorpus } from './corpus-cache.ts';
import { loadEval, loadEveryday, loadOffTopic, loadPopular } from './eval-data.ts';
import { buildEngine, loadModel } from '../src/core/search/index.ts';
import { buildQueryPlan } from '../src/core/search/query-plan.ts';
import { presearchAll } from '../src/core/search/router.ts';
import { findArticleByNumber } from '../src/core/search/search-corpus.ts';

const { corpus } = await loadBenchCorpus();
// engine internals are read on purpose: this tool fits them
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const e = buildEngine(corpus, await loadModel()) as any;
/** The detector's features, 'routed' (never judged) or null (nothing to judge). */
function features(q: string): number[] | 'routed' | null {
  const pre = presearchAll(q, e.router, (n: string) => findArticleByNumber(e.corpus, n));
  if (pre.route || pre.conventions.length) return 'routed';
  const plan = buildQueryPlan(q, e.an, e.syn, e.config, e.vocabulary);
  return plan.terms.length ? (e.domain.features(plan)?.f ?? null) : null;
}
const half = (id: string) => parseInt(id.replace(/\D+/g, ''), 10) % 2;
const off = loadOffTopic().map((q) => ({ f: features(q.query), half: half(q.id) }));
const ev = (loadEveryday() ?? []).map((q) => ({ f: features(q.query), half: half(q.id) }));
const extra = [...loadEval(), ...loadPopular()].filter((_, i) => i % 2 === 1).map((q) => ({ f: features(q.query) }));

const train: { x: number[]; y: number; w: number }[] = [];
for (const o of off) if (o.half === 1 && Array.isArray(o.f)) train.push({ x: [1, ...o.f], y: 0, w: 1 });
for (const o of ev) if (o.half === 1 && Array.isArray(o.f)) train.push({ x: [1, ...o.f], y: 1, w: 1 });
for (const o of extra) if (Array.isArray(o.f)) train.push({ x: [1, ...o.f], y: 1, w: 0.3 });
let w = new Array(train[0].x.length).fill(0);
for (let epoch = 0; epoch < 4000; epoch++) {
  const g = new Array(w.length).fill(0);
  let tw = 0;
  for (const { x, y, w: wt } of train) {
    const p = 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * w[i], 0)));
    tw += wt;
    for (let i = 0; i < w.length; i++) g[i] += wt * (p - y) * x[i];
  }
  w = w.map((v, i) => v - 0.1 * (g[i] / tw + 0.0005 * v));
}
const inDomain = (f: number[] | 'routed' | null, th: number) =>
  f === 'routed' ? true : f === null ? false : 1 / (1 + Math.exp(-[1, ...f].reduce((s, v, i) => s + v * w[i], 0))) >= th;
for (const th of [0.5, 0.6, 0.7, 0.8]) {
  const rate = (xs: { f: number[] | 'routed' | null; half: number }[], h: number, want: boolean) => {
    const sel = xs.filter((x) => x.half === h);
    return (sel.filter((x) => inDomain(x.f, th) === want).length / sel.length).toFixed(3);
  };
  console.log(
    `threshold ${th}: off-topic empty tune ${rate(off, 1, false)} check ${rate(off, 0, false)} | real answered tune ${rate(ev, 1, true)} check ${rate(ev, 0, true)}`,
  );
}
console.log(
  `bias ${w[0].toFixed(3)}, weights [${w
    .slice(1)
    .map((x) => x.toFixed(3))
    .join(', ')}]`,
);
process.exit(0);
