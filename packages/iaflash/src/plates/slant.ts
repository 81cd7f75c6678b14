/**
 * Slant correction. A camera above or beside the road sees a plate's characters leaning (a shear, not
 * a turn: the row stays level while the strokes tilt, up to 20 degrees on real crops), and the
 * synthetic training plates have upright strokes. The slant is the shear that makes the ink's column
 * histogram sharpest: upright strokes pile into few columns (the classic projection criterion of
 * handwriting recognition, measured here only on the character band's rows so that the frame and the
 * bumper do not vote). Pure: grey pixels in, grey pixels out.
 */
import { characterBand, type Gray } from './segment.ts';

/** Shears tried: x moves by `s` pixels per row, |s| ≤ 0.4 (about 22 degrees). */
const MAX_SHEAR = 0.4;
const SHEAR_STEP = 0.04;
/** A shear is kept only when it sharpens the histogram by this much over upright: noise moves it a little anyway. */
const MIN_GAIN = 1.05;

/**
 * The shear that puts the strokes upright: x' = x − s·(y − centre), s > 0 when the characters lean
 * right (their tops further right than their feet); 0 when no shear does clearly better than none.
 */
export function estimateSlant(mask: Uint8Array, w: number, h: number): number {
  const band = characterBand(mask, w, h);
  if (!band) return 0;
  const [top, bottom] = band;
  const yc = (top + bottom) / 2;
  const pad = Math.ceil(MAX_SHEAR * h);
  const hist = new Float64Array(w + 2 * pad);
  const sharpness = (s: number) => {
    hist.fill(0);
    for (let y = top; y < bottom; y++) {
      // Rows count upward: a right lean has its top (small y) further right, so x' = x + s·(y − yc).
      const shift = s * (y - yc) + pad;
      for (let x = 0; x < w; x++) if (mask[y * w + x]) hist[Math.round(x + shift)]++;
    }
    let sum = 0;
    for (const v of hist) sum += v * v;
    return sum;
  };
  const upright = sharpness(0);
  let best = 0;
  let bestScore = upright;
  for (let s = -MAX_SHEAR; s <= MAX_SHEAR + 1e-9; s += SHEAR_STEP) {
    const score = sharpness(s);
    if (score > bestScore) {
      bestScore = score;
      best = Math.round(s * 100) / 100;
    }
  }
  return upright > 0 && bestScore >= MIN_GAIN * upright ? best : 0;
}

/** The image sheared by `s` (estimateSlant's sign: s > 0 straightens a right lean), linear along rows, on a canvas widened to hold it. */
export function shearGray(img: Gray, s: number, fill: number): Gray {
  const { width: w, height: h, data } = img;
  const yc = (h - 1) / 2;
  const pad = Math.ceil((Math.abs(s) * h) / 2);
  const W = w + 2 * pad;
  const out = new Uint8Array(W * h).fill(fill);
  for (let y = 0; y < h; y++) {
    const shift = s * (y - yc) + pad;
    for (let X = 0; X < W; X++) {
      const sx = X - shift;
      if (sx < 0 || sx > w - 1) continue;
      const x0 = Math.floor(sx);
      const x1 = Math.min(w - 1, x0 + 1);
      const f = sx - x0;
      out[y * W + X] = Math.round(data[y * w + x0] * (1 - f) + data[y * w + x1] * f);
    }
  }
  return { data: out, width: W, height: h };
}
