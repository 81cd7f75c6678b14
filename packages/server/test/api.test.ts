/**
 * The ExploCode HTTP API over real HTTP semantics (Fastify inject), on PGlite and on PostgreSQL,
 * with a small real ingest: the contract the acceptance checks call, and bad input of every kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { explocodeFor, runIngest, type Article, type ExplocodeRuntime } from '@eig/explocode/testing';
import { createApp, type App } from '../src/app.ts';

const SUBSET = { articles: 1200, fichesTravail: 30, fichesVdd: 30, contributions: 8, conventions: 2 };

function runtimeOf(suite: App): ExplocodeRuntime {
  return explocodeFor(suite.suite.services.find((s) => s.module.id === 'explocode')!.ctx).runtime;
}

describe.each(testDatabases())('ExploCode API on $name', (target) => {
  let db: TestDb;
  let suite: App;
  let sample: Article;
  const get = (url: string) => suite.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    db = await target.open();
    suite = await createApp({ config: { ...db.config, rateLimitMax: 1_000_000 }, db });
    // Before any content: the API says it is preparing, it does not fail.
    const early = await get('/api/explocode/search?q=cong%C3%A9s');
    expect(early.statusCode).toBe(503);
    expect(early.json().message).toMatch(/prépare ses données/);
    expect(early.json().code).toBe('explocode.preparing');
    // Pages say so too, with live progress (an island), instead of failing.
    const home = await suite.app.inject({ url: '/explocode', headers: { accept: 'text/html' } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('ExploCode prépare ses données');
    expect(home.body).toContain('data-eig-island="web.service-status"');

    await runIngest(db, { subset: SUBSET });
    await runtimeOf(suite).reload();
    const corpus = await runtimeOf(suite).repo.loadCorpus();
    sample = corpus!.articles.find((a) => /^L\d{4}-\d+$/.test(a.num) && a.text.length > 200)!;
  });

  afterAll(async () => {
    await suite?.app.close();
    await target.cleanup();
  });

  it('searches articles with the documented shape', async () => {
    const res = await get('/api/explocode/search?q=p%C3%A9riode%20d%27essai&type=article&limit=10');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(10);
    for (const r of body.results) {
      expect(r.type).toBe('article');
      expect(r.id).toMatch(/^LEGIARTI\d+$/);
      expect(r.num).toMatch(/^[LRD]/);
      expect(typeof r.title).toBe('string');
      expect(typeof r.score).toBe('number');
      expect(r.explanation).toMatchObject({ terms: expect.any(Array), synonyms: expect.any(Array), themes: expect.any(Array) });
    }
    const scores = body.results.map((r: { score: number }) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('goes straight to an article typed in any spelling', async () => {
    const [, letter, digits, rest] = /^([LRD])(\d+)-(.*)$/.exec(sample.num)!;
    const spellings = [
      sample.num,
      `${letter}. ${digits}-${rest}`,
      `${letter.toLowerCase()} ${digits} ${rest.replace(/-/g, ' ')}`,
      `article ${sample.num}`,
    ];
    for (const q of spellings) {
      const body = (await get(`/api/explocode/search?q=${encodeURIComponent(q)}&type=article`)).json();
      expect(body.route, q).toMatchObject({ kind: 'article', target: sample.num });
      expect(body.results[0], q).toMatchObject({ type: 'article', num: sample.num, id: sample.id });
    }
  });

  it('filters by type and mixes types without a filter', async () => {
    const all = (await get('/api/explocode/search?q=contrat%20de%20travail&limit=30')).json();
    expect(new Set(all.results.map((r: { type: string }) => r.type)).size).toBeGreaterThan(1);
    for (const type of ['fiche', 'theme', 'article']) {
      const body = (await get(`/api/explocode/search?q=contrat%20de%20travail&type=${type}`)).json();
      expect(
        body.results.every((r: { type: string }) => r.type === type),
        type,
      ).toBe(true);
    }
  });

  it('suggests themes and completions as you type', async () => {
    const res = await get('/api/explocode/suggest?q=contrat%20de%20trav');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.themes.length).toBeGreaterThan(0);
    for (const t of body.themes)
      expect(t).toMatchObject({ id: expect.any(String), title: expect.any(String), path: expect.any(Array), count: expect.any(Number) });
    expect(Array.isArray(body.completions)).toBe(true);
  });

  it('returns one article by number or id, with its neighbours and breadcrumb of theme ids', async () => {
    for (const key of [sample.num, encodeURIComponent(`L. ${sample.num.slice(1)}`), sample.id]) {
      const res = await get(`/api/explocode/articles/${key}`);
      expect(res.statusCode, key).toBe(200);
      const body = res.json();
      expect(body.article).toMatchObject({ num: sample.num, id: sample.id });
      expect(body.article.legifranceUrl).toContain(sample.id);
      expect(body.breadcrumb.length).toBeGreaterThan(0);
      expect(body.next ?? body.previous).toBeTruthy();
    }
    const crumb = (await get(`/api/explocode/articles/${sample.num}`)).json().breadcrumb[0];
    expect((await get(`/api/explocode/themes/${encodeURIComponent(crumb.id)}`)).statusCode).toBe(200);
  });

  it('answers unknown ids with a 404 and a message', async () => {
    for (const url of [
      '/api/explocode/articles/L9999-99',
      '/api/explocode/articles/LEGIARTI000000000001',
      '/api/explocode/themes/code%3ALEGISCTA000000000000',
      '/api/explocode/fiches/nope',
      '/api/explocode/contributions/nope',
      '/api/explocode/conventions/9998',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().message, url).toEqual(expect.any(String));
    }
  });

  it('never answers bad input with a 500', async () => {
    const long = 'licenciement '.repeat(800).slice(0, 10_000);
    const cases: [string, number | 'ok'][] = [
      ['/api/explocode/search?q=', 200],
      ['/api/explocode/search', 400],
      [`/api/explocode/search?q=${encodeURIComponent(long)}`, 200],
      [`/api/explocode/search?q=${'a'.repeat(10_001)}`, 400],
      ['/api/explocode/search?q=%00%01%02%1B', 400], // control characters: rejected by the platform's URL check
      ['/api/explocode/search?q=cong%C3%A9s%09pay%C3%A9s', 200],
      ['/api/explocode/search?q=%FF%FE%FD', 400],
      ['/api/explocode/search?q=%E0%A4%A', 400],
      ['/api/explocode/search?q=cong%C3%A9s&type=bogus', 400],
      ['/api/explocode/search?q=cong%C3%A9s&limit=-1', 400],
      ['/api/explocode/search?q=cong%C3%A9s&limit=abc', 400],
      ['/api/explocode/search?q=cong%C3%A9s&idcc=abc', 400],
      ['/api/explocode/search?q=%27%3B%20DROP%20TABLE%20explocode_articles%3B--', 200],
      ['/api/explocode/search?q=cong%C3%A9s&theme=nope', 'ok'],
      ['/api/explocode/search?q[]=a&q[]=b', 'ok'],
      ['/api/explocode/suggest?q=', 200],
      [`/api/explocode/suggest?q=${'x'.repeat(201)}`, 400],
      ['/api/explocode/suggest?q=%C3%A9', 200],
      [`/api/explocode/articles/${'L'.repeat(101)}`, 404], // longer than any id: no route matches
      ['/api/explocode/articles/%00', 'ok'],
      ['/api/explocode/conventions?q=%F0%9F%92%A5', 200],
      ['/api/explocode/conventions/12345', 400],
    ];
    for (const [url, expected] of cases) {
      const res = await get(url);
      if (expected === 'ok') expect(res.statusCode, url).toBeLessThan(500);
      else expect(res.statusCode, url).toBe(expected);
      if (res.statusCode >= 400) expect(res.json().message, url).toEqual(expect.any(String));
    }
    // The database is intact after the injection attempt.
    expect((await get(`/api/explocode/articles/${sample.num}`)).statusCode).toBe(200);
  });

  it('escapes markup in snippets', async () => {
    const body = (await get('/api/explocode/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%20contrat')).json();
    for (const r of body.results) expect(r.snippet).not.toMatch(/<(?!\/?mark>)/);
  });

  it('finds agreements by IDCC and searches their articles', async () => {
    const { results } = (await get('/api/explocode/conventions?limit=100')).json();
    expect(results.length).toBeGreaterThan(0);
    const withText = results.find((c: { hasFullText: boolean }) => c.hasFullText) ?? results[0];
    const one = await get(`/api/explocode/conventions/${withText.idcc}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().convention.idcc).toBe(withText.idcc);
    const padded = await get(`/api/explocode/conventions/${withText.idcc.padStart(4, '0')}`);
    expect(padded.statusCode).toBe(200);
    const arts = await get(`/api/explocode/conventions/${withText.idcc}/articles?q=salaire`);
    expect(arts.statusCode).toBe(200);
    expect(Array.isArray(arts.json().results)).toBe(true);
  });

  it('documents the API in OpenAPI', async () => {
    const doc = (await get('/api/docs/json')).json();
    for (const p of ['/api/explocode/search', '/api/explocode/suggest', '/api/explocode/articles/{num}']) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.paths['/api/explocode/search'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'type', 'limit']),
    );
  });

  it('reports status and the stand for the home page', async () => {
    const status = (await get('/api/explocode/status')).json();
    expect(status.ready).toBe(true);
    expect(status.counts.articles).toBe(SUBSET.articles);
    const stands = (await get('/api/stands')).json();
    expect(stands[0]).toMatchObject({ id: 'explocode', ready: true, href: '/explocode' });
    expect(stands[0].figures.length).toBeGreaterThan(0);
    expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
    // /readyz sums up every service; this test only ingests ExploCode (no job queue runs the others' imports).
    expect((await get('/readyz')).json()).toMatchObject({ services: { explocode: { ready: true, status: null } } });
  });

  describe('web pages, rendered from the same handlers', () => {
    const page = (url: string) => suite.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

    it('results: grouped by type, safe <mark> highlights, explanations, the search bar as a combobox island', async () => {
      const res = await page(`/explocode/recherche?q=${encodeURIComponent('contrat de travail <script>')}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('<script>alert');
      expect(res.body).not.toMatch(/<script>(?!\s*<\/)/);
      expect(res.body).toContain('&lt;script&gt;');
      expect(res.body).toMatch(/<mark>[^<]*<\/mark>/);
      expect(res.body).toContain('Pourquoi ce résultat\u202f?');
      expect(res.body).toMatch(/<h2[^>]*id="groupe-(fiche|article|contribution|theme)"/);
      expect(res.body).toContain('data-eig-island="explocode.search-combobox"');
      expect(res.body).toMatch(/role="combobox"/);
      expect(res.body).toMatch(/<label class="fr-label" for="recherche-explocode"/);
      // The search bar posts to the results page: it works without JavaScript.
      expect(res.body).toMatch(/<form[^>]*action="\/explocode\/recherche"/);
    });

    it('article page: its text, its place in the plan, neighbours, Légifrance, and no script', async () => {
      const res = await page(`/explocode/article/${sample.num}`);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`Article ${sample.num}`);
      expect(res.body).toContain('fr-breadcrumb');
      expect(res.body).toContain('legifrance.gouv.fr');
      expect(res.body).toMatch(/rel="(next|prev)"/);
      expect(res.body).not.toContain('data-eig-island');
    });

    it('unknown documents are 404 pages with the API’s message', async () => {
      const res = await page('/explocode/article/L9999-99');
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Article inconnu : L9999-99');
    });

    it('the answer of the chosen agreement comes before the general answer', async () => {
      const contribution = (await runtimeOf(suite).repo.loadCorpus())!.contributions.find((c) => c.byConvention.length > 0);
      if (!contribution) return;
      const idcc = contribution.byConvention[0].idcc!;
      const res = await page(`/explocode/reponse/${contribution.id}?idcc=${idcc}`);
      expect(res.statusCode).toBe(200);
      expect(res.body.indexOf('id="reponse-convention"')).toBeGreaterThan(0);
      expect(res.body.indexOf('id="reponse-convention"')).toBeLessThan(res.body.indexOf('id="reponse-generale"'));
    });
  });
});
