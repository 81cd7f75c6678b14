/**
 * Synthetic French plates for training the reader: SIV (AB-123-CD, white, blue EU and regional
 * bands) and FNI (1234 AB 56, white, yellow or old black-and-silver), drawn as SVG with the fonts the
 * machine has (sans condensed, narrow, mono; bold) or with condensed and DIN-like sans fonts from
 * npm @fontsource packages (development dependencies: only training draws them), then degraded
 * like a camera crop: perspective shear, rotation, scale, blur, noise, contrast and JPEG
 * compression, with a margin of car body; on request, with what a roadside camera adds (infrared
 * flash, screws, frame, shadow, dirt, motion blur).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import sharp, { type Kernel } from 'sharp';
import { mulberry32 } from '../core/random.ts';

export const SIV_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';
const FNI_LETTERS = 'ABCDEFGHJKLMNPQRSTVWXYZ';
/** The fonts drawn from, each with its average capital or digit advance relative to DejaVu Sans. */
const FONT_WIDTH: Record<string, number> = {
  'DejaVu Sans Condensed': 0.9,
  'Liberation Sans Narrow': 0.85,
  'DejaVu Sans': 1,
  'Liberation Sans': 0.95,
  'DejaVu Sans Mono': 0.95,
};
const SYSTEM_FONTS = Object.keys(FONT_WIDTH);
/**
 * Fonts drawn as outlines, by @fontsource package name. Why: the reader's accuracy on real plates is
 * limited by how unlike them the synthetic glyphs are, and real plates use condensed fonts (the
 * French plate font, DIN 1451, FE-Schrift, Highway Gothic…) that the machine does not have.
 */
export const OUTLINE_FONTS = [
  'barlow-condensed',
  'roboto-condensed',
  'oswald',
  'archivo-narrow',
  'pt-sans-narrow',
  'fira-sans-condensed',
  'ibm-plex-sans-condensed',
  'overpass',
  'saira-semi-condensed',
];
/** 'system' draws only the machine's fonts, as before the outline fonts: for comparisons. */
export type PlateFonts = 'all' | 'system';

export interface PlateStyle {
  /** Fonts drawn from ('all' by default). */
  fonts?: PlateFonts;
  /**
   * What a roadside camera adds (off by default, so a seed draws the same plate as before): an
   * infrared look, screws, a dealer frame, a shadow, dirt, motion blur. See `plateCameraEffects`.
   * `{ minHeight }` draws them only on crops at least that high (the crop's height comes from the
   * plate's own stream, so it is the same with or without the effects).
   */
  camera?: boolean | { minHeight: number };
}
/**
 * Share of the plates still drawn in a system font when all fonts are drawn from. Half: drawing
 * the 14 fonts alike (5/14) read plates-eu and the system-font plates about as well (small runs).
 */
const SYSTEM_SHARE = 0.5;

/** One draw, so that 'system' draws the very plates drawn before the outline fonts existed. */
function pickFont(rnd: () => number, fonts: PlateFonts): string {
  const r = rnd();
  if (fonts === 'system') return SYSTEM_FONTS[Math.floor(r * SYSTEM_FONTS.length)];
  if (r < SYSTEM_SHARE) return SYSTEM_FONTS[Math.floor((r / SYSTEM_SHARE) * SYSTEM_FONTS.length)];
  return OUTLINE_FONTS[Math.floor(((r - SYSTEM_SHARE) / (1 - SYSTEM_SHARE)) * OUTLINE_FONTS.length)];
}

const DEPTS = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A',
  '2B',
  '971',
  '972',
  '973',
  '974',
  '976',
];

export interface SynthPlate {
  text: string;
  /** Characters, separators excluded, left to right. */
  chars: string;
  format: 'SIV' | 'FNI';
  png: Buffer;
  /** height of the crop in pixels (18 to 77: small crops are the hard ones) */
  height: number;
  /** The text's font: a system font family or an @fontsource package name. */
  font: string;
}

