/**
 * The frozen vision stack, one instance per thread: the COCO CenterNet detector (MobileNetV3
 * backbone) and MobileNetV2 feature extractors on the vehicle crop, on onnxruntime where its binary
 * loads (onnx-runtime.ts), on tfjs otherwise, with the same results. Trainable heads (recognizer.ts)
 * sit on top of the features it returns; a model records which extractor it was trained on.
 */
import { initTf, tf } from './tf.ts';
import {
  loadCenterNet,
  loadCenterNetOnnx,
  loadMobileNetV2,
  loadMobileNetV2Wide,
  loadMobileNetV2WideOnnx,
  MOBILENET_V2_WIDE_NODES,
} from './backbones.ts';
import { CENTERNET_BASELINE_NODE, type OnnxDetector } from './onnx-detector.ts';
import { onnxRuntime } from './onnx-runtime.ts';
import { fuseBatchNorm } from './fused.ts';
import { VEHICLE_CLASSES, type Box, type Detection } from '../core/boxes.ts';
import { applyColour } from './colour.ts';
import type { ColourJitter } from '../core/crops.ts';
import type { DecodedImage } from '../io/decode.ts';

/**
 * Detector input side at full size. The graph also runs at other multiples of 32: extract.ts runs a
 * first pass at a small photo's own scale and this size only when that pass is unsure
 * (core/detector-passes.ts). 384 for every photo was measured on 2026-12-03 (benchmark top-1 0.599 →
 * 0.552 and same-make swap AUC 0.90 → 0.87 with the heads of that day, one run each, docs/model.md).
 */
export const DETECTOR_SIZE = 512;
/** The COCO classes the detector's heat map keeps (backbones.ts centernetWeightsForClasses). */
const DETECTOR_CLASSES = Object.keys(VEHICLE_CLASSES).map(Number);
export const CROP_SIZE = 224;
/** Features are a 7×7 grid of local descriptors (the 14×14 layer is average-pooled to 7×7). */
export const FEATURE_GRID = 49;

/**
 * A frozen backbone: crops [n,224,224,3] in [0,1] → features [n × FEATURE_GRID × channels]: the
 * 14×14 tapped layer average-pooled to 7×7, concatenated with the 7×7 one, positions row-major.
 * The crops tensor stays the caller's.
 */
export type Backbone = { runtime: RuntimeName; features(crops: tf.Tensor4D): Promise<Float32Array> };

/** A backbone on tfjs, from a function returning its two tapped layers. */
function tfjsBackbone(layers: (crops: tf.Tensor4D) => [tf.Tensor4D, tf.Tensor4D]): Backbone {
  return {
    runtime: 'tfjs',
    async features(crops) {
      const out = tf.tidy(() => {
        const [mid, top] = layers(crops);
        return tf.concat([tf.avgPool(mid, 2, 2, 'valid'), top], 3);
      });
      const data = (await out.data()) as Float32Array;
      out.dispose();
      return data;
    },
  };
}

/** Where a frozen network runs. */
export type RuntimeName = 'onnxruntime' | 'tfjs';
/** 'auto': onnxruntime where its binary loads; 'tfjs': always tfjs (tests compare the two). */
export type VisionRuntime = 'auto' | 'tfjs';

interface ExtractorSpec {
  /** Channels of a position: both tapped layers concatenated. */
  channels: number;
  /** `runtime` 'tfjs' keeps an extractor that can run on onnxruntime on tfjs (tests compare the two). */
  load(runtime?: VisionRuntime): Promise<Backbone>;
}

/**
 * The extractors a model can be trained on, by the id stored in its manifest. Why two: MobileNetV2
 * 1.4 (the default since 2026-12-03) recognises better (one head on the benchmark split: top-1 0.717
 * against 0.623 for 1.0, docs/model.md) for ≈ 30 ms more a photo; models trained on 1.0 keep working.
 */
