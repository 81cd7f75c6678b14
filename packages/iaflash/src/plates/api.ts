/** `readPlate(buffer)` → `{ text, confidence, format }` (plus `raw`, the unconstrained reading). */
import { join } from 'node:path';
import { initTf } from '../ml/tf.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';
import { PlateReader } from './reader.ts';
import type { PlateReading } from './decode.ts';

export type { PlateReading };

/** Where `eig iaflash train-plates` installs the reader it tuned on the operator's crops. */
export function tunedPlateReaderDir(dataDir: string): string {
  return join(dataDir, 'iaflash', 'plate-reader');
}

/** The plate reader in use: the one tuned on the operator's crops, else the active model folder's, else the shipped one. */
export function activePlateReaderDir(dataDir: string, modelDir: string): string {
  return [tunedPlateReaderDir(dataDir), modelDir].find((d) => PlateReader.exists(d)) ?? DEFAULT_MODEL_DIR;
}

/**
 * The reader in `dir` (activePlateReaderDir) runs in the calling thread (an MLP on a few glyphs: a
 * few milliseconds; the sharp decode is asynchronous), so it needs no worker.
 */
export async function createPlateReader(dir = DEFAULT_MODEL_DIR): Promise<{ readPlate(image: Uint8Array): Promise<PlateReading> }> {
  await initTf('wasm');
  const reader = await PlateReader.load(dir);
  return { readPlate: (image) => reader.read(image) };
}
