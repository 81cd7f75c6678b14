/**
 * ImageNet-initialised backbones that ship inside nsfwjs@4.4.0 (MIT, pinned): the package bundles
 * the weights as base64 JavaScript modules, so nothing is downloaded at run time. Their top layers
 * were retrained to detect NSFW content, so we tap mid-level layers, which transfer best.
 */
import { tf } from './tf.ts';
import { CENTERNET_DIR } from './paths.ts';
import { createOnnxFeatureExtractor, type OnnxFeatureExtractor } from './onnx-backbone.ts';
import { createOnnxDetector, type OnnxDetector } from './onnx-detector.ts';
import type { Ort } from './onnx-runtime.ts';
import type { TfNode, TfWeight } from './onnx-export.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Artifacts = { modelTopology: unknown; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]; format?: string };

async function nsfwArtifacts(name: 'mobilenet_v2' | 'mobilenet_v2_mid' | 'inception_v3'): Promise<tf.io.ModelArtifacts> {
  // Dynamic imports keep the 30 MB InceptionV3 bundle out of processes that never use it.
  const mod =
    name === 'mobilenet_v2'
      ? (await import('nsfwjs/models/mobilenet_v2')).MobileNetV2Model
      : name === 'mobilenet_v2_mid'
        ? (await import('nsfwjs/models/mobilenet_v2_mid')).MobileNetV2MidModel
        : (await import('nsfwjs/models/inception_v3')).InceptionV3Model;
  const json = (await mod.modelJson()).default as Artifacts;
  const shards: Buffer[] = [];
  for (let i = 0; i < mod.numOfWeightBundles; i++) {
    const bundle = (await mod.weightBundles[i]()).default as unknown as string;
    shards.push(Buffer.from(bundle, 'base64'));
  }
  const all = Buffer.concat(shards);
  return {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    format: json.format,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer,
  };
}

/** MobileNetV2 1.0 (Keras) cut at the given layers; input [n,224,224,3] in [0,1]. */
export async function loadMobileNetV2(layers: string[]): Promise<tf.LayersModel> {
  const full = await tf.loadLayersModel(tf.io.fromMemory(await nsfwArtifacts('mobilenet_v2')));
  return tf.model({ inputs: full.inputs, outputs: layers.map((l) => full.getLayer(l).output as tf.SymbolicTensor) });
}

/**
 * MobileNetV2 1.4 (TF-Hub graph, the `mobilenet_v2_mid` bundle, input [n,224,224,3] in [0,1]) and the
 * graph nodes of its mid-level layers that the heads use: block 13's expansion (14×14×816, after ReLU6)
 * and block 16's projection (7×7×448). The graph's batch norms are already fused into its convolutions.
 */
const WIDE_PREFIX =
  'StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/MobilenetV2/';
export const MOBILENET_V2_WIDE_NODES = [
  `${WIDE_PREFIX}expanded_conv_13/expand/Relu6`,
  `${WIDE_PREFIX}expanded_conv_16/project/BatchNorm/FusedBatchNormV3`,
];

export async function loadMobileNetV2Wide(): Promise<tf.GraphModel> {
  return tf.loadGraphModel(tf.io.fromMemory(await nsfwArtifacts('mobilenet_v2_mid')));
}

/** The same graph on onnxruntime (onnx-backbone.ts), its features pooled as Vision.embed pools them. */
export async function loadMobileNetV2WideOnnx(ort: Ort): Promise<OnnxFeatureExtractor> {
  const artifacts = await nsfwArtifacts('mobilenet_v2_mid');
  const weights = decodedWeights(artifacts.weightData as ArrayBuffer, artifacts.weightSpecs!);
  const nodes = (artifacts.modelTopology as { node: TfNode[] }).node;
  return createOnnxFeatureExtractor(ort, nodes, weights, [MOBILENET_V2_WIDE_NODES[0], MOBILENET_V2_WIDE_NODES[1]]);
}

/** Input sizes the CenterNet graph runs at: multiples of 32 (its coarsest stride). */
export const CENTERNET_NATIVE_SIZE = 512;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, uint8: 1, uint16: 2 };

