/**
 * Training API (used by the CLI, the web job and the default-model script): labelled photos →
 * model directory. Features of the frozen networks are extracted once (in worker threads), a
 * grouped validation split measures top-1/top-5, fits the temperature and sets the alarm threshold
 * for the target false-alarm rate; the head is then retrained on all photos and saved.
 */
import { INFERENCE_VIEWS } from '../core/crops.ts';
import { readLabelsCsv, type LabelRow } from '../io/labels-csv.ts';
import { IaflashError } from '../io/errors.ts';
import { classKey, groupSplit } from '../core/labels.ts';
import { classShares, equalPriorProbs, expectedCalibrationError, fitTemperature, thresholdForFalseAlarmRate } from '../core/calibration.ts';
import { mulberry32 } from '../core/random.ts';
import { createVisionPool, type VisionPool } from './pool.ts';
import { extractAll, type FeatureRecord } from './features-cache.ts';
import { DEFAULT_HEAD, fitStandardizer, headLogits, standardize, type HeadConfig } from './head.ts';
import { trainEnsemble } from './ensemble.ts';
import { SECOND_ORDER_HEAD, trainSecondOrderHead } from './second-order.ts';
import { DEFAULT_EXTRACTOR, extractorSpec, FEATURE_GRID } from './vision.ts';
import { calibratedSoftmax, meanLogits } from './recognizer.ts';
import { classReport } from './metrics.ts';
import { saveModel, type ModelManifest, type ValidationReport, type VehicleClass } from './model-dir.ts';
import { initTf } from './tf.ts';
import { fitPca, projectAll } from './pca.ts';

export interface TrainProgress {
  stage: 'features' | 'validation' | 'final' | 'save';
  done: number;
  total: number;
  message: string;
}

export interface TrainOptions {
  labelsCsv: string;
  outDir: string;
  onProgress?: (p: TrainProgress) => void;
  signal?: AbortSignal;
  /** Share an existing pool (the service's); otherwise one is created for the run. */
  pool?: VisionPool;
  workers?: number;
  /** Disk cache of extracted features (speeds up retraining on the same photos). */
  cacheDir?: string;
  valFraction?: number;
  /** The false-alarm rate the decision threshold is set for (default 1 %). */
  targetFalseAlarmRate?: number;
  head?: Partial<HeadConfig>;
  /** Retrain on every photo after validation (default true). */
  finalOnAll?: boolean;
  seed?: number;
}

export interface TrainResult {
  manifest: ModelManifest;
  validation: ValidationReport | null;
}

const REPORTED_RATES = [0.01, 0.02, 0.05, 0.1];
/** Dimensions kept by the PCA of the local descriptors for the avg-max head (1,264 channels with MobileNetV2 1.4). */
export const PCA_DIMS = 256;
/** Channels of the features new models are trained on. */
const FEATURE_CHANNELS = extractorSpec(DEFAULT_EXTRACTOR).channels;

export async function train(opts: TrainOptions): Promise<TrainResult> {
  const rows = readLabelsCsv(opts.labelsCsv);
  return trainOnRows(rows, opts);
}

