import { describe, expect, it } from 'vitest';
import { decodeCenterNet } from './centernet-decode.ts';

/** A 4×5 map with 2 classes, all zero but the given cells. */
function maps(cells: [y: number, x: number, k: number, v: number][], sizes: Record<string, number[]> = {}) {
  const h = 4;
  const w = 5;
  const heat = new Float32Array(h * w * 2);
  for (const [y, x, k, v] of cells) heat[(y * w + x) * 2 + k] = v;
  const sz = new Float32Array(h * w * 4);
  for (const [key, v] of Object.entries(sizes)) {
    const [y, x] = key.split(',').map(Number);
    sz.set(v, (y * w + x) * 4);
  }
  return { heat, sizes: sz, height: h, width: w, classes: 2 };
}

describe('CenterNet decoding', () => {
  it('keeps the local maxima of each class map, best first, boxes around their cell', () => {
    const m = maps(
      [
        [1, 1, 0, 0.9],
        [1, 2, 0, 0.5], // beside a higher cell of the same class: not a peak
        [1, 2, 1, 0.7], // same cell, other class: a peak of its own map
        [3, 4, 0, 0.3], // in the corner: the padding never outranks it
      ],
      { '1,1': [2, 3, 4, 5], '1,2': [1, 1, 1, 1] },
    );
    const d = decodeCenterNet(m, 100, 4);
    expect(d.map((x) => [x.score, x.classIndex])).toEqual([
      [expect.closeTo(0.9, 5), 0],
      [expect.closeTo(0.7, 5), 1],
      [expect.closeTo(0.3, 5), 0],
    ]);
    // cell (y 1, x 1) at stride 4 is (4, 4): left 2, top 3, right 4, bottom 5
    expect(d[0].box).toEqual([2, 1, 8, 9]);
    expect(d[1].box).toEqual([7, 3, 9, 5]);
  });

  it('keeps plateaus (equal neighbours are both peaks, as the graph tests equality) and stops at top-k', () => {
    const m = maps([
      [0, 0, 0, 0.4],
      [0, 1, 0, 0.4],
      [2, 3, 1, 0.8],
    ]);
    expect(decodeCenterNet(m, 100).length).toBe(3);
    expect(decodeCenterNet(m, 1).map((x) => x.score)).toEqual([expect.closeTo(0.8, 5)]);
  });

  it('refuses maps whose length does not match their shape', () => {
    const m = maps([]);
    expect(() => decodeCenterNet({ ...m, classes: 3 })).toThrow(/do not match/);
  });
});