export const EXTRACTORS: Record<string, ExtractorSpec> = {
  // MobileNetV2 1.0 (Keras): block_13_expand_relu (576) and block_16_project_BN (320), batch norms folded.
  'mnv2-b13b16-c224-d512-v1': {
    channels: 576 + 320,
    async load() {
      const layers = ['block_13_expand_relu', 'block_16_project_BN'];
      const keras = await loadMobileNetV2(layers);
      const fused = fuseBatchNorm(keras, layers);
      keras.dispose();
      return tfjsBackbone((x) => fused.predict(x) as [tf.Tensor4D, tf.Tensor4D]);
    },
  },
  // MobileNetV2 1.4 (TF-Hub graph): expanded_conv_13/expand (816) and expanded_conv_16/project (448).
  // On onnxruntime where its binary loads (4× faster, same features: onnx-backbone.ts), else on tfjs.
  'mnv2w14-c13c16-c224-d512-v1': {
    channels: 816 + 448,
    async load(runtime = 'auto') {
      const ort = runtime === 'tfjs' ? null : await onnxRuntime();
      if (ort) {
        const onnx = await loadMobileNetV2WideOnnx(ort);
        return {
          runtime: 'onnxruntime',
          async features(crops) {
            return onnx.features((await crops.data()) as Float32Array, crops.shape[0], CROP_SIZE);
          },
        };
      }
      const graph = await loadMobileNetV2Wide();
      return tfjsBackbone((x) => graph.execute(x, MOBILENET_V2_WIDE_NODES) as [tf.Tensor4D, tf.Tensor4D]);
    },
  },
};
/** The extractor new models are trained on. */
export const DEFAULT_EXTRACTOR = 'mnv2w14-c13c16-c224-d512-v1';

/** The extractor a model names, if this version knows it (own keys only: ids come from files). */
export function findExtractor(id: string): ExtractorSpec | undefined {
  return Object.hasOwn(EXTRACTORS, id) ? EXTRACTORS[id] : undefined;
}

export function extractorSpec(id: string): ExtractorSpec {
  const spec = findExtractor(id);
  if (!spec) throw new Error(`unknown feature extractor "${id}"`);
  return spec;
}

const DETECTIONS_NODE = 'tower_0/detections';

/** A crop variant: the box (in processed-image pixels), whether to mirror it, and its colour change. */
export interface CropVariant {
  box: Box;
  flip: boolean;
  colour?: ColourJitter;
}

export interface DetectResult {
  detections: Detection[];
  /** GAP of the baseline CenterNet layer, when asked. */
  baseline?: Float32Array;
}

export interface VisionOptions {
  /** Detector input side (a multiple of 32); DETECTOR_SIZE by default. */
  detectorSize?: number;
  /** 'tfjs' runs the frozen networks on tfjs even where onnxruntime loads (tests compare the two). */
  runtime?: VisionRuntime;
}

export class Vision {
  /** Backbones by extractor id, loaded on first use (a thread serving only new models never loads 1.0). */
  private readonly backbones = new Map<string, Promise<Backbone>>();

  /** tfjs detector graphs by input side (the size constants are baked in), loaded on first use. */
  private readonly detectors = new Map<number, Promise<tf.GraphModel>>();

  /** The detector on onnxruntime, every side in one session; null where onnxruntime does not load. */
  private readonly onnxDetector: Promise<OnnxDetector | null>;

  private constructor(
    readonly detectorSize: number,
    readonly runtime: VisionRuntime,
  ) {
    this.onnxDetector = (runtime === 'tfjs' ? Promise.resolve(null) : onnxRuntime()).then((ort) =>
      ort ? loadCenterNetOnnx(ort, DETECTOR_CLASSES) : null,
    );
  }

  static async create(opts: VisionOptions = {}): Promise<Vision> {
    await initTf('wasm');
    const vision = new Vision(opts.detectorSize ?? DETECTOR_SIZE, opts.runtime ?? 'auto');
    if (!(await vision.onnxDetector)) await vision.detector(vision.detectorSize);
    await vision.backbone(DEFAULT_EXTRACTOR);
    return vision;
  }

  /** Where the detector runs. */
  async detectorRuntime(): Promise<RuntimeName> {
    return (await this.onnxDetector) ? 'onnxruntime' : 'tfjs';
  }

  private detector(size: number): Promise<tf.GraphModel> {
    let d = this.detectors.get(size);
    if (!d) {
      d = loadCenterNet(size, DETECTOR_CLASSES);
      this.detectors.set(size, d);
      d.catch(() => this.detectors.delete(size));
    }
    return d;
  }