export async function trainOnRows(rows: LabelRow[], opts: Omit<TrainOptions, 'labelsCsv'>): Promise<TrainResult> {
  const classes: VehicleClass[] = [
    ...new Map(rows.map((r) => [classKey(r.make, r.model), { make: r.make, model: r.model }])).values(),
  ].sort((a, b) => classKey(a.make, a.model).localeCompare(classKey(b.make, b.model)));
  if (classes.length < 2) throw new IaflashError('LABELS_INVALID', 'Il faut au moins deux modèles de véhicule différents pour entraîner.');
  const keyIndex = new Map(classes.map((c, i) => [classKey(c.make, c.model), i]));
  const ys = rows.map((r) => keyIndex.get(classKey(r.make, r.model))!);
  const progress = opts.onProgress ?? (() => {});
  const seed = opts.seed ?? 42;

  await initTf('wasm');
  const pool = opts.pool ?? (await createVisionPool(opts.workers));
  let records: FeatureRecord[];
  try {
    records = await extractAll(
      pool,
      rows.map((r) => r.path),
      {
        mode: 'train',
        cacheDir: opts.cacheDir,
        signal: opts.signal,
        onProgress: (done, total) => progress({ stage: 'features', done, total, message: `Analyse des photos ${done}/${total}` }),
      },
    );
  } finally {
    if (!opts.pool) await pool.close();
  }

  // New models pool second-order (second-order.ts); `head: { pooling: 'avg-max' }` trains the former head.
  const base = opts.head?.pooling === 'avg-max' ? { ...DEFAULT_HEAD, channels: PCA_DIMS } : SECOND_ORDER_HEAD;
  const cfg: HeadConfig = { ...base, ...opts.head, grid: FEATURE_GRID };
  const items = rows.map((r, i) => ({ ...r, i, y: ys[i] }));
  const split = groupSplit(items, opts.valFraction ?? 0.2, seed);
  const targetRate = opts.targetFalseAlarmRate ?? 0.01;

  // 1. Validation run: measures the model and calibrates temperature and threshold.
  let validation: ValidationReport | null = null;
  let temperature = 1;
  let threshold = 1;
  let kept: Awaited<ReturnType<typeof fitHead>> | null = null;
  if (split.val.length >= classes.length) {
    // the standardiser, PCA and pooling take a minute or two before the first epoch: say so
    progress({ stage: 'validation', done: 0, total: 1, message: 'Préparation des descripteurs (validation)' });
    const fitted = await fitHead(
      split.train,
      records,
      classes.length,
      cfg,
      (e, n) => progress({ stage: 'validation', done: e, total: n, message: `Entraînement (validation) ${e}/${n}` }),
      opts.signal,
    );
    const valLogits: Float32Array[] = [];
    for (const it of split.val) {
      const xs = records[it.i].features.slice(0, INFERENCE_VIEWS).map((f) => standardize(f, fitted.st));
      valLogits.push(meanLogits(await headLogits(fitted.model, xs, cfg.grid, cfg.channels)));
    }
    // Without a final retraining, the validated model is the one saved.
    if (opts.finalOnAll === false) kept = fitted;
    else fitted.model.dispose();
    const valY = split.val.map((it) => it.y);
    temperature = fitTemperature(valLogits, valY);
    const probs = valLogits.map((l) => calibratedSoftmax(l, temperature));
    // Recognition is reported as shown to the agent (equal priors); the alarms as the check scores them.
    const prior = classShares(
      split.train.map((it) => it.y),
      classes.length,
    );
    const rep = classReport(
      probs.map((p) => equalPriorProbs(p, prior)),
      valY,
      classes.length,
    );
    const genuine = probs.map((p, i) => 1 - p[valY[i]]);
    // Simulated swaps: the registry names another class drawn at random.
    const rnd = mulberry32(seed + 1);
    const impostor = probs.map((p, i) => {
      let other = Math.floor(rnd() * (classes.length - 1));
      if (other >= valY[i]) other++;
      return 1 - p[other];
    });
    threshold = thresholdForFalseAlarmRate(genuine, targetRate);
    validation = {
      images: split.val.length,
      top1: rep.top1,
      top5: rep.top5,
      perClass: rep.perClass.map((c) => ({ ...classes[c.index], n: c.n, recall: c.recall })),
      falseAlarm: REPORTED_RATES.map((target) => {
        const t = thresholdForFalseAlarmRate(genuine, target);
        return {
          target,
          threshold: t,
          measuredFalseAlarm: genuine.filter((s) => s >= t).length / genuine.length,
          catchRate: impostor.filter((s) => s >= t).length / impostor.length,
        };
      }),
      ece: expectedCalibrationError(probs, valY),
    };
  }

  // 2. Final model on every photo (or on the training part only).
  const finalItems = opts.finalOnAll === false && validation ? split.train : items;
  if (!kept) progress({ stage: 'final', done: 0, total: 1, message: 'Préparation des descripteurs (modèle final)' });
  const final =
    kept ??
    (await fitHead(
      finalItems,
      records,
      classes.length,
      cfg,
      (e, n) => progress({ stage: 'final', done: e, total: n, message: `Entraînement du modèle final ${e}/${n}` }),
      opts.signal,
    ));
  progress({ stage: 'save', done: 0, total: 1, message: 'Enregistrement du modèle' });
  const manifest: ModelManifest = {
    format: 'iaflash-model/1',
    kind: cfg.pooling === 'second-order' ? 'mnv2-second-order' : 'mnv2-spatial-head',
    extractor: DEFAULT_EXTRACTOR,
    classes,
    grid: cfg.grid,
    channels: cfg.channels,
    featureChannels: FEATURE_CHANNELS,
    temperature,
    policy: { threshold, targetFalseAlarmRate: targetRate },
    validation,
    trainedAt: new Date().toISOString(),
    trainImages: finalItems.length,
    head: { ...cfg },
    inferenceViews: INFERENCE_VIEWS,
    classPrior: classShares(
      finalItems.map((it) => it.y),
      classes.length,
    ),
  };
  await saveModel(opts.outDir, manifest, final.model, final.st);
  final.model.dispose();
  progress({ stage: 'save', done: 1, total: 1, message: 'Modèle enregistré' });
  return { manifest, validation };
}

async function fitHead(
  items: { i: number; y: number }[],
  records: FeatureRecord[],
  numClasses: number,
  cfg: HeadConfig,
  onEpoch: (epoch: number, epochs: number) => void,
  signal?: AbortSignal,
) {
  const raw = items.flatMap((it) => records[it.i].features);
  const st = fitStandardizer(raw, FEATURE_CHANNELS);
  const normalized = raw.map((f) => standardize(f, st));
  // Whitened PCA of the local descriptors: the head trains on cfg.channels dimensions.
  st.projection = await fitPca(normalized, FEATURE_CHANNELS, cfg.channels);
  st.dims = cfg.channels;
  const x = await projectAll(normalized, st.projection, FEATURE_CHANNELS, cfg.channels);
  normalized.length = 0;
  const y = items.flatMap((it) => records[it.i].features.map(() => it.y));
  const train = cfg.pooling === 'second-order' ? trainSecondOrderHead : trainEnsemble;
  const model = await train({ x, y }, numClasses, cfg, (e) => onEpoch(e.epoch, e.epochs), signal);
  return { model, st };
}
