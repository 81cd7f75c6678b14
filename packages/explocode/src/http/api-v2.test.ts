/**
 * ExploCode v2 over HTTP (issue 11): the API carries what the engine says about a query — the
 * honest empty answer of an off-topic or nonsense question, the agreements a word names, the jump
 * target only when the query is unambiguous, theme labels, suggestions that replace the fragment —
 * and the OpenAPI document describes it. On PGlite with a small real ingest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PageOutcome } from '@eig/platform/web';
import { createExplocodeApp, type MinimalApp } from '../test-fixtures/minimal-app.ts';
import { explocodeWeb } from '../web/pages.ts';
import { SearchPage } from '../web/views/SearchPage.tsx';
import { NoticePage, SeverancePage } from '../web/views/CalculatorPages.tsx';
import { SEARCH_MAX_RESULTS } from '../web/paths.ts';

const SUBSET = { articles: 1500, fichesTravail: 30, fichesVdd: 30, contributions: 20, conventions: 2 };

describe('ExploCode v2 API', () => {
  const target = testDatabases()[0]; // PGlite: the fields do not depend on the database
  let db: TestDb;
  let app: MinimalApp;
  const get = async (url: string) => {
    const res = await app.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() };
  };
  const search = (q: string, extra = '') => get(`/api/explocode/search?q=${encodeURIComponent(q)}${extra}`);

  beforeAll(async () => {
    db = await target.open();
    app = await createExplocodeApp({ config: { ...db.config, rateLimitMax: 1_000_000 }, db, runJobs: false });
    await app.runtime.ingestNow({ force: false, subset: SUBSET });
    await app.start();
  });

  afterAll(async () => {
    await app?.close();
    await target.cleanup();
  });

  it.each(['ggggg', 'recette de la tarte aux pommes', 'xkcdqwv zzz'])('answers %s with an honest empty state', async (q) => {
    const { status, body } = await search(q);
    expect(status).toBe(200);
    expect(body).toMatchObject({ results: [], total: 0, outOfScope: true, themes: [], direct: null });
    expect(body.examples.length).toBeGreaterThan(2);
    expect(Array.isArray(body.spellingSuggestions)).toBe(true);
  });

  it('gives real questions results, theme labels and no examples', async () => {
    const { body } = await search('licenciement pour motif économique');
    expect(body.outOfScope).toBe(false);
    expect(body.total).toBeGreaterThan(0);
    expect(body.examples).toEqual([]);
    for (const t of body.themes) expect(typeof t.label).toBe('string');
    // the labels tell apart themes of the same title
    const labels = body.themes.map((t: { label: string }) => t.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it.each(['commerce', 'transport', 'boulangerie'])('lists the agreements %s names, without a jump', async (q) => {
    const { body } = await search(q);
    expect(body.direct).toBeNull();
    expect(body.conventions.length).toBeGreaterThan(0);
    for (const c of body.conventions)
      expect(c).toMatchObject({ idcc: expect.any(String), url: expect.stringMatching(/^\/explocode\/convention\//) });
  });

  it('jumps only when the query is unambiguous: an IDCC, an article number', async () => {
    const idcc = (await search('1486')).body;
    expect(idcc.direct).toMatchObject({ kind: 'convention', target: '1486', url: '/explocode/convention/1486' });
    expect(idcc.route.unambiguous).toBe(true);
    const corpus = await app.runtime.repo.loadCorpus();
    const num = corpus!.articles.find((a) => /^L\d{4}-\d+$/.test(a.num))!.num;
    const art = (await search(num)).body;
    expect(art.direct).toMatchObject({ kind: 'article', target: num });
  });

  it('suggests themes with the query that replaces the typed fragment', async () => {
    const { status, body } = await get('/api/explocode/suggest?q=licenciement%20%C3%A9co');
    expect(status).toBe(200);
    for (const t of body.themes) expect(t.query.length).toBeGreaterThan(0);
  });

  it('lists browse themes, most searched first', async () => {
    const { status, body } = await get('/api/explocode/themes/browse?limit=6');
    expect(status).toBe(200);
    expect(body.length).toBeLessThanOrEqual(6);
    for (const t of body) expect(t).toMatchObject({ id: expect.any(String), title: expect.any(String), count: expect.any(Number) });
  });

  it('documents the new fields in OpenAPI', async () => {
    const doc = (await get('/api/docs/json')).body;
    const schema = doc.paths['/api/explocode/search'].get.responses['200'].content['application/json'].schema;
    for (const f of ['direct', 'conventions', 'outOfScope', 'spellingSuggestions', 'examples'])
      expect(schema.properties, f).toHaveProperty(f);
    expect(schema.properties.themes.items.properties).toHaveProperty('label');
    const suggest = doc.paths['/api/explocode/suggest'].get.responses['200'].content['application/json'].schema;
    expect(suggest.properties.themes.items.properties).toHaveProperty('query');
    expect(doc.paths).toHaveProperty(['/api/explocode/themes/browse']);
  });

  // ---- calculators over HTTP: the fiches' worked examples and the edge cases

  const post = async (url: string, payload: unknown) => {
    const res = await app.app.inject({ method: 'POST', url, payload: payload as object });
    return { status: res.statusCode, body: res.json() };
  };
  const severance = (over: Record<string, unknown>) =>
    post('/api/explocode/calculators/severance', {
      hiredOn: '2015-01-01',
      notifiedOn: '2019-11-01',
      noticeEndsOn: '2019-12-31',
      reason: 'personal',
      monthlySalaries: Array(12).fill(2000),
      ...over,
    });
  const nums = (b: { steps: { articles: { num: string }[] }[] }) => b.steps.flatMap((x) => x.articles.map((a) => a.num));

  it("severance: the ministry fiche's example (2 000 €, 5 years → 2 500 €), each step with its articles", async () => {
    const { status, body } = await severance({});
    expect(status).toBe(200);
    expect(body).toMatchObject({ eligible: true, amount: 2500, seniorityMonths: 60, referenceSalary: 2000 });
    expect(nums(body)).toEqual(expect.arrayContaining(['L1234-9', 'R1234-1', 'R1234-2', 'R1234-4']));
    for (const st of body.steps) for (const a of st.articles) expect(a.url).toBe(`/explocode/article/${a.num}`);
  });

  it('severance: 12 years → 6 333,33 €; exactly 10 years → 5 000 € with no "beyond 10 years" step', async () => {
    expect((await severance({ hiredOn: '2008-01-01' })).body.amount).toBe(6333.33);
    const ten = (await severance({ hiredOn: '2010-01-01' })).body;
    expect(ten.amount).toBe(5000);
    expect(ten.steps.some((x: { id: string }) => x.id === 'amount-beyond-10-years')).toBe(false);
  });

  it('severance: under 8 months nothing is due, and it says why', async () => {
    const { body } = await severance({ hiredOn: '2024-01-01', notifiedOn: '2024-08-15', noticeEndsOn: '2024-09-15' });
    expect(body).toMatchObject({ eligible: false, amount: 0 });
    expect(body.steps[0].detail).toMatch(/8 mois/);
  });

  it('severance: part time (service-public F987 → 6 000 €) and unpaid leave (→ 2 750 €)', async () => {
    const part = (await severance({ hiredOn: '2007-01-01', monthlySalaries: Array(12).fill(1000), partTime: [{ months: 36, ratio: 0.5 }] }))
      .body;
    expect(part.amount).toBe(6000);
    expect(nums(part)).toContain('L3123-5');
    const unpaid = (await severance({ hiredOn: '2014-01-01', absences: [{ kind: 'unpaid-leave', months: 6 }] })).body;
    expect(unpaid.amount).toBe(2750);
    expect(nums(unpaid)).toContain('L1234-11');
  });

  it('severance: inaptitude after a work accident is doubled (L1226-14)', async () => {
    const normal = (await severance({ reason: 'inaptitude', noticeEndsOn: undefined })).body;
    const work = (await severance({ reason: 'work-inaptitude', noticeEndsOn: undefined })).body;
    expect(work.amount).toBeCloseTo(normal.amount * 2, 1); // doubled before rounding to the cent
    expect(nums(work)).toContain('L1226-14');
  });

  it('severance: bad input is a 400 in French, never a 500', async () => {
    const order = await severance({ hiredOn: '2020-01-01', notifiedOn: '2019-01-01' });
    expect(order.status).toBe(400);
    expect(order.body.code).toBe('explocode.calculator_input');
    expect((await severance({ monthlySalaries: [] })).status).toBe(400);
    expect((await severance({ hiredOn: 'hier' })).status).toBe(400);
  });

  it("notice: the legal rule by seniority, and the agreement's own answer, linked", async () => {
    const notice = (over: Record<string, unknown>) =>
      post('/api/explocode/calculators/notice', { kind: 'dismissal', seniorityMonths: 30, ...over });
    expect((await notice({})).body).toMatchObject({ legalMonths: 2 });
    expect((await notice({ seniorityMonths: 12 })).body).toMatchObject({ legalMonths: 1 });
    expect((await notice({ seniorityMonths: 3 })).body).toMatchObject({ legalMonths: null });
    expect((await notice({ misconduct: true })).body).toMatchObject({ legalMonths: 0 });
    const resign = (await notice({ kind: 'resignation', idcc: '1486' })).body;
    expect(resign.legalMonths).toBeNull();
    expect(nums(resign)).toContain('L1237-1');
    expect(resign.agreement).toMatchObject({ idcc: '1486', url: expect.stringMatching(/^\/explocode\/contribution\/.+idcc=1486/) });
    const dismissal = (await notice({ idcc: '1486' })).body;
    expect(dismissal.agreement?.question).toMatch(/licenciement/);
    expect((await notice({ kind: 'retraite' })).status).toBe(400);
  });

  it('documents the calculators in OpenAPI', async () => {
    const doc = (await get('/api/docs/json')).body;
    expect(doc.paths['/api/explocode/calculators/severance'].post.responses).toHaveProperty('200');
    expect(doc.paths['/api/explocode/calculators/notice'].post.responses).toHaveProperty('200');
  });

  // ---- the search page's loader and view (what the browser gets, without the shell)

  const load = async (query: Record<string, string>): Promise<PageOutcome> => {
    const page = explocodeWeb.pages.find((p) => p.path === '/explocode/recherche')!;
    const url = `/explocode/recherche?${new URLSearchParams(query)}`;
    return page.load({ req: { query, cookies: {}, url, protocol: 'http' }, reply: {}, ctx: app.ctx } as never);
  };
  const html = (outcome: PageOutcome) => {
    if (outcome.kind !== 'view') throw new Error(`expected a view, got a redirect to ${outcome.location}`);
    return renderToStaticMarkup(createElement(SearchPage, outcome.props as never));
  };

  it.each(['commerce', 'transport', 'banque', 'pharmacie', 'coiffure', 'sport', 'boulangerie'])(
    'does not jump for %s: results with the matching agreements on top',
    async (q) => {
      // the old form sent direct=1 with every search: it must not jump either
      const outcome = await load({ q, direct: '1' });
      expect(outcome.kind).toBe('view');
      const page = html(outcome);
      const agreements = page.indexOf('conventions-trouvees');
      if (agreements >= 0) expect(agreements).toBeLessThan(page.indexOf('eig-results') >= 0 ? page.indexOf('eig-results') : Infinity);
      expect(page).not.toContain('name="direct"');
    },
  );

  it('jumps for an IDCC and an article number', async () => {
    expect(await load({ q: '1486' })).toMatchObject({ kind: 'redirect', location: '/explocode/convention/1486' });
    const corpus = await app.runtime.repo.loadCorpus();
    const num = corpus!.articles.find((a) => /^L\d{4}-\d+$/.test(a.num))!.num;
    expect(await load({ q: num })).toMatchObject({ kind: 'redirect', location: `/explocode/article/${num}` });
    // asked for the results: no jump
    expect((await load({ q: '1486', direct: '0' })).kind).toBe('view');
  });

  it.each(['ggggg', 'recette de la tarte aux pommes'])('shows the honest empty state for %s', async (q) => {
    const page = html(await load({ q }));
    expect(page).toContain('Aucune réponse trouvée');
    expect(page).toContain('Exemples de questions');
    expect(page).not.toContain('Notions juridiques identifiées');
    expect(page).not.toMatch(/<mark>.<\/mark>/);
  });

  it('shows examples for an empty search', async () => {
    const page = html(await load({ q: '' }));
    expect(page).toContain('Exemples de questions');
  });

  it('never paginates past the last page the engine serves', async () => {
    const outcome = await load({ q: 'travail' });
    const props = (outcome as { props: { response: { total: number } } }).props;
    const page = html(outcome);
    const pages = [...page.matchAll(/page=(\d+)/g)].map((m) => Number(m[1]));
    expect(Math.max(...pages)).toBeLessThanOrEqual(Math.ceil(Math.min(props.response.total, SEARCH_MAX_RESULTS) / 20));
    // a page past the end goes to the last one, not to a 404 or an empty page
    const far = await load({ q: 'travail', page: '400' });
    expect(far.kind).toBe('redirect');
  });

  // ---- the calculators' pages

  const loadPage = async (path: string, query: Record<string, string>): Promise<PageOutcome> => {
    const page = explocodeWeb.pages.find((p) => p.path === path)!;
    return page.load({ req: { query, cookies: {}, url: path, protocol: 'http' }, reply: {}, ctx: app.ctx } as never);
  };

  it('severance page: the form alone, then the result with its steps, articles and a live announcement', async () => {
    const path = '/explocode/outils/indemnite-licenciement';
    const empty = await loadPage(path, {});
    const blank = renderToStaticMarkup(createElement(SeverancePage, (empty as unknown as { props: never }).props));
    expect(blank).toMatch(/<form[^>]*action="\/explocode\/outils\/indemnite-licenciement" method="get"/);
    expect(blank).not.toContain('id="resultat"');
    const done = await loadPage(path, {
      embauche: '2015-01-01',
      notification: '2019-11-01',
      fin_preavis: '2019-12-31',
      motif: 'personnel',
      salaire: '2 000',
      idcc: '1486',
    });
    expect(done).toMatchObject({ kind: 'view', title: expect.stringMatching(/^Résultat : 2\s500,00\s€/) });
    const page = renderToStaticMarkup(createElement(SeverancePage, (done as unknown as { props: never }).props));
    expect(page).toMatch(/Indemnité légale : 2\s500,00\s€/);
    for (const num of ['L1234-9', 'R1234-2', 'R1234-4']) expect(page).toContain(`href="/explocode/article/${num}"`);
    expect(page).toContain('explocode.result-announcer');
    expect(page).toContain('href="/explocode/convention/1486"');
  });

  it('severance page: errors are shown on the form, not as an error page', async () => {
    const path = '/explocode/outils/indemnite-licenciement';
    const bad = await loadPage(path, {
      calculer: '1',
      embauche: '2020-01-01',
      notification: '2019-01-01',
      motif: 'personnel',
      salaire: '2000',
    });
    const page = renderToStaticMarkup(createElement(SeverancePage, (bad as unknown as { props: never }).props));
    expect(page).toContain('Le calcul n’a pas pu être fait');
    const missing = renderToStaticMarkup(
      createElement(SeverancePage, ((await loadPage(path, { calculer: '1' })) as unknown as { props: never }).props),
    );
    expect(missing).toContain('id="embauche-erreur"');
  });

  it("notice page: the legal rule, and the agreement's own answer linked", async () => {
    const done = await loadPage('/explocode/outils/preavis', { rupture: 'licenciement', annees: '3', mois: '0', idcc: '1486' });
    const page = renderToStaticMarkup(createElement(NoticePage, (done as unknown as { props: never }).props));
    expect(page).toContain('Préavis légal : 2 mois');
    expect(page).toContain('href="/explocode/article/L1234-1"');
    expect(page).toMatch(/href="\/explocode\/contribution\/[^"]+idcc=1486"/);
  });

  it("home: browse by theme offers the labour-law themes ordered by demand (browseThemes), not the Code's parts", async () => {
    const home = explocodeWeb.pages.find((p) => p.path === '/explocode')!;
    const outcome = await home.load({
      req: { query: {}, cookies: {}, url: '/explocode', protocol: 'http' },
      reply: {},
      ctx: app.ctx,
    } as never);
    const themes = (outcome as unknown as { props: { themes: { id: string; title: string }[] } }).props.themes;
    expect(themes).toEqual((await get('/api/explocode/themes/browse?limit=12')).body);
    for (const t of themes) expect(t.title).not.toMatch(/^Partie (législative|réglementaire)/);
  });
});
