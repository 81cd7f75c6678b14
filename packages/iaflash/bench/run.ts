/**
 * IA Flash benchmark (`npm run bench:iaflash`), on ../shared/data/iaflash (read its README):
 *  - trains the recogniser on a grouped 80 % of cars/ (its own inner split calibrates temperature and
 *    threshold) and reports on the other 20 %: top-1/top-5 and per-class recall, side by side with
 *    the frozen-features linear baseline (one CenterNet layer, global-average pooled) in the same run;
 *  - vehicle-found rate; simulated plate swaps (random other class, other model of the same make):
 *    ROC-AUC, catch rate at 1 % and 5 % false alarms, and at the model's own calibrated threshold;
 *  - registry normalisation accuracy on siv/sivnorm_*.csv;
 *  - plate reading exact match on plates-eu/ (not French plates: reported, not tuned), and on fresh
 *    synthetic French plates by crop height: in the machine's fonts, in all the training fonts, and
 *    with a roadside camera's effects (BENCH_SYNTH_PLATES, default 400);
 *  - end-to-end images/s with one worker per core, p50/p95 latency;
 *  - the same test photos in grey and darkened (robustness to night and infrared shots).
 * Env: IAFLASH_DATA (default ../shared/data/iaflash from the repo root), IAFLASH_FR_PLATES (a folder of
 * real French plate crops with a labels.csv `file,text`: read and reported when given, then read again by
 * readers tuned on the other folds, BENCH_FR_FOLDS), IAFLASH_CACHE (feature cache
 * folder, default a temp folder), BENCH_WORKERS (default 2), BENCH_EPOCHS, BENCH_ONLY=plates (plate
 * reading and registry normalisation only).
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import sharp, { type Sharp } from 'sharp';
import { readLabelsCsv } from '../src/io/labels-csv.ts';
import { classKey, groupSplit } from '../src/core/labels.ts';
import { trainOnRows } from '../src/ml/train.ts';
import { createVisionPool } from '../src/ml/pool.ts';
import { extractAll } from '../src/ml/features-cache.ts';
import { fitStandardizer, linearLogits, standardize, trainLinear } from '../src/ml/head.ts';
import { classReport } from '../src/ml/metrics.ts';
import { catchRateAt, equalPriorProbs, rocAuc, softmax } from '../src/core/calibration.ts';
import { mulberry32, shuffle } from '../src/core/random.ts';
import { normalizeRegistry } from '../src/core/registry/normalize.ts';
import { parsePlate, plateKey } from '../src/core/plate-format.ts';
import { MIN_READING_CONFIDENCE } from '../src/core/plate-check.ts';
import { PlateReader } from '../src/plates/reader.ts';
import { renderPlate, type PlateStyle } from '../src/plates/synth.ts';
import { tunePlateReader } from '../src/plates/tune-plates.ts';
import { DEFAULT_MODEL_DIR, defaultDataDir } from '../src/ml/paths.ts';
import { initTf } from '../src/ml/tf.ts';
import { onnxRuntime } from '../src/ml/onnx-runtime.ts';

const DATA = defaultDataDir();
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  —  ');
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const log = (...a: unknown[]) => console.log(...a);

async function main() {
  log(`IA Flash benchmark — data: ${DATA}`);
  await initTf('wasm');
  // BENCH_ONLY=plates skips the recogniser (sections 1 to 4), e.g. after retraining the plate reader alone.
  if (process.env.BENCH_ONLY !== 'plates') await benchRecognizer();
  await benchRegistryAndPlates();
}

/** Hits per key (a band, a format), printed as "hits/total (rate)". */
function tally() {
  const counts = new Map<string, [number, number]>();
  return {
    count(key: string, ok: boolean) {
      const c = counts.get(key) ?? [0, 0];
      counts.set(key, [c[0] + (ok ? 1 : 0), c[1] + 1]);
    },
    rate(key: string) {
      const [a, b] = counts.get(key) ?? [0, 0];
      return `${a}/${b} (${f3(a / b)})`;
    },
  };
}

/**
 * 7b. What an operator gets from `eig iaflash train-plates`: the shipped reader tuned on the other
 * folds' real crops reads each fold (k-fold cross-validation, BENCH_FR_FOLDS, 5 by default; 0 skips).
 */
