import { describe, expect, it } from 'vitest';
import {
  EMPTY_UNIT,
  WorkflowError,
  applyTranslationEvent,
  canTransition,
  sourceDiff,
  unitsToFlag,
  type UnitWorkflowState,
} from './translation-workflow.ts';
import type { Actor } from './roles.ts';
import { unitHash } from './fiche.ts';
import type { UnitValue } from './schemas.ts';

const translator: Actor = { id: 'u-trad', roles: ['karfur.translator'], languages: ['ar', 'fa'] };
const expert: Actor = { id: 'u-expert', roles: ['karfur.expert'], languages: ['ar'] };
const admin: Actor = { id: 'u-admin', roles: ['admin'] };
const contributor: Actor = { id: 'u-contrib', roles: ['karfur.contributor'], structures: ['s1'] };

const source1 = ['Le CIR est un contrat signé avec l’État.', { list: ['Cours de français', 'Formation civique'] }];
const source2 = [
  'Le CIR est un contrat signé avec l’État français.',
  { list: ['Cours de français', 'Formation civique', 'Entretien emploi'] },
];
const arabic = ['عقد الاندماج الجمهوري هو عقد مع الدولة.', { list: ['دروس الفرنسية', 'التكوين المدني'] }];

function validated(): UnitWorkflowState {
  let s = applyTranslationEvent(EMPTY_UNIT, { action: 'save_draft', value: arabic, source: source1 }, translator, 'ar');
  s = applyTranslationEvent(s, { action: 'submit' }, translator, 'ar');
  return applyTranslationEvent(s, { action: 'validate' }, expert, 'ar');
}

describe('translation workflow', () => {
  it('goes to_translate -> draft -> to_validate -> validated', () => {
    let s = applyTranslationEvent(EMPTY_UNIT, { action: 'save_draft', value: arabic, source: source1 }, translator, 'ar');
    expect(s).toMatchObject({ status: 'draft', translator: 'u-trad', sourceHash: unitHash(source1) });
    s = applyTranslationEvent(s, { action: 'submit' }, translator, 'ar');
    expect(s.status).toBe('to_validate');
    s = applyTranslationEvent(s, { action: 'validate' }, expert, 'ar');
    expect(s).toMatchObject({ status: 'validated', validator: 'u-expert' });
  });
  it('lets an expert reject with a reason, back to draft', () => {
    let s = applyTranslationEvent(EMPTY_UNIT, { action: 'save_draft', value: arabic, source: source1 }, translator, 'ar');
    s = applyTranslationEvent(s, { action: 'submit' }, translator, 'ar');
    expect(() => applyTranslationEvent(s, { action: 'reject', comment: '  ' }, expert, 'ar')).toThrow(WorkflowError);
    s = applyTranslationEvent(s, { action: 'reject', comment: 'Terme « CIR » à garder' }, expert, 'ar');
    expect(s).toMatchObject({ status: 'draft', comment: 'Terme « CIR » à garder' });
  });
  it('enforces roles and languages', () => {
    expect(canTransition(EMPTY_UNIT, 'save_draft', translator, 'ps')).toBe(false);
    expect(canTransition(EMPTY_UNIT, 'save_draft', contributor, 'ar')).toBe(false);
    expect(canTransition(EMPTY_UNIT, 'save_draft', admin, 'ti')).toBe(true);
    const pending = { ...EMPTY_UNIT, status: 'to_validate' as const, translator: 'u-trad' };
    expect(canTransition(pending, 'validate', translator, 'ar')).toBe(false);
    expect(canTransition(pending, 'validate', expert, 'fa')).toBe(false);
    expect(canTransition(pending, 'validate', expert, 'ar')).toBe(true);
    expect(() => applyTranslationEvent(pending, { action: 'validate' }, translator, 'ar')).toThrow(/droit/);
  });
  it('refuses invalid transitions and empty drafts, and self-validation', () => {
    expect(() => applyTranslationEvent(EMPTY_UNIT, { action: 'validate' }, expert, 'ar')).toThrow(/impossible/);
    expect(() => applyTranslationEvent(EMPTY_UNIT, { action: 'save_draft', value: '  ', source: source1 }, translator, 'ar')).toThrow(
      /vide/,
    );
    let s = applyTranslationEvent(EMPTY_UNIT, { action: 'save_draft', value: arabic, source: source1 }, expert, 'ar');
    s = applyTranslationEvent(s, { action: 'submit' }, expert, 'ar');
    expect(() => applyTranslationEvent(s, { action: 'validate' }, expert, 'ar')).toThrow(/autre personne/);
  });
  it('flags validated translations "to review" when the French changes, and keeps the old source for the diff', () => {
    const s = validated();
    const same = applyTranslationEvent(
      s,
      {
        action: 'source_changed',
        source: ['Le CIR est un contrat signé avec l’État. ', { list: ['Cours de français', 'Formation civique'] }],
      },
      admin,
      'ar',
    );
    expect(same.status).toBe('validated');
    const flagged = applyTranslationEvent(s, { action: 'source_changed', source: source2 }, admin, 'ar');
    expect(flagged.status).toBe('to_review');
    const diff = sourceDiff(flagged.sourceValue!, source2);
    expect(
      diff
        .filter((p) => p.kind === 'added')
        .map((p) => p.text.trim())
        .join(' '),
    ).toContain('français');
    expect(
      diff
        .filter((p) => p.kind === 'added')
        .map((p) => p.text)
        .join(''),
    ).toContain('Entretien emploi');
    expect(diff.some((p) => p.kind === 'removed')).toBe(false);
    const confirmed = applyTranslationEvent(flagged, { action: 'confirm_review', source: source2 }, expert, 'ar');
    expect(confirmed).toMatchObject({ status: 'validated', sourceHash: unitHash(source2) });
    const edited = applyTranslationEvent(flagged, { action: 'save_draft', value: arabic, source: source2 }, translator, 'ar');
    expect(edited.status).toBe('draft');
  });
  it('lists the units to flag after a source change', () => {
    const s = validated();
    const units = [
      { key: 'what', lang: 'ar' as const, state: s },
      { key: 'why', lang: 'ar' as const, state: { ...s, sourceHash: unitHash('autre') } },
      { key: 'how', lang: 'fa' as const, state: EMPTY_UNIT },
    ];
    const current = new Map<string, UnitValue>([
      ['what', source2],
      ['why', 'autre'],
      ['how', 'x'],
    ]);
    expect(unitsToFlag(units, current)).toEqual([{ key: 'what', lang: 'ar' }]);
  });
});
