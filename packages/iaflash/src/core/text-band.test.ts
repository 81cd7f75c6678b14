import { describe, expect, it } from 'vitest';
import { detectTextBand } from './text-band.ts';

function image(width: number, height: number, bandTop: number, bandBottom: number): Uint8Array {
  const g = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inBand = y < bandTop || y >= height - bandBottom;
      // Band: black with white "text" strokes; scene: mid-tone texture.
      g[y * width + x] = inBand ? (x % 9 < 2 && y % 5 < 3 ? 240 : 10) : 80 + ((x * 7 + y * 13) % 100);
    }
  return g;
}

describe('detectTextBand', () => {
  it('finds a camera text band at the top or the bottom', () => {
    expect(detectTextBand(image(200, 150, 14, 0), 200, 150)).toEqual({ top: 14, bottom: 0 });
    expect(detectTextBand(image(200, 150, 0, 12), 200, 150)).toEqual({ top: 0, bottom: 12 });
  });

  it('leaves a normal photo alone and never crops more than the limit', () => {
    expect(detectTextBand(image(200, 150, 0, 0), 200, 150)).toEqual({ top: 0, bottom: 0 });
    const b = detectTextBand(image(200, 150, 100, 0), 200, 150);
    expect(b.top).toBeLessThanOrEqual(Math.floor(150 * 0.15));
  });
});
