/** Class names and the grouped validation split. */
import { mulberry32, shuffle } from './random.ts';

export interface LabelledItem {
  make: string;
  model: string;
  group?: string;
}

export const classKey = (make: string, model: string) => `${make} ${model}`.trim();

/**
 * Stratified group split: within each class, whole groups (near-duplicate photos) go to validation
 * until it holds about `fraction` of the class, so no photo series straddles the split. A class with
 * a single group stays in training.
 */
export function groupSplit<T extends LabelledItem>(items: T[], fraction: number, seed: number): { train: T[]; val: T[] } {
  const rnd = mulberry32(seed);
  const byClass = new Map<string, Map<string, T[]>>();
  items.forEach((it, i) => {
    const c = classKey(it.make, it.model);
    const g = it.group || `__row${i}`;
    if (!byClass.has(c)) byClass.set(c, new Map());
    const groups = byClass.get(c)!;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(it);
  });
  const valSet = new Set<T>();
  for (const c of [...byClass.keys()].sort()) {
    const groups = byClass.get(c)!;
    if (groups.size < 2) continue;
    const total = [...groups.values()].reduce((s, g) => s + g.length, 0);
    let taken = 0;
    for (const g of shuffle([...groups.keys()].sort(), rnd)) {
      if (taken >= fraction * total) break;
      const members = groups.get(g)!;
      if (taken + members.length > Math.max(1, fraction * total * 1.5)) continue;
      members.forEach((m) => valSet.add(m));
      taken += members.length;
    }
  }
  return { train: items.filter((it) => !valSet.has(it)), val: items.filter((it) => valSet.has(it)) };
}

/** K folds by group, stratified by class (round-robin of each class's shuffled groups). */
export function groupFolds<T extends LabelledItem>(items: T[], k: number, seed: number): number[] {
  const rnd = mulberry32(seed);
  const fold = new Array<number>(items.length).fill(0);
  const byClass = new Map<string, Map<string, number[]>>();
  items.forEach((it, i) => {
    const c = classKey(it.make, it.model);
    const g = it.group || `__row${i}`;
    if (!byClass.has(c)) byClass.set(c, new Map());
    const groups = byClass.get(c)!;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(i);
  });
  let offset = 0;
  for (const c of [...byClass.keys()].sort()) {
    const groups = byClass.get(c)!;
    shuffle([...groups.keys()].sort(), rnd).forEach((g, j) => groups.get(g)!.forEach((i) => (fold[i] = (j + offset) % k)));
    offset++;
  }
  return fold;
}
