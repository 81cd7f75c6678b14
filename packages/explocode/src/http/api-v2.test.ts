/**
 * ExploCode v2 over HTTP (issue 11): the API carries what the engine says about a query — the
 * honest empty answer of an off-topic or nonsense question, the agreements a word names, the jump
 * target only when the query is unambiguous, theme labels, suggestions that replace the fragment —
 * and the OpenAPI document describes it. On PGlite with a small real ingest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { createExplocodeApp, type MinimalApp } from '../test-fixtures/minimal-app.ts';

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
});
