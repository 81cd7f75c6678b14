/**
 * A decision's annotations as the reviewer edits them, and the edits themselves: pure functions over
 * (text, annotations) shared by the server (saving, validation, preview, export) and the review
 * island in the browser (undo/redo keeps the arrays). Offsets are UTF-16 indices of the stored text.
 *
 * Identity: `entityId` groups the mentions of one entity (one replacement); for persons, `personId`
 * groups a first name with its surname (one letter for both, as Label does).
 */
import { CATEGORIES, isMasked, isPerson, type Category } from '../core/categories.ts';
import { ReplacementAllocator } from '../core/replacement.ts';
import { foldSameLength } from '../core/text.ts';

export interface Annotation {
  start: number;
  end: number;
  category: Category;
  entityId: string;
  personId?: string;
  /** Engine's confidence; absent for a reviewer's own spans. */
  score?: number;
  /** Engine layer, or `agent` for a reviewer's span. */
  source?: string;
}

export interface ResolvedAnnotation extends Annotation {
  text: string;
  /** null for professionals (kept in clear). */
  replacement: string | null;
}

export class AnnotationError extends Error {
  override name = 'AnnotationError';
}

const WS = /\s/;
const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

export const sortAnnotations = (a: Annotation[]) => [...a].sort((x, y) => x.start - y.start || x.end - y.end);

/** Checks what a client sent: bounds, known categories, no overlap. Returns them sorted. */
export function checkAnnotations(text: string, anns: Annotation[]): Annotation[] {
  const sorted = sortAnnotations(anns);
  let last = -1;
  for (const a of sorted) {
    if (!Number.isInteger(a.start) || !Number.isInteger(a.end) || a.start < 0 || a.end > text.length || a.start >= a.end)
      throw new AnnotationError(`Occultation hors du texte (${a.start}–${a.end}).`);
    if (!(CATEGORIES as readonly string[]).includes(a.category))
      throw new AnnotationError(`Catégorie inconnue : ${String(a.category).slice(0, 40)}.`);
    if (a.start < last) throw new AnnotationError(`Occultations qui se chevauchent (à la position ${a.start}).`);
    last = a.end;
  }
  return sorted;
}

/** Trims white space at both ends of a selection; null if nothing is left. */
export function trimRange(text: string, start: number, end: number): { start: number; end: number } | null {
  let s = Math.max(0, start);
  let e = Math.min(text.length, end);
  while (s < e && WS.test(text[s])) s++;
  while (e > s && WS.test(text[e - 1])) e--;
  return s < e ? { start: s, end: e } : null;
}

const keyOf = (text: string, a: { start: number; end: number }) => foldSameLength(text.slice(a.start, a.end)).replace(/\s+/g, ' ');

