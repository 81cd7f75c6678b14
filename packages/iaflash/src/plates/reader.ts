/**
 * The plate reader: plate crop → characters → format-checked reading. Segmentation is classical
 * (segment.ts); each character is classified by a small MLP trained on synthetic plates
 * (train-plates.ts). Runs on the tfjs runtime of the calling thread (a few ms per plate).
 */
import sharp from 'sharp';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from '../ml/tf.ts';
import { IaflashError } from '../io/errors.ts';
import { sniffFormat, DEFAULT_MAX_BYTES } from '../io/decode.ts';
import { binarize, findCharacters, glyph, GLYPH_H, GLYPH_W, type Gray } from './segment.ts';
import { ALPHABET, decodePlate, type PlateReading } from './decode.ts';

export const PLATE_HEIGHT = 64;

/** Plate crop → grayscale at the working height. */
export async function plateGray(input: Uint8Array): Promise<Gray> {
  if (!input?.length) throw new IaflashError('IMAGE_EMPTY', 'Le fichier envoyé est vide.');
  if (input.length > DEFAULT_MAX_BYTES) throw new IaflashError('IMAGE_TOO_LARGE', 'L’image de plaque est trop volumineuse.');
  if (!sniffFormat(input)) throw new IaflashError('IMAGE_UNSUPPORTED', 'Le fichier n’est pas une image JPEG ou PNG.');
  try {
    const meta = await sharp(input, { failOn: 'truncated', limitInputPixels: 20_000_000 }).metadata();
    if (!meta.width || !meta.height || meta.width < 16 || meta.height < 8)
      throw new IaflashError('IMAGE_TOO_SMALL', 'L’image de plaque est trop petite pour être lue.');
    const width = Math.max(16, Math.min(800, Math.round((meta.width / meta.height) * PLATE_HEIGHT)));
    const { data, info } = await sharp(input, { failOn: 'truncated' })
      .rotate()
      .resize(width, PLATE_HEIGHT, { fit: 'fill', kernel: 'cubic' })
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
 * Light characters on a dark plate (old FNI black plates) are read inverted: the polarity comes from
 * the median tone of the plate's central band.
 */
export function isDarkPlate(img: Gray): boolean {
  const vals: number[] = [];
  for (let y = Math.floor(img.height * 0.3); y < img.height * 0.7; y++)
    for (let x = Math.floor(img.width * 0.15); x < img.width * 0.85; x += 2) vals.push(img.data[y * img.width + x]);
  vals.sort((a, b) => a - b);
  return vals[Math.floor(vals.length / 2)] < 100;
}

export function segmentBoth(img: Gray): Segmented[] {
  return [isDarkPlate(img)].map((invert) => {
    const mask = binarize(img, invert);
    const boxes = findCharacters(mask, img.width, img.height);
    return { glyphs: boxes.map((b) => glyph(img, b, invert)), invert };
  });
}

export class PlateReader {
  constructor(private readonly model: tf.LayersModel) {}

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

  static exists(dir: string) {
    return existsSync(join(dir, 'plate-chars.json'));
  }

  async classify(glyphs: Float32Array[]): Promise<Float32Array[]> {
    if (!glyphs.length) return [];
    const x = new Float32Array(glyphs.length * GLYPH_W * GLYPH_H);
    glyphs.forEach((g, i) => x.set(g, i * GLYPH_W * GLYPH_H));
    const t = tf.tidy(() => tf.softmax(this.model.predict(tf.tensor2d(x, [glyphs.length, GLYPH_W * GLYPH_H])) as tf.Tensor2D));
    const data = (await t.data()) as Float32Array;
    t.dispose();
    const k = ALPHABET.length;
    return glyphs.map((_, i) => data.slice(i * k, (i + 1) * k));
  }

  async read(input: Uint8Array): Promise<PlateReading> {
    const img = await plateGray(input);
    let best: PlateReading = { text: '', confidence: 0, format: 'UNKNOWN', raw: '' };
    let bestScore = -Infinity;
    for (const seg of segmentBoth(img)) {
      if (seg.glyphs.length < 2 || seg.glyphs.length > 12) continue;
      const reading = decodePlate(await this.classify(seg.glyphs));
      // Prefer readings that fit a French format, then more characters read confidently.
      const score =
        (reading.format !== 'UNKNOWN' ? 10 : 0) +
        Math.log(Math.max(1e-12, reading.confidence)) / seg.glyphs.length +
        seg.glyphs.length * 0.05;
      if (score > bestScore) {
        bestScore = score;
        best = reading;
      }
    }
    return best;
  }
}
