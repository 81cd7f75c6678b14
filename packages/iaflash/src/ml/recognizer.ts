/**
 * Make/model recognition behind one interface, so another model (an ONNX export trained elsewhere,
 * say) can replace the default without touching the pipeline. The default implementation runs the
 * trained head over MobileNetV2 features of the vehicle crops (core/crops.ts), their logits averaged.
 */
import { tf } from './tf.ts';
import type { Box } from '../core/boxes.ts';
import { inferenceCrops } from '../core/crops.ts';
import type { DecodedImage } from '../io/decode.ts';
import type { Vision } from './vision.ts';
import { loadModel, type LoadedModel, type VehicleClass } from './model-dir.ts';
import { TensorStandardizer } from './head.ts';

export interface Recognizer {
  readonly classes: VehicleClass[];
  /** Calibrated probabilities over `classes` for the vehicle in `box` (null: the whole photo). */
  recognize(image: DecodedImage, box: Box | null): Promise<Float32Array>;
}

/** Mean of the variants' logits: one score vector for the vehicle (what temperature was fitted on). */
export function meanLogits(logits: Float32Array[]): Float32Array {
  const out = new Float32Array(logits[0].length);
  for (const l of logits) for (let k = 0; k < l.length; k++) out[k] += l[k] / logits.length;
  return out;
}

export function calibratedSoftmax(logits: Float32Array, temperature: number): Float32Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v / temperature);
  const e = Float32Array.from(logits, (v) => Math.exp(v / temperature - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export class HeadRecognizer implements Recognizer {
  private readonly st: TensorStandardizer;

  constructor(
    private readonly vision: Vision,
    private readonly model: LoadedModel,
  ) {
    this.st = new TensorStandardizer(model.standardizer);
  }

  static async load(vision: Vision, dir: string): Promise<HeadRecognizer> {
    return new HeadRecognizer(vision, await loadModel(dir));
  }

  get classes() {
    return this.model.manifest.classes;
  }

  async logits(features: Float32Array[]): Promise<Float32Array> {
    const { grid } = this.model.manifest;
    const dim = features[0].length;
    const xb = new Float32Array(features.length * dim);
    features.forEach((x, i) => xb.set(x, i * dim));
    const t = tf.tidy(() => this.model.head.predict(this.st.apply(tf.tensor2d(xb, [features.length, dim]), grid)) as tf.Tensor2D);
    const data = (await t.data()) as Float32Array;
    t.dispose();
    const k = this.classes.length;
    return meanLogits(features.map((_, i) => data.slice(i * k, (i + 1) * k)));
  }

  async recognize(image: DecodedImage, box: Box | null): Promise<Float32Array> {
    const features = await this.vision.embed(
      image,
      inferenceCrops(box, image.width, image.height, this.model.manifest.inferenceViews ?? 2),
      this.model.manifest.extractor,
    );
    return calibratedSoftmax(await this.logits(features), this.model.manifest.temperature);
  }
}
