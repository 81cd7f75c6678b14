/**
 * Second-order pooling of the frozen local descriptors (iSQRT-COV: Li et al., "Towards Faster Training
 * of Global Covariance Pooling Networks by Iterative Matrix Square Root Normalization", CVPR 2018).
 *
 * Why: make and model differ by the shape of a grille, a light or a crease, i.e. by which local parts
 * co-occur, which average and max pooling wash out. The covariance of the 7×7 grid's descriptors keeps
 * those co-occurrences; its matrix square root tempers the few dominant directions (bursty features),
 * and a linear classifier on top is a convex fit, fast and stable on ~1,000 photos. Measured on the
 * bench split of `cars/` (docs/model.md): top-1 0.86 / top-5 0.98, against 0.769 / 0.962 for three
 * averaged avg+max heads.
 *
 * The pooling has no weights. For training it is computed once per crop (`secondOrderAll`) and only
 * the linear classifier is fitted; the saved model chains `SecondOrderPooling` and that classifier, so
 * inference and loading go through the same tfjs layers model as before.
 */
import { tf } from './tf.ts';
import { DEFAULT_HEAD, logitAdjustment, trainHead, type EpochInfo, type HeadConfig, type TrainSet } from './head.ts';

export interface SecondOrderConfig {
  /** Newton–Schulz iterations of the matrix square root (5, as in the paper; see SECOND_ORDER_HEAD). */
  iterations: number;
  /** The pooled vector is L2-normalised, then multiplied by this, so that the classifier's logits
   * reach a useful range without large weights (weight decay then regularises what it should). */
  scale: number;
}

export const DEFAULT_SECOND_ORDER: SecondOrderConfig = { iterations: 5, scale: 30 };

/**
 * The head new models are trained with. PCA-128 descriptors (8,256 pooled dimensions): in a 5-fold
 * grouped cross-validation over the bench's 803 training photos, top-1 0.758 against 0.747 at 96
 * dimensions (on a single 168-photo split both gave 0.756, and 160 gave 0.750); the pooling then cost
 * 83 ms a photo (two crops) against 33 ms at 96, most of it wasm's batched matMul (see secondOrderPool:
 * 13 ms now). Five Newton–Schulz iterations: three gave 0.696 on
 * that split (a rougher square root), eight no clear gain. One linear classifier (a convex fit: seeds
 * barely move it, so no ensemble), light weight decay, 40 epochs.
 *
 * No logit adjustment by default. In the same cross-validation τ = 0.5 raised the mean class recall
 * 0.636 → 0.684 (classes under 0.60: 6 → 4) at equal top-1 (0.736 → 0.733); but on the bench it
 * cost the cloned-plate check, the service's purpose: random swaps caught at 1 % false alarms 0.741
 * → 0.637, at 5 % 0.967 → 0.939 (AUC 0.987 both), because the shift also lowers the probability of a
 * frequent registered model when it is the right one (docs/model.md).
 */
export const SECOND_ORDER_HEAD: Omit<HeadConfig, 'grid'> = {
  ...DEFAULT_HEAD,
  channels: 128,
  epochs: 40,
  batchSize: 64,
  learningRate: 2e-3,
  dropout: 0,
  weightDecay: 1e-5,
  members: 1,
  pooling: 'second-order',
  secondOrder: DEFAULT_SECOND_ORDER,
  logitAdjustment: 0,
};

/** Indices of the upper triangle (diagonal included) of a d × d matrix, row-major. */
function upperTriangle(d: number): number[] {
  const out: number[] = [];
  for (let a = 0; a < d; a++) for (let b = a; b < d; b++) out.push(a * d + b);
  return out;
}

/** Length of the pooled vector for d-dimensional descriptors. */
export function pooledLength(d: number): number {
  return (d * (d + 1)) / 2;
}

/**
 * [n, positions, d] → [n, d(d+1)/2]. Call inside tf.tidy.
 * One sample at a time: on the wasm backend a batched [n, d, d] matMul ran several times slower than
 * n plain 2-D products (the head on 2 crops: 55 ms batched, 20 ms one by one; 4 crops: 151 against
 * 33 ms), and the samples are independent anyway.
 */
