/**
 * The plate reader: plate crop → characters → format-checked reading. Segmentation is classical
 * (segment.ts); each character is classified by a small MLP trained on synthetic plates
 * (train-plates.ts). Runs on the tfjs runtime of the calling thread (a few ms per plate).
 */
import sharp from 'sharp';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from '../ml/tf.ts';
import { IaflashError } from '../io/errors.ts';
import { sniffFormat, DEFAULT_MAX_BYTES } from '../io/decode.ts';
import { binarize, findCharacters, glyph, keepCharacterBand, GLYPH_H, GLYPH_W, type Gray } from './segment.ts';
import { ALPHABET, decodePlate, type PlateReading } from './decode.ts';
import { estimateSkew, medianGrey, MIN_SKEW_DEG, straighten } from './deskew.ts';
import { estimateSlant, shearGray } from './slant.ts';
import { bestSequences, oversegment, type Oversegmentation } from './oversegment.ts';

export const PLATE_HEIGHT = 64;

/** Plate crop → grayscale at the working height. */
export async function plateGray(input: Uint8Array, height = PLATE_HEIGHT): Promise<Gray> {
  if (!input?.length) throw new IaflashError('IMAGE_EMPTY', 'Le fichier envoyé est vide.');
  if (input.length > DEFAULT_MAX_BYTES) throw new IaflashError('IMAGE_TOO_LARGE', 'L’image de plaque est trop volumineuse.');
  if (!sniffFormat(input)) throw new IaflashError('IMAGE_UNSUPPORTED', 'Le fichier n’est pas une image JPEG ou PNG.');
  try {
    const meta = await sharp(input, { failOn: 'truncated', limitInputPixels: 20_000_000 }).metadata();
    if (!meta.width || !meta.height || meta.width < 16 || meta.height < 8)
      throw new IaflashError('IMAGE_TOO_SMALL', 'L’image de plaque est trop petite pour être lue.');
    const width = Math.max(16, Math.min((800 * height) / PLATE_HEIGHT, Math.round((meta.width / meta.height) * height)));
    const { data, info } = await sharp(input, { failOn: 'truncated' })
      .rotate()
      .resize(width, height, { fit: 'fill', kernel: 'cubic' })
      .grayscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  } catch (err) {
    if (err instanceof IaflashError) throw err;
    throw new IaflashError('IMAGE_CORRUPT', 'L’image de plaque est illisible ou incomplète.');
  }
}

export interface Segmented {
  glyphs: Float32Array[];
  invert: boolean;
}

/**
 * Light characters on a dark plate (old FNI black plates) are read inverted. Characters cover less
 * of a plate than its background, so the ink is the minority side of an Otsu split of the plate's
 * central band: an absolute cut-off read under-exposed white plates as black ones. This is the share
 * of that band on the dark side.
 */
export function darkShare(img: Gray): number {
  const hist = new Array<number>(256).fill(0);
  let n = 0;
  for (let y = Math.floor(img.height * 0.3); y < img.height * 0.7; y++)
    for (let x = Math.floor(img.width * 0.15); x < img.width * 0.85; x += 2) {
      hist[img.data[y * img.width + x]]++;
      n++;
    }
  const t = otsuThreshold(hist, n);
  let dark = 0;
  for (let v = 0; v <= t; v++) dark += hist[v];
  return n ? dark / n : 0;
}

/**
 * Dark-side shares between these two leave the polarity open, and both are read. Why not split at
 * one half: real plates' bold characters on a tight crop fill half of the central band or more
 * (white plates with a dark share up to 0.6 were read inverted), and dark plates, the old FNI ones,
 * are now rare.
 */
const DARK_OPEN = 0.5;
const DARK_SURE = 0.62;

export function isDarkPlate(img: Gray): boolean {
  return darkShare(img) > DARK_SURE;
}

/**
 * Otsu's threshold: the grey level that maximises the between-class variance of the histogram.
 * Written here because sharp only thresholds at a level it is given.
 */
export function otsuThreshold(hist: readonly number[], n: number): number {
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * hist[v];
  let w0 = 0;
  let sum0 = 0;
  let best = 0;
  let bestVar = -1;
  for (let t = 0; t < 256; t++) {
    w0 += hist[t];
    if (w0 === 0) continue;
    const w1 = n - w0;
    if (w1 === 0) break;
    sum0 += t * hist[t];
    const m0 = sum0 / w0;
    const m1 = (total - sum0) / w1;
    const between = w0 * w1 * (m0 - m1) ** 2;
    if (between > bestVar) {
      bestVar = between;
      best = t;
    }
  }
  return best;
}

