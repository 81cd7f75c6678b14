/** `readPlate(buffer)` → `{ text, confidence, format }` (plus `raw`, the unconstrained reading). */
import { initTf } from '../ml/tf.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';
import { PlateReader } from './reader.ts';
import type { PlateReading } from './decode.ts';

export type { PlateReading };

/**
 * The reader runs in the calling thread (an MLP on a few glyphs: a few milliseconds; the sharp
 * decode is asynchronous), so it needs no worker.
 */
export async function createPlateReader(modelDir = DEFAULT_MODEL_DIR): Promise<{ readPlate(image: Uint8Array): Promise<PlateReading> }> {
  await initTf('wasm');
  const reader = await PlateReader.load(PlateReader.exists(modelDir) ? modelDir : DEFAULT_MODEL_DIR);
  return { readPlate: (image) => reader.read(image) };
}
