/**
 * A full review in a real browser (Chromium, playwright-core), axe at 0 violations on every page:
 * an agent logs in, opens a decision, takes it, corrects spans with the keyboard (select with
 * Shift + arrows, mask, remove, undo), previews, validates; the decision is then in the open-data
 * export, corrected. Also: the same review without JavaScript (plain forms), the admin's pages,
 * the public trial page.
 *
 * Needs the web build (npm install runs it) and Chromium (CHROMIUM_PATH, default /usr/bin/chromium).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { SESSION_COOKIE, loadConfig } from '@eig/platform';
import { createApp, type App } from '../src/app.ts';
import { ADMIN, AGENT, DECISION, createAccounts, login, waitAnnotated } from './openjustice-helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR;
/** A word the reviewer masks by hand (a witness named without civility). */
const WITNESS = 'Zébulon';
const TEXT = DECISION.replace('Faits et procédure', `Faits et procédure\n\nLe témoin ${WITNESS} a confirmé les faits.`);

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
    await page.screenshot({ path: path.join(SHOTS, `oj-${label}.png`), fullPage: true });
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

async function contextFor(cookie: string, javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  // "Without JavaScript": the page's own scripts are blocked (axe still runs, in Playwright's world).
  if (!javaScriptEnabled) await context.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie.split('=')[1], url: base }]);
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

async function importDecision(cookie: string, sourceId: string, text: string): Promise<number> {
  const res = await suite.app.inject({
    method: 'POST',
    url: '/api/openjustice/decisions',
    headers: { 'content-type': 'application/json', cookie, origin: 'http://localhost:80' },
    payload: JSON.stringify({ text, sourceId, number: sourceId }),
  });
  expect(res.statusCode, res.body).toBe(202);
  await waitAnnotated(suite.suite.db);
  const { rows } = await suite.suite.db.query<{ id: number }>('SELECT id FROM openjustice_decisions WHERE source_id = $1', [sourceId]);
  // Simple review, so that one agent's validation publishes it.
  await suite.suite.db.query(`UPDATE openjustice_decisions SET review_route = 'simple' WHERE id = $1`, [rows[0].id]);
  return Number(rows[0].id);
}

