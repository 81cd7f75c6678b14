/** Images drawn on the fly for the suite's tests (no dataset in the repo). */
import sharp from 'sharp';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MODEL_DIR } from './ml/paths.ts';
import { tunedPlateReaderDir } from './plates/api.ts';
import { writePlateReaderRecord, type PlateReaderRecord } from './plates/reader.ts';

/** A small street-like scene (no real vehicle: the detector may find none). */
export async function drawPhoto(seed = 0, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240">
    <rect width="320" height="240" fill="#8a8f96"/><rect y="150" width="320" height="90" fill="#444"/>
    <rect x="${70 + seed * 7}" y="110" width="170" height="70" rx="18" fill="#b22"/>
    <circle cx="${110 + seed * 7}" cy="182" r="18" fill="#111"/><circle cx="${200 + seed * 7}" cy="182" r="18" fill="#111"/>
    <rect x="${100 + seed * 7}" y="88" width="110" height="36" rx="10" fill="#9cf"/></svg>`;
  const img = sharp(Buffer.from(svg));
  return format === 'png' ? img.png().toBuffer() : img.jpeg({ quality: 85 }).toBuffer();
}

/** A plate crop drawn as text (shape checks only). */
export async function drawPlate(text = 'AB-123-CD'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="260" height="60"><rect width="260" height="60" fill="#fff" stroke="#000" stroke-width="3"/>
    <text x="130" y="44" font-family="sans-serif" font-size="38" font-weight="bold" text-anchor="middle">${text}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

/** A 1×1 pixel PNG. */
export const onePixelPng = (): Promise<Buffer> =>
  sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();

/**
 * Installs the shipped plate reader's weights where `eig iaflash train-plates` puts a tuned reader,
 * with the record a tuning writes: the suite then runs as after a tuning. Returns the folder.
 */
export function installShippedReaderAsTuned(dataDir: string, record: PlateReaderRecord): string {
  const dir = tunedPlateReaderDir(dataDir);
  mkdirSync(dir, { recursive: true });
  for (const f of ['plate-chars.json', 'plate-chars.bin']) copyFileSync(join(DEFAULT_MODEL_DIR, f), join(dir, f));
  writePlateReaderRecord(dir, record);
  return dir;
}
