/**
 * The COCO CenterNet detector on onnxruntime: the tfjs graph converted in memory up to its heat and
 * size maps (onnx-export.ts), the graph's decoding (peaks, top 100, boxes) done by
 * core/centernet-decode.ts. One session serves every input side, a multiple of 32.
 */
import { decodeCenterNet, type RawDetection } from '../core/centernet-decode.ts';
import { tfGraphToOnnx, type TfNode, type TfWeight } from './onnx-export.ts';
import { createSession, type Ort } from './onnx-runtime.ts';

/** Graph nodes: the class heat map (after its sigmoid), the box-size map, the baseline's layer. */
const HEAT_NODE = 'tower_0/keypoints';
const SIZE_NODE = 'tower_0/wh';
export const CENTERNET_BASELINE_NODE = 'tower_0/MobilenetV3/expanded_conv_9/add';

export interface OnnxDetection {
  detections: RawDetection[];
  /** The baseline layer, global-average pooled. */
  baseline: Float32Array;
}

export interface OnnxDetector {
  /** image: 1 × side × side × 3, NHWC, pixel values 0–255 (as the tfjs graph takes them). */
  detect(image: Float32Array, side: number): Promise<OnnxDetection>;
}

export async function createOnnxDetector(ort: Ort, nodes: TfNode[], weights: Map<string, TfWeight>): Promise<OnnxDetector> {
  const model = tfGraphToOnnx(nodes, weights, {
    outputs: [HEAT_NODE, SIZE_NODE, CENTERNET_BASELINE_NODE],
    inputShape: [1, -1, -1, 3],
    tail: (b, [heat, sizes, base]) => [
      b.node('Transpose', [heat], { perm: [0, 2, 3, 1] }, 'heat'),
      b.node('Transpose', [sizes], { perm: [0, 2, 3, 1] }, 'sizes'),
      b.node('ReduceMean', [base], { axes: [2, 3], keepdims: 0 }, 'baseline'),
    ],
  });
  const session = await createSession(ort, model);
  const input = session.inputNames[0];
  return {
    async detect(image, side) {
      const out = await session.run({ [input]: new ort.Tensor('float32', image, [1, side, side, 3]) });
      const [, height, width, classes] = out.heat.dims;
      const detections = decodeCenterNet({
        heat: out.heat.data as Float32Array,
        sizes: out.sizes.data as Float32Array,
        height,
        width,
        classes,
      });
      return { detections, baseline: out.baseline.data as Float32Array };
    },
  };
}
