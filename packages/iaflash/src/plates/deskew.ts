/**
 * Straightening a tilted plate crop. Real crops come from an upright box drawn around a plate that is
 * often turned 5 to 20 degrees (a camera beside the road, a car on a slope), and the box also holds
 * the bumper and the body; the segmentation expects a level row of characters filling about two
 * thirds of the height (the synthetic training plates turn at most 3.5 degrees). Here the skew comes
 * from the line through the character-sized components, the grey image is turned back, and the rows
 * of the character band are kept with a margin. Pure: grey pixels in, grey pixels out.
 * The turn and the resampling are written here rather than asked of sharp: they work on the grey
 * image the reader has already decoded, at 128 rows (well under a millisecond), and stay synchronous
 * and unit-tested without an encode/decode round trip.
 */
import { characterBand, components } from './segment.ts';
import type { Gray } from './segment.ts';

/** Widest tilt searched, in degrees (beyond it the characters are too foreshortened to read). */
export const MAX_SKEW_DEG = 25;
const MAX_SKEW_COMPONENTS = 40;

/**
 * The skew of the row of characters: the line through the centres of the most components of a
 * character's size and shape that share a height (±30 %) and lie within a fifth of that height of the
 * line (every pair of components proposes a line; the best one is refitted by least squares on its
 * members). Why not a projection profile of the whole mask: the bumper, the body's edges and the
 * frame outweigh the characters on a loose crop. Returns degrees, positive when the line goes down to
 * the right; 0 when fewer than three characters agree.
 */
export function estimateSkew(mask: Uint8Array, w: number, h: number, maxDeg = MAX_SKEW_DEG): number {
  const chars = components(mask, w, h)
    .map((c) => ({ ...c, ch: c.y2 - c.y1, cw: c.x2 - c.x1, cx: (c.x1 + c.x2) / 2, cy: (c.y1 + c.y2) / 2 }))
    .filter((c) => c.ch >= 0.12 * h && c.ch <= 0.9 * h && c.cw <= 1.3 * c.ch && c.cw >= 0.08 * c.ch && c.area / (c.ch * c.cw) > 0.12)
    // The largest ones only: a plate has at most a dozen characters, and the pair search is cubic
    // (a crop of noise gives hundreds of candidates).
    .sort((a, b) => b.area - a.area)
    .slice(0, MAX_SKEW_COMPONENTS);
  const maxSlope = Math.tan((maxDeg * Math.PI) / 180);
  let best: typeof chars = [];
  for (let i = 0; i < chars.length; i++)
    for (let j = i + 1; j < chars.length; j++) {
      const a = chars[i];
      const b = chars[j];
      if (Math.abs(a.ch - b.ch) > 0.3 * Math.max(a.ch, b.ch) || Math.abs(b.cx - a.cx) < 0.5 * a.ch) continue;
      const slope = (b.cy - a.cy) / (b.cx - a.cx);
      if (Math.abs(slope) > maxSlope) continue;
      const hRef = (a.ch + b.ch) / 2;
      const members = chars.filter(
        (c) => Math.abs(c.ch - hRef) <= 0.3 * hRef && Math.abs(c.cy - (a.cy + slope * (c.cx - a.cx))) <= 0.2 * hRef,
      );
      if (members.length > best.length) best = members;
    }
  if (best.length < 3) return 0;
  const mx = best.reduce((s, c) => s + c.cx, 0) / best.length;
  const my = best.reduce((s, c) => s + c.cy, 0) / best.length;
  let sxx = 0;
  let sxy = 0;
  for (const c of best) {
    sxx += (c.cx - mx) ** 2;
    sxy += (c.cx - mx) * (c.cy - my);
  }
  if (sxx === 0) return 0;
  return Math.round(((Math.atan(sxy / sxx) * 180) / Math.PI) * 10) / 10;
}

