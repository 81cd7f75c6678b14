import type { Category } from './categories.ts';

/** Which detector layer produced a span (the bench ablates them). */
export type Source = 'pattern' | 'rule' | 'lexicon' | 'model' | 'consistency' | 'additionalTerm' | 'party';

export interface Span {
  start: number;
  end: number;
  category: Category;
  score: number;
  source: Source;
  /** Links the first name(s) and surname of one individual found together. */
  personKey?: string;
}

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * Keeps non-overlapping spans, preferring higher priority then longer spans, then earlier ones.
 * O(n log n): spans are sorted once and checked against an ordered list of kept intervals.
 */
export function resolveOverlaps<T extends Span>(spans: T[], priority: (s: T) => number): T[] {
  const order = [...spans].sort((a, b) => priority(b) - priority(a) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  // coverage bitmap over the covered extent: O(total span length), no quadratic insertions
  let max = 0;
  for (const s of spans) if (s.end > max) max = s.end;
  const used = new Uint8Array(max + 1);
  const kept: T[] = [];
  for (const s of order) {
    let free = true;
    for (let i = s.start; i < s.end; i++)
      if (used[i]) {
        free = false;
        break;
      }
    if (!free) continue;
    used.fill(1, s.start, s.end);
    kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}
