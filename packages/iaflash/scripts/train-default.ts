/**
 * Rebuilds the default model committed in model/default:
 *   npm run train:default -w @eig/iaflash            (recogniser + plate reader)
 *   npm run train:default -w @eig/iaflash -- recognizer | plates
 * The recogniser is trained on every photo of ../shared/data/iaflash/cars (after a grouped
 * validation run that fits the temperature and the 1 % false-alarm threshold); the plate reader on
 * synthetic plates. Env: IAFLASH_DATA, IAFLASH_CACHE (feature cache folder), TRAIN_WORKERS.
 */
import { join } from 'node:path';
import { train } from '../src/ml/train.ts';
import { trainPlateReader } from '../src/plates/train-plates.ts';
import { DEFAULT_MODEL_DIR, defaultDataDir } from '../src/ml/paths.ts';

const DATA = defaultDataDir();
const what = process.argv[2] ?? 'all';
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

if (what === 'all' || what === 'recognizer') {
  let last = '';
  const res = await train({
    labelsCsv: join(DATA, 'cars/labels.csv'),
    outDir: DEFAULT_MODEL_DIR,
    cacheDir: process.env.IAFLASH_CACHE,
    workers: process.env.TRAIN_WORKERS ? Number(process.env.TRAIN_WORKERS) : undefined,
    onProgress: (p) => {
      if (p.stage !== last || p.done === p.total || p.done % 50 === 0) console.log(`[${elapsed()}] ${p.message}`);
      last = p.stage;
    },
  });
  const v = res.validation;
  if (v) {
    console.log(
      `validation (${v.images} photos, grouped): top-1 ${v.top1.toFixed(3)}, top-5 ${v.top5.toFixed(3)}, ECE ${v.ece.toFixed(3)}, temperature ${res.manifest.temperature.toFixed(2)}`,
    );
    for (const f of v.falseAlarm)
      console.log(
        `  target false alarms ${(f.target * 100).toFixed(0)} %: threshold ${f.threshold.toFixed(3)}, measured ${f.measuredFalseAlarm.toFixed(3)}, random swaps caught ${f.catchRate.toFixed(3)}`,
      );
  }
}
if (what === 'all' || what === 'plates') {
  const r = await trainPlateReader({
    outDir: DEFAULT_MODEL_DIR,
    plates: Number(process.env.PLATES ?? 3000),
    onProgress: (stage, d, t) => {
      if (stage === 'epochs' || d % 250 === 0 || d === t) console.log(`[${elapsed()}] plates ${stage} ${d}/${t}`);
    },
  });
  console.log(
    `plate reader: ${r.glyphs} glyphs from ${(r.segmentedRate * 100).toFixed(0)} % of synthetic plates (${r.negatives} "not a character"); synthetic end-to-end exact ${r.syntheticExact.toFixed(3)}`,
  );
}
console.log(`done in ${elapsed()} → ${DEFAULT_MODEL_DIR}`);
