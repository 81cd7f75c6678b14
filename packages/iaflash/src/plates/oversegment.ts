/**
 * Recognition-driven segmentation. Connected components fail on the commonest faults of a real crop:
 * a glyph broken in pieces by low contrast, two glyphs touching, a wide W or M taken for two
 * characters, a character merged with the plate's blue band. Here the character band's columns are
 * cut into small units (runs of inked columns, wide runs also at their thinnest columns); every run
 * of one to five consecutive units is a candidate character; the classifier scores each candidate,
 * and a dynamic programme picks, for each character count, the best left-to-right sequence
 * (units not taken are skipped at a cost that grows with their ink). Pure: the scores come in.
 */
import { findCharacters, median, removeFrameLines, type CharBox } from './segment.ts';

export interface Unit {
  x1: number;
  x2: number;
  /** Ink pixels inside the character band. */
  ink: number;
  /** Its ink spans under half the band's height (a hyphen, a speck): never a character's edge. */
  low: boolean;
}

export interface Oversegmentation {
  units: Unit[];
  /**
   * Candidate characters: units [from, to], the ink's bounding box over those columns, and the share
   * of its columns inked across the whole padded band (taller than a character).
   */
  candidates: { from: number; to: number; box: CharBox; tall: number }[];
  /** Typical character width and ink, from the components that look like characters. */
  charWidth: number;
  charInk: number;
}

const MAX_UNITS_PER_CHAR = 5;
const MAX_UNITS = 60;

/**
 * The band and units of a plate's ink mask, or null when no row of character-like components gives
 * the band. The band comes from the components that look like characters (their median top and
 * bottom), so one good character row is enough even when most glyphs are broken or merged.
 */
export function oversegment(mask: Uint8Array, w: number, h: number): Oversegmentation | null {
  const boxes = findCharacters(mask, w, h, Infinity);
  if (boxes.length < 2) return null;
  // The band follows the plate's tilt: a least-squares slope through the components' centres.
  const cx = boxes.map((b) => (b.x1 + b.x2) / 2);
  const cy = boxes.map((b) => (b.y1 + b.y2) / 2);
  const mx = cx.reduce((a, b) => a + b, 0) / cx.length;
  const my = cy.reduce((a, b) => a + b, 0) / cy.length;
  let sxx = 0;
  let sxy = 0;
  cx.forEach((x, i) => {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (cy[i] - my);
  });
  const slope = boxes.length >= 3 && sxx > 0 ? Math.max(-0.15, Math.min(0.15, sxy / sxx)) : 0;
  const topAt0 = median(boxes.map((b) => b.y1 - (slope * (b.x1 + b.x2)) / 2));
  const bottomAt0 = median(boxes.map((b) => b.y2 - (slope * (b.x1 + b.x2)) / 2));
  const bandH = bottomAt0 - topAt0;
  if (bandH < 6) return null;
  const pad = Math.max(1, Math.round(bandH * 0.08));
  const clamp = (y: number) => Math.max(0, Math.min(h, Math.round(y)));
  const bandTop = (x: number) => clamp(topAt0 + slope * x - pad);
  const bandBottom = (x: number) => clamp(bottomAt0 + slope * x + pad);
  const clean = removeFrameLines(mask, w, h);
  const inkRows = (x: number, y0: number, y1: number) => {
    let n = 0;
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) n += clean[y * w + x];
    return n;
  };
  const col = new Int32Array(w);
  for (let x = 0; x < w; x++) col[x] = inkRows(x, bandTop(x), bandBottom(x));
  // Columns inked above and below the band too are the blue bands or the frame's sides, not
  // characters; dropped unless that would drop most of the plate (a tight crop inside a thick frame).
  const reach = Math.max(2, Math.round(0.12 * bandH));
  const outside: number[] = [];
  for (let x = 0; x < w; x++) {
    const t = bandTop(x);
    const b = bandBottom(x);
    const above = Math.min(reach, t);
    const below = Math.min(reach, h - b);
    if (above >= 2 && below >= 2 && inkRows(x, t - above, t) >= 0.6 * above && inkRows(x, b, b + below) >= 0.6 * below) outside.push(x);
  }
  if (outside.length < 0.4 * w) for (const x of outside) col[x] = 0;
  // Columns with this little ink are gaps: thin joins between touching glyphs, hyphens, specks.
  const thin = Math.max(1, Math.round(0.1 * bandH));
  const charWidth = Math.max(3, median(boxes.map((b) => b.x2 - b.x1)));

  const runs: { x1: number; x2: number }[] = [];
  for (let x = 0; x < w;) {
    if (col[x] <= thin) {
      x++;
      continue;
    }
    let e = x;
    while (e < w && col[e] > thin) e++;
    runs.push({ x1: x, x2: e });
    x = e;
  }
  // A run wider than a character is also cut at its thinnest columns (local minima of the profile).
  const units: Unit[] = [];
  for (const r of runs) {
    const cuts = [r.x1];
    if (r.x2 - r.x1 > 1.25 * charWidth) {
      const minGap = Math.max(2, Math.round(0.3 * charWidth));
      const interior: number[] = [];
      for (let x = r.x1 + minGap; x < r.x2 - minGap; x++) if (col[x] <= col[x - 1] && col[x] <= col[x + 1]) interior.push(x);
      interior.sort((a, b) => col[a] - col[b]);
      // Up to two cuts a character's width: the right one plus a spare, the DP choosing.
      const maxInterior = 2 * Math.round((r.x2 - r.x1) / charWidth) - 1;
      for (const x of interior) {
        if (cuts.length > maxInterior) break;
        if (cuts.every((c) => Math.abs(c - x) >= minGap)) cuts.push(x);
      }
      cuts.sort((a, b) => a - b);
    }
    cuts.push(r.x2);
    for (let k = 0; k + 1 < cuts.length; k++) {
      let ink = 0;
      let first = h;
      let last = -1;
      for (let x = cuts[k]; x < cuts[k + 1]; x++) {
        ink += col[x];
        for (let y = bandTop(x); y < bandBottom(x); y++)
          if (clean[y * w + x]) {
            first = Math.min(first, y);
            last = Math.max(last, y);
          }
      }
      units.push({ x1: cuts[k], x2: cuts[k + 1], ink, low: last - first + 1 < 0.45 * bandH });
    }
  }
  // Real plates cut into at most 22 units (319 real crops); hundreds are noise or a grille, and
  // each unit adds up to five candidates for the classifier (a crop of noise took 150 ms).
  if (units.length > MAX_UNITS) return null;
  const charInk = Math.max(1, median(boxes.map((b) => inkIn(clean, w, b))));

  const candidates: Oversegmentation['candidates'] = [];
  for (let from = 0; from < units.length; from++)
    for (let to = from; to < Math.min(units.length, from + MAX_UNITS_PER_CHAR); to++) {
      const x1 = units[from].x1;
      const x2 = units[to].x2;
      if (units[from].low) break;
      if (x2 - x1 > 1.9 * charWidth || (to > from && units[to].x1 - units[to - 1].x2 > 0.35 * charWidth)) break;
      if (x2 - x1 < 0.15 * bandH || units[to].low) continue;
      let y1 = h;
      let y2 = 0;
      // Characters stand between the band's unpadded edges: ink in both pads (over the same column)
      // is something taller, a band remnant or the frame.
      let tall = 0;
      for (let x = x1; x < x2; x++) {
        const t = bandTop(x);
        const b = bandBottom(x);
        let first = -1;
        let last = -1;
        for (let y = t; y < b; y++)
          if (clean[y * w + x]) {
            if (first < 0) first = y;
            last = y;
          }
        if (first < 0) continue;
        if (first < y1) y1 = first;
        if (last + 1 > y2) y2 = last + 1;
        if (first < t + pad && last >= b - pad) tall++;
      }
      if (y2 - y1 < 0.5 * bandH) continue;
      candidates.push({ from, to, box: { x1, y1, x2, y2 }, tall: tall / (x2 - x1) });
    }
  return { units, candidates, charWidth, charInk };
}

