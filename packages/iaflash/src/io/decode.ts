/**
 * Decodes an uploaded photo with sharp (libvips): EXIF orientation applied, camera text band cropped,
 * downscaled for processing. Every way an upload can be bad ends in a typed IaflashError (a 4xx),
 * never an unhandled exception.
 */
import sharp, { type OutputInfo } from 'sharp';
import { IaflashError } from './errors.ts';
import { detectTextBand } from '../core/text-band.ts';

export interface DecodeOptions {
  maxBytes?: number;
  /** Longest side kept for processing; boxes are mapped back to the original size. */
  maxSide?: number;
  minSide?: number;
  cropTextBand?: boolean;
}

export interface DecodedImage {
  /** RGB, 3 bytes a pixel, row-major. */
  data: Buffer;
  width: number;
  height: number;
  /** Size after EXIF orientation, before the band crop and downscale: the coordinate system of boxes. */
  originalWidth: number;
  originalHeight: number;
  /** Original pixels per processed pixel. */
  scale: number;
  /** Rows cropped at the top of the original (text band). */
  offsetY: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export function sniffFormat(buf: Uint8Array): 'jpeg' | 'png' | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf[0] === 0x89 && buf[1] === 0x50 && buf[2] === 0x4e && buf[3] === 0x47) return 'png';
  return null;
}

export async function decodeImage(input: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedImage> {
  const { maxBytes = DEFAULT_MAX_BYTES, maxSide = 1024, minSide = 32, cropTextBand = true } = opts;
  if (!input || input.length === 0) throw new IaflashError('IMAGE_EMPTY', 'Le fichier envoyé est vide.');
  if (input.length > maxBytes)
    throw new IaflashError('IMAGE_TOO_LARGE', `La photo dépasse la taille maximale (${Math.round(maxBytes / 1048576)} Mo).`);
  if (!sniffFormat(input)) throw new IaflashError('IMAGE_UNSUPPORTED', 'Le fichier n’est pas une image JPEG ou PNG.');

  // failOn 'truncated': a cut-off upload is refused rather than analysed half grey. The pixel limit
  // guards against decompression bombs (a tiny PNG that decodes to gigapixels).
  const base = () => sharp(input, { failOn: 'truncated', limitInputPixels: 60_000_000 });
  let oriented: { data: Buffer; info: OutputInfo };
  let ow: number;
  let oh: number;
  try {
    const meta = await base().metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    const swap = (meta.orientation ?? 1) >= 5;
    const w = (ow = swap ? meta.height : meta.width);
    const h = (oh = swap ? meta.width : meta.height);
    if (Math.min(w, h) < minSide)
      throw new IaflashError('IMAGE_TOO_SMALL', `La photo est trop petite (${w}×${h} pixels) pour être analysée.`);
    const scale = Math.max(1, Math.max(w, h) / maxSide);
    oriented = await base()
      .rotate()
      .resize(Math.round(w / scale), Math.round(h / scale), { fit: 'fill' })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof IaflashError) throw err;
    throw new IaflashError('IMAGE_CORRUPT', 'La photo est illisible ou incomplète.');
  }
  const { data, info } = oriented;
  const width = info.width;
  let height = info.height;
  const s = ow / width;
  let offset = 0;
  let pixels = data;
  if (cropTextBand) {
    const gray = toGray(data, width, height);
    const band = detectTextBand(gray, width, height);
    if (band.top || band.bottom) {
      offset = band.top;
      height = height - band.top - band.bottom;
      pixels = data.subarray(band.top * width * 3, (band.top + height) * width * 3);
    }
  }
  return { data: Buffer.from(pixels), width, height, originalWidth: ow, originalHeight: oh, scale: s, offsetY: Math.round(offset * s) };
}

export function toGray(rgb: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < out.length; i++, j += 3) out[i] = (rgb[j] * 77 + rgb[j + 1] * 150 + rgb[j + 2] * 29) >> 8;
  return out;
}
