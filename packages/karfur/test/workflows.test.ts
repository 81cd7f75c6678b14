/**
 * The contributors' workflows over HTTP, with real accounts: translation per section (draft, submit,
 * expert validation, four eyes), the French changing (translations flagged "to review" with the diff),
 * moderation (structure, then admin), permissions, and the second factor required for admins, experts
 * and structure managers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '@eig/platform/testing';
import { karfurFor } from '../src/index.ts';
import { startHarness, type Client, type Harness } from './harness.ts';

describe.each(testDatabases())('Karfu’R workflows on $name', (target) => {
  let h: Harness;
  let admin: Client;
  let translator: Client;
  let expert: Client;
  let contributor: Client;
  let manager: Client;
  let outsider: Client;

  const member = (email: string, kind: 'structure' | 'language', value: string) =>
    admin.post('/api/karfur/admin/members', { email, kind, value, present: true });

  beforeAll(async () => {
    h = await startHarness(await target.open());
    admin = await h.login('admin@exemple.gouv.fr', ['karfur.admin']);
    translator = await h.login('trad@exemple.gouv.fr', ['karfur.translator']);
    expert = await h.login('expert@exemple.gouv.fr', ['karfur.expert']);
    contributor = await h.login('contrib@exemple.gouv.fr', ['karfur.contributor']);
    manager = await h.login('resp@exemple.gouv.fr', ['karfur.structure-manager']);
    outsider = await h.login('autre@exemple.gouv.fr', ['karfur.contributor']);
    for (const [email, kind, value] of [
      ['trad@exemple.gouv.fr', 'language', 'ar'],
      ['expert@exemple.gouv.fr', 'language', 'ar'],
      ['contrib@exemple.gouv.fr', 'structure', 'parole-partagee-montreuil'],
      ['resp@exemple.gouv.fr', 'structure', 'parole-partagee-montreuil'],
      ['autre@exemple.gouv.fr', 'structure', 'caf'],
    ] as const) {
      expect((await member(email, kind, value)).statusCode).toBe(204);
    }
  }, 240_000);
  afterAll(async () => {
    await h?.close();
    await target.cleanup();
  });

  const unitUrl = (fiche: string, lang: string, unit: string) => `/api/karfur/translations/${fiche}/${lang}/${unit}`;

  it('requires the second factor for experts, structure managers and admins', async () => {
    const c = await h.login('expert2@exemple.gouv.fr', ['karfur.expert'], { enrolTotp: false });
    const res = await c.get('/api/karfur/translations/progress');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('totp_enrolment_required');
    // A translator (no TOTP required) gets in; nobody gets in without a session.
    expect((await translator.get('/api/karfur/translations/progress')).statusCode).toBe(200);
    expect((await h.client().get('/api/karfur/translations/progress')).statusCode).toBe(401);
    // The suite's admin without a second factor is not a Karfu'R admin.
    const suiteAdmin = await h.login('suite-admin@exemple.gouv.fr', ['admin']);
    const jobs = await suiteAdmin.get('/api/karfur/admin/jobs');
    expect(jobs.statusCode).toBe(403);
  });

  it('drafts, submits and validates a section; the translator cannot validate; the French fallback disappears', async () => {
    const before = (await h.client().get('/api/karfur/fiches/dossier-ofpra?lang=ar')).json();
    expect(before.sections[0]).toMatchObject({ key: 'what', lang: 'fr', translated: false });

    const editor = (await translator.get('/api/karfur/translations/dossier-ofpra/ar')).json();
    const what = editor.units.find((u: { unit: string }) => u.unit === 'what');
    expect(what.status).toBe('to_translate');
    expect(what.actions).toContain('save_draft');
    // Translation memory: suggestions come from validated segments (may be empty for a new text).
    expect(Array.isArray(what.memory)).toBe(true);

    const value = (what.source as unknown[]).map((b) =>
      typeof b === 'string'
        ? 'فقرة مترجمة.'
        : 'list' in (b as object)
          ? { list: (b as { list: string[] }).list.map(() => 'عنصر') }
          : { steps: (b as { steps: string[] }).steps.map(() => 'خطوة') },
    );
    const draft = await translator.post(unitUrl('dossier-ofpra', 'ar', 'what'), { action: 'save_draft', value });
    expect(draft.statusCode).toBe(200);
    expect(draft.json().status).toBe('draft');
    // Drafts are never shown to readers.
    expect((await h.client().get('/api/karfur/fiches/dossier-ofpra?lang=ar')).json().sections[0].lang).toBe('fr');
    expect((await translator.post(unitUrl('dossier-ofpra', 'ar', 'what'), { action: 'submit' })).json().status).toBe('to_validate');
    const self = await translator.post(unitUrl('dossier-ofpra', 'ar', 'what'), { action: 'validate' });
    expect(self.statusCode).toBe(403);
    // An expert of another language cannot either.
    expect((await expert.post(unitUrl('dossier-ofpra', 'fa', 'what'), { action: 'validate' })).statusCode).toBe(409);
    const ok = await expert.post(unitUrl('dossier-ofpra', 'ar', 'what'), { action: 'validate' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('validated');
    const after = (await h.client().get('/api/karfur/fiches/dossier-ofpra?lang=ar')).json();
    expect(after.sections[0]).toMatchObject({ key: 'what', lang: 'ar', translated: true });

    const progress = (await translator.get('/api/karfur/translations/progress')).json();
    expect(progress.translators.find((t: { translator: string }) => t.translator === translator.userId).words.ar).toBeGreaterThan(0);

    // Bad input: a translation of the wrong shape, an unknown unit, an empty text.
    expect((await translator.post(unitUrl('dossier-ofpra', 'ar', 'title'), { action: 'save_draft', value: ['a'] })).statusCode).toBe(400);
    expect((await translator.post(unitUrl('dossier-ofpra', 'ar', 'nope'), { action: 'submit' })).statusCode).toBe(400);
    expect((await translator.post(unitUrl('dossier-ofpra', 'ar', 'title'), { action: 'save_draft', value: '   ' })).statusCode).toBe(400);
    expect((await expert.post(unitUrl('dossier-ofpra', 'ar', 'summary'), { action: 'reject', comment: '' })).statusCode).toBe(409);
  });

  it('moderates an edit through the structure then an admin; the published version stays until then', async () => {
    const id = 'cours-francais-associatifs';
    const view = (await contributor.get(`/api/karfur/moderation/${id}`)).json();
    expect(view.actions).toContain('edit');
    const published = view.published;
    const edited = {
      ...published,
      sections: published.sections.map((s: { key: string; body: unknown[] }) =>
        s.key === 'what' ? { ...s, body: ['Des cours de français gratuits, le dimanche matin, pour les adultes.', ...s.body.slice(1)] } : s,
      ),
    };

    // Another structure's contributor may not touch it; a translator neither.
    expect((await outsider.put(`/api/karfur/moderation/${id}/draft`, { fiche: edited })).statusCode).toBe(403);
    expect((await translator.put(`/api/karfur/moderation/${id}/draft`, { fiche: edited })).statusCode).toBe(403);
    // Hostile content is refused by the schema (no markup, https links only).
    const hostile = { ...edited, summary: 'Cliquez <script>alert(1)</script> ici, c’est gratuit.' };
    const refused = await contributor.put(`/api/karfur/moderation/${id}/draft`, { fiche: hostile });
    expect(refused.statusCode).toBe(400);

    const saved = await contributor.put(`/api/karfur/moderation/${id}/draft`, { fiche: edited });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().draft.status).toBe('draft');
    // Readers still see the published version.
    expect(JSON.stringify((await h.client().get(`/api/karfur/fiches/${id}?lang=fr`)).json().sections[0].blocks)).not.toContain(
      'dimanche matin',
    );

    expect((await contributor.post(`/api/karfur/moderation/${id}`, { action: 'submit' })).json().draft.status).toBe('pending_structure');
    expect((await contributor.post(`/api/karfur/moderation/${id}`, { action: 'structure_approve' })).statusCode).toBe(403);
    expect((await manager.post(`/api/karfur/moderation/${id}`, { action: 'publish' })).statusCode).toBe(409);
    expect((await manager.post(`/api/karfur/moderation/${id}`, { action: 'structure_approve' })).json().draft.status).toBe('pending_admin');
    expect((await manager.post(`/api/karfur/moderation/${id}`, { action: 'publish' })).statusCode).toBe(403);
    const queue = (await admin.get('/api/karfur/moderation')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(id);
    const pub = await admin.post(`/api/karfur/moderation/${id}`, { action: 'publish' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().draft).toBeNull();
    expect(JSON.stringify((await h.client().get(`/api/karfur/fiches/${id}?lang=fr`)).json().sections[0].blocks)).toContain(
      'dimanche matin',
    );

    // The Arabic translation of the changed section is flagged "to review", with the diff of the French.
    const ed = (await expert.get(`/api/karfur/translations/${id}/ar`)).json();
    const what = ed.units.find((u: { unit: string }) => u.unit === 'what');
    expect(what.status).toBe('to_review');
    expect(what.diff.some((d: { kind: string; text: string }) => d.kind === 'added' && d.text.includes('dimanche'))).toBe(true);
    expect(ed.units.find((u: { unit: string }) => u.unit === 'why').status).toBe('validated');
    // Still shown to readers, with the "to review" notice.
    expect((await h.client().get(`/api/karfur/fiches/${id}?lang=ar`)).json().sections[0]).toMatchObject({ lang: 'ar', outdated: true });
    // The expert confirms it still holds.
    expect((await expert.post(unitUrl(id, 'ar', 'what'), { action: 'confirm_review' })).json().status).toBe('validated');

    const audit = (await admin.get(`/api/karfur/audit?fiche=${id}`)).json();
    const actions = audit.entries.map((e: { action: string }) => e.action);
    for (const a of [
      'draft_saved',
      'moderation_submit',
      'moderation_structure_approve',
      'moderation_publish',
      'translation_flagged',
      'translation_confirm_review',
    ])
      expect(actions).toContain(a);
  });

  it('rejects with a reason and lets the author fix the draft; a caregiver proposes a fiche without structure', async () => {
    const id = 'cours-francais-associatifs';
    const current = (await contributor.get(`/api/karfur/moderation/${id}`)).json().published;
    await contributor.put(`/api/karfur/moderation/${id}/draft`, { fiche: { ...current, summary: 'Un résumé trop court mais valide.' } });
    await contributor.post(`/api/karfur/moderation/${id}`, { action: 'submit' });
    expect((await manager.post(`/api/karfur/moderation/${id}`, { action: 'structure_reject' })).statusCode).toBe(400);
    const rejected = (
      await manager.post(`/api/karfur/moderation/${id}`, { action: 'structure_reject', comment: 'Précisez les horaires.' })
    ).json();
    expect(rejected.draft).toMatchObject({ status: 'rejected', comment: 'Précisez les horaires.' });
    expect((await contributor.get(`/api/karfur/moderation/${id}`)).json().actions).toContain('edit');

    const caregiver = await h.login('aidant@exemple.gouv.fr', ['karfur.caregiver']);
    const fiche = {
      ...current,
      id: 'permanence-aidants-test',
      title: 'Permanence des aidants',
      sponsor: { structure: null, name: 'Collectif d’aidants' },
    };
    const created = await caregiver.post('/api/karfur/moderation', { fiche });
    expect(created.statusCode).toBe(201);
    expect((await caregiver.post('/api/karfur/moderation/permanence-aidants-test', { action: 'submit' })).json().draft.status).toBe(
      'pending_admin',
    );
    expect((await h.client().get('/api/karfur/fiches/permanence-aidants-test?lang=fr')).statusCode).toBe(404);
    expect((await admin.post('/api/karfur/moderation/permanence-aidants-test', { action: 'publish' })).statusCode).toBe(200);
    await karfurFor(h.ctx).runtime.reload();
    expect((await h.client().get('/api/karfur/fiches/permanence-aidants-test?lang=fr')).statusCode).toBe(200);
    expect((await caregiver.post('/api/karfur/moderation', { fiche })).statusCode).toBe(409);
  });

  it('lists fiches due for review per structure', async () => {
    const res = (await admin.get('/api/karfur/freshness')).json();
    expect(res.structures.length).toBeGreaterThan(0);
    for (const s of res.structures) for (const f of s.fiches) expect(f.freshness.dueForReview).toBe(true);
    const mine = (await manager.get('/api/karfur/freshness')).json();
    for (const s of mine.structures) expect(s.id).toBe('parole-partagee-montreuil');
  });
});
