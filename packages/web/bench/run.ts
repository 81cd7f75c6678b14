/**
 * `npm run bench:web`: what a visitor downloads and waits for, page by page, on the production build.
 * Starts the compiled suite (with ExploCode's content ingested once into a bench data folder), then
 * opens each page in headless Chromium with a cold cache on a slow phone profile (4× CPU slowdown,
 * 1.6 Mbps down / 750 kbps up, 150 ms round trip) and prints bytes transferred per kind (compressed,
 * as on the wire), first contentful paint and load, against the targets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { freePort, serverProcessEnv, startServerProcess } from '@eig/platform/testing';

const repoRoot = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DATA_DIR = process.env.BENCH_DATA_DIR ?? join(repoRoot, '.data', 'bench-web');
const ADMIN = { email: 'bench@exemple.gouv.fr', password: 'un mot de passe de banc' };
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const SLOW = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };
const TARGETS = { resultsTotal: 250 * 1024, resultsJs: 120 * 1024, html: 60 * 1024, fcpMs: 3000 };

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

interface Sample {
  bytes: Record<'html' | 'js' | 'css' | 'font' | 'other', number>;
  total: number;
  fcp: number;
  load: number;
}

const kindOf = (type: string): keyof Sample['bytes'] =>
  type === 'Document' ? 'html' : type === 'Script' ? 'js' : type === 'Stylesheet' ? 'css' : type === 'Font' ? 'font' : 'other';

async function measure(page: Page, cdp: CDPSession, url: string): Promise<Sample> {
  const types = new Map<string, string>();
  const bytes: Sample['bytes'] = { html: 0, js: 0, css: 0, font: 0, other: 0 };
  const onResponse = (e: { requestId: string; type: string }) => types.set(e.requestId, e.type);
  const onFinished = (e: { requestId: string; encodedDataLength: number }) => {
    bytes[kindOf(types.get(e.requestId) ?? 'Other')] += e.encodedDataLength;
  };
  cdp.on('Network.responseReceived', onResponse);
  cdp.on('Network.loadingFinished', onFinished);
  await cdp.send('Network.clearBrowserCache');
  await page.goto(url, { waitUntil: 'load' });
  // Islands load after `load` (dynamic imports): wait until the network is quiet to count them.
  await page.waitForLoadState('networkidle');
  const timing = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    return { fcp, load: nav.loadEventEnd };
  });
  cdp.off('Network.responseReceived', onResponse);
  cdp.off('Network.loadingFinished', onFinished);
  const total = Object.values(bytes).reduce((a, b) => a + b, 0);
  return { bytes, total, fcp: timing.fcp, load: timing.load };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!existsSync(join(repoRoot, 'packages/server/dist/main.js'))) throw new Error('Build the suite first: npm run build');
  mkdirSync(DATA_DIR, { recursive: true });
  // An inherited DATABASE_URL is passed on (to the CLI and the server alike), as this bench always did.
  const opts = { repoRoot, dataDir: DATA_DIR, port: await freePort(), databaseUrl: process.env.DATABASE_URL };
  // The CLI and the server share the PGlite folder: add the admin before the server starts.
  spawnSync(process.execPath, ['packages/server/dist/cli.js', 'users', 'add', ADMIN.email, '--role', 'admin'], {
    cwd: repoRoot,
    env: { ...serverProcessEnv(opts), EIG_PASSWORD: ADMIN.password },
    stdio: 'ignore',
  });

  // The server's errors go to this terminal; its warn logs on stdout are dropped.
  const server = await startServerProcess({ ...opts, stdout: 'ignore', stderr: 'inherit' });
  const { base } = server;
  try {
    process.stdout.write('Waiting for the suite (first run: ExploCode ingests its content)…');
    if ((await server.waitReady(10 * 60_000)) === null)
      throw new Error(server.exited ? 'the suite exited before it was ready' : 'the suite did not become ready');
    console.log(' ready.\n');

    const pick = async <T>(url: string) => (await (await fetch(base + url)).json()) as T;
    const fiche = (await pick<{ results: { url: string }[] }>('/api/explocode/search?q=p%C3%A9riode%20d%27essai&type=fiche&limit=1'))
      .results[0].url;
    const answer = (
      await pick<{ results: { url: string }[] }>('/api/explocode/search?q=cong%C3%A9s%20pay%C3%A9s&type=contribution&limit=1')
    ).results[0].url;
    const pages: [string, string][] = [
      ['home', '/'],
      ['explocode home', '/explocode'],
      ['results', `/explocode/recherche?q=${encodeURIComponent('mon patron peut-il refuser mes congés ?')}`],
      ['article', '/explocode/article/L1234-9'],
      ['fiche', fiche],
      ['question-réponse', answer],
      ['admin', '/explocode/admin'],
    ];

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      locale: 'fr-FR',
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    // Log in once (the admin page), then throttle.
    await page.goto(`${base}/connexion`);
    await page.fill('#connexion-email', ADMIN.email);
    await page.fill('#connexion-mot-de-passe', ADMIN.password);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });

    const header = ['page', 'HTML', 'JS', 'CSS', 'fonts', 'other', 'total', 'FCP', 'load'];
    const rows: string[][] = [];
    const results: Record<string, Sample> = {};
    for (const [name, url] of pages) {
      const samples: Sample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await measure(page, cdp, base + url));
      const s = samples[0];
      const fcp = median(samples.map((x) => x.fcp));
      const load = median(samples.map((x) => x.load));
      results[name] = { ...s, fcp, load };
      rows.push([
        name,
        kb(s.bytes.html),
        kb(s.bytes.js),
        kb(s.bytes.css),
        kb(s.bytes.font),
        kb(s.bytes.other),
        kb(s.total),
        `${(fcp / 1000).toFixed(2)} s`,
        `${(load / 1000).toFixed(2)} s`,
      ]);
    }
    await browser.close();

    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
    console.log(
      `Cold cache, slow phone profile (4× CPU, 1.6 Mbps, 150 ms RTT), bytes as transferred (compressed); FCP and load: median of ${RUNS}`,
    );
    console.log(line(header));
    for (const r of rows) console.log(line(r));

    const r = results.results;
    const maxHtml = Math.max(...Object.values(results).map((x) => x.bytes.html));
    const maxFcp = Math.max(...Object.values(results).map((x) => x.fcp));
    const check = (ok: boolean) => (ok ? 'met' : 'NOT MET');
    console.log('\nTargets:');
    console.log(`  results page ≤ 250 KB transferred: ${kb(r.total)} — ${check(r.total <= TARGETS.resultsTotal)}`);
    console.log(`  results page JS ≤ 120 KB: ${kb(r.bytes.js)} — ${check(r.bytes.js <= TARGETS.resultsJs)}`);
    console.log(`  HTML ≤ 60 KB on every page: largest ${kb(maxHtml)} — ${check(maxHtml <= TARGETS.html)}`);
    console.log(`  FCP ≤ 3 s on the slow profile: slowest ${(maxFcp / 1000).toFixed(2)} s — ${check(maxFcp <= TARGETS.fcpMs)}`);
  } finally {
    await server.kill('SIGTERM');
  }
}

await main();
