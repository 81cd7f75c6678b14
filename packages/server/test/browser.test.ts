/**
 * End to end, in a real browser: the suite server (PGlite in a temp folder, a small ExploCode
 * ingest), Chromium driven by playwright-core, axe-core on every page visited (0 violations).
 *
 * Path: home → ExploCode → type "licenciement éco" in the search bar → theme suggestions → pick
 * one with ArrowDown + Enter → results narrowed to that theme → open an article → theme, fiche,
 * answer (with a chosen collective agreement), agreement, how-it-works and 404 pages. Staff: log in,
 * start an ingest on ExploCode's admin page and watch its progress (stubbed ingest), log out.
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
import { loadConfig, UserStore } from '@eig/platform';
import { INGEST_JOB, explocodeFor, runIngest } from '@eig/explocode/testing';
import { createApp, type App } from '../src/app.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR; // e.g. /tmp/shots to keep screenshots

let dataDir: string;
let suite: App;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];
const audited: { url: string; violations: string[] }[] = [];
const ADMIN = { email: 'admin@exemple.gouv.fr', password: 'un mot de passe solide' };
let releaseIngest: () => void = () => {};

/** Pages without islands ship no script to wait for; pages with islands are ready once they hydrated. */
async function settled(): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[data-eig-island]') || document.documentElement.dataset.eigHydrated === 'true');
}

