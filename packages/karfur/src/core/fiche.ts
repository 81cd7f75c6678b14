/**
 * The fiche model's helpers: translatable units, their plain text, segments and word counts, and the
 * hash that ties a translation to the French text it was made from.
 */
import { createHash } from 'node:crypto';
import { SECTION_KEYS, type Block, type Fiche, type SectionKey, type UnitKey, type UnitValue } from './schemas.ts';

export function sectionKeysOf(fiche: Pick<Fiche, 'kind'>): readonly SectionKey[] {
  return SECTION_KEYS[fiche.kind];
}

/** Units in reading order; "conditions" only when the fiche has some. */
export function unitKeysOf(fiche: Pick<Fiche, 'kind' | 'conditions'>): UnitKey[] {
  return ['title', 'summary', ...(fiche.conditions.length ? (['conditions'] as const) : []), ...sectionKeysOf(fiche)];
}

/** The French value of each unit of a fiche. */
export function sourceUnits(fiche: Fiche): Map<UnitKey, UnitValue> {
  const out = new Map<UnitKey, UnitValue>();
  out.set('title', fiche.title);
  out.set('summary', fiche.summary);
  if (fiche.conditions.length) out.set('conditions', fiche.conditions);
  for (const s of fiche.sections) out.set(s.key, s.body);
  return out;
}

/** Inline markup removed: "**Bold** and [a link](https://x)" -> "Bold and a link". */
export function stripInline(s: string): string {
  return s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*/g, '');
}

/**
 * Segments of a unit: each paragraph, list item or step is one segment (the grain of the translation
 * memory and of the per-section diff).
 */
export function segmentsOf(value: UnitValue): string[] {
  if (typeof value === 'string') return [value];
  const out: string[] = [];
  for (const b of value as (Block | string)[]) {
    if (typeof b === 'string') out.push(b);
    else if ('list' in b) out.push(...b.list);
    else out.push(...b.steps);
  }
  return out;
}

export function plainText(value: UnitValue): string {
  return segmentsOf(value).map(stripInline).join('\n');
}

/** Words as a translator counts them; scripts without spaces are rare in our languages. */
export function wordCount(text: string): number {
  return stripInline(text).match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu)?.length ?? 0;
}

export function unitWordCount(value: UnitValue): number {
  return segmentsOf(value).reduce((n, s) => n + wordCount(s), 0);
}

/** Canonical JSON of a unit (key order of blocks is fixed by the schema), whitespace-normalised. */
function canonical(value: UnitValue): string {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (typeof value === 'string') return JSON.stringify(norm(value));
  return JSON.stringify(
    (value as (Block | string)[]).map((b) =>
      typeof b === 'string' ? norm(b) : 'list' in b ? { list: b.list.map(norm) } : { steps: b.steps.map(norm) },
    ),
  );
}

/** 16 hex digits of SHA-256: plenty to tell two versions of one unit apart. */
export function unitHash(value: UnitValue): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 16);
}

/** Whole-fiche plain text in French, e.g. for speech or indexing. */
export function fichePlainText(fiche: Fiche): string {
  return [...sourceUnits(fiche).values()].map(plainText).join('\n');
}