export interface WeightSlot {
  spec: tf.io.WeightsManifestEntry;
  /** Number of values. */
  count: number;
  /** Byte offset and length in the concatenated weight data (quantised entries at their stored width). */
  offset: number;
  byteLength: number;
}

/** Where each weight entry sits in the concatenated weight data, and the data's expected length. */
export function weightLayout(specs: tf.io.WeightsManifestEntry[]): { slots: WeightSlot[]; byteLength: number } {
  let offset = 0;
  const slots = specs.map((spec) => {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    const byteLength = count * BYTES[spec.quantization?.dtype ?? spec.dtype];
    const slot = { spec, count, offset, byteLength };
    offset += byteLength;
    return slot;
  });
  return { slots, byteLength: offset };
}

/**
 * The graph was exported for 512×512 and bakes that size into five int32 constants (the heat map's
 * width, the flattened box map's length and the three FPN upsampling sizes). Everything else is
 * convolutional, so the same weights run at another multiple of 32 once those constants are
 * rewritten for that size. Returns a patched copy of the weight data; the vendored files are not
 * touched. Throws when the graph does not hold the expected constants.
 */
export function centernetWeightsForSize(specs: tf.io.WeightsManifestEntry[], data: ArrayBuffer, size: number): ArrayBuffer {
  if (size % 32 !== 0 || size < 128) throw new Error(`CenterNet input size must be a multiple of 32 (≥ 128), not ${size}`);
  const s = size / 4;
  const native = CENTERNET_NATIVE_SIZE / 4;
  const patches: Record<string, [number[], number[]]> = {
    'tower_0/strided_slice_6': [[native], [s]],
    'tower_0/BatchGather/concat': [
      [native * native, 4],
      [s * s, 4],
    ],
    'tower_0/CenternetHead/c5_upsample/up_sampling2d/mul': [
      [native / 4, native / 4],
      [s / 4, s / 4],
    ],
    'tower_0/CenternetHead/c4_upsample/up_sampling2d_1/mul': [
      [native / 2, native / 2],
      [s / 2, s / 2],
    ],
    'tower_0/CenternetHead/c3_upsample/up_sampling2d_2/mul': [
      [native, native],
      [s, s],
    ],
  };
  const out = data.slice(0);
  const layout = weightLayout(specs);
  let patched = 0;
  for (const { spec: w, count, offset, byteLength } of layout.slots) {
    const p = patches[w.name];
    if (!p) continue;
    if (w.dtype !== 'int32' || w.quantization) throw new Error(`CenterNet constant ${w.name} is not plain int32`);
    // A DataView, not an Int32Array: once the class head is sliced, offsets need not be multiples of 4.
    const view = new DataView(out, offset, byteLength);
    const values = Array.from({ length: count }, (_, i) => view.getInt32(4 * i, true));
    if (values.join() !== p[0].join()) throw new Error(`CenterNet constant ${w.name} is ${values}, expected ${p[0]}`);
    p[1].forEach((v, i) => view.setInt32(4 * i, v, true));
    patched++;
  }
  if (layout.byteLength !== data.byteLength || patched !== Object.keys(patches).length)
    throw new Error('CenterNet weights do not match the expected graph');
  return out;
}

/**
 * Keeps only the given COCO classes in the heat-map head (the pointwise weights and biases of
 * `centernet_cls_output`, and the class count the decoder divides by). The suite looks only for
 * vehicles, and at 80 classes the last convolution, the peak test (max-pool + equal) and the top-k
 * over every class's map cost ≈ 15 % of the detector; each kept class's map is computed exactly as
 * before. The graph's class index then counts in `classes` (0 = classes[0]…). Returns new specs and
 * data; throws when the graph does not hold the expected tensors.
 */
