import { describe, expect, it } from 'vitest';
import { DenseDocs, DenseSpace, jacobiEigen, trainDense, truncatedEmbedding, type Csr } from './dense.ts';
import type { Corpus } from '../types.ts';

describe('dense model — linear algebra', () => {
  it('Jacobi finds the eigenvalues of a symmetric matrix', () => {
    const { values } = jacobiEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect([...values].sort((a, b) => a - b).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([1, 3, 5]);
  });

  it('randomised subspace iteration recovers the dominant structure, deterministically', () => {
    // two blocks of mutually co-occurring words: rows of the same block get parallel vectors
    const n = 6;
    const dense = (i: number, j: number) => (i !== j && Math.floor(i / 3) === Math.floor(j / 3) ? 1 + 2 * Math.floor(i / 3) : 0);
    const rowPtr = new Int32Array(n + 1);
    const col: number[] = [];
    const val: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (dense(i, j)) (col.push(j), val.push(dense(i, j)));
      rowPtr[i + 1] = col.length;
    }
    const m: Csr = { n, rowPtr, col: Int32Array.from(col), val: Float64Array.from(val) };
    const a = truncatedEmbedding(m, 2, 2, 3, 7);
    const b = truncatedEmbedding(m, 2, 2, 3, 7);
    expect([...a]).toEqual([...b]);
    const cos = (i: number, j: number) => {
      const d = 2;
      let s = 0, ni = 0, nj = 0;
      for (let k = 0; k < d; k++) (s += a[i * d + k] * a[j * d + k]), (ni += a[i * d + k] ** 2), (nj += a[j * d + k] ** 2);
      return s / Math.sqrt(ni * nj);
    };
    expect(cos(0, 1)).toBeGreaterThan(0.99);
    expect(Math.abs(cos(0, 4))).toBeLessThan(0.01);
  });
});

describe('dense model — training and encoding', () => {
  const art = (num: string, text: string, i: number) => ({ id: 'A' + i, cid: 'C' + i, num, text, html: '', sectionId: 'S1', path: ['S1'], order: i, legifranceUrl: '', dateDebut: null });
  const texts = [
    'le licenciement du salarié pour motif personnel exige une cause réelle et sérieuse',
    'le licenciement pour motif économique exige une cause réelle et sérieuse et un motif économique',
    'le salarié a droit à un congé payé annuel fixé par l employeur',
    'la période de congé payé et l ordre des départs en congé sont fixés par l employeur',
  ];
  const corpus: Corpus = {
    version: 't',
    sections: [{ id: 'S1', title: 'Chapitre Ier : Dispositions', parentId: null, depth: 1, order: 0 }],
    articles: Array.from({ length: 24 }, (_, i) => art(`L${i}`, texts[i % 4], i)),
    fiches: [],
    contributions: [],
    conventions: [],
    themes: [],
  };

  it('is deterministic and places words of the same topic close together', () => {
    const a = trainDense(corpus, { dim: 4, minCount: 2, oversample: 2 });
    const b = trainDense(corpus, { dim: 4, minCount: 2, oversample: 2 });
    expect(a.data).toBe(b.data);
    const sp = new DenseSpace(a);
    const docs = new DenseDocs(sp, [
      [['licenci', 1], ['motif', 1]],
      [['cong', 1], ['depart', 1]],
    ]);
    const q = docs.encode(sp, [['caus', 1], ['seriu', 1], ['reel', 1]].filter(([t]) => sp.has(t as string)) as [string, number][]);
    expect(q).not.toBeNull();
    const out = new Float32Array(2);
    docs.scores(q!, out);
    expect(out[0]).toBeGreaterThan(out[1]);
    expect(docs.encode(sp, [['inconnu', 1]])).toBeNull();
  });
});