const pick = <T>(rnd: () => number, xs: readonly T[] | string): T => xs[Math.floor(rnd() * xs.length)] as T;

export function randomPlateText(rnd: () => number): { text: string; chars: string; format: 'SIV' | 'FNI' } {
  if (rnd() < 0.7) {
    let a: string;
    let b: string;
    do a = pick<string>(rnd, SIV_LETTERS) + pick<string>(rnd, SIV_LETTERS);
    while (a === 'SS' || a === 'WW');
    do b = pick<string>(rnd, SIV_LETTERS) + pick<string>(rnd, SIV_LETTERS);
    while (b === 'SS');
    const n = String(1 + Math.floor(rnd() * 999)).padStart(3, '0');
    return { text: `${a}-${n}-${b}`, chars: a + n + b, format: 'SIV' };
  }
  const digits = String(1 + Math.floor(rnd() * 9999)).slice(0, 1 + Math.floor(rnd() * 4));
  const nl = 1 + Math.floor(rnd() * 3);
  let letters = '';
  for (let i = 0; i < nl; i++) letters += pick<string>(rnd, FNI_LETTERS);
  const dept = pick<string>(rnd, DEPTS);
  return { text: `${digits} ${letters} ${dept}`, chars: digits + letters + dept, format: 'FNI' };
}

const esc = (s: string) => s.replace(/[<>&]/g, '');

const require = createRequire(import.meta.url);
const outlineCache = new Map<string, opentype.Font>();

/** The @fontsource package's Latin WOFF (opentype.js does not read WOFF2), parsed once. */
export function outlineFont(name: string, bold: boolean): opentype.Font {
  const file = `@fontsource/${name}/files/${name}-latin-${bold ? 700 : 400}-normal.woff`;
  let font = outlineCache.get(file);
  if (!font) {
    const bytes = readFileSync(require.resolve(file));
    font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    outlineCache.set(file, font);
  }
  return font;
}

/** The plate text's size and spacing; squeezed horizontally (never stretched) to at most `textLength`. */
interface TextLayout {
  capHeight: number;
  spacing: number;
  textLength: number;
  fg: string;
}

/**
 * The text in a system font, centred on (0, 0) at the baseline. librsvg ignores textLength: squeeze
 * with a transform from the text's estimated natural width (an upper bound on these fonts'
 * advances, so the text never overflows the plate).
 */
function systemText(text: string, font: string, bold: boolean, l: TextLayout): { body: string; squeeze: number } {
  // The machine's fonts have a cap height of ≈ 0.73 em.
  const size = l.capHeight / 0.73;
  const natural = text.length * size * (bold ? 0.78 : 0.7) * FONT_WIDTH[font] + text.length * l.spacing;
  const body = `<text font-family="${font}" font-weight="${bold ? 'bold' : 'normal'}" font-size="${size.toFixed(1)}" letter-spacing="${l.spacing.toFixed(1)}" fill="${l.fg}" text-anchor="middle">${esc(text)}</text>`;
  return { body, squeeze: Math.min(1, l.textLength / natural) };
}

/**
 * The text as one SVG path of the font's glyph outlines, centred on (0, 0) at the baseline. Sized by
 * the measured height of "H", as cap heights differ (Oswald's is 0.81 em, Archivo Narrow's 0.69);
 * the advances are exact, and so is the squeeze.
 */
export function outlineText(text: string, font: opentype.Font, l: TextLayout): { body: string; squeeze: number } {
  const size = (l.capHeight * font.unitsPerEm) / font.charToGlyph('H').getBoundingBox().y2;
  const glyphs = font.stringToGlyphs(text);
  const advances = glyphs.map((g) => ((g.advanceWidth ?? 0) * size) / font.unitsPerEm);
  const natural = advances.reduce((a, b) => a + b, 0) + (glyphs.length - 1) * l.spacing;
  let x = -natural / 2;
  const d = glyphs.map((g, i) => {
    const path = g.getPath(x, 0, size).toPathData(2);
    x += advances[i] + l.spacing;
    return path;
  });
  return { body: `<path d="${d.join(' ')}" fill="${l.fg}"/>`, squeeze: Math.min(1, l.textLength / natural) };
}

