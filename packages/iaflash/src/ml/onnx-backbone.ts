/**
 * The MobileNetV2 1.4 feature extractor on onnxruntime: the tfjs graph converted in memory
 * (onnx-export.ts) with the features' pooling appended, so one session call turns crops into the
 * head's input. A batch of four crops took ≈ 95 ms against ≈ 375 ms on tfjs's WebAssembly backend,
 * outputs equal to 3·10⁻⁵ (docs/model.md).
 */
import { tfGraphToOnnx, type TfNode, type TfWeight } from './onnx-export.ts';
import { createSession, type Ort } from './onnx-runtime.ts';

export interface OnnxFeatureExtractor {
  /** crops: n × side × side × 3 in [0, 1], NHWC → n × (grid × channels), positions row-major. */
  features(crops: Float32Array, n: number, side: number): Promise<Float32Array>;
}

/**
 * Builds the session for a tfjs graph cut at two NHWC layers: the first (14×14) is 2×2
 * average-pooled to the second's grid, both are concatenated along channels and flattened
 * position-major, exactly as Vision.embed does on tfjs tensors.
 */
export async function createOnnxFeatureExtractor(
  ort: Ort,
  nodes: TfNode[],
  weights: Map<string, TfWeight>,
  outputs: [string, string],
): Promise<OnnxFeatureExtractor> {
  const model = tfGraphToOnnx(nodes, weights, {
    outputs,
    tail: (b, [mid, top]) => {
      const pooled = b.node('AveragePool', [mid], { kernel_shape: [2, 2], strides: [2, 2] });
      const joined = b.node('Concat', [pooled, top], { axis: 1 });
      const nhwc = b.node('Transpose', [joined], { perm: [0, 2, 3, 1] });
      return [b.node('Reshape', [nhwc, b.int64s('features:shape', [0, -1])], {}, 'features')];
    },
  });
  const session = await createSession(ort, model);
  const input = session.inputNames[0];
  return {
    async features(crops, n, side) {
      const out = await session.run({ [input]: new ort.Tensor('float32', crops, [n, side, side, 3]) });
      return out.features.data as Float32Array;
    },
  };
}
