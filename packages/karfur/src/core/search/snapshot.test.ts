import { createAnalyzer, TextIndex, TextIndexBuilder } from '@eig/platform/search';
import { describe, expect, it } from 'vitest';
import { decodeIndex, encodeIndex } from './snapshot.ts';

function packed() {
  const b = new TextIndexBuilder(createAnalyzer('fr'), [{ name: 'title', weight: 2, b: 0.5 }]);
  b.add({ title: 'Apprendre le français' });
  b.add({ title: 'Demander l’asile en France' });
  return { lang: 'fr' as const, ids: ['a', 'b'], packed: b.build().pack() };
}

describe('search snapshot bytes', () => {
  it('round-trips, also from a Node Buffer that is a view at an offset of a larger pool (node-postgres bytea)', () => {
    const bytes = encodeIndex(packed());
    const pool = Buffer.alloc(bytes.length + 13);
    pool.set(bytes, 13);
    const back = decodeIndex(pool.subarray(13));
    expect(back.ids).toEqual(['a', 'b']);
    const index = TextIndex.unpack(back.packed, createAnalyzer('fr'));
    expect(index.search('asile').hits[0].doc).toBe(1);
  });
  it('refuses bytes that are not a snapshot', () => {
    expect(() => decodeIndex(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/bad magic/);
  });
});