  /** Where an extractor's crops run (onnxruntime, or tfjs where its binary does not load). */
  async extractorRuntime(extractor = DEFAULT_EXTRACTOR): Promise<RuntimeName> {
    return (await this.backbone(extractor)).runtime;
  }

  private backbone(extractor: string): Promise<Backbone> {
    let b = this.backbones.get(extractor);
    if (!b) {
      b = extractorSpec(extractor).load(this.runtime);
      this.backbones.set(extractor, b);
      b.catch(() => this.backbones.delete(extractor));
    }
    return b;
  }

  private imageTensor(img: DecodedImage): tf.Tensor3D {
    return tf.tensor3d(
      new Uint8Array(img.data.buffer, img.data.byteOffset, img.width * img.height * 3),
      [img.height, img.width, 3],
      'int32',
    );
  }

  /** Runs the detector at `size` (a multiple of 32; detectorSize by default). */
  async detect(img: DecodedImage, withBaseline = false, size = this.detectorSize): Promise<DetectResult> {
    const sx = img.width / size;
    const sy = img.height / size;
    const onnx = await this.onnxDetector;
    const detector = onnx ? null : await this.detector(size);
    const resized = tf.tidy(() => tf.image.resizeBilinear(this.imageTensor(img).toFloat(), [size, size]));
    if (onnx) {
      const pixels = (await resized.data()) as Float32Array;
      resized.dispose();
      const res = await onnx.detect(pixels, size);
      const detections = res.detections.map(({ box, score, classIndex }) => ({
        box: [box[0] * sx, box[1] * sy, box[2] * sx, box[3] * sy] as Box,
        score,
        cls: DETECTOR_CLASSES[classIndex],
      }));
      return { detections, baseline: withBaseline ? res.baseline : undefined };
    }
    const input = resized.expandDims(0);
    resized.dispose();
    const outputs = withBaseline ? [DETECTIONS_NODE, CENTERNET_BASELINE_NODE] : [DETECTIONS_NODE];
    const res = detector!.execute(input, outputs) as tf.Tensor | tf.Tensor[];
    const [dets, base] = Array.isArray(res) ? res : [res];
    input.dispose();
    const raw = (await dets.array()) as number[][][];
    dets.dispose();
    let baseline: Float32Array | undefined;
    if (base) {
      const pooled = tf.tidy(() => base.mean([0, 1, 2]));
      baseline = (await pooled.data()) as Float32Array;
      pooled.dispose();
      base.dispose();
    }
    const detections = raw[0].map(([x1, y1, x2, y2, score, cls]) => ({
      box: [x1 * sx, y1 * sy, x2 * sx, y2 * sy] as Box,
      score,
      cls: DETECTOR_CLASSES[Math.round(cls)],
    }));
    return { detections, baseline };
  }

  /**
   * Features of each crop variant: [FEATURE_GRID × channels] (7×7 positions, row-major, channels of
   * both tapped layers concatenated), one Float32Array per variant, from the given extractor.
   */
  async embed(img: DecodedImage, variants: CropVariant[], extractor = DEFAULT_EXTRACTOR): Promise<Float32Array[]> {
    const backbone = await this.backbone(extractor);
    const channels = extractorSpec(extractor).channels;
    const batch = tf.tidy(() => {
      const image = this.imageTensor(img).toFloat().div(255).expandDims(0) as tf.Tensor4D;
      const boxes = variants.map((v) => [v.box[1] / img.height, v.box[0] / img.width, v.box[3] / img.height, v.box[2] / img.width]);
      let crops = tf.image.cropAndResize(image, boxes, new Array(variants.length).fill(0), [CROP_SIZE, CROP_SIZE]);
      if (variants.some((v) => v.flip)) {
        const flipped = tf.image.flipLeftRight(crops);
        const mask = tf.tensor1d(variants.map((v) => (v.flip ? 1 : 0))).reshape([-1, 1, 1, 1]);
        crops = crops.mul(tf.scalar(1).sub(mask)).add(flipped.mul(mask)) as tf.Tensor4D;
      }
      if (variants.some((v) => v.colour)) crops = applyColour(crops, variants);
      return crops;
    });
    const data = await backbone.features(batch).finally(() => batch.dispose());
    const size = FEATURE_GRID * channels;
    return variants.map((_, i) => data.slice(i * size, (i + 1) * size));
  }
}
