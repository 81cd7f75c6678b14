/**
 * The doubt checklist of a decision (as juritools' checklist): what a reviewer should look at.
 * Each item names its reason code, a French message and the offsets concerned.
 */
import type { Entity } from './pseudonymize.ts';
import { isPerson, PROFESSIONAL_CATEGORIES, type Category } from './categories.ts';
import { foldSameLength } from './text.ts';

export type ChecklistCode =
  'sameTextTwoCategories' | 'shortSurname' | 'nearDuplicate' | 'unknownCapitalisedNeighbour' | 'professionalAlsoParty' | 'lowConfidence';

export interface ChecklistItem {
  code: ChecklistCode;
  message: string;
  /** entity texts or words concerned */
  terms: string[];
  /** offsets to highlight */
  spans: { start: number; end: number }[];
}

/** Levenshtein distance ≤ 1 (one edit), in O(n). */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0,
    j = 0,
    edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

const MAX_ITEMS_PER_CODE = 20;

/** Whether an entity covers position s (entities sorted by start, non-overlapping): binary search. */
function coveredAt(entities: Entity[], s: number): boolean {
  let lo = 0,
    hi = entities.length - 1,
    best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entities[mid].start <= s) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best >= 0 && entities[best].end > s;
}

export function buildChecklist(text: string, entities: Entity[]): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const perCode = new Map<ChecklistCode, number>();
  const push = (it: ChecklistItem) => {
    const n = perCode.get(it.code) ?? 0;
    if (n >= MAX_ITEMS_PER_CODE) return;
    perCode.set(it.code, n + 1);
    items.push(it);
  };
  const key = (e: Entity) => foldSameLength(e.text);
  // same text in two categories
  const cats = new Map<string, Set<string>>();
  const byKey = new Map<string, Entity[]>();
  for (const e of entities) {
    const k = key(e);
    if (!cats.has(k)) {
      cats.set(k, new Set());
      byKey.set(k, []);
    }
    cats.get(k)!.add(e.category);
    byKey.get(k)!.push(e);
  }
  for (const [k, set] of cats) {
    if (set.size < 2) continue;
    const es = byKey.get(k)!;
    const proAndParty =
      [...set].some((c) => PROFESSIONAL_CATEGORIES.includes(c as Category)) &&
      [...set].some((c) => !PROFESSIONAL_CATEGORIES.includes(c as Category));
    push({
      code: proAndParty ? 'professionalAlsoParty' : 'sameTextTwoCategories',
      message: proAndParty
        ? `« ${es[0].text} » est à la fois un professionnel conservé et une personne occultée.`
        : `« ${es[0].text} » apparaît dans plusieurs catégories (${[...set].join(', ')}).`,
      terms: [es[0].text],
      spans: es.map((e) => ({ start: e.start, end: e.end })),
    });
  }
  // one- or two-letter surnames
  const seenShort = new Set<string>();
  for (const e of entities) {
    if (e.category !== 'personnePhysiqueNom' && e.category !== 'personnePhysique') continue;
    const letters = e.text.replace(/[^\p{L}]/gu, '');
    if (letters.length <= 2 && !seenShort.has(key(e))) {
      seenShort.add(key(e));
      push({
        code: 'shortSurname',
        message: `Nom très court « ${e.text} » : vérifier toutes ses occurrences.`,
        terms: [e.text],
        spans: [{ start: e.start, end: e.end }],
      });
    }
  }
  // near duplicates among person names (Thibaut / Thibault)
  const names = [...new Set(entities.filter((e) => isPerson(e.category as Category) || e.category === 'personnePhysique').map(key))];
  if (names.length < 400) {
    for (let i = 0; i < names.length; i++)
      for (let j = i + 1; j < names.length; j++)
        if (names[i].length >= 4 && oneEditApart(names[i], names[j]))
          push({
            code: 'nearDuplicate',
            message: `« ${names[i]} » et « ${names[j]} » se ressemblent : même personne ou faute de frappe ?`,
            terms: [names[i], names[j]],
            spans: [],
          });
  }
  // capitalised unknown word right next to a masked span
  const masked = entities.filter((e) => e.replacement !== null);
  for (const e of masked) {
    if (!isPerson(e.category as Category) && e.category !== 'personnePhysique') continue;
    const after = /^[ \u00a0]+([\p{Lu}][\p{L}'’-]{1,30})/u.exec(text.slice(e.end, e.end + 40));
    if (after) {
      const s = e.end + after[0].length - after[1].length;
      const covered = coveredAt(entities, s);
      if (!covered && !/^(Le|La|Les|Et|En|Par|Pour|Sur|Dans|Il|Elle|Ils|Mme|M|Monsieur|Madame|Me)$/.test(after[1]))
        push({
          code: 'unknownCapitalisedNeighbour',
          message: `Mot « ${after[1]} » accolé à un nom occulté et laissé en clair.`,
          terms: [after[1]],
          spans: [{ start: s, end: s + after[1].length }],
        });
    }
  }
  for (const e of masked) {
    if (e.score < 0.6)
      push({
        code: 'lowConfidence',
        message: `Détection peu sûre : « ${e.text} » (${e.category}).`,
        terms: [e.text],
        spans: [{ start: e.start, end: e.end }],
      });
  }
  return items;
}
