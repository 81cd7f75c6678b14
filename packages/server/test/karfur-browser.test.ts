/**
 * Karfu'R end to end in a real browser (Debian's Chromium through playwright-core), in French and in
 * Arabic, with axe at 0 violations on every page visited: search with filters, a fiche, adding it to
 * the journey, sharing the journey (link, QR code), the language switch (URL and cookie), the
 * right-to-left layout, offline reading of a visited fiche and of the journey (service worker), and
 * the staff pages in Arabic (language chosen on the page, remembered, right to left).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { UserStore, loadConfig } from '@eig/platform';
import { karfurFor } from '@eig/karfur/testing';
import { createApp, type App } from '../src/app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR;

let dataDir: string;
let suite: App;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

async function audit(label: string, p: Page = page): Promise<void> {
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await p.screenshot({ path: path.join(SHOTS, `karfur-${label}.png`), fullPage: true });
  }
  const result = await new AxeBuilder({ page: p }).analyze();
  const violations = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} → ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  expect(violations, `axe on ${label} (${p.url()})`).toEqual([]);
}

async function visit(url: string, label: string, expectedStatus = 200): Promise<void> {
  const res = await page.goto(base + url, { waitUntil: 'load' });
  expect(res?.status(), url).toBe(expectedStatus);
  await audit(label);
}

describe.skipIf(process.env.SKIP_BROWSER_TEST === '1')('browser: Karfu’R in French and Arabic', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH, or SKIP_BROWSER_TEST=1)`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'eig-karfur-browser-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000',
      NODE_ENV: 'test',
    });
    suite = await createApp({ config });
    // The services are not started (no ExploCode ingest): Karfu'R's content is imported directly.
    const rt = karfurFor(suite.suite.services.find((s) => s.module.id === 'karfur')!.ctx as never).runtime;
    await rt.importContent();
    await rt.buildSearchSnapshot();
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
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`);
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await suite?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('French: home, search with filters, a fiche, adding it to the journey', async () => {
    await page.goto(`${base}/karfur`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/karfur/fr');
    await audit('fr-home');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
    await expect(page.locator('link[rel="alternate"][hreflang="ar"]').getAttribute('href')).resolves.toBe('/karfur/ar');

    await page
      .getByRole('link', { name: /Apprendre le français/ })
      .first()
      .click();
    await page.waitForURL(/\/karfur\/fr\/themes\/apprendre-francais/);
    await audit('fr-theme');

    await visit('/karfur/fr/recherche', 'fr-search-empty');
    await page.getByLabel('Rechercher une aide ou une démarche').fill('cours de français');
    await page.getByLabel('Thème').selectOption('apprendre-francais');
    await page.getByLabel(/^Département/).fill('Montreuil');
    await Promise.all([page.waitForURL(/recherche\?.*lieu=Montreuil/), page.getByRole('button', { name: 'Appliquer' }).click()]);
    await audit('fr-search-results');
    await expect(page.locator('#karfur-results').textContent()).resolves.toMatch(/Seine-Saint-Denis \(93\)/);
    const results = page.locator('.karfur-cards .karfur-card__title a');
    const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toContain('/karfur/fr/fiches/cours-francais-associatifs');
    // A local fiche of another département is filtered out.
    expect(hrefs).not.toContain('/karfur/fr/fiches/ateliers-sociolinguistiques');
    expect(await page.locator('.karfur-card__text mark').count()).toBeGreaterThan(0);

    await page.locator('a[href="/karfur/fr/fiches/cours-francais-associatifs"]').click();
    await page.waitForURL(/fiches\/cours-francais-associatifs$/);
    await audit('fr-fiche');
    await Promise.all([
      page.waitForURL(/fiches\/cours-francais-associatifs$/),
      page.getByRole('button', { name: 'Ajouter à mon parcours' }).click(),
    ]);
    await expect(page.getByRole('button', { name: 'Retirer de mon parcours' }).isVisible()).resolves.toBe(true);
    await visit('/karfur/fr/parcours', 'fr-journey');
    await expect(page.locator('.karfur-journey__item h2').textContent()).resolves.toMatch(/cours de français/i);
    // Mark it done, without JavaScript-only widgets: a plain form.
    await Promise.all([page.waitForURL(/parcours/), page.getByRole('button', { name: 'Marquer comme fait' }).click()]);
    await expect(page.locator('[data-karfur-progress]').textContent()).resolves.toMatch(/1/);
  }, 180_000);

  it('shares the journey by link and QR code; the shared view is read only', async () => {
    await page.goto(`${base}/karfur/fr/parcours`, { waitUntil: 'load' });
    await page.locator('#karfur-journey-share ~ * summary, .karfur-share > summary').first().click();
    const link = await page.locator('[data-karfur-share-url]').inputValue();
    expect(link).toMatch(new RegExp(`^${base}/karfur/fr/parcours/[A-Za-z0-9_-]{22}$`));
    const qr = page.locator('img.karfur-qr');
    await qr.waitFor({ state: 'visible' });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await audit('fr-journey-share');

    const caregiver = await browser.newContext({ locale: 'ar' });
    const p2 = await caregiver.newPage();
    const arLink = link.replace('/karfur/fr/', '/karfur/ar/');
    await p2.goto(arLink, { waitUntil: 'load' });
    await expect(p2.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await expect(p2.locator('.karfur-journey__item').count()).resolves.toBe(1);
    expect(await p2.locator('.karfur-journey form').count()).toBe(0);
    await audit('ar-shared-journey', p2);
    await caregiver.close();
  }, 120_000);

  it('Arabic: the language switch persists (URL and cookie), true right-to-left layout', async () => {
    await page.goto(`${base}/karfur/fr/fiches/domiciliation`, { waitUntil: 'load' });
    await Promise.all([page.waitForURL(/\/karfur\/ar\/fiches\/domiciliation$/), page.locator('a[data-karfur-lang="ar"]').first().click()]);
    await audit('ar-fiche');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    const cookies = await context.cookies(`${base}/karfur/ar`);
    expect(cookies.find((c) => c.name === 'karfur_lang')?.value).toBe('ar');
    await page.goto(`${base}/karfur`, { waitUntil: 'load' });
    expect(new URL(page.url()).pathname).toBe('/karfur/ar');
    await audit('ar-home');
    // Right to left for real: the title starts at the right edge of the content, the local navigation too.
    const layout = await page.evaluate(() => {
      const h1 = document.querySelector('main h1')!.getBoundingClientRect();
      const nav = document.querySelector('.karfur-bar__nav li')!.getBoundingClientRect();
      const container = document.querySelector('.karfur-page')!.getBoundingClientRect();
      return {
        h1Right: h1.right,
        navLeft: nav.left,
        containerRight: container.right,
        width: window.innerWidth,
        direction: getComputedStyle(document.querySelector('main h1')!).direction,
      };
    });
    expect(layout.direction).toBe('rtl');
    expect(layout.containerRight - layout.h1Right).toBeLessThan(60);
    expect(layout.navLeft).toBeGreaterThan(layout.width / 2);

    await visit(`/karfur/ar/recherche?q=${encodeURIComponent('سكن')}&type=demarche`, 'ar-search');
    const kinds = await page.locator('.karfur-card__meta .fr-badge:first-child').allTextContents();
    expect(kinds.length).toBeGreaterThan(0);
    for (const k of kinds) expect(k).toBe('إجراء');
    await visit('/karfur/ar/annuaire?lieu=33', 'ar-directory');
    await visit('/karfur/ar/themes/sante', 'ar-theme');
    await visit('/karfur/ar/fiches/dossier-ofpra', 'ar-fiche-partly-translated');
    // The untranslated sections are shown in French, marked as such.
    await expect(page.locator('[lang="fr"]').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('هذا الجزء غير مترجم بعد').first().isVisible()).resolves.toBe(true);
    // "Listen" shows only when the device has an Arabic voice.
    // (Voices load asynchronously: compare once both have settled.)
    await page.waitForTimeout(500);
    const voices = await page.evaluate(
      () => speechSynthesis.getVoices().filter((v) => v.lang.toLowerCase().replace('_', '-').split('-')[0] === 'ar').length,
    );
    await expect(page.locator('[data-karfur-listen]').isHidden()).resolves.toBe(voices === 0);
    await visit('/karfur/zz', 'unknown-language', 404);
  }, 180_000);

  it('reads a visited fiche and the journey offline (service worker)', async () => {
    await page.goto(`${base}/karfur/ar/fiches/domiciliation`, { waitUntil: 'load' });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Once the worker controls the page, visits are kept for offline reading.
    await page.reload({ waitUntil: 'load' });
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await page.goto(`${base}/karfur/ar/parcours`, { waitUntil: 'load' });
    await page.goto(`${base}/karfur/ar/fiches/domiciliation`, { waitUntil: 'load' });
    await context.setOffline(true);
    try {
      await page.goto(`${base}/karfur/ar/fiches/domiciliation`, { waitUntil: 'load' });
      await expect(page.locator('main h1').textContent()).resolves.toMatch(/التوطين/);
      await expect(page.locator('[data-karfur-offline]').isVisible()).resolves.toBe(true);
      await page.goto(`${base}/karfur/ar/parcours`, { waitUntil: 'load' });
      await expect(page.locator('.karfur-journey__item').count()).resolves.toBe(1);
      // A page never visited: the offline page, in Arabic.
      await page.goto(`${base}/karfur/ar/fiches/pass-sport`, { waitUntil: 'load' });
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ar');
      await expect(page.locator('main h1').textContent()).resolves.toBe('دون اتصال');
    } finally {
      await context.setOffline(false);
    }
  }, 120_000);

  it('staff pages: French by default, Arabic chosen on the page and remembered, right to left', async () => {
    const staff = { email: 'trad-ar@exemple.gouv.fr', password: 'un mot de passe de traducteur assez long' };
    await new UserStore(suite.suite.db, { roles: suite.suite.roles }).create(staff.email, staff.password, ['karfur.translator']);
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    const p = await staffContext.newPage();
    p.on('pageerror', (e) => problems.push(`pageerror (staff): ${e.message}`));
    try {
      const login = await p.request.post(`${base}/api/auth/login`, { data: staff, headers: { origin: base } });
      expect(login.status()).toBe(200);
      await p.goto(`${base}/karfur/contribuer`, { waitUntil: 'load' });
      await expect(p.locator('html').getAttribute('lang')).resolves.toBe('fr');
      await expect(p.locator('h1').last().textContent()).resolves.toBe('Contribuer à Karfu’R');
      await audit('staff-fr-dashboard', p);

      await Promise.all([p.waitForURL(/[?&]lang=ar/), p.locator('nav a[hreflang="ar"]').click()]);
      await expect(p.locator('html').getAttribute('lang')).resolves.toBe('ar');
      await expect(p.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await expect(p.locator('h1').last().textContent()).resolves.toBe('المساهمة في Karfu’R');
      await audit('staff-ar-dashboard', p);
      const text = (await p.locator('.karfur').textContent()) ?? '';
      for (const french of ['Brouillons à traiter', 'Tableau de bord', 'Avancement par langue', 'Mots traduits par traducteur', 'Connecté'])
        expect(text).not.toContain(french);
      expect(text).toContain('مسودات للمعالجة');

      // Remembered (cookie scoped to /karfur) without touching the public pages' language.
      const cookies = await staffContext.cookies(`${base}/karfur/contribuer`);
      expect(cookies.find((c) => c.name === 'karfur_staff_lang')?.value).toBe('ar');
      expect(cookies.find((c) => c.name === 'karfur_lang')).toBeUndefined();
      await p.goto(`${base}/karfur/contribuer/traductions/domiciliation/ar`, { waitUntil: 'load' });
      await expect(p.locator('html').getAttribute('dir')).resolves.toBe('rtl');
      await expect(p.getByText('ذاكرة الترجمة').or(p.getByText('الفرنسية')).first().isVisible()).resolves.toBe(true);
      await audit('staff-ar-translate', p);
      await p.goto(`${base}/karfur/contribuer/fiches/nouvelle`, { waitUntil: 'load' });
      await expect(p.locator('h1').last().textContent()).resolves.toBe('اقتراح بطاقة');
      await audit('staff-ar-new-fiche', p);

      // Back to French from the switcher.
      await Promise.all([p.waitForURL(/[?&]lang=fr/), p.locator('nav a[hreflang="fr"]').click()]);
      await expect(p.locator('html').getAttribute('dir')).resolves.not.toBe('rtl');
      await expect(p.locator('h1').last().textContent()).resolves.toBe('Proposer une fiche');
    } finally {
      await staffContext.close();
    }
  }, 180_000);

  it('raised no script error and loaded nothing from another site', () => {
    expect(problems).toEqual([]);
  });
});
