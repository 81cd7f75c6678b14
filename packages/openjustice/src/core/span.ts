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

export const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Keeps non-overlapping spans, preferring higher priority then longer spans, then earlier ones.
 * O(n log n): spans are sorted once and checked against an ordered list of kept intervals.
 */
export function resolveOverlaps<T extends Span>(spans: T[], priority: (s: T) => number): T[] {
  const order = [...spans].sort(
    (a, b) => priority(b) - priority(a) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: T[] = [];
  // kept sorted by start for binary search
  for (const s of order) {
    let lo = 0, hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid].start < s.start) lo = mid + 1;
      else hi = mid;
    }
    const prev = kept[lo - 1];
    const next = kept[lo];
    if ((prev && overlaps(prev, s)) || (next && overlaps(next, s))) continue;
    kept.splice(lo, 0, s);
  }
  return kept;
}
