/**
 * The frozen vision stack, one instance per thread: the COCO CenterNet detector (MobileNetV3
 * backbone) and a MobileNetV2 feature extractor on the vehicle crop. Trainable heads (recognizer.ts)
 * sit on top of the features it returns.
 */
import { initTf, tf } from './tf.ts';
import { loadCenterNet, loadMobileNetV2 } from './backbones.ts';
import { fuseBatchNorm, type FusedModel } from './fused.ts';
import type { Box, Detection } from '../core/boxes.ts';
import type { DecodedImage } from '../io/decode.ts';

/**
 * Detector input side. The graph also runs at other multiples of 32 (Vision.create({ detectorSize })):
 * 384 cuts its CPU time by ≈ 45 % and found as many vehicles on cars/, but the benchmark's top-1 fell
 * from 0.599 to 0.552 and same-make swap AUC from 0.90 to 0.87 (one run each, docs/model.md), so 512 stays.
 */
export const DETECTOR_SIZE = 512;
export const CROP_SIZE = 224;
/** Mid-level MobileNetV2 layers: 14×14×576 (pooled to 7×7) and 7×7×320. */
export const FEATURE_LAYERS = ['block_13_expand_relu', 'block_16_project_BN'] as const;
export const FEATURE_GRID = 49;
export const FEATURE_CHANNELS = 576 + 320;
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
  private constructor(
    private readonly detector: tf.GraphModel,
    private readonly features: FusedModel,
    readonly detectorSize: number,
  ) {}

  static async create(opts: VisionOptions = {}): Promise<Vision> {
    await initTf('wasm');
    const size = opts.detectorSize ?? DETECTOR_SIZE;
    const [detector, features] = await Promise.all([loadCenterNet(size), loadMobileNetV2([...FEATURE_LAYERS])]);
    // Batch norms folded into the convolutions (one kernel each); the layers model is not kept.
    const fused = fuseBatchNorm(features, [...FEATURE_LAYERS]);
    features.dispose();
    return new Vision(detector, fused, size);
  }

  private imageTensor(img: DecodedImage): tf.Tensor3D {
    return tf.tensor3d(
      new Uint8Array(img.data.buffer, img.data.byteOffset, img.width * img.height * 3),
      [img.height, img.width, 3],
      'int32',
    );
  }

  async detect(img: DecodedImage, withBaseline = false): Promise<DetectResult> {
    const size = this.detectorSize;
    const input = tf.tidy(() => tf.image.resizeBilinear(this.imageTensor(img).toFloat(), [size, size]).expandDims(0));
    const outputs = withBaseline ? [DETECTIONS_NODE, BASELINE_NODE] : [DETECTIONS_NODE];
    const res = this.detector.execute(input, outputs) as tf.Tensor | tf.Tensor[];
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
      cls: Math.round(cls),
    }));
    return { detections, baseline };
  }

  /**
   * Features of each crop variant: [FEATURE_GRID × FEATURE_CHANNELS] (7×7 positions, row-major,
   * channels of both layers concatenated), one Float32Array per variant.
   */
  async embed(img: DecodedImage, variants: CropVariant[]): Promise<Float32Array[]> {
    const out = tf.tidy(() => {
      const image = this.imageTensor(img).toFloat().div(255).expandDims(0) as tf.Tensor4D;
      const boxes = variants.map((v) => [v.box[1] / img.height, v.box[0] / img.width, v.box[3] / img.height, v.box[2] / img.width]);
      let crops = tf.image.cropAndResize(image, boxes, new Array(variants.length).fill(0), [CROP_SIZE, CROP_SIZE]);
      if (variants.some((v) => v.flip)) {
        const flipped = tf.image.flipLeftRight(crops);
        const mask = tf.tensor1d(variants.map((v) => (v.flip ? 1 : 0))).reshape([-1, 1, 1, 1]);
        crops = crops.mul(tf.scalar(1).sub(mask)).add(flipped.mul(mask)) as tf.Tensor4D;
      }
      const [mid, top] = this.features.predict(crops);
      const midPooled = tf.avgPool(mid, 2, 2, 'valid');
      return tf.concat([midPooled, top], 3).reshape([variants.length, FEATURE_GRID * FEATURE_CHANNELS]);
    });
    const data = (await out.data()) as Float32Array;
    out.dispose();
    const size = FEATURE_GRID * FEATURE_CHANNELS;
    return variants.map((_, i) => data.slice(i * size, (i + 1) * size));
  }
}
