/**
 * The plain-text form of rich text used by the contributors' forms (they work without JavaScript):
 * paragraphs separated by a blank line; lines starting with "- " make a list; lines starting with
 * "1. ", "2. "... make steps. Inline **bold** and [label](https://...) stay as they are. The schema
 * (schemas.ts) still validates the result.
 */
import type { Block, UnitValue } from './schemas.ts';

export function blocksToText(blocks: readonly (Block | string)[]): string {
  return blocks
    .map((b) =>
      typeof b === 'string' ? b : 'list' in b ? b.list.map((x) => `- ${x}`).join('\n') : b.steps.map((x, i) => `${i + 1}. ${x}`).join('\n'),
    )
    .join('\n\n');
}

export function textToBlocks(text: string): Block[] {
  const out: Block[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  const flushPara = () => {
    const p = para.join(' ').replace(/\s+/g, ' ').trim();
    if (p) out.push(p);
    para = [];
  };
  for (const raw of lines) {
    const line = raw.trim();
    const item = /^[-•*]\s+(.*)$/.exec(line);
    const step = /^\d{1,2}[.)]\s+(.*)$/.exec(line);
    if (!line) {
      flushPara();
      continue;
    }
    if (item || step) {
      flushPara();
      const text = (item ?? step)![1].trim();
      const last = out[out.length - 1];
      if (item && last && typeof last === 'object' && 'list' in last) last.list.push(text);
      else if (step && last && typeof last === 'object' && 'steps' in last) last.steps.push(text);
      else out.push(item ? { list: [text] } : { steps: [text] });
      continue;
    }
    para.push(line);
  }
  flushPara();
  return out;
}

/** A unit's value as form text: strings as they are, lists of strings one per line, blocks as above. */
export function unitToText(value: UnitValue | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return blocksToText(value as Block[]);
}

/** Form text back to the shape of the French unit (`like`). */
export function textToUnit(text: string, like: UnitValue): UnitValue {
  if (typeof like === 'string') return text.replace(/\s+/g, ' ').trim();
  const isBlocks = (like as unknown[]).some((b) => typeof b === 'object');
  if (!isBlocks) {
    // A list of strings (conditions): one per line, list markers or not.
    return text
      .split(/\r?\n/)
      .map((l) => l.replace(/^[-•*]\s+/, '').trim())
      .filter(Boolean);
  }
  return textToBlocks(text);
}
