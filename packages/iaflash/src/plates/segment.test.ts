import { describe, expect, it } from 'vitest';
import { binarize, findCharacters, glyph, GLYPH_H, GLYPH_W } from './segment.ts';

/** A light plate with n dark bars of character size, a frame line touching them, and a hyphen. */
function plate(n: number) {
  const w = 300;
  const h = 64;
  const data = new Uint8Array(w * h).fill(220);
  for (let k = 0; k < n; k++)
    for (let y = 12; y < 52; y++)
      for (let x = 20 + k * 36; x < 40 + k * 36; x++) if (x - (20 + k * 36) < 6 || y < 18 || y > 46) data[y * w + x] = 20;
  for (let x = 5; x < w - 5; x++) data[51 * w + x] = 20; // frame line touching the characters
  for (let y = 30; y < 34; y++) for (let x = 270; x < 285; x++) data[y * w + x] = 20; // hyphen
  return { data, width: w, height: h };
}

describe('segmentation', () => {
  it('finds each character left to right, ignoring the frame and the hyphen', () => {
    const img = plate(7);
    const boxes = findCharacters(binarize(img, false), img.width, img.height);
    expect(boxes).toHaveLength(7);
    expect(boxes.every((b, i) => i === 0 || b.x1 > boxes[i - 1].x1)).toBe(true);
    const g = glyph(img, boxes[0], false);
    expect(g).toHaveLength(GLYPH_W * GLYPH_H);
    expect(Math.max(...g)).toBeGreaterThan(0.8);
  });

  it('finds nothing on a blank plate', () => {
    const img = { data: new Uint8Array(300 * 64).fill(200), width: 300, height: 64 };
    expect(findCharacters(binarize(img, false), 300, 64)).toHaveLength(0);
  });
});