function nextEntityId(anns: Annotation[], category: Category): string {
  let n = 0;
  for (const a of anns) {
    if (a.category !== category) continue;
    const m = /_(\d+)$/.exec(a.entityId);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `${category}_${n + 1}`;
}

/** Every place the same words occur (accent/case-insensitive, at word boundaries), spaces and line breaks alike. */
export function occurrences(text: string, sample: string): { start: number; end: number }[] {
  const needle = foldSameLength(sample).replace(/\s+/g, ' ').trim();
  if (needle.length < 2) return [];
  const hay = foldSameLength(text).replace(/\s/g, ' ');
  const words = needle.split(' ');
  const out: { start: number; end: number }[] = [];
  let from = 0;
  for (;;) {
    const i = hay.indexOf(words[0], from);
    if (i < 0) break;
    from = i + 1;
    // the other words may be separated by any run of white space (a line break in the middle of a name)
    let end = i + words[0].length;
    let ok = true;
    for (const w of words.slice(1)) {
      let j = end;
      while (j < hay.length && hay[j] === ' ') j++;
      if (j === end || hay.slice(j, j + w.length) !== w) {
        ok = false;
        break;
      }
      end = j + w.length;
    }
    if (ok && !isWordChar(text[i - 1]) && !isWordChar(text[end])) out.push({ start: i, end });
  }
  return out;
}

const overlapsAny = (anns: Annotation[], r: { start: number; end: number }) => anns.some((a) => a.start < r.end && r.start < a.end);

/**
 * Adds a span (trimmed) in a category; spans it overlaps are replaced. The entity is the one of the
 * same category with the same words, if any. With `allOccurrences`, every other free occurrence of
 * the same words is added too.
 */
export function addAnnotation(
  text: string,
  anns: Annotation[],
  range: { start: number; end: number },
  category: Category,
  opts: { allOccurrences?: boolean } = {},
): Annotation[] {
  const r = trimRange(text, range.start, range.end);
  if (!r) throw new AnnotationError('Sélection vide : choisissez le texte à occulter.');
  const kept = anns.filter((a) => !(a.start < r.end && r.start < a.end));
  const key = keyOf(text, r);
  const same = kept.find((a) => a.category === category && keyOf(text, a) === key);
  const entityId = same?.entityId ?? nextEntityId(anns, category);
  const personId = same?.personId;
  const made = (x: { start: number; end: number }): Annotation => ({
    ...x,
    category,
    entityId,
    ...(personId ? { personId } : {}),
    source: 'agent',
  });
  const out = [...kept, made(r)];
  if (opts.allOccurrences) {
    for (const o of occurrences(text, text.slice(r.start, r.end))) if (!overlapsAny(out, o)) out.push(made(o));
  }
  return sortAnnotations(out);
}

export function removeAt(anns: Annotation[], index: number): Annotation[] {
  if (!anns[index]) throw new AnnotationError('Occultation introuvable.');
  return anns.filter((_, i) => i !== index);
}

export function removeEntity(anns: Annotation[], entityId: string): Annotation[] {
  return anns.filter((a) => a.entityId !== entityId);
}

/** Grows (or moves the edges of) one span to cover a range; spans it then overlaps are removed. */
export function extendAt(text: string, anns: Annotation[], index: number, range: { start: number; end: number }): Annotation[] {
  const a = anns[index];
  if (!a) throw new AnnotationError('Occultation introuvable.');
  const r = trimRange(text, Math.min(a.start, range.start), Math.max(a.end, range.end));
  if (!r) return anns;
  const grown = { ...a, ...r, source: 'agent' };
  return sortAnnotations([...anns.filter((x, i) => i !== index && !(x.start < r.end && r.start < x.end)), grown]);
}

/** Moves a whole entity (all its mentions) to another category. */
export function changeCategory(anns: Annotation[], entityId: string, category: Category): Annotation[] {
  if (!anns.some((a) => a.entityId === entityId)) throw new AnnotationError('Entité introuvable.');
  const newId = nextEntityId(anns, category);
  return anns.map((a) => {
    if (a.entityId !== entityId) return a;
    const next: Annotation = { ...a, category, entityId: newId, source: 'agent' };
    if (!isPerson(category)) delete next.personId;
    return next;
  });
}

/**
 * Links entity `from` to entity `to`: same category, they become one entity (one replacement);
 * a first name and a surname become one person (one letter).
 */
export function linkEntities(anns: Annotation[], from: string, to: string): Annotation[] {
  const a = anns.find((x) => x.entityId === from);
  const b = anns.find((x) => x.entityId === to);
  if (!a || !b) throw new AnnotationError('Entité introuvable.');
  if (from === to) return anns;
  if (a.category === b.category) {
    return anns.map((x) => (x.entityId === from ? { ...x, entityId: to, ...(b.personId ? { personId: b.personId } : {}) } : x));
  }
  if (isPerson(a.category) && isPerson(b.category)) {
    const person = b.personId ?? a.personId ?? `person-${to}`;
    const oldA = a.personId;
    return anns.map((x) =>
      x.entityId === from || x.entityId === to || (oldA !== undefined && x.personId === oldA) ? { ...x, personId: person } : x,
    );
  }
  throw new AnnotationError('Seules des entités de même catégorie, ou un prénom et un nom, peuvent être liées.');
}

/** Detaches one mention from its entity: it gets an entity of its own. */
export function unlinkAt(anns: Annotation[], index: number): Annotation[] {
  const a = anns[index];
  if (!a) throw new AnnotationError('Occultation introuvable.');
  const id = nextEntityId(anns, a.category);
  return anns.map((x, i) => {
    if (i !== index) return x;
    const next = { ...x, entityId: id };
    delete next.personId;
    return next;
  });
}

/** Separates an entity from the person it was linked to (a first name from a surname). */
export function unlinkPerson(anns: Annotation[], entityId: string): Annotation[] {
  return anns.map((x) => {
    if (x.entityId !== entityId) return x;
    const next = { ...x };
    delete next.personId;
    return next;
  });
}

/** Each annotation with its text and replacement, letters and counters in order of first appearance. */
export function resolveAnnotations(text: string, anns: Annotation[]): ResolvedAnnotation[] {
  const alloc = new ReplacementAllocator();
  return sortAnnotations(anns).map((a) => ({
    ...a,
    text: text.slice(a.start, a.end),
    replacement: isMasked(a.category) ? alloc.replacementFor(a.category, a.entityId, a.personId) : null,
  }));
}

/** The text with every masked span replaced. */
export function pseudonymizedText(text: string, anns: Annotation[]): string {
  let out = '';
  let last = 0;
  for (const a of resolveAnnotations(text, anns)) {
    if (a.replacement === null || a.start < last) continue;
    out += text.slice(last, a.start) + a.replacement;
    last = a.end;
  }
  return out + text.slice(last);
}

/** Offsets of the zones in the pseudonymised text (replacements change lengths). */
export function mapOffset(text: string, anns: Annotation[]): (offset: number) => number {
  const masked = resolveAnnotations(text, anns).filter((a) => a.replacement !== null);
  return (offset: number) => {
    let delta = 0;
    for (const a of masked) {
      if (a.end <= offset) delta += a.replacement!.length - (a.end - a.start);
      else if (a.start < offset) return a.start + delta + a.replacement!.length;
      else break;
    }
    return offset + delta;
  };
}

const spanKey = (a: Annotation) => `${a.start}:${a.end}:${a.category}:${a.entityId}:${a.personId ?? ''}`;
const bare = (a: Annotation) => ({
  start: a.start,
  end: a.end,
  category: a.category,
  entityId: a.entityId,
  ...(a.personId ? { personId: a.personId } : {}),
});

/** What an edit changed, for the audit trail: spans removed (before) and added (after), offsets only, no text. */
export function diffAnnotations(before: Annotation[], after: Annotation[]): { removed: Annotation[]; added: Annotation[] } {
  const b = new Set(before.map(spanKey));
  const a = new Set(after.map(spanKey));
  return { removed: before.filter((x) => !a.has(spanKey(x))).map(bare), added: after.filter((x) => !b.has(spanKey(x))).map(bare) };
}

/** Mentions per category and entity, for the side panel (entities in order of first mention). */
export function groupByCategory(text: string, anns: Annotation[]) {
  const resolved = resolveAnnotations(text, anns);
  const byCat = new Map<
    Category,
    Map<string, { entityId: string; personId?: string; text: string; replacement: string | null; mentions: number[] }>
  >();
  resolved.forEach((a, i) => {
    let cat = byCat.get(a.category);
    if (!cat) byCat.set(a.category, (cat = new Map()));
    let e = cat.get(a.entityId);
    if (!e)
      cat.set(a.entityId, (e = { entityId: a.entityId, personId: a.personId, text: a.text, replacement: a.replacement, mentions: [] }));
    e.mentions.push(i);
  });
  return CATEGORIES.filter((c) => byCat.has(c)).map((c) => ({ category: c, entities: [...byCat.get(c)!.values()] }));
}
