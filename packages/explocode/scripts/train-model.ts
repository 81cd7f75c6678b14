/**
 * Trains ExploCode's semantic model from the corpus (code, fiches, contributions and their citation
 * links) and the hand-written everyday training questions (bench/everyday-train.jsonl), and writes
 * packages/explocode/model/semantic-model.json. Deterministic: same packages → byte-identical file.   Run: node --import tsx packages/explocode/scripts/train-model.ts
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import { loadCorpusFromPackages } from '../src/ingest/corpus.ts';
import { trainModel, MODEL_PATH } from '../src/core/search/model.ts';
import { loadTrainingQuestions } from '../bench/eval-data.ts';

const t0 = performance.now();
const { corpus } = await loadCorpusFromPackages();
const t1 = performance.now();
const questions = loadTrainingQuestions();
const model = trainModel(corpus, {}, questions);
const json = JSON.stringify(model);
mkdirSync(dirname(MODEL_PATH), { recursive: true });
writeFileSync(MODEL_PATH, json + '\n');
console.log(
  `model: ${Object.keys(model.assoc).length} terms, ${model.params.pairs} training pairs (${questions.length} written questions), ${(json.length / 1024).toFixed(0)} KiB, ` +
    `sha256 ${createHash('sha256').update(json).digest('hex').slice(0, 16)} (load ${((t1 - t0) / 1000).toFixed(1)} s, train ${((performance.now() - t1) / 1000).toFixed(1)} s) → ${MODEL_PATH}`,
);
process.exit(0);
