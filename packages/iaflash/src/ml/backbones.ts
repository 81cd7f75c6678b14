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

export async function loadCenterNet(): Promise<tf.GraphModel> {
  const json = JSON.parse(readFileSync(join(CENTERNET_DIR, 'centernet.json'), 'utf8')) as Artifacts;
  const bin = readFileSync(join(CENTERNET_DIR, 'centernet.bin'));
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
      format: json.format,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer,
    }),
  );
}