/** The image turned by −`deg` degrees about its centre (bilinear), on a canvas grown to hold it; new pixels take `fill`. */
export function rotateGray(img: Gray, deg: number, fill: number): Gray {
  const a = (-deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const { width: w, height: h, data } = img;
  const W = Math.ceil(Math.abs(w * cos) + Math.abs(h * sin));
  const H = Math.ceil(Math.abs(w * sin) + Math.abs(h * cos));
  const out = new Uint8Array(W * H).fill(fill);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const CX = (W - 1) / 2;
  const CY = (H - 1) / 2;
  for (let Y = 0; Y < H; Y++)
    for (let X = 0; X < W; X++) {
      // Inverse mapping: the source pixel that lands on (X, Y).
      const dx = X - CX;
      const dy = Y - CY;
      const sx = cos * dx + sin * dy + cx;
      const sy = -sin * dx + cos * dy + cy;
      if (sx < 0 || sy < 0 || sx > w - 1 || sy > h - 1) continue;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const x1 = Math.min(w - 1, x0 + 1);
      const y1 = Math.min(h - 1, y0 + 1);
      const fx = sx - x0;
      const fy = sy - y0;
      out[Y * W + X] = Math.round(
        (data[y0 * w + x0] * (1 - fx) + data[y0 * w + x1] * fx) * (1 - fy) + (data[y1 * w + x0] * (1 - fx) + data[y1 * w + x1] * fx) * fy,
      );
    }
  return { data: out, width: W, height: H };
}

/** Rows [top, bottom) of an image, resampled (area average down, bilinear up) to `height` rows, the width scaled alike. */
export function cropRowsTo(img: Gray, top: number, bottom: number, height: number): Gray {
  const srcH = bottom - top;
  const scale = height / srcH;
  const W = Math.max(16, Math.round(img.width * scale));
  const out = new Uint8Array(W * height);
  for (let Y = 0; Y < height; Y++)
    for (let X = 0; X < W; X++) {
      // Average the source pixels the output pixel covers (at least the nearest one).
      const sx0 = X / scale;
      const sx1 = Math.max(sx0 + 1, (X + 1) / scale);
      const sy0 = top + Y / scale;
      const sy1 = Math.max(sy0 + 1, top + (Y + 1) / scale);
      let sum = 0;
      let n = 0;
      for (let y = Math.floor(sy0); y < Math.min(bottom, Math.ceil(sy1)); y++)
        for (let x = Math.floor(sx0); x < Math.min(img.width, Math.ceil(sx1)); x++) {
          sum += img.data[y * img.width + x];
          n++;
        }
      out[Y * W + X] = n
        ? Math.round(sum / n)
        : img.data[Math.min(bottom - 1, Math.floor(sy0)) * img.width + Math.min(img.width - 1, Math.floor(sx0))];
    }
  return { data: out, width: W, height };
}

/** The image's median grey: the fill of the corners a rotation opens (the surroundings' tone, no new edges). */
export function medianGrey(img: Gray): number {
  const hist = new Array<number>(256).fill(0);
  for (const v of img.data) hist[v]++;
  let n = 0;
  for (let v = 0; v < 256; v++) if ((n += hist[v]) >= img.data.length / 2) return v;
  return 128;
}

/**
 * The plate turned level by `deg` degrees (estimateSkew, measured on any resolution of the same
 * crop) at `height` rows, the character band about half of it, or null when no character band is
 * found. `binarize` gives the ink mask of a grey image (the reader's polarity and thresholds).
 */
export function straighten(img: Gray, deg: number, binarize: (g: Gray) => Uint8Array, height: number): Gray | null {
  const turned = rotateGray(img, deg, medianGrey(img));
  const band = characterBand(binarize(turned), turned.width, turned.height);
  if (!band) return null;
  const [top, bottom] = band;
  // A generous margin: a character touching the frame can end the band early at its top or bottom.
  const margin = BAND_MARGIN * (bottom - top);
  return cropRowsTo(turned, Math.max(0, Math.round(top - margin)), Math.min(turned.height, Math.round(bottom + margin)), height);
}

/** Below this tilt (degrees) a crop is read as it is: the segmentation takes a few degrees, and training plates turn up to 3.5. */
export const MIN_SKEW_DEG = 2;

/** Rows kept above and below the character band, as a share of its height. */
const BAND_MARGIN = 0.4;