function plateSvg(
  text: string,
  format: 'SIV' | 'FNI',
  rnd: () => number,
  fonts: PlateFonts,
  fx: CameraEffects | undefined,
): { svg: string; w: number; h: number; font: string } {
  const w = 520;
  const h = 110;
  const font = pickFont(rnd, fonts);
  const bold = rnd() < 0.75;
  // French plates are 520 × 110 mm with 75 mm characters (cap height ≈ 0.68 of the plate) in a
  // condensed sans: a crop is mostly characters, which the segmenter's size rules expect.
  const capHeight = h * (0.56 + rnd() * 0.16);
  const spacing = -2 + rnd() * 6;
  let bg = '#f4f4f0';
  let fg = '#111';
  let bands = '';
  if (format === 'SIV' || rnd() < 0.3) {
    const blue = pick<string>(rnd, ['#1f3f99', '#23409a', '#1b3a8c']);
    bands = `<rect x="0" y="0" width="44" height="${h}" fill="${blue}"/><text x="22" y="${h - 14}" font-family="DejaVu Sans" font-weight="bold" font-size="30" fill="#fff" text-anchor="middle">F</text>`;
    if (format === 'SIV')
      bands += `<rect x="${w - 44}" y="0" width="44" height="${h}" fill="${blue}"/><text x="${w - 22}" y="${h - 12}" font-family="DejaVu Sans" font-weight="bold" font-size="22" fill="#fff" text-anchor="middle">${esc(pick<string>(rnd, DEPTS))}</text>`;
  }
  if (format === 'FNI') {
    const r = rnd();
    if (r < 0.35) bg = '#f2c500';
    else if (r < 0.55) {
      bg = '#111';
      fg = '#ddd';
    }
  }
  const tint = Math.floor(rnd() * 30);
  if (bg === '#f4f4f0') bg = `rgb(${244 - tint},${244 - tint},${240 - tint})`;
  if (fx?.infrared) {
    // Under an infrared flash the retroreflective sheet glows whatever its colour (yellow plates
    // too) and the blue bands' ink lets it through: light grey bands on a near-white plate.
    if (bg !== '#111') bg = `rgb(${fx.infrared.sheet},${fx.infrared.sheet},${fx.infrared.sheet})`;
    bands = bands.replace(/#1f3f99|#23409a|#1b3a8c/g, `rgb(${fx.infrared.band},${fx.infrared.band},${fx.infrared.band})`);
  }
  const left = bands ? 44 : 0;
  const right = format === 'SIV' ? 44 : 0;
  const textCentre = (left + w - right) / 2;
  const textLength = Math.min(w - left - right - 40, text.length * capHeight * (0.5 + rnd() * 0.2));
  const layout = { capHeight, spacing, textLength, fg };
  const { body, squeeze } = font in FONT_WIDTH ? systemText(text, font, bold, layout) : outlineText(text, outlineFont(font, bold), layout);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect x="0" y="0" width="${w}" height="${h}" rx="8" fill="${bg}" stroke="#222" stroke-width="3"/>${bands}
<g transform="translate(${textCentre.toFixed(1)} ${((h + capHeight) / 2).toFixed(1)}) scale(${squeeze.toFixed(3)} 1)">${body}</g>
${fx ? overlaySvg(fx, w, h, textCentre, textLength) : ''}</svg>`;
  return { svg, w, h, font };
}

/** One degraded plate crop (PNG), like the crops a detector or a case file provides. */
export async function renderPlate(seed: number, style: PlateStyle = {}): Promise<SynthPlate> {
  if (typeof style.camera === 'object') {
    // The height is drawn late in the plate's stream: render plainly first, then again if tall enough.
    const plain = await renderPlate(seed, { ...style, camera: false });
    return plain.height >= style.camera.minHeight ? renderPlate(seed, { ...style, camera: true }) : plain;
  }
  const rnd = mulberry32(seed);
  const fx = style.camera ? plateCameraEffects(seed) : undefined;
  const p = randomPlateText(rnd);
  const { svg, w, h, font } = plateSvg(p.text, p.format, rnd, style.fonts ?? 'all', fx);
  const base = await sharp(Buffer.from(svg)).png().toBuffer();
  // Car body margin around the plate (≈10 % of the width, 20 % of the height), then geometry.
  const body = [Math.floor(rnd() * 255), Math.floor(rnd() * 255), Math.floor(rnd() * 255)];
  const mx = Math.round(w * (0.06 + rnd() * 0.08));
  const my = Math.round(h * (0.14 + rnd() * 0.12));
  const shear = (rnd() - 0.5) * 0.16;
  const angle = (rnd() - 0.5) * 7;
  let img = sharp(base)
    .extend({ top: my, bottom: my, left: mx, right: mx, background: { r: body[0], g: body[1], b: body[2] } })
    .affine([1, shear, (rnd() - 0.5) * 0.06, 1], { background: { r: body[0], g: body[1], b: body[2] } })
    .rotate(angle, { background: { r: body[0], g: body[1], b: body[2] } });
  const mid = await img.png().toBuffer();
  const meta = await sharp(mid).metadata();
  // Crop back close to the plate margin (rotation enlarged the canvas).
  const cw = meta.width!;
  const ch = meta.height!;
  const tw = Math.round(w + 2 * mx);
  const th = Math.round(h + 2 * my);
  const left = Math.max(0, Math.round((cw - tw) / 2));
  const top = Math.max(0, Math.round((ch - th) / 2));
  const height = 18 + Math.floor(rnd() * 60); // final plate-crop height in pixels
  img = sharp(mid)
    .extract({ left, top, width: Math.min(tw, cw - left), height: Math.min(th, ch - top) })
    .resize({ height, kernel: 'cubic' })
    .blur(rnd() < 0.6 ? 0.3 + rnd() * (height < 30 ? 0.8 : 1.6) : undefined)
    .linear(0.6 + rnd() * 0.6, -30 + rnd() * 60)
    .gamma(1 + rnd() * 1.5);
  if (fx?.infrared) img = img.grayscale();
  if (fx?.motion) img = img.convolve(motionKernel(fx.motion.length, fx.motion.vertical));
  const raw = await img.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const noise = rnd() * 18;
  const data = raw.data;
  for (let i = 0; i < data.length; i++) data[i] = Math.max(0, Math.min(255, data[i] + (rnd() + rnd() + rnd() - 1.5) * noise));
  const jpeg = await sharp(data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } })
    .jpeg({ quality: 25 + Math.floor(rnd() * 70) })
    .toBuffer();
  const png = await sharp(jpeg).png().toBuffer();
  return { ...p, png, height, font };
}

/**
 * What a roadside camera adds to a plate, drawn once per plate. Why: the reader learns only from
 * synthetic plates, and real camera crops have screws and frames that touch the characters,
 * shadows, dirt and motion blur, and (French speed cameras flash in infrared) a grey, glowing plate.
 */
export interface CameraEffects {
  infrared?: { sheet: number; band: number };
  /** Screw heads, in plate units (520 × 110): x offsets from the text centre in text widths, y, radius. */
  screws?: { dx: number[]; y: number; r: number; fill: string };
  frame?: { side: number; bottom: number; fill: string };
  shadow?: { opacity: number; fromTop: boolean; reach: number };
  dirt?: { x: number; y: number; rx: number; ry: number; opacity: number }[];
  /** Blur length in pixels of the final crop (3 or 5). */
  motion?: { length: number; vertical: boolean };
}

/**
 * The effects of a plate's seed, from a random stream of their own: the plate a seed draws without
 * them is unchanged, so figures on the plain plates stay comparable.
 */
export function plateCameraEffects(seed: number): CameraEffects {
  const fx = mulberry32((seed ^ 0x5bd1e995) >>> 0);
  const e: CameraEffects = {};
  if (fx() < 0.3) e.infrared = { sheet: 235 + Math.floor(fx() * 20), band: 150 + Math.floor(fx() * 90) };
  if (fx() < 0.4) {
    // Two screws, most often in the gaps near the ends of the text or between its groups.
    const spread = 0.15 + fx() * 0.45;
    e.screws = {
      dx: [-spread, spread],
      y: 55 + (fx() - 0.5) * 50,
      r: 4 + fx() * 5,
      fill: pick<string>(fx, ['#777', '#aaa', '#333', '#ddd', '#555']),
    };
  }
  if (fx() < 0.25) e.frame = { side: 3 + fx() * 10, bottom: 6 + fx() * 16, fill: pick<string>(fx, ['#111', '#222', '#999', '#bbb']) };
  if (fx() < 0.3) e.shadow = { opacity: 0.2 + fx() * 0.45, fromTop: fx() < 0.7, reach: 0.3 + fx() * 0.6 };
  if (fx() < 0.3) {
    e.dirt = Array.from({ length: 3 + Math.floor(fx() * 20) }, () => ({
      x: fx() * 520,
      y: fx() * 110,
      rx: 2 + fx() * 14,
      ry: 2 + fx() * 8,
      opacity: 0.08 + fx() * 0.3,
    }));
  }
  if (fx() < 0.25) e.motion = { length: fx() < 0.7 ? 3 : 5, vertical: fx() < 0.5 };
  return e;
}

/** The effects drawn over the plate: screws, frame, shadow and dirt, in the plate's units. */
function overlaySvg(e: CameraEffects, w: number, h: number, textCentre: number, textWidth: number): string {
  let out = '';
  if (e.screws)
    for (const dx of e.screws.dx) {
      const x = textCentre + dx * textWidth;
      out += `<circle cx="${x.toFixed(1)}" cy="${e.screws.y.toFixed(1)}" r="${e.screws.r.toFixed(1)}" fill="${e.screws.fill}" stroke="#222" stroke-width="1"/>`;
    }
  for (const d of e.dirt ?? [])
    out += `<ellipse cx="${d.x.toFixed(0)}" cy="${d.y.toFixed(0)}" rx="${d.rx.toFixed(1)}" ry="${d.ry.toFixed(1)}" fill="#4a3b2a" fill-opacity="${d.opacity.toFixed(2)}"/>`;
  if (e.shadow) {
    const [y1, y2] = e.shadow.fromTop ? ['0', '1'] : ['1', '0'];
    out += `<defs><linearGradient id="s" x1="0" y1="${y1}" x2="0" y2="${y2}"><stop offset="0" stop-color="#000" stop-opacity="${e.shadow.opacity.toFixed(2)}"/><stop offset="${e.shadow.reach.toFixed(2)}" stop-color="#000" stop-opacity="0"/></linearGradient></defs><rect x="0" y="0" width="${w}" height="${h}" fill="url(#s)"/>`;
  }
  if (e.frame) {
    const { side, bottom, fill } = e.frame;
    out += `<path d="M0 0H${w}V${h}H0Z M${side.toFixed(1)} ${side.toFixed(1)}V${(h - bottom).toFixed(1)}H${(w - side).toFixed(1)}V${side.toFixed(1)}Z" fill="${fill}" fill-rule="evenodd"/>`;
  }
  return out;
}

/** A line through a square kernel (sharp takes odd sizes of at least 3): blur along the motion. */
function motionKernel(length: number, vertical: boolean): Kernel {
  const kernel = new Array<number>(length * length).fill(0);
  const mid = (length - 1) / 2;
  for (let i = 0; i < length; i++) kernel[vertical ? i * length + mid : mid * length + i] = 1;
  return { width: length, height: length, kernel, scale: length };
}
