/**
 * Synthetic French plates for training the reader: SIV (AB-123-CD, white, blue EU and regional
 * bands) and FNI (1234 AB 56, white, yellow or old black-and-silver), drawn as SVG with the fonts the
 * machine has (sans condensed, narrow, mono; bold) or with condensed and DIN-like sans fonts from
 * npm @fontsource packages (development dependencies: only training draws them), then degraded
 * like a camera crop: perspective shear, rotation, scale, blur, noise, contrast and JPEG
 * compression, with a margin of car body.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';
import sharp from 'sharp';
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
  const left = bands ? 44 : 0;
  const right = format === 'SIV' ? 44 : 0;
  const textCentre = (left + w - right) / 2;
  const textLength = Math.min(w - left - right - 40, text.length * capHeight * (0.5 + rnd() * 0.2));
  const layout = { capHeight, spacing, textLength, fg };
  const { body, squeeze } = font in FONT_WIDTH ? systemText(text, font, bold, layout) : outlineText(text, outlineFont(font, bold), layout);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
<rect x="0" y="0" width="${w}" height="${h}" rx="8" fill="${bg}" stroke="#222" stroke-width="3"/>${bands}
<g transform="translate(${textCentre.toFixed(1)} ${((h + capHeight) / 2).toFixed(1)}) scale(${squeeze.toFixed(3)} 1)">${body}</g>
</svg>`;
  return { svg, w, h, font };
}

/** One degraded plate crop (PNG), like the crops a detector or a case file provides. */
export async function renderPlate(seed: number, fonts: PlateFonts = 'all'): Promise<SynthPlate> {
  const rnd = mulberry32(seed);
  const p = randomPlateText(rnd);
  const { svg, w, h, font } = plateSvg(p.text, p.format, rnd, fonts);
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
