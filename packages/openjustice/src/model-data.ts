/** Loads the trained sequence model shipped in packages/openjustice/model/ (falls back to rules only). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localNer, type NerModel } from './core/ner.ts';
import { perceptronNer } from './core/model-ner.ts';
import type { PerceptronModel } from './core/perceptron.ts';

export const MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../model/ner-perceptron.json');

let cached: NerModel | null = null;
export function loadRealNer(path = MODEL_PATH): NerModel {
  if (cached) return cached;
  if (!existsSync(path)) return localNer;
  cached = perceptronNer(JSON.parse(readFileSync(path, 'utf8')) as PerceptronModel);
  return cached;
}
