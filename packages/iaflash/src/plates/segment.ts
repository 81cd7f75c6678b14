/**
 * Character segmentation of a plate crop: local (Sauvola-style) binarisation, connected components,
 * then the largest row of components of character size aligned on one line. Pure: grayscale pixels
 * in, boxes out. The caller gives the polarity (dark on light, or the old light-on-black plates).
 */
export interface Gray {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface CharBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Ink mask: pixels darker than the local mean by a margin (window ≈ half the height). */
export function binarize(img: Gray, invert: boolean, k = 0.12): Uint8Array {
  const { width: w, height: h } = img;
  const px = invert ? img.data.map((v) => 255 - v) : img.data;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += px[y * w + x];
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
    }
  }
  const r = Math.max(4, Math.round(h / 3));
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const sum = integral[y1 * (w + 1) + x1] - integral[y0 * (w + 1) + x1] - integral[y1 * (w + 1) + x0] + integral[y0 * (w + 1) + x0];
      const mean = sum / ((y1 - y0) * (x1 - x0));
      out[y * w + x] = px[y * w + x] < mean * (1 - k) - 4 ? 1 : 0;
    }
  }
  return out;
}

interface Component extends CharBox {
  area: number;
}

export function components(mask: Uint8Array, w: number, h: number): Component[] {
  const label = new Int32Array(w * h).fill(-1);
  const out: Component[] = [];
  const stack: number[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || label[start] >= 0) continue;
    const c: Component = { x1: w, y1: h, x2: 0, y2: 0, area: 0 };
    label[start] = out.length;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % w;
      const y = (p - x) / w;
      c.area++;
      if (x < c.x1) c.x1 = x;
      if (x + 1 > c.x2) c.x2 = x + 1;
      if (y < c.y1) c.y1 = y;
      if (y + 1 > c.y2) c.y2 = y + 1;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          const q = ny * w + nx;
          if (mask[q] && label[q] < 0) {
            label[q] = out.length;
            stack.push(q);
          }
        }
    }
    out.push(c);
  }
  return out;
}

/**
 * Erases long horizontal ink runs (the plate's frame, bumper edges) so characters that touch the
 * frame become separate components again.
 */
export function removeFrameLines(mask: Uint8Array, w: number, h: number): Uint8Array {
  const out = mask.slice();
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w;) {
      if (!mask[y * w + x]) {
        x++;
        continue;
      }
      let e = x;
      while (e < w && mask[y * w + e]) e++;
      if (e - x > 0.3 * w) out.fill(0, y * w + x, y * w + e);
      x = e;
    }
  return out;
}

/**
 * The rows [top, bottom) of the character band: the longest run of rows crossing many ink edges
 * (characters) rather than few (frame, body, shadows). Null when no row crosses enough edges.
 */
export function characterBand(mask: Uint8Array, w: number, h: number): [number, number] | null {
  const edges = new Array<number>(h).fill(0);
  for (let y = 0; y < h; y++) for (let x = 1; x < w; x++) if (mask[y * w + x] !== mask[y * w + x - 1]) edges[y]++;
  const max = Math.max(...edges);
  if (max < 8) return null;
  let best: [number, number] = [0, -1];
  for (let y = 0; y < h;) {
    if (edges[y] < 0.35 * max) {
      y++;
      continue;
    }
    let e = y;
    while (e + 1 < h && edges[e + 1] >= 0.35 * max) e++;
    if (e - y > best[1] - best[0]) best = [y, e];
    y = e + 1;
  }
  return [best[0], best[1] + 1];
}

/**
 * Keeps only the rows of the character band: on a tight crop the characters reach the plate's dark
 * frame and merge with it into one blob that no size rule accepts. Rows outside the band are
 * cleared. Returns the mask unchanged when no clear band stands out.
 */
export function keepCharacterBand(mask: Uint8Array, w: number, h: number): Uint8Array {
  const band = characterBand(mask, w, h);
  if (!band) return mask;
  const [top, bottom] = band;
  if (bottom - top < 0.25 * h || bottom - top > 0.95 * h) return mask;
  const out = mask.slice();
  out.fill(0, 0, top * w);
  out.fill(0, bottom * w);
  return out;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
};

/**
 * The characters: components 25–95 % of the crop height, not too wide, then the biggest set sharing
 * a height (±25 %) and a vertical centre (±20 % of the height), left to right. A blob wider than
 * `splitRatio` times the median width (touching characters) is split evenly.
 */
