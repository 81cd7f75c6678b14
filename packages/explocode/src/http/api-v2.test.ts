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
import { SEARCH_MAX_RESULTS } from '../web/paths.ts';

const SUBSET = { articles: 1500, fichesTravail: 30, fichesVdd: 30, contributions: 12, conventions: 2 };

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
    for (const c of body.conventions) expect(c).toMatchObject({ idcc: expect.any(String), url: expect.stringMatching(/^\/explocode\/convention\//) });
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
    for (const f of ['direct', 'conventions', 'outOfScope', 'spellingSuggestions', 'examples']) expect(schema.properties, f).toHaveProperty(f);
    expect(schema.properties.themes.items.properties).toHaveProperty('label');
    const suggest = doc.paths['/api/explocode/suggest'].get.responses['200'].content['application/json'].schema;
    expect(suggest.properties.themes.items.properties).toHaveProperty('query');
    expect(doc.paths).toHaveProperty(['/api/explocode/themes/browse']);
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
});