export function secondOrderPool(x: tf.Tensor3D, cfg: SecondOrderConfig): tf.Tensor2D {
  const [, positions, d] = x.shape;
  const eye = tf.eye(d);
  const three = eye.mul(3);
  const upperIdx = tf.tensor1d(upperTriangle(d), 'int32');
  const rows = tf.unstack(x).map((xi) => {
    const cov = tf.matMul(xi as tf.Tensor2D, xi as tf.Tensor2D, true, false).div(positions) as tf.Tensor2D;
    // Newton–Schulz converges for a matrix of trace 1; the trace is put back (as its square root) after.
    const trace = tf.sum(tf.mul(cov, eye)).add(1e-8);
    let y = cov.div(trace) as tf.Tensor2D;
    let z = eye as tf.Tensor2D;
    for (let i = 0; i < cfg.iterations; i++) {
      const t = tf.sub(three, tf.matMul(z, y)).mul(0.5) as tf.Tensor2D;
      y = tf.matMul(y, t);
      z = tf.matMul(t, z);
    }
    return tf.gather(y.mul(tf.sqrt(trace)).reshape([d * d]), upperIdx);
  });
  const upper = tf.stack(rows) as tf.Tensor2D;
  return upper.div(tf.norm(upper, 2, 1, true).add(1e-6)).mul(cfg.scale) as tf.Tensor2D;
}

/** Pools many samples (each positions × d, row-major), in batches. */
export async function secondOrderAll(xs: Float32Array[], d: number, cfg: SecondOrderConfig, batch = 64): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  const positions = xs.length ? xs[0].length / d : 0;
  const m = pooledLength(d);
  for (let s = 0; s < xs.length; s += batch) {
    const part = xs.slice(s, s + batch);
    const buf = new Float32Array(part.length * positions * d);
    part.forEach((x, k) => buf.set(x, k * positions * d));
    const t = tf.tidy(() => secondOrderPool(tf.tensor3d(buf, [part.length, positions, d]), cfg));
    const data = (await t.data()) as Float32Array;
    t.dispose();
    for (let k = 0; k < part.length; k++) out.push(data.slice(k * m, (k + 1) * m));
  }
  return out;
}

/** The pooling as a weightless layer, so that a saved model runs descriptors → logits in one call. */
export class SecondOrderPooling extends tf.layers.Layer {
  static className = 'SecondOrderPooling';
  private readonly cfg: SecondOrderConfig;

  constructor(args: SecondOrderConfig & { name?: string }) {
    super({ name: args.name });
    this.cfg = { iterations: args.iterations, scale: args.scale };
  }

  override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
    return [s[0], pooledLength(s[2] as number)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    return tf.tidy(() => secondOrderPool(x, this.cfg));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), iterations: this.cfg.iterations, scale: this.cfg.scale };
  }
}
tf.serialization.registerClass(SecondOrderPooling);

/** The classifier alone, over pooled vectors given as [1, length] samples (so trainHead can fit it). */
function buildClassifier(cfg: HeadConfig, numClasses: number): tf.LayersModel {
  const input = tf.input({ shape: [1, cfg.channels] });
  const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
  const logits = tf.layers
    .dense({
      units: numClasses,
      kernelRegularizer: tf.regularizers.l2({ l2: cfg.weightDecay }),
      // a convex fit: start from zero rather than from random logits on these large pooled vectors
      kernelInitializer: 'zeros',
      name: 'logits',
    })
    .apply(flat) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: logits });
}

/**
 * descriptors [grid, channels] → SecondOrderPooling → the trained classifier's weights, its biases
 * shifted by `biasShift` (the logit adjustment).
 */
function assemble(classifier: tf.LayersModel, cfg: HeadConfig, numClasses: number, biasShift: Float32Array): tf.LayersModel {
  const input = tf.input({ shape: [cfg.grid, cfg.channels] });
  const pooled = new SecondOrderPooling({ ...(cfg.secondOrder ?? DEFAULT_SECOND_ORDER), name: 'second_order' }).apply(
    input,
  ) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: numClasses, name: 'logits' });
  const model = tf.model({ inputs: input, outputs: dense.apply(pooled) as tf.SymbolicTensor });
  const [kernel, bias] = classifier.getLayer('logits').getWeights();
  const shifted = tf.tidy(() => bias.add(tf.tensor1d(biasShift)));
  dense.setWeights([kernel, shifted]);
  shifted.dispose();
  return model;
}

/**
 * Fits the second-order head on [grid, channels] descriptors: each sample is pooled once, the linear
 * classifier is trained on the pooled vectors, and the returned model takes descriptors like the
 * avg-max head does.
 */
export async function trainSecondOrderHead(
  set: TrainSet,
  numClasses: number,
  cfg: HeadConfig,
  onEpoch?: (e: EpochInfo) => void,
  signal?: AbortSignal,
): Promise<tf.LayersModel> {
  const pooled = await secondOrderAll(set.x, cfg.channels, cfg.secondOrder ?? DEFAULT_SECOND_ORDER);
  const classifier = await trainHead(
    { x: pooled, y: set.y },
    numClasses,
    { ...cfg, grid: 1, channels: pooledLength(cfg.channels) },
    onEpoch,
    signal,
    buildClassifier,
  );
  const model = assemble(classifier, cfg, numClasses, logitAdjustment(set.y, numClasses, cfg.logitAdjustment ?? 0));
  classifier.dispose();
  return model;
}