export function findCharacters(mask: Uint8Array, w: number, h: number, splitRatio = 1.7): CharBox[] {
  const cands = components(removeFrameLines(mask, w, h), w, h).filter((c) => {
    const ch = c.y2 - c.y1;
    const cw = c.x2 - c.x1;
    const fill = c.area / (ch * cw);
    return ch >= 0.25 * h && ch <= 0.95 * h && cw <= 1.6 * ch && cw >= 1 && fill > 0.12 && fill < 0.95 && c.x1 > 0 && c.x2 < w;
  });
  let best: Component[] = [];
  for (const ref of cands) {
    const rh = ref.y2 - ref.y1;
    const rc = (ref.y1 + ref.y2) / 2;
    const row = cands.filter((c) => Math.abs(c.y2 - c.y1 - rh) <= 0.25 * rh && Math.abs((c.y1 + c.y2) / 2 - rc) <= 0.2 * h);
    if (row.length > best.length) best = row;
  }
  best.sort((a, b) => a.x1 - b.x1);
  // Drop components nested in a previous one's span (pieces of the same glyph), keep the bigger.
  const merged: CharBox[] = [];
  for (const c of best) {
    const last = merged[merged.length - 1];
    if (last && c.x1 < last.x2 - 0.5 * (c.x2 - c.x1)) {
      last.x1 = Math.min(last.x1, c.x1);
      last.x2 = Math.max(last.x2, c.x2);
      last.y1 = Math.min(last.y1, c.y1);
      last.y2 = Math.max(last.y2, c.y2);
    } else merged.push({ x1: c.x1, y1: c.y1, x2: c.x2, y2: c.y2 });
  }
  const mw = median(merged.map((c) => c.x2 - c.x1));
  const out: CharBox[] = [];
  for (const c of merged) {
    const cw = c.x2 - c.x1;
    const parts = mw > 0 && cw > splitRatio * mw ? Math.max(2, Math.round(cw / mw)) : 1;
    for (let p = 0; p < parts; p++) out.push({ x1: c.x1 + (p * cw) / parts, x2: c.x1 + ((p + 1) * cw) / parts, y1: c.y1, y2: c.y2 });
  }
  return out;
}

export const GLYPH_W = 20;
export const GLYPH_H = 28;

/**
 * A character crop as the classifier sees it: the box (with a 1-pixel margin) scaled to fit
 * GLYPH_W × GLYPH_H keeping its aspect, centred, ink = 1, paper = 0, contrast-stretched.
 */
export function glyph(img: Gray, box: CharBox, invert: boolean): Float32Array {
  const out = new Float32Array(GLYPH_W * GLYPH_H);
  const bx1 = Math.max(0, box.x1 - 1);
  const by1 = Math.max(0, box.y1 - 1);
  const bw = Math.min(img.width, box.x2 + 1) - bx1;
  const bh = Math.min(img.height, box.y2 + 1) - by1;
  const scale = Math.min(GLYPH_W / bw, GLYPH_H / bh);
  const ow = bw * scale;
  const oh = bh * scale;
  const ox = (GLYPH_W - ow) / 2;
  const oy = (GLYPH_H - oh) / 2;
  let lo = 255;
  let hi = 0;
  for (let y = Math.floor(by1); y < by1 + bh; y++)
    for (let x = Math.floor(bx1); x < bx1 + bw; x++) {
      const v = img.data[y * img.width + x];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  const range = Math.max(1, hi - lo);
  for (let gy = 0; gy < GLYPH_H; gy++)
    for (let gx = 0; gx < GLYPH_W; gx++) {
      const sx = (gx + 0.5 - ox) / scale + bx1 - 0.5;
      const sy = (gy + 0.5 - oy) / scale + by1 - 0.5;
      if (sx < bx1 - 0.5 || sy < by1 - 0.5 || sx > bx1 + bw - 0.5 || sy > by1 + bh - 0.5) continue;
      // Bilinear sample.
      const x0 = Math.max(0, Math.min(img.width - 1, Math.floor(sx)));
      const y0 = Math.max(0, Math.min(img.height - 1, Math.floor(sy)));
      const x1 = Math.min(img.width - 1, x0 + 1);
      const y1 = Math.min(img.height - 1, y0 + 1);
      const fx = Math.min(1, Math.max(0, sx - x0));
      const fy = Math.min(1, Math.max(0, sy - y0));
      const d = img.data;
      const w = img.width;
      const v = (d[y0 * w + x0] * (1 - fx) + d[y0 * w + x1] * fx) * (1 - fy) + (d[y1 * w + x0] * (1 - fx) + d[y1 * w + x1] * fx) * fy;
      const ink = (hi - v) / range;
      out[gy * GLYPH_W + gx] = invert ? 1 - ink : ink;
    }
  return out;
}