/** The plate's polarity and ink mask, computed once per reading for both segmentations. */
export function inkMask(img: Gray): { invert: boolean; mask: Uint8Array } {
  const invert = isDarkPlate(img);
  return { invert, mask: binarize(img, invert) };
}

/** The polarities worth reading, each with its ink mask: the likelier first, both when the share leaves it open. */
export function inkMasks(img: Gray): { invert: boolean; mask: Uint8Array }[] {
  const share = darkShare(img);
  const polarities = share > DARK_SURE ? [true] : share > DARK_OPEN ? [false, true] : [false];
  return polarities.map((invert) => ({ invert, mask: binarize(img, invert) }));
}

/**
 * Candidate segmentations of a plate, the reader keeping the one whose reading best fits a French
 * format: the whole mask and its character band alone (on a tight crop the characters touch the dark
 * frame); wide blobs split at 1.7 and at 1.4 times the median width (two touching characters are
 * ≈ 1.6 times as wide as one, a lone W or M ≈ 1.3 times).
 */
export function segmentations(img: Gray, { invert, mask } = inkMask(img)): Segmented[] {
  const band = keepCharacterBand(mask, img.width, img.height);
  const out: Segmented[] = [];
  // keepCharacterBand returns the mask itself when no band stands out: read it once, not twice.
  for (const m of band === mask ? [mask] : [mask, band]) {
    const seen = new Set<number>();
    for (const splitRatio of [1.7, 1.4]) {
      const boxes = findCharacters(m, img.width, img.height, splitRatio);
      if (seen.has(boxes.length)) continue;
      seen.add(boxes.length);
      out.push({ glyphs: boxes.map((b) => glyph(img, b, invert)), invert });
    }
  }
  return out;
}

/** The probability that a candidate is a character, and the one the classifier reads: its best ALPHABET class. */
export function characterProbability(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 0; i < ALPHABET.length; i++) best = Math.max(best, p[i]);
  return best;
}

/** plate-reader.json beside a tuned reader's weights: when and on what it was tuned (tune-plates.ts). */
export interface PlateReaderRecord {
  tunedAt: string;
  trainPlates: number;
  validation: { plates: number; before: number; after: number } | null;
}

export function writePlateReaderRecord(dir: string, record: PlateReaderRecord): void {
  writeFileSync(join(dir, 'plate-reader.json'), JSON.stringify(record, null, 2) + '\n');
}

/** The record of the reader in `dir`, or null for a reader trained on synthetic plates only (no record, or unreadable). */
export function readPlateReaderRecord(dir: string): PlateReaderRecord | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'plate-reader.json'), 'utf8')) as PlateReaderRecord;
  } catch {
    return null;
  }
}

/** One image of a plate crop the reader reads, with its ink masks (one or both polarities). */
export interface ReadingView {
  im: Gray;
  inks: { invert: boolean; mask: Uint8Array }[];
}

/**
 * The images a crop is read in, whose readings compete: the crop as decoded; a tilted crop also
 * straightened (deskew.ts), from a decode at twice the height so the turn and the crop to the
 * character band keep the strokes' detail; and either of those with leaning characters also set
 * upright (slant.ts).
 */
export async function readingViews(input: Uint8Array): Promise<ReadingView[]> {
  const img = await plateGray(input);
  const inks = inkMasks(img);
  const views = [{ im: img, inks }];
  const deg = estimateSkew(inks[0].mask, img.width, img.height);
  if (Math.abs(deg) >= MIN_SKEW_DEG) {
    const straight = straighten(await plateGray(input, 2 * PLATE_HEIGHT), deg, (g) => inkMask(g).mask, PLATE_HEIGHT);
    if (straight) views.push({ im: straight, inks: inkMasks(straight) });
  }
  for (const { im, inks } of [...views]) {
    const s = estimateSlant(inks[0].mask, im.width, im.height);
    if (s === 0) continue;
    const upright = shearGray(im, s, medianGrey(im));
    views.push({ im: upright, inks: inkMasks(upright) });
  }
  return views;
}