describe.skipIf(process.env.SKIP_BROWSER_TEST === '1')('browser: a full review in Open Justice', () => {
  let agent: string;
  let admin: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH, or SKIP_BROWSER_TEST=1)`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'eig-oj-browser-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000',
      NODE_ENV: 'test',
    });
    suite = await createApp({ config });
    await createAccounts(suite.suite.db);
    agent = await login(suite.app, AGENT);
    admin = await login(suite.app, ADMIN);
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

  it('opens a decision, corrects spans with the keyboard, validates, and finds it corrected in the export', async () => {
    const id = await importDecision(agent, 'RG 24/00001', TEXT);
    const { context, page } = await contextFor(agent);
    await page.goto(`${base}/openjustice/decisions`);
    await audit(page, 'list');
    await page.getByRole('link', { name: 'Décision no RG 24/00001' }).click();
    await page.waitForURL(`${base}/openjustice/decisions/${id}`);
    await audit(page, 'review-free');
    await Promise.all([page.waitForURL(/ok=claim/), page.getByRole('button', { name: 'Prendre en charge' }).click()]);
    await audit(page, 'review-pending');

    const textbox = page.getByRole('textbox', { name: 'Texte de la décision' });
    await expect(textbox.getAttribute('aria-readonly')).resolves.toBe('true');
    const marksBefore = await textbox.locator('mark').count();
    expect(marksBefore).toBeGreaterThan(3);

    // If the engine masked the witness already, remove that span first (x), then mask it again by hand.
    const caretAt = async (needle: string, offset = 0) => {
      await textbox.focus();
      await page.evaluate(
        ([n, o]) => {
          const root = document.getElementById('oj-texte')!;
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const i = node.textContent!.indexOf(n as string);
            if (i >= 0) {
              const r = document.createRange();
              r.setStart(node, i + (o as number));
              r.collapse(true);
              const sel = window.getSelection()!;
              sel.removeAllRanges();
              sel.addRange(r);
              return;
            }
          }
          throw new Error('needle not found');
        },
        [needle, offset],
      );
    };
    const witnessMark = textbox.locator('mark', { hasText: WITNESS });
    if ((await witnessMark.count()) > 0) {
      await caretAt(WITNESS, 1);
      await page.keyboard.press('x');
      await expect.poll(() => witnessMark.count()).toBe(0);
    }
    await page.getByLabel('Catégorie des nouvelles occultations').selectOption('personnePhysiqueNom');
    await caretAt(WITNESS);
    for (let i = 0; i < WITNESS.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('o');
    await expect.poll(() => witnessMark.count()).toBe(1);
    await expect(witnessMark.getAttribute('class')).resolves.toContain('oj-cat--personnePhysiqueNom');
    await expect(page.locator('p.fr-sr-only[role="status"]').textContent()).resolves.toMatch(/Occultation ajoutée/);

    // Remove the span on "Nordis" if any, undo, redo: the history works.
    const count = await textbox.locator('mark').count();
    await caretAt(WITNESS, 2);
    await page.keyboard.press('x');
    await expect.poll(() => textbox.locator('mark').count()).toBe(count - 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => textbox.locator('mark').count()).toBe(count);
    await page.keyboard.press('Control+y');
    await expect.poll(() => textbox.locator('mark').count()).toBe(count - 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => witnessMark.count()).toBe(1);
    // n moves to the next span and announces it
    await page.keyboard.press('n');
    await expect(page.locator('p.fr-sr-only[role="status"]').textContent()).resolves.toMatch(/sur \d+/);

    await page.getByRole('button', { name: 'Aperçu pseudonymisé' }).click();
    const preview = page.getByRole('region', { name: 'Aperçu du texte pseudonymisé' });
    await expect(preview.textContent()).resolves.not.toContain(WITNESS);
    await audit(page, 'review-preview');
    await page.getByRole('button', { name: 'Aperçu pseudonymisé' }).click();

    await Promise.all([
      page.waitForURL(/\/openjustice\/decisions\?ok=validate/),
      page.getByRole('button', { name: 'Valider', exact: true }).click(),
    ]);
    await audit(page, 'list-after-validate');

    // The export has it, corrected: the witness is masked, the magistrate kept.
    const exported = await page.evaluate(async () => (await fetch('/api/openjustice/export?batch_size=10')).json());
    const doc = exported.results.find((d: { number: string }) => d.number === 'RG 24/00001');
    expect(doc).toBeDefined();
    expect(doc.text).not.toContain(WITNESS);
    expect(doc.text).not.toMatch(/DURAND|Durand/);
    expect(doc.text).toContain('Leroy');
    const one = await page.evaluate(async (pid) => (await fetch(`/api/openjustice/decision?id=${pid}`)).status, doc.id);
    expect(one).toBe(200);

    await page.goto(`${base}/openjustice/open-data?q=licenciement`);
    await audit(page, 'open-data');
    await page
      .getByRole('link', { name: /RG 24\/00001/ })
      .first()
      .click();
    await audit(page, 'published');
    await expect(page.getByRole('region', { name: 'Texte publié' }).textContent()).resolves.not.toContain(WITNESS);
    await context.close();
  }, 120_000);

  it('works without JavaScript: read-only text, plain forms to take, correct and validate', async () => {
    const id = await importDecision(agent, 'RG 24/00002', TEXT.replace(/DURAND|Durand/g, 'BERNARD'));
    const { context, page } = await contextFor(agent, false);
    await page.goto(`${base}/openjustice/decisions/${id}`);
    await audit(page, 'nojs-review', false);
    await expect(page.locator('#oj-texte').getAttribute('contenteditable')).resolves.toBeNull();
    await Promise.all([page.waitForURL(/ok=claim/), page.getByRole('button', { name: 'Prendre en charge' }).click()]);
    // If the engine masked the witness already, remove it (the entity's own form) before masking it by hand.
    const remove = page.getByRole('button', { name: `Retirer « ${WITNESS} » (toutes les mentions)`, exact: true });
    if ((await remove.count()) > 0) await Promise.all([page.waitForURL(/ok=modifiee/), remove.click()]);
    await expect(page.locator('#oj-texte mark', { hasText: WITNESS }).count()).resolves.toBe(0);
    await page.getByLabel('Occulter un texte partout').fill(WITNESS);
    await page.getByLabel('Dans la catégorie').selectOption('personnePhysiqueNom');
    await Promise.all([page.waitForURL(/ok=modifiee/), page.getByRole('button', { name: 'Occulter', exact: true }).click()]);
    await expect(page.locator('#oj-texte mark', { hasText: WITNESS }).count()).resolves.toBe(1);
    await audit(page, 'nojs-corrected', false);
    await page.goto(`${base}/openjustice/decisions/${id}/apercu`);
    await audit(page, 'nojs-preview', false);
    await expect(page.getByRole('region', { name: 'Texte pseudonymisé' }).textContent()).resolves.not.toContain(WITNESS);
    await page.goto(`${base}/openjustice/decisions/${id}`);
    await Promise.all([page.waitForURL(/ok=validate/), page.getByRole('button', { name: 'Valider', exact: true }).click()]);
    const { rows } = await suite.suite.db.query<{ status: string }>('SELECT status FROM openjustice_decisions WHERE id = $1', [id]);
    expect(rows[0].status).toBe('done');
    await context.close();
  }, 120_000);

  it('serves the admin pages, the journal, the shortcuts and the public trial with axe at 0', async () => {
    const { context, page } = await contextFor(admin);
    await page.goto(`${base}/openjustice/admin`);
    await audit(page, 'admin');
    await expect(page.getByRole('heading', { name: 'Qui a fait quoi (30 derniers jours)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('cell', { name: AGENT.email }).first().isVisible()).resolves.toBe(true);
    const { rows } = await suite.suite.db.query<{ id: number }>(`SELECT id FROM openjustice_decisions ORDER BY id LIMIT 1`);
    await page.goto(`${base}/openjustice/decisions/${rows[0].id}/journal`);
    await audit(page, 'journal');
    await page.goto(`${base}/openjustice/raccourcis`);
    await audit(page, 'shortcuts');
    await context.close();

    const visitor = await browser.newContext({ locale: 'fr-FR' });
    const p = await visitor.newPage();
    await p.goto(`${base}/openjustice`);
    await audit(p, 'home');
    await p.getByLabel(/Texte de la décision/).fill('M. Jean DUPONT, né le 3 mai 1980, demeurant 4 rue Victor Hugo à Lyon.');
    await Promise.all([p.waitForURL(`${base}/openjustice`), p.getByRole('button', { name: 'Pseudonymiser' }).click()]);
    await expect(p.getByRole('region', { name: 'Texte pseudonymisé' }).textContent()).resolves.not.toContain('DUPONT');
    await audit(p, 'home-result');
    await visitor.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