async function benchTunedReader(frDir: string, rows: { file: string; text: string }[]) {
  const folds = Number(process.env.BENCH_FR_FOLDS ?? 5);
  if (folds < 2) return;
  log(`\n## Plate reading, reader tuned on the operator's real crops (${folds}-fold cross-validation on the same crops)`);
  const crops = rows.map((r) => ({ bytes: readFileSync(join(frDir, r.file)), text: r.text }));
  const order = shuffle(
    crops.map((_, i) => i),
    mulberry32(7),
  );
  const { count, rate } = tally();
  const t0 = performance.now();
  for (let f = 0; f < folds; f++) {
    const dir = mkdtempSync(join(tmpdir(), 'iaflash-plates-'));
    try {
      const train = order.filter((_, k) => k % folds !== f).map((i) => crops[i]);
      const res = await tunePlateReader({ baseDir: DEFAULT_MODEL_DIR, outDir: dir, crops: train, validationShare: 0 });
      const reader = await PlateReader.load(dir);
      let ok = 0;
      const test = order.filter((_, k) => k % folds === f);
      for (const i of test) {
        const truth = plateKey(crops[i].text);
        const hit = plateKey((await reader.read(crops[i].bytes)).text) === truth;
        count('all', hit);
        count(parsePlate(truth).format, hit);
        if (hit) ok++;
      }
      reader.dispose();
      log(`fold ${f + 1}: tuned on ${res.trainPlates} crops (${res.alignedPlates} aligned), read ${ok}/${test.length}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  log(
    `exact match ${rate('all')} (target 0.85; shipped reader above); SIV ${rate('SIV')}, FNI ${rate('FNI')}; tuning ${((performance.now() - t0) / 1000 / folds).toFixed(0)} s a fold`,
  );
}

/** Sections 1 to 4: the recogniser trained on the training part, the baseline, detection, swaps, speed. */
/** Each photo's score under its true registration: 1 − p(its class), the genuine cases. */
function genuineScores(probs: ArrayLike<number>[], ys: number[]): number[] {
  return probs.map((p, k) => 1 - p[ys[k]]);
}

/**
 * Each photo's score when its registry entry is swapped for a random other class (a simulated cloned
 * plate): 1 − p(that class). The same seeded draw for every model compared.
 */
function randomSwapScores(probs: ArrayLike<number>[], ys: number[], rnd: () => number): number[] {
  return probs.map((p, k) => {
    let o = Math.floor(rnd() * (p.length - 1));
    if (o >= ys[k]) o++;
    return 1 - p[o];
  });
}

async function benchRecognizer() {
  const cacheDir = process.env.IAFLASH_CACHE ?? mkdtempSync(join(tmpdir(), 'iaflash-bench-'));
  const rows = readLabelsCsv(join(DATA, 'cars/labels.csv'));
  const classes = [...new Set(rows.map((r) => classKey(r.make, r.model)))].sort();
  const items = rows.map((r, i) => ({ ...r, i, y: classes.indexOf(classKey(r.make, r.model)) }));
  const { train, val: test } = groupSplit(items, 0.2, 2024);
  log(`cars/: ${rows.length} photos, ${classes.length} classes; train ${train.length}, test ${test.length} (grouped split)`);

  const pool = await createVisionPool(WORKERS);
  const modelDir = mkdtempSync(join(tmpdir(), 'iaflash-bench-model-'));
  try {
    // 1. Our model, trained on the training part only, as `eig iaflash train` would train it: the inner
    //    split validates and calibrates, then the heads are retrained on the whole training part
    //    (BENCH_FINAL_ON_ALL=0 keeps the inner-split heads instead: half the training time, weaker).
    const t0 = performance.now();
    let lastStage = '';
    const trained = await trainOnRows(train, {
      outDir: modelDir,
      pool,
      cacheDir,
      finalOnAll: process.env.BENCH_FINAL_ON_ALL !== '0',
      head: process.env.BENCH_EPOCHS ? { epochs: Number(process.env.BENCH_EPOCHS) } : undefined,
      onProgress: (p) => {
        if (p.stage !== lastStage || p.done === p.total || p.done % 100 === 0) process.stderr.write(`  [${p.stage}] ${p.message}\n`);
        lastStage = p.stage;
      },
    });
    const trainSeconds = (performance.now() - t0) / 1000;
    const manifest = trained.manifest;
    const modelIndex = manifest.classes.map((c) => classes.indexOf(classKey(c.make, c.model)));

    // The model's class order → the bench's.
    const inClasses = (q: ArrayLike<number>) => {
      const full = new Array<number>(classes.length).fill(0);
      Array.from(q).forEach((v, j) => (full[modelIndex[j]] = v));
      return full;
    };
    /**
     * Every test photo through the workers, as the API analyses it; `photo` gives the k-th photo's bytes
     * (read, or altered). Returns the posterior (what the check scores) and the equal-prior probabilities
     * (the ranking the API shows), in the bench's class order; latency counts the analysis only.
     */
    const analyzeTest = async (photo: (k: number) => Uint8Array | Promise<Uint8Array>) => {
      const probs: number[][] = new Array(test.length);
      const shownProbs: number[][] = new Array(test.length);
      const latencies: number[] = [];
      let found = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.max(1, WORKERS) }, async () => {
          while (next < test.length) {
            const k = next++;
            const bytes = await photo(k);
            const t = performance.now();
            const res = await pool.analyze({ image: bytes, modelDir, maxRecognized: 1 });
            latencies.push(performance.now() - t);
            const p = res.vehicles[0]?.probs ?? res.wholePhoto!;
            if (res.vehicles.length) found++;
            probs[k] = inClasses(p);
            shownProbs[k] = inClasses(equalPriorProbs(p, manifest.classPrior));
          }
        }),
      );
      return { probs, shownProbs, latencies, found };
    };

    // 2. End to end on the held-out photos through the workers: quality and speed at once.
    const tStart = performance.now();
    const cpuStart = process.cpuUsage();
    const { probs, shownProbs, latencies, found } = await analyzeTest((k) => readFileSync(test[k].path));
    const wall = (performance.now() - tStart) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    // CPU time of the whole process (main thread + workers) per photo: less sensitive to other jobs on
    // the machine than wall time; the workers' share is what an idle core would spend on a photo.
    const cpuMsPerImage = (cpu.user + cpu.system) / 1000 / test.length;
    const ys = test.map((t) => t.y);
    const ours = classReport(shownProbs, ys, classes.length);
    const posterior = classReport(probs, ys, classes.length);

    // 3. Baseline: frozen single CenterNet layer (GAP) + linear head, same split, same run.
    const records = await extractAll(
      pool,
      rows.map((r) => r.path),
      { mode: 'train', cacheDir },
    );
    const dim = records[0].baseline!.length;
    const st = fitStandardizer(
      train.map((t) => records[t.i].baseline!),
      dim,
    );
    const lin = await trainLinear(
      { x: train.map((t) => standardize(records[t.i].baseline!, st)), y: train.map((t) => t.y) },
      dim,
      classes.length,
    );
    const baseProbs = (
      await linearLogits(
        lin,
        test.map((t) => standardize(records[t.i].baseline!, st)),
        dim,
      )
    ).map((l) => softmax(l));
    const base = classReport(baseProbs, ys, classes.length);

    log('\n## Make/model recognition (held-out 20 %, grouped)');
    log(`| | top-1 | top-5 | min class recall |`);
    log(`|---|---|---|---|`);
    log(`| baseline: 1 CenterNet layer, frozen, linear | ${f3(base.top1)} | ${f3(base.top5)} | ${f3(base.minRecall)} |`);
    log(
      `| IA Flash (MobileNetV2 1.4 mid-level, ${manifest.kind === 'mnv2-second-order' ? 'second-order pooling + linear classifier' : 'avg-max pooled heads'}) | ${f3(ours.top1)} | ${f3(ours.top5)} | ${f3(ours.minRecall)} |`,
    );
    log(
      `| same, ranked by the posterior (training shares as prior; what the check scores) | ${f3(posterior.top1)} | ${f3(posterior.top5)} | ${f3(posterior.minRecall)} |`,
    );
    log(`(reference figures from the issue: single layer 0.55/0.87; four-backbone ensemble 0.76/0.92; targets 0.85/0.97, no class < 0.60)`);
    log(
      `training time ${trainSeconds.toFixed(0)} s (features, validation head${trained.manifest.trainImages === train.length ? ', final head on the whole training part' : ''}), validation inside the training part: top-1 ${f3(trained.validation?.top1 ?? NaN)}, temperature ${manifest.temperature.toFixed(2)}`,
    );
    log('\n| class | test photos | baseline recall | IA Flash recall | IA Flash top-5 | recall, posterior ranking |');
    log('|---|---|---|---|---|---|');
    classes.forEach((c, k) =>
      log(
        `| ${c} | ${ours.perClass[k].n} | ${f3(base.perClass[k].recall)} | ${f3(ours.perClass[k].recall)} | ${f3(ours.perClass[k].top5)} | ${f3(posterior.perClass[k].recall)} |`,
      ),
    );

    log('\n## Vehicle detection');
    const allFound = records.filter((r) => r.vehicleFound).length;
    log(
      `vehicle found: test ${found}/${test.length} (${f3(found / test.length)}), all photos ${allFound}/${rows.length} (${f3(allFound / rows.length)})`,
    );

    // 4. Simulated cloned plates.
    const rnd = mulberry32(99);
    const genuine = genuineScores(probs, ys);
    const randomSwap = randomSwapScores(probs, ys, rnd);
    const makeOf = (c: string) => rows.find((r) => classKey(r.make, r.model) === c)!.make;
    const sameMake: number[] = [];
    const genuineSM: number[] = [];
    probs.forEach((p, k) => {
      const siblings = classes.map((c, j) => j).filter((j) => j !== ys[k] && makeOf(classes[j]) === makeOf(classes[ys[k]]));
      if (!siblings.length) return;
      sameMake.push(1 - p[siblings[Math.floor(rnd() * siblings.length)]]);
      genuineSM.push(genuine[k]);
    });
    const baseGenuine = genuineScores(baseProbs, ys);
    const baseRandom = randomSwapScores(baseProbs, ys, mulberry32(99));
    const th = manifest.policy.threshold;
    log('\n## Cloned-plate detection (simulated swaps on the test photos; score = P(not the registered model))');
    log('| swap | cases | ROC-AUC | caught at 1 % FA | caught at 5 % FA |');
    log('|---|---|---|---|---|');
    log(
      `| baseline, random other class | ${baseRandom.length} | ${f3(rocAuc(baseGenuine, baseRandom))} | ${f3(catchRateAt(baseGenuine, baseRandom, 0.01))} | ${f3(catchRateAt(baseGenuine, baseRandom, 0.05))} |`,
    );
    log(
      `| IA Flash, random other class | ${randomSwap.length} | ${f3(rocAuc(genuine, randomSwap))} | ${f3(catchRateAt(genuine, randomSwap, 0.01))} | ${f3(catchRateAt(genuine, randomSwap, 0.05))} |`,
    );
    log(
      `| IA Flash, other model of the same make | ${sameMake.length} | ${f3(rocAuc(genuineSM, sameMake))} | ${f3(catchRateAt(genuineSM, sameMake, 0.01))} | ${f3(catchRateAt(genuineSM, sameMake, 0.05))} |`,
    );
    log(
      `model's own threshold (${th.toFixed(3)}, set on its validation split for ${manifest.policy.targetFalseAlarmRate * 100} % false alarms): ` +
        `measured false alarms on test ${f3(genuine.filter((s) => s >= th).length / genuine.length)}, random swaps caught ${f3(randomSwap.filter((s) => s >= th).length / randomSwap.length)}, same-make caught ${f3(sameMake.filter((s) => s >= th).length / Math.max(1, sameMake.length))}`,
    );

    const runtime = (await onnxRuntime()) ? 'onnxruntime' : 'tfjs';
    log(
      `\n## Speed (end to end: decode, detection coarse to fine, recognition of the main vehicle, four views; detector and backbone on ${runtime})`,
    );
    log(
      `${WORKERS} worker(s): ${(test.length / wall).toFixed(2)} images/s over ${test.length} photos; latency p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
    );
    log(
      `CPU time ${cpuMsPerImage.toFixed(0)} ms per photo (all threads): ≈ ${((1000 * Math.min(WORKERS, availableParallelism())) / cpuMsPerImage).toFixed(1)} images/s if ${Math.min(WORKERS, availableParallelism())} core(s) were free`,
    );

    // 5. Robustness: the same test photos as a roadside camera may take them. After the speed figures,
    //    so these extra passes do not count in them.
    log('\n## Robustness (the test photos altered; top-1 / top-5 as shown, equal priors)');
    log('| photos | top-1 | top-5 | min class recall | random swaps AUC |');
    log('|---|---|---|---|---|');
    const alterations: [string, (img: Sharp) => Sharp][] = [
      ['grey (an infrared night photo)', (img) => img.greyscale()],
      ['dark (exposure × 0.5)', (img) => img.linear(0.5, 0)],
    ];
    for (const [name, alter] of alterations) {
      const run = await analyzeTest((k) =>
        alter(sharp(readFileSync(test[k].path)))
          .jpeg({ quality: 85 })
          .toBuffer(),
      );
      const report = classReport(run.shownProbs, ys, classes.length);
      const auc = rocAuc(genuineScores(run.probs, ys), randomSwapScores(run.probs, ys, mulberry32(99)));
      log(`| ${name} | ${f3(report.top1)} | ${f3(report.top5)} | ${f3(report.minRecall)} | ${f3(auc)} |`);
    }
  } finally {
    await pool.close();
    rmSync(modelDir, { recursive: true, force: true });
    if (!process.env.IAFLASH_CACHE) rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** Sections 5 to 7: registry normalisation and plate reading. */
async function benchRegistryAndPlates() {
  // 5. Registry normalisation.
  log('\n## Registry normalisation');
  for (const f of readdirSync(join(DATA, 'siv')).filter((f) => /^sivnorm_.*\.csv$/.test(f))) {
    const cases = parse(readFileSync(join(DATA, 'siv', f)), { columns: true }) as { raw: string; make: string; model: string }[];
    const ok = cases.filter((c) => {
      const n = normalizeRegistry(c.raw);
      return n.make === c.make && n.model === c.model;
    }).length;
    const undet = cases.filter((c) => c.model === 'UNDETERMINED');
    const undetOk = undet.filter((c) => normalizeRegistry(c.raw).model === 'UNDETERMINED').length;
    log(`${f}: ${ok}/${cases.length} exact (${f3(ok / cases.length)}); UNDETERMINED cases ${undetOk}/${undet.length}`);
  }

  // 6. Plate reading on European (non-French) plates: reported, not tuned.
  log('\n## Plate reading (plates-eu: Slovak, Czech, German… plates, not French; raw reading, no format constraint)');
  if (PlateReader.exists(DEFAULT_MODEL_DIR)) {
    const reader = await PlateReader.load(DEFAULT_MODEL_DIR);
    const plates = parse(readFileSync(join(DATA, 'plates-eu/labels.csv')), { columns: true }) as {
      file: string;
      text: string;
      country: string;
    }[];
    const byCountry = new Map<string, [number, number]>();
    let exact = 0;
    // Where the reader found as many characters as the plate has: how many it read right (the
    // classifier's share of the errors, apart from segmentation's).
    let segmented = 0;
    let chars = 0;
    let charsRight = 0;
    const times: number[] = [];
    for (const p of plates) {
      const t = performance.now();
      const r = await reader.read(readFileSync(join(DATA, 'plates-eu', p.file)));
      times.push(performance.now() - t);
      const truth = p.text.toUpperCase();
      const ok = r.raw === truth;
      if (ok) exact++;
      if (r.raw.length === truth.length) {
        segmented++;
        chars += truth.length;
        for (let i = 0; i < truth.length; i++) if (r.raw[i] === truth[i]) charsRight++;
      }
      const c = byCountry.get(p.country) ?? [0, 0];
      byCountry.set(p.country, [c[0] + (ok ? 1 : 0), c[1] + 1]);
    }
    log(
      `exact match ${exact}/${plates.length} (${f3(exact / plates.length)}); ` +
        [...byCountry].map(([c, [a, b]]) => `${c} ${a}/${b}`).join(', ') +
        `; p50 ${pct(times, 50).toFixed(0)} ms`,
    );
    log(
      `as many characters as the plate: ${segmented}/${plates.length}; of their characters, right ${charsRight}/${chars} (${f3(charsRight / chars)})`,
    );
    // 7. Real French plate crops, when the operator has some (IAFLASH_FR_PLATES: a folder with a
    //    labels.csv `file,text`, the plate as written): the issue's target is read on those.
    const frDir = process.env.IAFLASH_FR_PLATES;
    if (frDir) {
      log(`\n## Plate reading (real French plate crops, ${frDir}; reading with the format rules, separators ignored)`);
      const rows = parse(readFileSync(join(frDir, 'labels.csv')), { columns: true }) as { file: string; text: string }[];
      const { count, rate } = tally();
      const frTimes: number[] = [];
      const bands: [string, (h: number) => boolean][] = [
        ['height ≥ 90 px', (h) => h >= 90],
        ['60–90 px', (h) => h >= 60 && h < 90],
        ['< 60 px', (h) => h < 60],
      ];
      for (const row of rows) {
        const bytes = readFileSync(join(frDir, row.file));
        const { height = 0 } = await sharp(bytes).metadata();
        const t = performance.now();
        const r = await reader.read(bytes);
        frTimes.push(performance.now() - t);
        const truth = plateKey(row.text);
        const ok = plateKey(r.text) === truth;
        count('all', ok);
        count(parsePlate(truth).format, ok);
        count('raw', r.raw === truth);
        // The readings that can raise PLATE_DISAGREES: how often they are wrong.
        if (r.format !== 'UNKNOWN' && r.confidence >= MIN_READING_CONFIDENCE) count('confident', ok);
        for (const [name, inBand] of bands) if (inBand(height)) count(name, ok);
      }
      log(
        `exact match ${rate('all')} (target 0.85); SIV ${rate('SIV')}, FNI ${rate('FNI')}; raw reading, no format rules, ${rate('raw')}; confident readings (≥ ${MIN_READING_CONFIDENCE}) right ${rate('confident')}`,
      );
      log(
        `by crop height: ${bands.map(([name]) => `${name} ${rate(name)}`).join(', ')}; p50 ${pct(frTimes, 50).toFixed(0)} ms, p95 ${pct(frTimes, 95).toFixed(0)} ms`,
      );
      await benchTunedReader(frDir, rows);
    }
    // 8. French plates: no real French crops here, so synthetic ones from seeds that training (seeds
    //    1,000,003 on) and the reader's tuning (987,654,321 on) never used. Not a real-plate figure.
    const n = Number(process.env.BENCH_SYNTH_PLATES ?? 400);
    const bands: [string, (h: number) => boolean][] = [
      ['height ≥ 60 px', (h) => h >= 60],
      ['45–60 px', (h) => h >= 45 && h < 60],
      ['30–45 px', (h) => h >= 30 && h < 45],
      ['< 30 px', (h) => h < 30],
    ];
    // The machine's fonts alone draw the very plates of the earlier benches (comparable figures); all
    // fonts add the outline fonts training also draws; the camera's effects (synth.ts), which the
    // shipped reader is not trained on, show how it reads camera-like plates.
    const styles: [string, PlateStyle][] = [
      ["the machine's fonts only, as in earlier benches", { fonts: 'system' }],
      ['all training fonts', { fonts: 'all' }],
      ["all training fonts with a roadside camera's effects", { fonts: 'all', camera: true }],
    ];
    for (const [title, style] of styles) {
      log(`\n## Plate reading (synthetic French plates, ${n} fresh seeds, ${title}: not a real-plate figure)`);
      const { count, rate } = tally();
      const synthTimes: number[] = [];
      for (let i = 0; i < n; i++) {
        const p = await renderPlate(2_000_000_000 + i, style);
        const t = performance.now();
        const r = await reader.read(p.png);
        synthTimes.push(performance.now() - t);
        const ok = plateKey(r.text) === p.chars;
        count('all', ok);
        count(p.format, ok);
        for (const [name, inBand] of bands) if (inBand(p.height)) count(name, ok);
      }
      log(`exact match ${rate('all')}; SIV ${rate('SIV')}, FNI ${rate('FNI')}; p50 ${pct(synthTimes, 50).toFixed(0)} ms`);
      log(`by crop height: ${bands.map(([name]) => `${name} ${rate(name)}`).join(', ')}`);
    }
  } else log('no plate model in model/default (run npm run train:default -w @eig/iaflash)');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