export class PlateReader {
  /** The glyph classifier: its logits over ALPHABET and "not a character" (tune-plates.ts trains it further). */
  constructor(readonly model: tf.LayersModel) {}

  static async load(dir: string): Promise<PlateReader> {
    const art = JSON.parse(readFileSync(join(dir, 'plate-chars.json'), 'utf8')) as {
      modelTopology: object;
      weightSpecs: tf.io.WeightsManifestEntry[];
    };
    const bin = readFileSync(join(dir, 'plate-chars.bin'));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: art.modelTopology,
        weightSpecs: art.weightSpecs,
        weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
      }),
    );
    return new PlateReader(model);
  }

  /** Writes plate-chars.json and plate-chars.bin into `dir`, the files `load` reads. */
  async save(dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    await this.model.save(
      tf.io.withSaveHandler(async (art) => {
        writeFileSync(join(dir, 'plate-chars.json'), JSON.stringify({ modelTopology: art.modelTopology, weightSpecs: art.weightSpecs }));
        writeFileSync(join(dir, 'plate-chars.bin'), Buffer.from(art.weightData as ArrayBuffer));
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
  }

  dispose() {
    this.model.dispose();
  }

  static exists(dir: string) {
    return existsSync(join(dir, 'plate-chars.json'));
  }

  /**
   * Each glyph's probabilities over ALPHABET, then, when the model has it (readers trained since
   * 2026-12-06), over a last "not a character" class: decodePlate reads only the ALPHABET part.
   */
  async classify(glyphs: Float32Array[]): Promise<Float32Array[]> {
    if (!glyphs.length) return [];
    const x = new Float32Array(glyphs.length * GLYPH_W * GLYPH_H);
    glyphs.forEach((g, i) => x.set(g, i * GLYPH_W * GLYPH_H));
    const t = tf.tidy(() => tf.softmax(this.model.predict(tf.tensor2d(x, [glyphs.length, GLYPH_W * GLYPH_H])) as tf.Tensor2D));
    const data = (await t.data()) as Float32Array;
    const k = t.shape[1] ?? ALPHABET.length;
    t.dispose();
    return glyphs.map((_, i) => data.slice(i * k, (i + 1) * k));
  }

  async read(input: Uint8Array): Promise<PlateReading> {
    let best: PlateReading = { text: '', confidence: 0, format: 'UNKNOWN', raw: '' };
    let bestScore = -Infinity;
    const images = await readingViews(input);
    const readings: ArrayLike<number>[][] = [];
    for (const { im, inks } of images)
      for (const ink of inks) {
        for (const seg of segmentations(im, ink)) {
          if (seg.glyphs.length < 2 || seg.glyphs.length > 12) continue;
          readings.push(await this.classify(seg.glyphs));
        }
        readings.push(...(await this.recognitionDriven(im, ink)));
      }
    for (const probs of readings) {
      const reading = decodePlate(probs);
      const n = probs.length;
      // Prefer readings that fit a French format, then more characters read confidently. The
      // recognition-driven readings (one per character count) compete with the component ones.
      const score = (reading.format !== 'UNKNOWN' ? 10 : 0) + Math.log(Math.max(1e-12, reading.confidence)) / n + n * 0.05;
      if (score > bestScore) {
        bestScore = score;
        best = reading;
      }
    }
    return best;
  }

  /** The recognition-driven candidates of a plate (oversegment.ts), with the classifier's probabilities for each. */
  async candidates(
    img: Gray,
    { invert, mask } = inkMask(img),
  ): Promise<{ seg: Oversegmentation; probs: Float32Array[]; invert: boolean } | null> {
    const seg = oversegment(mask, img.width, img.height);
    if (!seg || !seg.candidates.length) return null;
    return { seg, probs: await this.classify(seg.candidates.map((c) => glyph(img, c.box, invert))), invert };
  }

  /** Readings of the recognition-driven segmentation, one per character count. */
  async recognitionDriven(img: Gray, ink = inkMask(img)): Promise<Float32Array[][]> {
    const found = await this.candidates(img, ink);
    if (!found) return [];
    const { seg, probs } = found;
    const scores = probs.map((p) => Math.log(Math.max(1e-9, characterProbability(p))));
    const out: Float32Array[][] = [];
    for (const [k, path] of bestSequences(seg, (ci) => scores[ci])) if (k >= 2) out.push(path.map((i) => probs[i]));
    return out;
  }
}
