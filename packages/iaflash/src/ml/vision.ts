/**
 * The frozen vision stack, one instance per thread: the COCO CenterNet detector (MobileNetV3
 * backbone) and MobileNetV2 feature extractors on the vehicle crop. Trainable heads (recognizer.ts)
 * sit on top of the features it returns; a model records which extractor it was trained on.
 */
import { initTf, tf } from './tf.ts';
import { loadCenterNet, loadMobileNetV2, loadMobileNetV2Wide, MOBILENET_V2_WIDE_NODES } from './backbones.ts';
import { fuseBatchNorm } from './fused.ts';
import { VEHICLE_CLASSES, type Box, type Detection } from '../core/boxes.ts';
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

/** A frozen backbone: crops [n,224,224,3] in [0,1] → the two tapped layers (14×14×a and 7×7×b). */
type Backbone = { predict(crops: tf.Tensor4D): [tf.Tensor4D, tf.Tensor4D] };

interface ExtractorSpec {
  /** Channels of a position: both tapped layers concatenated. */
  channels: number;
  load(): Promise<Backbone>;
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
      return { predict: (x) => fused.predict(x) as [tf.Tensor4D, tf.Tensor4D] };
    },
  },
  // MobileNetV2 1.4 (TF-Hub graph): expanded_conv_13/expand (816) and expanded_conv_16/project (448).
  'mnv2w14-c13c16-c224-d512-v1': {
    channels: 816 + 448,
    async load() {
      const graph = await loadMobileNetV2Wide();
      return { predict: (x) => graph.execute(x, MOBILENET_V2_WIDE_NODES) as [tf.Tensor4D, tf.Tensor4D] };
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

/** The single CenterNet layer of the frozen-features baseline (global average pooled). */
export const BASELINE_NODE = 'tower_0/MobilenetV3/expanded_conv_9/add';
const DETECTIONS_NODE = 'tower_0/detections';

/** A crop variant: the box (in processed-image pixels) and whether to mirror it. */
export interface CropVariant {
  box: Box;
  flip: boolean;
}

export interface DetectResult {
  detections: Detection[];
  /** GAP of the baseline CenterNet layer, when asked. */
  baseline?: Float32Array;
}

export interface VisionOptions {
  /** Detector input side (a multiple of 32); DETECTOR_SIZE by default. */
  detectorSize?: number;
}

export class Vision {
  /** Backbones by extractor id, loaded on first use (a thread serving only new models never loads 1.0). */
  private readonly backbones = new Map<string, Promise<Backbone>>();

  /** Detector graphs by input side (the size constants are baked in), loaded on first use. */
  private readonly detectors = new Map<number, Promise<tf.GraphModel>>();

  private constructor(readonly detectorSize: number) {}

  static async create(opts: VisionOptions = {}): Promise<Vision> {
    await initTf('wasm');
    const vision = new Vision(opts.detectorSize ?? DETECTOR_SIZE);
    await vision.detector(vision.detectorSize);
    await vision.backbone(DEFAULT_EXTRACTOR);
    return vision;
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

  private backbone(extractor: string): Promise<Backbone> {
    let b = this.backbones.get(extractor);
    if (!b) {
      b = extractorSpec(extractor).load();
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
    const detector = await this.detector(size);
    const input = tf.tidy(() => tf.image.resizeBilinear(this.imageTensor(img).toFloat(), [size, size]).expandDims(0));
    const outputs = withBaseline ? [DETECTIONS_NODE, BASELINE_NODE] : [DETECTIONS_NODE];
    const res = detector.execute(input, outputs) as tf.Tensor | tf.Tensor[];
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
    const sx = img.width / size;
    const sy = img.height / size;
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
    const out = tf.tidy(() => {
      const image = this.imageTensor(img).toFloat().div(255).expandDims(0) as tf.Tensor4D;
      const boxes = variants.map((v) => [v.box[1] / img.height, v.box[0] / img.width, v.box[3] / img.height, v.box[2] / img.width]);
      let crops = tf.image.cropAndResize(image, boxes, new Array(variants.length).fill(0), [CROP_SIZE, CROP_SIZE]);
      if (variants.some((v) => v.flip)) {
        const flipped = tf.image.flipLeftRight(crops);
        const mask = tf.tensor1d(variants.map((v) => (v.flip ? 1 : 0))).reshape([-1, 1, 1, 1]);
        crops = crops.mul(tf.scalar(1).sub(mask)).add(flipped.mul(mask)) as tf.Tensor4D;
      }
      const [mid, top] = backbone.predict(crops);
      const midPooled = tf.avgPool(mid, 2, 2, 'valid');
      return tf.concat([midPooled, top], 3).reshape([variants.length, FEATURE_GRID * channels]);
    });
    const data = (await out.data()) as Float32Array;
    out.dispose();
    const size = FEATURE_GRID * channels;
    return variants.map((_, i) => data.slice(i * size, (i + 1) * size));
  }
}
