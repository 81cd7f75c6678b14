/**
 * ImageNet-initialised backbones that ship inside nsfwjs@4.4.0 (MIT, pinned): the package bundles
 * the weights as base64 JavaScript modules, so nothing is downloaded at run time. Their top layers
 * were retrained to detect NSFW content, so we tap mid-level layers, which transfer best.
 */
import { tf } from './tf.ts';
import { CENTERNET_DIR } from './paths.ts';
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

/** Input sizes the CenterNet graph runs at: multiples of 32 (its coarsest stride). */
export const CENTERNET_NATIVE_SIZE = 512;

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, float16: 2, uint8: 1, uint16: 2 };

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
  let offset = 0;
  let patched = 0;
  for (const w of specs) {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const bytes = n * BYTES[w.quantization?.dtype ?? w.dtype];
    const p = patches[w.name];
    if (p) {
      if (w.dtype !== 'int32' || w.quantization) throw new Error(`CenterNet constant ${w.name} is not plain int32`);
      const view = new Int32Array(out, offset, n);
      if (Array.from(view).join() !== p[0].join()) throw new Error(`CenterNet constant ${w.name} is ${Array.from(view)}, expected ${p[0]}`);
      view.set(p[1]);
      patched++;
    }
    offset += bytes;
  }
  if (offset !== data.byteLength || patched !== Object.keys(patches).length)
    throw new Error('CenterNet weights do not match the expected graph');
  return out;
}

/** COCO CenterNet; `size` (a multiple of 32) is its square input, 512 as exported. */
export async function loadCenterNet(size = CENTERNET_NATIVE_SIZE): Promise<tf.GraphModel> {
  const json = JSON.parse(readFileSync(join(CENTERNET_DIR, 'centernet.json'), 'utf8')) as Artifacts & {
    modelTopology: { node: { op: string; attr: { shape?: { shape: { dim: { size: string }[] } } } }[] };
  };
  const bin = readFileSync(join(CENTERNET_DIR, 'centernet.bin'));
  const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
  let weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer;
  if (size !== CENTERNET_NATIVE_SIZE) {
    weightData = centernetWeightsForSize(weightSpecs, weightData, size);
    for (const node of json.modelTopology.node)
      if (node.op === 'Placeholder' && node.attr.shape) node.attr.shape.shape.dim = [1, size, size, 3].map((d) => ({ size: String(d) }));
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
