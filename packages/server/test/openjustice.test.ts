/**
 * Open Justice in the assembled suite, on PGlite and PostgreSQL: the public API with bad input, Label's
 * NER shape, imports (each format, a broken file), annotation through the job queue (engine threads),
 * the review workflow and its permissions, the audit trail, and the open-data export (cursor paging,
 * update_date filters, ids that resolve on /decision, search).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import FormData from 'form-data';
import { testDatabases, type TestDb } from '@eig/platform/testing';
import { createApp, type App } from '../src/app.ts';
import { ADMIN, AGENT, AGENT2, DECISION, createAccounts, login, waitAnnotated } from './openjustice-helpers.ts';

const JSON_HEADERS = { 'content-type': 'application/json', origin: 'http://localhost:80' };

describe.each(testDatabases())('Open Justice on $name', (target) => {
  let db: TestDb;
  let suite: App;
  let agent: string;
  let agent2: string;
  let admin: string;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, body?: unknown) =>
    suite.app.inject({
      method,
      url,
      headers: { ...JSON_HEADERS, ...(cookie ? { cookie } : {}) },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const upload = (cookie: string, files: [name: string, content: string | Buffer, type: string][]) => {
    const f = new FormData();
    for (const [filename, content, contentType] of files) f.append('files', content, { filename, contentType });
    return suite.app.inject({
      method: 'POST',
      url: '/api/openjustice/imports',
      payload: f.getBuffer(),
      headers: { ...f.getHeaders(), cookie, origin: 'http://localhost:80' },
    });
  };

  beforeAll(async () => {
    db = await target.open();
    suite = await createApp({ config: { ...db.config, rateLimitMax: 1_000_000 }, db });
    await createAccounts(db);
    agent = await login(suite.app, AGENT);
    agent2 = await login(suite.app, AGENT2);
    admin = await login(suite.app, ADMIN);
  }, 60_000);

  afterAll(async () => {
    await suite?.close();
    await target.cleanup();
  });

  describe('POST /pseudonymize (public)', () => {
    it('masks persons with UTF-16 offsets, keeps professionals, gives the checklist and the risk', async () => {
      const text = `😀 ${DECISION}`;
      const res = await call('POST', '/api/openjustice/pseudonymize', undefined, { text });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Object.keys(body).sort()).toEqual(['checklist', 'entities', 'pseudonymized', 'risk']);
      expect(body.risk).toMatchObject({ score: expect.any(Number), reasons: expect.any(Array) });
      for (const e of body.entities) {
        expect(Object.keys(e).sort()).toEqual(['category', 'end', 'entityId', 'replacement', 'score', 'start', 'text']);
        expect(text.slice(e.start, e.end)).toBe(e.text);
      }
      const durand = body.entities.filter((e: { text: string }) => /^durand$/i.test(e.text));
      expect(durand.length).toBeGreaterThanOrEqual(3);
      expect(new Set(durand.map((e: { replacement: string }) => e.replacement)).size).toBe(1);
      const kept = body.entities.filter((e: { category: string }) => e.category.startsWith('professionnel'));
      expect(kept.every((e: { replacement: null }) => e.replacement === null)).toBe(true);
      expect(body.pseudonymized).not.toMatch(/DURAND|Durand/);
      expect(body.pseudonymized).toContain('Leroy');
    });

    it('answers bad input with a clear 4xx, never a 500', async () => {
      const cases: [string, unknown, string | undefined, number][] = [
        ['empty', { text: '' }, undefined, 400],
        ['blank', { text: '   \n ' }, undefined, 400],
        ['not a string', { text: 42 }, undefined, 400],
        ['no text', {}, undefined, 400],
        ['binary', { text: '\u0000\u0001\u0002PNG\u0000' }, undefined, 400],
        ['malformed JSON', '{"text": "abc', undefined, 400],
        ['5 MB', { text: 'Mme Dupont habite à Lyon. '.repeat(200_000) }, undefined, 413],
        ['1.2 M characters', { text: 'x'.repeat(1_200_000) }, undefined, 413],
      ];
      for (const [label, body] of cases) {
        const res = await call('POST', '/api/openjustice/pseudonymize', undefined, body);
        expect(res.statusCode, label).toBe(cases.find((c) => c[0] === label)![3]);
        expect(res.json().message, label).toEqual(expect.any(String));
      }
      const plain = await suite.app.inject({
        method: 'POST',
        url: '/api/openjustice/pseudonymize',
        headers: { 'content-type': 'text/plain' },
        payload: 'M. Dupont',
      });
      expect(plain.statusCode).toBeGreaterThanOrEqual(400);
      expect(plain.statusCode).toBeLessThan(500);
    });

    it('handles HTML-laden and mis-encoded text: offsets still those of the input', async () => {
      const html = '<p>Monsieur <b>Jean DUPONT</b>, né le 1er janvier 1970, demeurant 3 rue de la Paix à Lyon &amp; ailleurs.</p>';
      const res = await call('POST', '/api/openjustice/pseudonymize', undefined, { text: html });
      expect(res.statusCode).toBe(200);
      for (const e of res.json().entities) expect(html.slice(e.start, e.end)).toBe(e.text);
      expect(res.json().pseudonymized).not.toContain('DUPONT');
      // Latin-1 bytes sent as UTF-8: the parser replaces them; the answer is a result or a 400, never a 500.
      const raw = Buffer.concat([
        Buffer.from('{"text":"M. Andr'),
        Buffer.from([0xe9]),
        Buffer.from(' DUPONT, n'),
        Buffer.from([0xe9]),
        Buffer.from(' le 2 mai 1990"}'),
      ]);
      const mis = await suite.app.inject({
        method: 'POST',
        url: '/api/openjustice/pseudonymize',
        headers: { 'content-type': 'application/json' },
        payload: raw,
      });
      expect([200, 400]).toContain(mis.statusCode);
      const mojibake = await call('POST', '/api/openjustice/pseudonymize', undefined, {
        text: 'M. AndrÃ© DUPONT, nÃ© le 2 mai 1990, demeurant Ã  Lyon.',
      });
      expect(mojibake.statusCode).toBe(200);
    });
  });

  describe('POST /ner (Label)', () => {
    it('answers Label’s nlpResponseType, limited to the categories asked, with the additional terms', async () => {
      const res = await call('POST', '/api/openjustice/ner', undefined, {
        idLabel: 'l-1',
        idDecision: 'd-1',
        sourceId: 123,
        sourceName: 'jurinet',
        text: DECISION,
        parties: [{ prenom: 'Sophie', nom: 'MARTIN' }],
        categories: ['personnePhysique', 'professionnelMagistratGreffier'],
        additionalTerms: 'Nordis',
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        entities: expect.any(Array),
        checklist: expect.any(Array),
        versions: { juritools: { version: expect.any(String) }, model: { name: expect.any(String) } },
      });
      for (const e of body.entities) {
        expect(Object.keys(e).sort()).toEqual(['category', 'end', 'entityId', 'score', 'source', 'start', 'text']);
        expect(['personnePhysiquePrenom', 'personnePhysiqueNom', 'professionnelMagistratGreffier']).toContain(e.category);
        expect(DECISION.slice(e.start, e.end)).toBe(e.text);
      }
      expect(body.entities.some((e: { text: string }) => e.text === 'Leroy')).toBe(true);
      expect((await call('POST', '/api/openjustice/ner', undefined, { idLabel: 'x' })).statusCode).toBe(400);
    });
  });

  describe('imports and the review workflow', () => {
    let ids: number[] = [];

    it('refuses imports without the role, then imports each format; a broken file loses only itself', async () => {
      expect((await call('POST', '/api/openjustice/decisions', undefined, { text: DECISION })).statusCode).toBe(401);
      const jsonl = [
        JSON.stringify({ id: 'jl-1', text: DECISION.replace(/DURAND|Durand/g, 'LEFEBVRE'), number: '23-11.111' }),
        '{"id": "jl-2", "text": ',
        JSON.stringify({ id: 'jl-3', html: `<p>${DECISION.replace(/DURAND|Durand/g, 'GARNIER').replace(/\n/g, '</p><p>')}</p>` }),
      ].join('\n');
      const res = await upload(agent, [
        ['decision-a.txt', DECISION, 'text/plain'],
        [
          'decision-b.html',
          `<html><body><h1>COUR DE CASSATION</h1><p>${DECISION.replace(/DURAND|Durand/g, 'MOREAU').replace(/\n/g, '<br>')}</p></body></html>`,
          'text/html',
        ],
        [
          'lot.json',
          JSON.stringify({ decisions: [{ id: 'j-1', text: DECISION.replace(/DURAND|Durand/g, 'PETIT') }, { id: 'j-2' }] }),
          'application/json',
        ],
        ['lot.jsonl', jsonl, 'application/x-ndjson'],
      ]);
      expect(res.statusCode, res.body).toBe(202);
      const out = res.json();
      expect(out.decisions, res.body).toBe(5);
      expect(out.problems.map((p: { origin: string }) => p.origin).sort()).toEqual(['lot.json [1]', 'lot.jsonl:2']);
      const broken = await upload(agent, [['vide.json', '{"decisions": [', 'application/json']]);
      expect(broken.statusCode).toBe(400);
      const dup = await upload(agent, [['decision-a.txt', DECISION, 'text/plain']]);
      expect(dup.statusCode).toBe(202);
      expect(dup.json()).toMatchObject({ decisions: 0, duplicates: 1 });
      const one = await call('POST', '/api/openjustice/decisions', agent, {
        text: DECISION.replace(/DURAND|Durand/g, 'ROUSSEAU'),
        sourceId: 'api-1',
        number: '24-99.999',
      });
      expect(one.statusCode).toBe(202);
      await waitAnnotated(db);
      const list = await call('GET', '/api/openjustice/decisions?page_size=100', agent);
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBe(6);
      ids = list.json().items.map((d: { id: number }) => d.id);
      expect(list.json().items.every((d: { status: string }) => d.status === 'free')).toBe(true);
      const progress = await call('GET', `/api/openjustice/imports/${out.importId}`, agent);
      expect(progress.json()).toMatchObject({ decisions: 5, annotated: 5 });
    }, 120_000);

    it('finds decisions by appeal number, in any spelling, and pages the list', async () => {
      const r = await call('GET', '/api/openjustice/decisions?q=2499999', agent);
      expect(r.json().items.map((d: { number: string }) => d.number)).toEqual(['24-99.999']);
      const page2 = await call('GET', '/api/openjustice/decisions?page=2&page_size=4', agent);
      expect(page2.json()).toMatchObject({ total: 6, page: 2 });
      expect(page2.json().items).toHaveLength(2);
      expect((await call('GET', '/api/openjustice/decisions?page_size=1000', agent)).statusCode).toBe(400);
    });

    it('runs claim → save → validate with permissions checked at each step, and keeps an audit trail', async () => {
      const id = ids[0];
      expect((await call('GET', `/api/openjustice/decisions/${id}`)).statusCode).toBe(401);
      const detail = (await call('GET', `/api/openjustice/decisions/${id}`, agent)).json();
      expect(detail.actions).toContain('claim');
      expect(detail.canEdit).toBe(false);
      // not claimed yet: no edit
      expect(
        (await call('PUT', `/api/openjustice/decisions/${id}/annotations`, agent, { annotations: detail.annotations })).statusCode,
      ).toBe(409);
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/claim`, agent, {})).json()).toMatchObject({ status: 'pending' });
      // someone else's decision now
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/validate`, agent2, {})).statusCode).toBe(403);
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/lock`, agent, {})).statusCode).toBe(403);
      const mine = (await call('GET', `/api/openjustice/decisions/${id}`, agent)).json();
      expect(mine.canEdit).toBe(true);
      // remove one span, add one across a line break, with a stale version first
      const text: string = mine.text;
      const nordis = text.indexOf('Nordis');
      const edited = [
        ...mine.annotations.slice(1).filter((a: { start: number; end: number }) => !(a.start < nordis + 6 && nordis < a.end)),
        { start: nordis, end: nordis + 6, category: 'personneMorale', entityId: 'personneMorale_99' },
      ];
      expect(
        (
          await call('PUT', `/api/openjustice/decisions/${id}/annotations`, agent, {
            version: mine.decision.version - 1,
            annotations: edited,
          })
        ).statusCode,
      ).toBe(409);
      const bad = await call('PUT', `/api/openjustice/decisions/${id}/annotations`, agent, {
        annotations: [{ start: 5, end: 999_999, category: 'adresse', entityId: 'x' }],
      });
      expect(bad.statusCode).toBe(400);
      const saved = await call('PUT', `/api/openjustice/decisions/${id}/annotations`, agent, {
        version: mine.decision.version,
        annotations: edited,
        timeSpentMs: 4000,
      });
      expect(saved.statusCode, saved.body).toBe(200);
      expect(saved.json().status).toBe('saved');
      const route = mine.decision.reviewRoute;
      const validated = await call('POST', `/api/openjustice/decisions/${id}/actions/validate`, agent, { timeSpentMs: 1000 });
      expect(validated.json().status).toBe(route === 'double' ? 'toBeConfirmed' : 'done');
      if (route === 'double') {
        expect((await call('POST', `/api/openjustice/decisions/${id}/actions/confirm`, agent, {})).statusCode).toBe(403);
        expect((await call('POST', `/api/openjustice/decisions/${id}/actions/confirm`, agent2, {})).json().status).toBe('done');
      }
      const history = (await call('GET', `/api/openjustice/decisions/${id}/history`, admin)).json();
      const actions = history.entries.map((e: { action: string }) => e.action).reverse();
      expect(actions.slice(0, 5)).toEqual(['import', 'annotate', 'release', 'claim', 'annotations']);
      expect(actions).toContain('validate');
      const edit = history.entries.find((e: { action: string }) => e.action === 'annotations');
      expect(edit.actor).toBe(AGENT.email);
      expect(edit.after).toEqual(expect.arrayContaining([expect.objectContaining({ start: nordis, category: 'personneMorale' })]));
      expect(JSON.stringify(history)).not.toContain('Nordis'); // offsets, never words of the decision
      expect((await call('GET', `/api/openjustice/decisions/${id}/history`, agent)).statusCode).toBe(403);
    });

    it('forces the double review by the admin’s threshold, refuses the first reviewer as second, and locks for admins only', async () => {
      const id = ids[1];
      await db.query(`UPDATE openjustice_decisions SET review_route = 'double' WHERE id = $1`, [id]);
      await call('POST', `/api/openjustice/decisions/${id}/actions/claim`, agent, {});
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/validate`, agent, {})).json().status).toBe('toBeConfirmed');
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/confirm`, agent, {})).statusCode).toBe(403);
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/reject`, agent2, {})).json()).toMatchObject({
        status: 'pending',
      });
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/validate`, agent, {})).json().status).toBe('toBeConfirmed');
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/confirm`, agent2, {})).json().status).toBe('done');
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/lock`, agent, {})).statusCode).toBe(403);
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/lock`, admin, {})).json().status).toBe('locked');
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/claim`, agent, {})).statusCode).toBe(409);
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/unlock`, admin, {})).json().status).toBe('done');
    });

    it('pre-assigns (admins only): another agent cannot claim it', async () => {
      const id = ids[2];
      const agentId = (await db.query<{ id: number }>('SELECT id FROM platform_users WHERE email = $1', [AGENT2.email])).rows[0].id;
      expect((await call('POST', `/api/openjustice/decisions/${id}/assign`, agent, { assignee: agentId })).statusCode).toBe(403);
      expect((await call('POST', `/api/openjustice/decisions/${id}/assign`, admin, { assignee: agentId })).json().assignee).toBe(agentId);
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/claim`, agent, {})).statusCode).toBe(403);
      expect((await call('GET', '/api/openjustice/decisions?assignee=me', agent2)).json().items.map((d: { id: number }) => d.id)).toContain(
        id,
      );
      expect((await call('POST', `/api/openjustice/decisions/${id}/actions/claim`, agent2, {})).json().status).toBe('pending');
      const stats = (await call('GET', '/api/openjustice/stats', admin)).json();
      expect(stats.counts.done).toBe(2);
      expect(stats.agents.find((a: { email: string }) => a.email === AGENT.email).validated).toBeGreaterThanOrEqual(2);
    });

    it('exports done decisions by update date with a stable cursor; ids resolve on /decision; search finds them', async () => {
      // publish the rest
      for (const id of ids.slice(3)) {
        await call('POST', `/api/openjustice/decisions/${id}/actions/claim`, agent, {});
        await db.query(`UPDATE openjustice_decisions SET review_route = 'simple' WHERE id = $1`, [id]);
        expect((await call('POST', `/api/openjustice/decisions/${id}/actions/validate`, agent, {})).json().status).toBe('done');
      }
      expect((await call('GET', '/api/openjustice/export')).statusCode).toBe(401);
      const seen: { id: string; update_date: string; text: string; zones: Record<string, { start: number; end: number }[]> }[] = [];
      let url: string | null = '/api/openjustice/export?batch_size=2';
      while (url) {
        const res = await call('GET', url, agent);
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json();
        expect(page.total).toBe(5);
        seen.push(...page.results);
        url = page.next_batch;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen.map((d) => d.id)).size).toBe(5);
      const dates = seen.map((d) => d.update_date);
      expect([...dates].sort()).toEqual(dates);
      for (const d of seen) {
        expect(d.text).not.toMatch(/DURAND|LEFEBVRE|GARNIER|MOREAU|PETIT|ROUSSEAU/);
        for (const spans of Object.values(d.zones)) for (const z of spans) expect(z.end).toBeLessThanOrEqual(d.text.length);
        const one = await call('GET', `/api/openjustice/decision?id=${d.id}`, agent);
        expect(one.json()).toMatchObject({ id: d.id, update_date: d.update_date });
      }
      // incremental: from the third update_date on
      const since = (await call('GET', `/api/openjustice/export?date_start=${encodeURIComponent(dates[2])}`, agent)).json();
      expect(since.results.map((d: { id: string }) => d.id)).toEqual(seen.slice(2).map((d) => d.id));
      // a re-publication moves a decision to the end, with a later update_date
      const first = ids[0];
      await call('POST', `/api/openjustice/decisions/${first}/actions/reopen`, admin, {});
      await call('POST', `/api/openjustice/decisions/${first}/actions/validate`, admin, {});
      const after = (await call('GET', `/api/openjustice/export?date_start=${encodeURIComponent(dates[4])}`, agent)).json();
      expect(after.results.at(-1).update_date > dates[4]).toBe(true);
      for (const bad of ['?cursor=nope', '?date_start=hier', '?batch_size=0', '?batch_size=5000', '?date_type=autre']) {
        const res = await call('GET', `/api/openjustice/export${bad}`, agent);
        expect(res.statusCode, bad).toBe(400);
      }
      expect((await call('GET', '/api/openjustice/decision?id=000000000000000000000000', agent)).statusCode).toBe(404);
      const found = (await call('GET', '/api/openjustice/search?query=licenciement', agent)).json();
      expect(found.total).toBe(5);
      expect(found.results[0].highlight).toContain('<mark>');
    });
  });
});
