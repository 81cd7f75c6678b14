import { describe, expect, it } from 'vitest';
import { estimateSlant, shearGray } from './slant.ts';
import { binarize, type Gray } from './segment.ts';

/**
 * A light canvas with seven dark "characters" (a vertical stroke and a foot) leaning by `lean` pixels
 * per row: their tops further right when positive, as a camera beside and above the road sees them.
 */
function leaningPlate(lean: number, w = 360, h = 64): Gray {
  const data = new Uint8Array(w * h).fill(220);
  const yc = h / 2;
  for (let k = 0; k < 7; k++) {
    const x0 = 40 + k * 40;
    for (let y = 12; y < 52; y++) {
      const dx = Math.round(-lean * (y - yc));
      const width = y >= 46 ? 16 : 5;
      for (let x = x0 + dx; x < x0 + dx + width; x++) data[y * w + x] = 20;
    }
  }
  return { data, width: w, height: h };
}

const mask = (g: Gray) => binarize(g, false);

describe('plate slant', () => {
  it('finds the lean of the strokes, either way, and none on upright ones', () => {
    for (const lean of [-0.3, -0.16, 0.2, 0.32]) {
      const img = leaningPlate(lean);
      expect(Math.abs(estimateSlant(mask(img), img.width, img.height) - lean)).toBeLessThanOrEqual(0.04);
    }
    const upright = leaningPlate(0);
    expect(estimateSlant(mask(upright), upright.width, upright.height)).toBe(0);
  });

  it('says 0 on a crop with no character band', () => {
    const blank = { data: new Uint8Array(300 * 64).fill(200), width: 300, height: 64 };
    expect(estimateSlant(mask(blank), 300, 64)).toBe(0);
  });

  it('sets leaning strokes upright on a canvas widened to hold them', () => {
    const img = leaningPlate(0.28);
    const s = estimateSlant(mask(img), img.width, img.height);
    const upright = shearGray(img, s, 220);
    expect(upright.height).toBe(img.height);
    expect(upright.width).toBeGreaterThan(img.width);
    expect(estimateSlant(mask(upright), upright.width, upright.height)).toBe(0);
    // A shear by 0 is the identity.
    expect(shearGray(img, 0, 220)).toEqual(img);
  });
});
