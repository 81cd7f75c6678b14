import { describe, expect, it } from 'vitest';
import { groupFolds, groupSplit } from './labels.ts';

const items = Array.from({ length: 120 }, (_, i) => ({ make: 'M', model: `C${Math.floor(i / 4) % 3}`, group: `g${Math.floor(i / 4)}`, i }));

describe('group split', () => {
  it('never puts one group on both sides and keeps every class in both', () => {
    const { train, val } = groupSplit(items, 0.2, 1);
    const trainGroups = new Set(train.map((t) => t.group));
    expect(val.some((v) => trainGroups.has(v.group))).toBe(false);
    expect(val.length).toBeGreaterThan(15);
    expect(val.length).toBeLessThan(40);
    expect(new Set(val.map((v) => v.model)).size).toBe(3);
  });

  it('is reproducible and treats rows without a group as their own group', () => {
    expect(groupSplit(items, 0.2, 5).val).toEqual(groupSplit(items, 0.2, 5).val);
    const loose = items.map(({ group: _g, ...rest }) => rest);
    expect(groupSplit(loose, 0.25, 2).val.length).toBeGreaterThan(20);
  });

  it('makes group folds', () => {
    const f = groupFolds(items, 5, 3);
    const byGroup = new Map<string, Set<number>>();
    items.forEach((it, i) => byGroup.set(it.group, (byGroup.get(it.group) ?? new Set()).add(f[i])));
    expect([...byGroup.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set(f).size).toBe(5);
  });
});
