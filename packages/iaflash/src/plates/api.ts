/** `readPlate(buffer)` → `{ text, confidence, format }` (plus `raw`, the unconstrained reading). */
import { join } from 'node:path';
import { initTf } from '../ml/tf.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';
import { PlateReader } from './reader.ts';
import type { PlateReading } from './decode.ts';

export type { PlateReading };

/** The first of `dirs` that holds a plate reader, else the one shipped with the suite. */
export function activePlateReaderDir(...dirs: string[]): string {
  return dirs.find((d) => PlateReader.exists(d)) ?? DEFAULT_MODEL_DIR;
}

/** Where `eig iaflash train-plates` installs the reader it tuned on the operator's crops; it wins over the model's. */
export function tunedPlateReaderDir(dataDir: string): string {
  return join(dataDir, 'iaflash', 'plate-reader');
}

/**
 * The reader (from the first of `dirs` that has one) runs in the calling thread (an MLP on a few glyphs: a few milliseconds; the sharp
 * decode is asynchronous), so it needs no worker.
 */
export async function createPlateReader(...dirs: string[]): Promise<{ readPlate(image: Uint8Array): Promise<PlateReading> }> {
  await initTf('wasm');
  const reader = await PlateReader.load(activePlateReaderDir(...dirs));
  return { readPlate: (image) => reader.read(image) };
}
