import { describe, expect, it } from 'vitest';
import {
  ModerationError,
  allowedModerationActions,
  applyModeration,
  moderationLabel,
  publicVersion,
  type ModerationState,
} from './moderation.ts';
import type { Actor } from './roles.ts';

const contributor: Actor = { id: 'c1', roles: ['karfur.contributor'], structures: ['asso-a'] };
const outsider: Actor = { id: 'c2', roles: ['karfur.contributor'], structures: ['asso-b'] };
const manager: Actor = { id: 'm1', roles: ['karfur.structure-manager'], structures: ['asso-a'] };
const otherManager: Actor = { id: 'm2', roles: ['karfur.structure-manager'], structures: ['asso-b'] };
const admin: Actor = { id: 'a1', roles: ['admin'] };
const caregiver: Actor = { id: 'g1', roles: ['karfur.caregiver'] };
const translator: Actor = { id: 't1', roles: ['karfur.translator'], languages: ['ar'] };

const fresh = (structure: string | null = 'asso-a'): ModerationState<string> => ({
  structure,
  published: null,
  draft: null,
  withdrawn: false,
});

describe('moderation', () => {
  it('goes structure -> structure manager -> admin -> published', () => {
    let s = applyModeration(fresh(), { action: 'edit', version: 'v1' }, contributor);
    s = applyModeration(s, { action: 'submit' }, contributor);
    expect(s.draft?.status).toBe('pending_structure');
    expect(() => applyModeration(s, { action: 'publish' }, admin)).toThrow(ModerationError);
    expect(() => applyModeration(s, { action: 'structure_approve' }, otherManager)).toThrow(/droit/);
    s = applyModeration(s, { action: 'structure_approve' }, manager);
    expect(s.draft?.status).toBe('pending_admin');
    expect(() => applyModeration(s, { action: 'publish' }, manager)).toThrow(/droit/);
    s = applyModeration(s, { action: 'publish' }, admin);
    expect(publicVersion(s)).toBe('v1');
    expect(s.draft).toBeNull();
  });

  it('keeps the published version while a draft is moderated', () => {
    let s: ModerationState<string> = { ...fresh(), published: 'v1' };
    s = applyModeration(s, { action: 'edit', version: 'v2' }, contributor);
    s = applyModeration(s, { action: 'submit' }, contributor);
    expect(publicVersion(s)).toBe('v1');
    expect(moderationLabel(s)).toBe('Publiée, en attente de validation par la structure');
    s = applyModeration(s, { action: 'structure_approve' }, manager);
    s = applyModeration(s, { action: 'admin_reject', comment: 'Les horaires manquent.' }, admin);
    expect(s.draft).toMatchObject({ status: 'rejected', comment: 'Les horaires manquent.' });
    expect(publicVersion(s)).toBe('v1');
    s = applyModeration(s, { action: 'edit', version: 'v3' }, contributor);
    expect(s.draft).toMatchObject({ status: 'draft', version: 'v3', author: 'c1' });
  });

  it('refuses rejects without a reason, and people outside the structure', () => {
    let s = applyModeration(fresh(), { action: 'edit', version: 'v1' }, contributor);
    s = applyModeration(s, { action: 'submit' }, contributor);
    expect(() => applyModeration(s, { action: 'structure_reject', comment: ' ' }, manager)).toThrow(/raison/);
    expect(() => applyModeration(fresh(), { action: 'edit', version: 'x' }, outsider)).toThrow(/droit/);
    expect(() => applyModeration(fresh(), { action: 'edit', version: 'x' }, translator)).toThrow(/droit/);
  });

  it('sends a caregiver proposal without structure straight to the admins', () => {
    let s = applyModeration(fresh(null), { action: 'edit', version: 'idée' }, caregiver);
    s = applyModeration(s, { action: 'submit' }, caregiver);
    expect(s.draft?.status).toBe('pending_admin');
    expect(() => applyModeration(s, { action: 'edit', version: 'x' }, { id: 'g2', roles: ['karfur.caregiver'] })).toThrow();
  });

  it('lists the actions each role may take now', () => {
    let s = applyModeration(fresh(), { action: 'edit', version: 'v1' }, contributor);
    s = applyModeration(s, { action: 'submit' }, contributor);
    expect(allowedModerationActions(s, manager).sort()).toEqual(['discard_draft', 'structure_approve', 'structure_reject']);
    expect(allowedModerationActions(s, contributor)).toEqual(['discard_draft']);
    expect(allowedModerationActions(s, caregiver)).toEqual([]);
    const published = applyModeration(
      applyModeration(applyModeration(s, { action: 'structure_approve' }, manager), { action: 'publish' }, admin),
      { action: 'unpublish' },
      admin,
    );
    expect(publicVersion(published)).toBeNull();
    expect(allowedModerationActions(published, admin)).toEqual(['edit']);
  });
});
