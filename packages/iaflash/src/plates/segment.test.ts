import { describe, expect, it } from 'vitest';
import { binarize, findCharacters, glyph, GLYPH_H, GLYPH_W, keepCharacterBand } from './segment.ts';

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

  it('separates characters that reach a thick dark frame (a tight crop) by keeping the character band', () => {
    // Seven hollow boxes (like "0") from y = 8 to 56 touching an 8-pixel dark frame whose rows are
    // broken every 75 pixels (as binarisation breaks a real frame), so no frame line is erased.
    const w = 300;
    const h = 64;
    const data = new Uint8Array(w * h).fill(220);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) if ((y < 8 || y >= 56 || x < 6 || x >= w - 6) && x % 75 !== 0) data[y * w + x] = 20;
    for (let k = 0; k < 7; k++)
      for (let y = 8; y < 56; y++)
        for (let x = 20 + k * 38; x < 40 + k * 38; x++) {
          const dx = x - (20 + k * 38);
          if (dx < 5 || dx >= 15 || y < 13 || y >= 51) data[y * w + x] = 20;
        }
    const mask = binarize({ data, width: w, height: h }, false);
    expect(findCharacters(mask, w, h).length).toBeLessThan(7);
    expect(findCharacters(keepCharacterBand(mask, w, h), w, h)).toHaveLength(7);
  });

  it('leaves a mask with no clear character band unchanged', () => {
    const mask = new Uint8Array(300 * 64);
    expect(keepCharacterBand(mask, 300, 64)).toBe(mask);
  });

  it('splits two touching characters only at the lower split ratio, and keeps a lone wide one', () => {
    // Five 14-pixel characters, then a 23-pixel blob (two touching characters, 1.64 times as wide).
    const w = 300;
    const h = 64;
    const mask = new Uint8Array(w * h);
    const bar = (x0: number, width: number) => {
      for (let y = 14; y < 50; y++)
        for (let x = x0; x < x0 + width; x++) if (x - x0 < 4 || x0 + width - x <= 4 || y < 18) mask[y * w + x] = 1;
    };
    for (let k = 0; k < 5; k++) bar(20 + k * 24, 14);
    bar(150, 23);
    expect(findCharacters(mask, w, h, 1.7)).toHaveLength(6);
    expect(findCharacters(mask, w, h, 1.4)).toHaveLength(7);
  });
});
