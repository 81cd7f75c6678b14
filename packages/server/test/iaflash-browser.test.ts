/**
 * IA Flash in a real browser (Chromium, playwright-core), axe at 0 violations on every page: the
 * public analyse page (upload with the keyboard, without JavaScript too), the result with the box
 * drawn, the top 5 and the decision; an agent's review queue, a flag with its photo, confirmed with
 * the keyboard; the batches and model pages.
 *
 * Needs the web build (npm install runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { SESSION_COOKIE, loadConfig } from '@eig/platform';
import { createApp, type App } from '../src/app.ts';
import { login } from './openjustice-helpers.ts';
import FormData from 'form-data';
import { writeZip } from '@eig/iaflash/testing';
import { IAF_AGENT, createIaflashAccounts, photo, plateImage, seedFlag, waitChecked } from './iaflash-helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR;

let dataDir: string;
let suite: App;
let base: string;
let browser: Browser;
const problems: string[] = [];

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-eig-island]') || document.documentElement.dataset.eigHydrated === 'true');
}

async function audit(page: Page, label: string, js = true): Promise<void> {
  if (js) await settled(page);
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `iaflash-${label}.png`), fullPage: true });
  }
  const result = await new AxeBuilder({ page }).analyze();
  const violations = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} → ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(violations, `axe on ${label} (${page.url()})`).toEqual([]);
}

async function contextFor(cookie: string | null, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  if (!javaScriptEnabled) await context.route(/\/assets\/.*\.js$/, (route) => route.abort());
  if (cookie) await context.addCookies([{ name: SESSION_COOKIE, value: cookie.split('=')[1], url: base }]);
  // The first photo analysis also starts the vision threads (loading the networks): on a busy 2-core
  // machine that outlasts Playwright's 30 s default.
  context.setDefaultTimeout(120_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && javaScriptEnabled) problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`);
  });
  return { context, page };
}

describe.skipIf(process.env.SKIP_BROWSER_TEST === '1')('browser: IA Flash analyse page and review queue', () => {
  let agent: string;
  let photoFile: string;
  let plateFile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH, or SKIP_BROWSER_TEST=1)`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'eig-iaf-browser-'));
    photoFile = path.join(dataDir, 'radar.jpg');
    await writeFile(photoFile, await photo());
    plateFile = path.join(dataDir, 'plaque.jpg');
    await writeFile(plateFile, await plateImage('GH-456-KL'));
    const env = {
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000',
      NODE_ENV: 'test',
      IAFLASH_THREADS: '1',
    };
    suite = await createApp({ config: loadConfig(env), env: { ...process.env, ...env } });
    await createIaflashAccounts(suite.suite.db);
    agent = await login(suite.app, IAF_AGENT);
    base = (await suite.app.listen({ port: 0, host: '127.0.0.1' })).replace('[::1]', '127.0.0.1');
    browser = await chromium.launch({
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
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  // One photo analysis per run on wasm, and an axe audit of each page: slow on a busy 2-core machine.
  it.each([true, false])(
    'analyses a photo from the form (JavaScript: %s) and shows the result accessibly',
    async (js) => {
      const { context, page } = await contextFor(null, js);
      if (js) {
        await page.goto(`${base}/`);
        await expect(
          page
            .getByRole('link', { name: /IA Flash/ })
            .first()
            .isVisible(),
        ).resolves.toBe(true);
        await audit(page, 'suite-home');
      }
      await page.goto(`${base}/iaflash`);
      await audit(page, `home-${js}`, js);
      await page.goto(`${base}/iaflash/analyser`);
      await audit(page, `analyse-form-${js}`, js);
      await page.getByLabel(/^Photo/).setInputFiles(photoFile);
      await page.getByLabel(/^Marque au registre/).fill('reneau');
      await page.getByLabel(/^Modèle au registre/).fill('clio RT');
      // Without JavaScript, the optional plate fields stay empty: the browser still sends the empty file input.
      if (js) {
        await page.getByLabel(/^Plaque du dossier/).fill('GH-456-KT');
        await page.getByLabel(/^Image de la plaque/).setInputFiles(plateFile);
      }
      // Keyboard: focus the button and press Enter.
      await page.getByRole('button', { name: 'Analyser' }).focus();
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === `${base}/iaflash/analyser`),
        page.keyboard.press('Enter'),
      ]);
      await page.getByRole('heading', { name: 'Résultat' }).waitFor();
      await expect(page.getByText('RENAULT CLIO').first().isVisible()).resolves.toBe(true);
      await expect(page.getByRole('heading', { name: /^Décision/ }).isVisible()).resolves.toBe(true);
      await expect(page.getByRole('img', { name: 'Photo analysée' }).count()).resolves.toBe(1);
      await expect(
        page.getByText(/Lu sur l’image de la plaque : GH-456-KL .*différente de la plaque du dossier/).isVisible(),
      ).resolves.toBe(js);
      await audit(page, `analyse-result-${js}`, js);
      await context.close();
    },
    180_000,
  );

  it('lists flags for an agent, opens one with its photo and box, and confirms it with the keyboard', async () => {
    const { flagId } = await seedFlag(suite.suite.db);
    const { context, page } = await contextFor(agent);
    await page.goto(`${base}/iaflash/revue`);
    await audit(page, 'review-queue');
    await page.getByRole('link', { name: `Alerte no ${flagId}` }).click();
    await page.waitForURL(`${base}/iaflash/revue/${flagId}`);
    await expect(page.getByRole('img', { name: `Photo de l’alerte no ${flagId}` }).count()).resolves.toBe(1);
    await expect(page.getByText('PEUGEOT 208').first().isVisible()).resolves.toBe(true);
    await audit(page, 'flag');
    await page.getByLabel(/^Commentaire/).fill('Calandre de Peugeot 208 bien visible.');
    await page.getByRole('button', { name: /^Confirmer le doute/ }).focus();
    await Promise.all([page.waitForURL(/\/iaflash\/revue\?ok=confirm/), page.keyboard.press('Enter')]);
    await expect(page.getByText('Doute confirmé : le dossier suit').isVisible()).resolves.toBe(true);
    await audit(page, 'review-after');
    await page.goto(`${base}/iaflash/revue/${flagId}`);
    await expect(page.getByText(`par ${IAF_AGENT.email}`).first().isVisible()).resolves.toBe(true);
    await audit(page, 'flag-confirmed');
    // A batch: its page with the progress island, the results table, the filters and the export.
    const f = new FormData();
    f.append(
      'photos',
      writeZip([
        { name: 'a.jpg', data: await photo(0) },
        { name: 'b.jpg', data: await photo(1) },
      ]),
      { filename: 'lot.zip', contentType: 'application/zip' },
    );
    f.append('cases', 'file,plate,make,model\na.jpg,AB-123-CD,renault,clio\nb.jpg,,peugeot,208\n', {
      filename: 'd.csv',
      contentType: 'text/csv',
    });
    const res = await suite.app.inject({
      method: 'POST',
      url: '/api/iaflash/batches',
      payload: f.getBuffer(),
      headers: { ...f.getHeaders(), cookie: agent, origin: 'http://localhost:80' },
    });
    expect(res.statusCode, res.body).toBe(202);
    const batchId = res.json().batch.id as number;
    await page.goto(`${base}/iaflash/lots/${batchId}`);
    await audit(page, 'batch-running');
    await waitChecked(suite.suite.db);
    await page.goto(`${base}/iaflash/lots/${batchId}?decision=UNDETERMINED`);
    await expect(page.getByRole('table').getByText('a.jpg').isVisible()).resolves.toBe(true);
    await audit(page, 'batch-done');
    await page.goto(`${base}/iaflash/lots`);
    await audit(page, 'batches');
    await page.goto(`${base}/iaflash/modele`);
    await audit(page, 'model');
    await context.close();
    expect(problems).toEqual([]);
  }, 180_000);
});