export function centernetWeightsForClasses(
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  classes: readonly number[],
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  const HEAD = 'CenternetHead/centernet_cls_output/';
  const COUNT = 'tower_0/strided_slice_7';
  if (classes.length === 0 || classes.some((c) => !Number.isInteger(c) || c < 0 || c >= 80))
    throw new Error('CenterNet classes must be COCO indices (0–79)');
  const parts: Uint8Array[] = [];
  const outSpecs: tf.io.WeightsManifestEntry[] = [];
  const layout = weightLayout(specs);
  if (layout.byteLength !== data.byteLength) throw new Error('CenterNet weights do not match the expected graph');
  let patched = 0;
  for (const { spec: w, count, offset, byteLength } of layout.slots) {
    const bytes = new Uint8Array(data, offset, byteLength);
    const width = byteLength / count;
    const classAxis = w.name === `${HEAD}pointwise_weights` || w.name === `${HEAD}biases`;
    if (classAxis) {
      const k = w.shape[w.shape.length - 1];
      if (k !== 80) throw new Error(`CenterNet tensor ${w.name} has ${k} classes, expected 80`);
      const rows = count / k;
      const out = new Uint8Array(rows * classes.length * width);
      for (let r = 0; r < rows; r++)
        classes.forEach((c, j) => out.set(bytes.subarray((r * k + c) * width, (r * k + c + 1) * width), (r * classes.length + j) * width));
      parts.push(out);
      outSpecs.push({ ...w, shape: [...w.shape.slice(0, -1), classes.length] });
      patched++;
    } else if (w.name === COUNT) {
      if (w.dtype !== 'int32' || w.quantization || new DataView(data, offset, byteLength).getInt32(0, true) !== 80)
        throw new Error(`CenterNet constant ${COUNT} is not the int32 class count 80`);
      parts.push(new Uint8Array(Int32Array.of(classes.length).buffer));
      outSpecs.push(w);
      patched++;
    } else {
      parts.push(bytes);
      outSpecs.push(w);
    }
  }
  if (patched !== 3) throw new Error('CenterNet weights do not match the expected graph');
  const all = Buffer.concat(parts);
  return { specs: outSpecs, data: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer };
}

/**
 * COCO CenterNet; `size` (a multiple of 32) is its square input, 512 as exported; `classes`, when
 * given, the COCO classes its heat map keeps (see centernetWeightsForClasses).
 */
export async function loadCenterNet(size = CENTERNET_NATIVE_SIZE, classes?: readonly number[]): Promise<tf.GraphModel> {
  const { json, weightSpecs, weightData: sliced } = centerNetArtifacts(classes);
  let weightData = sliced;
  if (size !== CENTERNET_NATIVE_SIZE) {
    weightData = centernetWeightsForSize(weightSpecs, weightData, size);
    for (const node of json.modelTopology.node)
      if (node.op === 'Placeholder' && node.attr?.shape) node.attr.shape.shape!.dim = [1, size, size, 3].map((d) => ({ size: String(d) }));
  }
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      format: json.format,
      weightSpecs,
      weightData,
    }),
  );
}

/** The vendored CenterNet files, the heat map cut to `classes` when given. */
function centerNetArtifacts(classes?: readonly number[]) {
  const json = JSON.parse(readFileSync(join(CENTERNET_DIR, 'centernet.json'), 'utf8')) as Artifacts & { modelTopology: { node: TfNode[] } };
  const bin = readFileSync(join(CENTERNET_DIR, 'centernet.bin'));
  let weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  let weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  if (classes) ({ specs: weightSpecs, data: weightData } = centernetWeightsForClasses(weightSpecs, weightData, classes));
  return { json, weightSpecs, weightData };
}

/** Weight data → float32 arrays by name, dequantised (uint8, float16) exactly as tfjs loads them. */
function decodedWeights(data: ArrayBuffer, specs: tf.io.WeightsManifestEntry[]): Map<string, TfWeight> {
  const weights = new Map<string, TfWeight>();
  for (const [name, t] of Object.entries(tf.io.decodeWeights(data, specs))) {
    weights.set(name, { shape: t.shape, data: Float32Array.from(t.dataSync()) });
    t.dispose();
  }
  return weights;
}

/**
 * CenterNet on onnxruntime (onnx-detector.ts): one session for every input size (its upsampling is
 * converted to scales, so the size constants need no rewriting); `classes` as for loadCenterNet.
 */
export async function loadCenterNetOnnx(ort: Ort, classes?: readonly number[]): Promise<OnnxDetector> {
  const { json, weightSpecs, weightData } = centerNetArtifacts(classes);
  return createOnnxDetector(ort, json.modelTopology.node, decodedWeights(weightData, weightSpecs));
}
