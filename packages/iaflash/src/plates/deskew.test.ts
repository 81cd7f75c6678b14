import { describe, expect, it } from 'vitest';
import { cropRowsTo, estimateSkew, medianGrey, rotateGray, straighten } from './deskew.ts';
import { binarize, findCharacters, type Gray } from './segment.ts';

/** A light canvas with seven dark character-sized bars, their row turned by `deg` degrees (down to the right when positive). */
function tiltedPlate(deg: number, w = 360, h = 160): Gray {
  const data = new Uint8Array(w * h).fill(220);
  const t = Math.tan((deg * Math.PI) / 180);
  for (let k = 0; k < 7; k++) {
    const x0 = 40 + k * 40;
    // Each bar's centre follows the turned line through the canvas's centre.
    const cy = h / 2 + (x0 + 10 - w / 2) * t;
    for (let y = Math.round(cy - 20); y < cy + 20; y++)
      for (let x = x0; x < x0 + 20; x++) if (x - x0 < 6 || Math.abs(y - cy) > 14) data[y * w + x] = 20;
  }
  return { data, width: w, height: h };
}

const mask = (g: Gray) => binarize(g, false);

describe('plate straightening', () => {
  it('finds the tilt of the character row, either way', () => {
    for (const deg of [-15, -6, 0, 8, 18]) {
      const img = tiltedPlate(deg);
      expect(Math.abs(estimateSkew(mask(img), img.width, img.height) - deg)).toBeLessThan(1.5);
    }
  });

  it('says 0 when fewer than three characters agree', () => {
    const img = { data: new Uint8Array(300 * 64).fill(200), width: 300, height: 64 };
    expect(estimateSkew(mask(img), 300, 64)).toBe(0);
  });

  it('turns an image back level on a canvas grown to hold it', () => {
    const img = tiltedPlate(12);
    const turned = rotateGray(img, 12, medianGrey(img));
    expect(turned.width).toBeGreaterThan(img.width);
    expect(turned.height).toBeGreaterThan(img.height);
    expect(Math.abs(estimateSkew(mask(turned), turned.width, turned.height))).toBeLessThan(1.5);
    // A turn by 0 degrees is the identity.
    expect(rotateGray(img, 0, 0).data).toEqual(img.data);
  });

  it('resamples a band of rows to the working height', () => {
    const img = { data: new Uint8Array(100 * 40).map((_, i) => (Math.floor(i / 100) < 20 ? 0 : 200)), width: 100, height: 40 };
    const out = cropRowsTo(img, 10, 30, 64);
    expect(out.height).toBe(64);
    expect(out.width).toBe(320);
    expect(out.data[0]).toBe(0);
    expect(out.data[out.data.length - 1]).toBe(200);
  });

  it('turns a tilted row level and crops it to its band, the characters about half the height', () => {
    const img = tiltedPlate(14);
    const straight = straighten(img, estimateSkew(mask(img), img.width, img.height), mask, 64);
    expect(straight).not.toBeNull();
    expect(straight!.height).toBe(64);
    const boxes = findCharacters(mask(straight!), straight!.width, straight!.height);
    expect(boxes).toHaveLength(7);
    expect(boxes[0].y2 - boxes[0].y1).toBeGreaterThan(0.4 * 64);
    expect(straighten({ data: new Uint8Array(300 * 64).fill(200), width: 300, height: 64 }, 10, mask, 64)).toBeNull();
  });
});
