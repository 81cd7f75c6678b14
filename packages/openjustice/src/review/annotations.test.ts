import { describe, expect, it } from 'vitest';
import {
  addAnnotation,
  changeCategory,
  checkAnnotations,
  diffAnnotations,
  extendAt,
  linkEntities,
  mapOffset,
  occurrences,
  pseudonymizedText,
  removeAt,
  resolveAnnotations,
  unlinkAt,
  unlinkPerson,
  type Annotation,
} from './annotations.ts';

const TEXT = 'M. Jean DURAND et Mme Lucie Durand.\nLe témoin Jean\nDURAND a parlé à Lyon.';
const at = (needle: string, from = 0) => {
  const start = TEXT.indexOf(needle, from);
  return { start, end: start + needle.length };
};

describe('review annotations', () => {
  it('adds a span with every other occurrence, accent/case-insensitive, across line breaks, sharing one entity', () => {
    const anns = addAnnotation(TEXT, [], at('Jean DURAND'), 'personnePhysiqueNom', { allOccurrences: true });
    expect(anns.map((a) => TEXT.slice(a.start, a.end))).toEqual(['Jean DURAND', 'Jean\nDURAND']);
    expect(new Set(anns.map((a) => a.entityId)).size).toBe(1);
    const withSurname = addAnnotation(TEXT, [], at('DURAND'), 'personnePhysiqueNom', { allOccurrences: true });
    expect(withSurname).toHaveLength(3); // DURAND, Durand, DURAND
  });

  it('trims the selection, refuses an empty one, replaces overlapped spans', () => {
    const r = at(' Lyon');
    const anns = addAnnotation(TEXT, [], r, 'localite');
    expect(TEXT.slice(anns[0].start, anns[0].end)).toBe('Lyon');
    expect(() => addAnnotation(TEXT, [], { start: 2, end: 3 }, 'localite')).toThrow(/vide/);
    const over = addAnnotation(TEXT, anns, { start: r.start - 3, end: r.end }, 'adresse');
    expect(over).toHaveLength(1);
    expect(over[0].category).toBe('adresse');
  });

  it('extends a span, removes one, changes a whole entity’s category', () => {
    let anns = addAnnotation(TEXT, [], at('DURAND'), 'personnePhysiqueNom', { allOccurrences: true });
    anns = extendAt(TEXT, anns, 0, at('Jean DURAND'));
    expect(TEXT.slice(anns[0].start, anns[0].end)).toBe('Jean DURAND');
    anns = removeAt(anns, 0);
    expect(anns).toHaveLength(2);
    const moved = changeCategory(anns, anns[0].entityId, 'personneMorale');
    expect(moved.every((a) => a.category === 'personneMorale')).toBe(true);
  });

  it('links a first name to a surname (one letter), unlinks, and numbers replacements as Label does', () => {
    let anns: Annotation[] = [
      { ...at('Jean'), category: 'personnePhysiquePrenom', entityId: 'p1' },
      { ...at('DURAND'), category: 'personnePhysiqueNom', entityId: 'n1' },
      { ...at('Lucie'), category: 'personnePhysiquePrenom', entityId: 'p2' },
      { ...at('Lyon'), category: 'localite', entityId: 'l1' },
    ];
    expect(resolveAnnotations(TEXT, anns).map((a) => a.replacement)).toEqual(['[A]', '[B]', '[C]', '[Localité 1]']);
    anns = linkEntities(anns, 'p1', 'n1');
    expect(resolveAnnotations(TEXT, anns).map((a) => a.replacement)).toEqual(['[A]', '[A]', '[B]', '[Localité 1]']);
    expect(pseudonymizedText(TEXT, anns)).toMatch(/^M\. \[A\] \[A\] et Mme \[B\] Durand/);
    anns = unlinkPerson(anns, 'p1');
    expect(resolveAnnotations(TEXT, anns)[1].replacement).toBe('[B]');
    const same = linkEntities([...anns, { ...at('Durand'), category: 'personnePhysiqueNom', entityId: 'n2' }], 'n2', 'n1');
    expect(same.filter((a) => a.entityId === 'n1')).toHaveLength(2);
    expect(unlinkAt(same, 1)[1].entityId).not.toBe('n1');
    expect(() => linkEntities(anns, 'l1', 'n1')).toThrow(/même catégorie/);
  });

  it('checks what clients send, diffs for the audit (offsets, no text), maps zone offsets', () => {
    expect(() => checkAnnotations(TEXT, [{ start: 0, end: 999, category: 'adresse', entityId: 'x' }])).toThrow(/hors du texte/);
    expect(() => checkAnnotations(TEXT, [{ start: 0, end: 5, category: 'nope' as never, entityId: 'x' }])).toThrow(/Catégorie/);
    expect(() =>
      checkAnnotations(TEXT, [
        { start: 0, end: 5, category: 'adresse', entityId: 'x' },
        { start: 3, end: 8, category: 'adresse', entityId: 'y' },
      ]),
    ).toThrow(/chevauchent/);
    const a: Annotation[] = [{ ...at('Lyon'), category: 'localite', entityId: 'l1' }];
    const b: Annotation[] = [{ ...at('Lucie'), category: 'personnePhysiquePrenom', entityId: 'p1' }];
    const d = diffAnnotations(a, b);
    expect(d).toEqual({
      removed: [{ ...at('Lyon'), category: 'localite', entityId: 'l1' }],
      added: [{ ...at('Lucie'), category: 'personnePhysiquePrenom', entityId: 'p1' }],
    });
    expect(JSON.stringify(d)).not.toContain('Lyon');
    const map = mapOffset(TEXT, b);
    const out = pseudonymizedText(TEXT, b);
    expect(out.slice(map(at('Durand').start), map(at('Durand').end))).toBe('Durand');
    expect(occurrences(TEXT, 'jean durand')).toHaveLength(2);
  });
});
