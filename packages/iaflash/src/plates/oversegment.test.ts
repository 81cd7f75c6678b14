import { describe, expect, it } from 'vitest';
import { bestSequences, oversegment } from './oversegment.ts';

const W = 300;
const H = 64;

/** A mask with hollow character boxes of the given widths, 8 pixels apart, rows 16 to 48. */
function plateMask(widths: number[], opts: { band?: boolean; hyphenAfter?: number; brokenAt?: number } = {}) {
  const mask = new Uint8Array(W * H);
  let x0 = 60;
  widths.forEach((cw, k) => {
    for (let y = 16; y < 48; y++)
      for (let x = x0; x < x0 + cw; x++) {
        const edge = x - x0 < 3 || x0 + cw - x <= 3 || y < 19 || y >= 45;
        // A glyph broken by low contrast: its middle rows are lost, leaving two pieces.
        if (edge && !(k === opts.brokenAt && y >= 30 && y < 34)) mask[y * W + x] = 1;
      }
    if (k === opts.hyphenAfter) for (let y = 30; y < 33; y++) for (let x = x0 + cw + 2; x < x0 + cw + 6; x++) mask[y * W + x] = 1;
    x0 += cw + 8;
  });
  // The blue EU band: solid over the plate's whole height, left of the characters.
  if (opts.band) for (let y = 4; y < 60; y++) for (let x = 20; x < 44; x++) mask[y * W + x] = 1;
  return mask;
}

/** Scores that make every candidate a sure character: the sequences then follow geometry alone. */
const sure = () => 0;

describe('recognition-driven segmentation', () => {
  it('gives up on a band cut into far more units than a plate has (noise, a grille)', () => {
    const mask = plateMask([20, 20]);
    expect(oversegment(mask, W, H)).not.toBeNull();
    for (let x = 120; x < W - 1; x += 2) for (let y = 16; y < 48; y++) mask[y * W + x] = 1;
    expect(oversegment(mask, W, H)).toBeNull();
  });

  it('offers each character as a candidate and reads seven boxes as seven characters', () => {
    const seg = oversegment(plateMask([16, 16, 16, 16, 16, 16, 16]), W, H)!;
    expect(seg).not.toBeNull();
    const path = bestSequences(seg, sure).get(7)!;
    expect(path.map((ci) => Math.round(seg.candidates[ci].box.x1))).toEqual([60, 84, 108, 132, 156, 180, 204]);
  });

  it('keeps a wide W or M whole as one candidate (components split it at a fixed width ratio)', () => {
    const seg = oversegment(plateMask([16, 16, 30, 16, 16]), W, H)!;
    const wide = seg.candidates.find((c) => c.box.x1 === 108 && c.box.x2 === 138);
    expect(wide).toBeDefined();
  });

  it('joins the two pieces of a broken glyph into one candidate', () => {
    const seg = oversegment(plateMask([16, 16, 16, 16, 16], { brokenAt: 2 }), W, H)!;
    const path = bestSequences(seg, sure).get(5)!;
    const box = seg.candidates[path[2]].box;
    expect([box.x1, box.x2]).toEqual([108, 124]);
    expect(box.y2 - box.y1).toBeGreaterThan(28);
  });

  it('drops the blue band and skips a hyphen at no cost', () => {
    const seg = oversegment(plateMask([16, 16, 16, 16, 16, 16, 16], { band: true, hyphenAfter: 1 }), W, H)!;
    expect(seg.units.some((u) => u.x1 < 44)).toBe(false);
    expect(seg.candidates.every((c) => c.box.x1 >= 60)).toBe(true);
    expect(bestSequences(seg, sure).get(7)).toHaveLength(7);
  });

  it('follows the scores: an unlikely reading of a unit is skipped when the count allows', () => {
    const seg = oversegment(plateMask([16, 16, 16, 16, 16, 16, 16, 16]), W, H)!;
    // The last box scores as noise: the best seven-character sequence leaves it out.
    const score = (ci: number) => (seg.candidates[ci].box.x1 >= 228 ? -20 : 0);
    const path = bestSequences(seg, score).get(7)!;
    expect(path.every((ci) => seg.candidates[ci].box.x1 < 228)).toBe(true);
  });

  it('gives nothing without a row of character-like components', () => {
    expect(oversegment(new Uint8Array(W * H), W, H)).toBeNull();
  });
});