async function audit(label: string): Promise<void> {
  await settled();
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `e2e-${label}.png`), fullPage: true });
  }
  const result = await new AxeBuilder({ page }).analyze();
  const violations = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} → ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(' | ')}`,
  );
  audited.push({ url: page.url(), violations });
  expect(violations, `axe on ${label} (${page.url()})`).toEqual([]);
}

async function visit(url: string, label: string, expectedStatus = 200): Promise<void> {
  const res = await page.goto(base + url, { waitUntil: 'load' });
  expect(res?.status(), url).toBe(expectedStatus);
  await audit(label);
}

async function apiJson<T>(url: string): Promise<T> {
  const res = await fetch(base + url);
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

describe.skipIf(process.env.SKIP_BROWSER_TEST === '1')('browser: search journey and accessibility', () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH, or SKIP_BROWSER_TEST=1)`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'eig-browser-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '100000',
      NODE_ENV: 'test',
    });
    suite = await createApp({ config });
    // A small extract instead of the full ingest; services are not started, so no background ingest.
    await runIngest(suite.suite.db, {
      subset: { articles: 1500, fichesTravail: 60, fichesVdd: 60, contributions: 12, conventions: 2 },
    });
    await explocodeFor(suite.suite.services.find((s) => s.module.id === 'explocode')!.ctx).runtime.reload();
    await new UserStore(suite.suite.db).create(ADMIN.email, ADMIN.password, ['admin']);
    // The admin page's "re-ingest" runs this stub: it reports progress, then waits for the test.
    suite.suite.jobs.register(INGEST_JOB, async (_payload, job) => {
      job.progress(40, 100, 'articles du Code du travail');
      await new Promise<void>((resolve) => {
        releaseIngest = resolve;
        job.signal.addEventListener('abort', () => resolve());
      });
      job.progress(100, 100, 'contenu à jour');
    });
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
    page.on('console', (m) => {
      // the 404 pages and the failed login page (401) legitimately log their own status
      if (m.type() === 'error' && !/status of (404|401)/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on('requestfailed', (r) => {
      // navigation away aborts pending suggestion/status fetches
      if (!/\/api\/explocode\/(suggest|status|admin\/)/.test(r.url())) problems.push(`request failed: ${r.url()}`);
    });
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) problems.push(`external request: ${r.url()}`);
    });
  }, 240_000);

  afterAll(async () => {
    releaseIngest();
    await browser?.close();
    await suite?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finds a theme from the search bar with the keyboard, then an article', async () => {
    await visit('/', 'home');
    await expect(page.getByRole('heading', { level: 2, name: 'ExploCode' }).isVisible()).resolves.toBe(true);
    await page
      .getByRole('link', { name: /Essayer/ })
      .first()
      .click();
    await page.waitForURL(`${base}/explocode`);
    await audit('explocode');

    const input = page.getByRole('combobox', { name: /Rechercher dans le droit du travail/ });
    await input.click();
    await input.pressSequentially('licenciement éco', { delay: 25 });
    const listbox = page.getByRole('listbox', { name: 'Suggestions' });
    await listbox.waitFor({ state: 'visible' });
    await expect(input.getAttribute('aria-expanded')).resolves.toBe('true');
    const themeOptions = page.getByRole('option', { name: /^Thème :/ });
    await themeOptions.first().waitFor();
    expect(await themeOptions.count()).toBeGreaterThan(0);
    const firstTheme = (await themeOptions.first().locator('.eig-combobox__title').textContent())!.replace(/^Thème :\s*/, '').trim();
    // the live region announces exactly the suggestions shown
    await expect(page.locator('.eig-combobox [role="status"]').textContent()).resolves.toMatch(/thème/);
    const announced = ((await page.locator('.eig-combobox [role="status"]').textContent()) ?? '').match(/\d+/g)?.map(Number) ?? [];
    expect(announced.reduce((a, b) => a + b, 0)).toBe(await page.getByRole('option').count());
    await audit('suggestions');

    await input.press('ArrowDown');
    const activeId = await input.getAttribute('aria-activedescendant');
    expect(activeId).toBeTruthy();
    await expect(page.locator(`#${activeId}`).getAttribute('aria-selected')).resolves.toBe('true');
    await Promise.all([page.waitForURL(/\/explocode\/recherche\?.*theme=/), input.press('Enter')]);
    const url = new URL(page.url());
    // the chosen theme replaces the typed fragment (issue 11: not "Résultats pour « licenciement éco »")
    expect(url.searchParams.get('q')).toBe(firstTheme);
    expect(url.searchParams.get('theme')).toBeTruthy();
    await audit('results');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(firstTheme);
    await expect(page.getByRole('link', { name: new RegExp(`Retirer le thème`) }).textContent()).resolves.toContain(firstTheme);

    const articleLink = page.locator('main .eig-results a[href^="/explocode/article/"]').first();
    await articleLink.waitFor();
    await Promise.all([page.waitForURL(/\/explocode\/article\//), articleLink.click()]);
    await audit('article');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/^Article /);
    await expect(page.getByRole('link', { name: /Légifrance/ }).count()).resolves.toBe(1);

    // its place in the code's plan
    const crumb = page.locator('.fr-breadcrumb a[href^="/explocode/theme/"]').last();
    await Promise.all([page.waitForURL(/\/explocode\/theme\//), crumb.click()]);
    await audit('theme');
  }, 180_000);

  it('Enter without a selection searches what was typed; an article number goes straight to the article', async () => {
    await visit('/explocode', 'explocode-again');
    const input = page.getByRole('combobox', { name: /Rechercher dans le droit du travail/ });
    await input.fill('L1234-9');
    await Promise.all([page.waitForURL(/\/explocode\/article\/L1234-9/), input.press('Enter')]);
    await page.waitForSelector('main h1');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Article L1234-9');
  }, 60_000);

  it('a word that names several agreements shows results with the agreements on top, no jump', async () => {
    await visit('/explocode', 'explocode-commerce');
    const input = page.getByRole('combobox', { name: /Rechercher dans le droit du travail/ });
    await input.fill('commerce');
    await Promise.all([page.waitForURL(/\/explocode\/recherche\?q=commerce/), input.press('Enter')]);
    await audit('results-commerce');
    expect(new URL(page.url()).pathname).toBe('/explocode/recherche');
    await expect(page.getByRole('heading', { name: /Conventions? collectives? correspondantes?/ }).count()).resolves.toBe(1);
  }, 60_000);

  it('nonsense and off-topic questions get an honest empty state; an empty search shows examples', async () => {
    for (const [q, label] of [
      ['ggggg', 'empty-nonsense'],
      ['recette de la tarte aux pommes', 'empty-off-topic'],
    ]) {
      await visit(`/explocode/recherche?q=${encodeURIComponent(q)}`, label);
      await expect(page.getByRole('heading', { name: 'Aucune réponse trouvée' }).count()).resolves.toBe(1);
      await expect(page.getByRole('heading', { name: 'Exemples de questions' }).count()).resolves.toBe(1);
      await expect(page.locator('main .eig-results').count()).resolves.toBe(0);
      await expect(page.locator('main mark').count()).resolves.toBe(0);
    }
    await visit('/explocode/recherche?q=', 'empty-search');
    await expect(page.getByRole('heading', { name: 'Exemples de questions' }).count()).resolves.toBe(1);
  }, 60_000);

  it('calculators: the severance form, filled with the keyboard, gives each step and announces the result', async () => {
    await visit('/explocode/outils/indemnite-licenciement', 'severance-form');
    await page.getByLabel(/^Date d’embauche/).fill('2015-01-01');
    await page.getByLabel(/^Date de notification/).fill('2019-11-01');
    await page.getByLabel(/^Date de fin du préavis/).fill('2019-12-31');
    await page.getByLabel(/^Salaire mensuel brut/).fill('2000');
    await page.getByLabel(/^Salaire mensuel brut/).focus();
    // the submit button is reached with Tab and pressed with Enter
    const submit = page.getByRole('button', { name: 'Calculer l’indemnité' });
    await submit.focus();
    await Promise.all([page.waitForURL(/indemnite-licenciement\?.*embauche=2015-01-01/), page.keyboard.press('Enter')]);
    await settled();
    await expect(page.getByRole('heading', { level: 2, name: /Indemnité légale : 2\s500,00\s€/ }).count()).resolves.toBe(1);
    await expect(page.locator('main a[href="/explocode/article/R1234-2"]').count()).resolves.toBeGreaterThan(0);
    await page.waitForFunction(() => /2\s500,00/.test(document.querySelector('main [role="status"]')?.textContent ?? ''));
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('resultat');
    await audit('severance-result');

    await visit('/explocode/outils/preavis?rupture=licenciement&annees=3&mois=0&idcc=1486', 'notice-result');
    await expect(page.getByRole('heading', { level: 2, name: 'Préavis légal : 2 mois' }).count()).resolves.toBe(1);
    await visit('/explocode/outils/indemnite-licenciement?calculer=1', 'severance-errors');
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Le calcul n’a pas pu être fait');
  }, 90_000);

  it("on a phone: the search field scrolls to the top on focus; a fiche's Sommaire comes before its content", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR', hasTouch: true, isMobile: true });
    const p = await phone.newPage();
    try {
      await p.goto(`${base}/explocode`, { waitUntil: 'load' });
      await p.waitForFunction(() => document.documentElement.dataset.eigHydrated === 'true');
      const input = p.getByRole('combobox', { name: /Rechercher dans le droit du travail/ });
      await input.focus();
      await p.waitForFunction(() => (document.querySelector('[role="combobox"]')?.getBoundingClientRect().top ?? 999) < 80, null, {
        timeout: 5_000,
      });

      // a fiche's "Sommaire" comes before its content on a phone (and the large-screen one is hidden)
      const found = await apiJson<{ results: { id: string; url: string }[] }>(
        '/api/explocode/search?q=contrat%20de%20travail&type=fiche&limit=10',
      );
      let url: string | null = null;
      for (const r of found.results) {
        const f = await apiJson<{ sections: unknown[] }>(`/api/explocode/fiches/${encodeURIComponent(r.id)}`);
        if (f.sections.length > 1) {
          url = r.url;
          break;
        }
      }
      expect(url).toBeTruthy();
      await p.goto(`${base}${url}`, { waitUntil: 'load' });
      const summary = await p.locator('#sommaire-haut').boundingBox();
      const first = await p.locator('#section-1').boundingBox();
      expect(summary && first && summary.y < first.y).toBe(true);
      await expect(p.locator('#sommaire').isVisible()).resolves.toBe(false);
      const axe = await new AxeBuilder({ page: p }).analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);
    } finally {
      await phone.close();
    }
  }, 60_000);

  it('fiche, answer with a chosen agreement, agreement, how it works: accessible', async () => {
    const fiches = await apiJson<{ results: { url: string }[] }>('/api/explocode/search?q=contrat%20de%20travail&type=fiche&limit=1');
    expect(fiches.results.length).toBeGreaterThan(0);
    await visit(fiches.results[0].url, 'fiche');

    await visit('/explocode/conventions?q=1486', 'conventions');
    await Promise.all([
      page.waitForURL(/\/explocode$/),
      page
        .getByRole('link', { name: /C’est ma convention/ })
        .first()
        .click(),
    ]);
    await audit('explocode-with-convention');
    await expect(page.locator('main').textContent()).resolves.toContain('IDCC 1486');

    const answers = await apiJson<{ results: { url: string }[] }>('/api/explocode/search?q=salari%C3%A9&type=contribution&limit=1');
    expect(answers.results.length).toBeGreaterThan(0);
    await visit(answers.results[0].url, 'answer');
    await expect(page.locator('main').textContent()).resolves.toMatch(/IDCC 1486/);

    await visit('/explocode/convention/1486', 'convention');
    await visit('/explocode/comment-ca-marche', 'how');
    await visit('/accessibilite', 'accessibility');
  }, 120_000);

  it('404 pages are real 404s, accessible, with a message', async () => {
    await visit('/explocode/article/L9999-99', 'article-404', 404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page non trouvée');
    await visit('/nulle-part', '404', 404);
  }, 60_000);

  it('staff: log in, re-ingest from the admin page with live progress, log out', async () => {
    // The admin page sends visitors to the login page first.
    await visit('/explocode/admin', 'login');
    expect(new URL(page.url()).pathname).toBe('/connexion');
    await page.getByRole('textbox', { name: /^Adresse électronique/ }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill('pas le bon mot de passe');
    await Promise.all([page.waitForURL(/\/connexion$/), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await expect(page.title()).resolves.toMatch(/^Erreur : Connexion/);
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Adresse électronique ou mot de passe incorrect.');
    await audit('login-error');

    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await Promise.all([page.waitForURL(`${base}/explocode/admin`), page.getByRole('button', { name: 'Se connecter' }).click()]);
    await audit('admin');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Administration d’ExploCode');
    await expect(page.locator('main').textContent()).resolves.toMatch(/Jeu de données no 1, version/);

    await Promise.all([page.waitForURL(/ingestion=lancee/), page.getByRole('button', { name: 'Relancer l’ingestion' }).click()]);
    await page.locator('.eig-progress').getByText('40 % — articles du Code du travail').waitFor({ timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Relancer l’ingestion' }).isDisabled()).resolves.toBe(true);
    await audit('admin-ingest-running');
    // The page follows the job by itself, without reloading: the marker survives.
    await page.evaluate(() => ((window as unknown as { eigMarker: number }).eigMarker = 1));
    releaseIngest();
    await page.getByText('La dernière ingestion est terminée.').waitFor({ state: 'attached', timeout: 15_000 });
    await expect(page.evaluate(() => (window as unknown as { eigMarker?: number }).eigMarker)).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: /^100 % — contenu à jour/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Relancer l’ingestion' }).isEnabled()).resolves.toBe(true);

    await Promise.all([page.waitForURL(`${base}/`), page.locator('header button:visible', { hasText: 'Se déconnecter' }).first().click()]);
    await settled();
    await expect(page.locator('header button:visible', { hasText: 'Se déconnecter' }).count()).resolves.toBe(0);
  }, 90_000);

  it('no script error, no failed or external request', () => {
    expect(problems).toEqual([]);
    expect(audited.length).toBeGreaterThanOrEqual(20);
  });
});