function inkIn(mask: Uint8Array, w: number, b: CharBox) {
  let n = 0;
  for (let y = Math.floor(b.y1); y < b.y2; y++) for (let x = Math.floor(b.x1); x < b.x2; x++) n += mask[y * w + x];
  return n;
}

/**
 * For each character count, the best sequence of candidates (indices into `candidates`), given each
 * candidate's score at a position: the log-probability of its most likely character when reading,
 * of the known character at that position when aligning a training plate. Skipping a unit costs up to
 * 3 (a whole character's ink); a candidate wider than 1.4 characters costs in proportion.
 */
export function bestSequences(
  seg: Oversegmentation,
  score: (candidate: number, position: number) => number,
  maxChars = 10,
): Map<number, number[]> {
  const n = seg.units.length;
  const byStart = new Map<number, number[]>();
  seg.candidates.forEach((c, i) => byStart.set(c.from, [...(byStart.get(c.from) ?? []), i]));
  // best[i][k]: best score having consumed units < i with k characters.
  const best = Array.from({ length: n + 1 }, () => new Float64Array(maxChars + 1).fill(-Infinity));
  const back = Array.from({ length: n + 1 }, () => new Int32Array(maxChars + 1).fill(-2));
  best[0][0] = 0;
  for (let i = 0; i < n; i++)
    for (let k = 0; k <= maxChars; k++) {
      const s = best[i][k];
      if (s === -Infinity) continue;
      const skip = seg.units[i].low ? s : s - 3 * Math.min(1, seg.units[i].ink / seg.charInk);
      if (skip > best[i + 1][k]) {
        best[i + 1][k] = skip;
        back[i + 1][k] = -1;
      }
      if (k === maxChars) continue;
      for (const ci of byStart.get(i) ?? []) {
        const c = seg.candidates[ci];
        const width = (c.box.x2 - c.box.x1) / seg.charWidth;
        const v = s + score(ci, k) - 2 * Math.max(0, width - 1.4) - 4 * c.tall;
        if (v > best[c.to + 1][k + 1]) {
          best[c.to + 1][k + 1] = v;
          back[c.to + 1][k + 1] = ci;
        }
      }
    }
  const out = new Map<number, number[]>();
  for (let k = 1; k <= maxChars; k++) {
    if (best[n][k] === -Infinity) continue;
    const path: number[] = [];
    let i = n;
    let kk = k;
    while (i > 0) {
      const b = back[i][kk];
      if (b === -1) i--;
      else {
        path.push(b);
        i = seg.candidates[b].from;
        kk--;
      }
    }
    out.set(k, path.reverse());
  }
  return out;
}
