/**
 * A trained model is one directory: model.json (classes, calibration, decision policy, validation
 * figures), head.json + head.bin (tfjs layers weights) and standardizer.bin. A few hundred KB.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from './tf.ts';
import { IaflashError } from '../io/errors.ts';
import type { Standardizer } from './head.ts';
import type { DecisionPolicy } from '../core/decision.ts';
import { findExtractor } from './vision.ts';
// Registers the SecondOrderPooling layer, which the saved topology of second-order models names.
import './second-order.ts';

export interface VehicleClass {
  make: string;
  model: string;
}

export interface ValidationReport {
  images: number;
  top1: number;
  top5: number;
  perClass: { make: string; model: string; n: number; recall: number }[];
  /** Alarm threshold and measured rates at several target false-alarm rates. */
  falseAlarm: { target: number; threshold: number; measuredFalseAlarm: number; catchRate: number }[];
  ece: number;
}

export interface ModelManifest {
  format: 'iaflash-model/1';
  kind: 'mnv2-spatial-head' | 'mnv2-second-order';
  extractor: string;
  classes: VehicleClass[];
  grid: number;
  /** Head input dimensions per grid position (after the PCA). */
  channels: number;
  /** Channels of the frozen features before the PCA. */
  featureChannels: number;
  temperature: number;
  policy: DecisionPolicy;
  validation: ValidationReport | null;
  trainedAt: string;
  trainImages: number;
  head: Record<string, unknown>;
  /** Crops averaged at inference (core/crops.ts); absent in models trained with two. */
  inferenceViews?: number;
  /**
   * Each class's share of the photos the head was trained on. When present, the classes shown (top 5,
   * matchvec) are ranked on equal priors (core/calibration.ts `equalPriorProbs`); the check's score
   * still reads the calibrated posterior its threshold was set on. Absent in older models.
   */
  classPrior?: number[];
}

export interface LoadedModel {
  manifest: ModelManifest;
  head: tf.LayersModel;
  standardizer: Standardizer;
}

export async function saveModel(dir: string, manifest: ModelManifest, head: tf.LayersModel, st: Standardizer): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await head.save(
    tf.io.withSaveHandler(async (art) => {
      writeFileSync(join(dir, 'head.json'), JSON.stringify({ modelTopology: art.modelTopology, weightSpecs: art.weightSpecs }));
      const data = art.weightData as ArrayBuffer;
      writeFileSync(join(dir, 'head.bin'), Buffer.from(data));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  const c = st.mean.length;
  const both = new Float32Array(c * 2 + (st.projection?.length ?? 0));
  both.set(st.mean, 0);
  both.set(st.std, c);
  if (st.projection) both.set(st.projection, 2 * c);
  writeFileSync(join(dir, 'standardizer.bin'), Buffer.from(both.buffer));
  writeFileSync(join(dir, 'model.json'), JSON.stringify(manifest, null, 2) + '\n');
}

export function readManifest(dir: string): ModelManifest {
  const path = join(dir, 'model.json');
  if (!existsSync(path)) throw new IaflashError('MODEL_INVALID', `Aucun modèle dans ${dir}.`);
  const m = JSON.parse(readFileSync(path, 'utf8')) as ModelManifest;
  if (m.format !== 'iaflash-model/1') throw new IaflashError('MODEL_INVALID', 'Format de modèle inconnu.');
  // Models name the frozen network their head was trained on; older suites trained on MobileNetV2 1.0.
  if (findExtractor(m.extractor)?.channels !== m.featureChannels)
    throw new IaflashError(
      'MODEL_INVALID',
      `Ce modèle a été entraîné sur un extracteur que cette version ne connaît pas (${m.extractor}).`,
    );
  return m;
}

export async function loadModel(dir: string): Promise<LoadedModel> {
  const manifest = readManifest(dir);
  const art = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as {
    modelTopology: object;
    weightSpecs: tf.io.WeightsManifestEntry[];
  };
  const bin = readFileSync(join(dir, 'head.bin'));
  const head = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: art.modelTopology,
      weightSpecs: art.weightSpecs,
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    }),
  );
  const sb = readFileSync(join(dir, 'standardizer.bin'));
  const all = new Float32Array(sb.buffer.slice(sb.byteOffset, sb.byteOffset + sb.byteLength));
  const c = manifest.featureChannels;
  const projection = all.length > 2 * c ? all.slice(2 * c) : undefined;
  return {
    manifest,
    head,
    standardizer: { mean: all.slice(0, c), std: all.slice(c, 2 * c), projection, dims: projection ? manifest.channels : undefined },
  };
}
