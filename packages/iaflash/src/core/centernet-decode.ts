/**
 * CenterNet's output maps → detections, as the decoding part of the vendored tfjs graph computes
 * them (kept on the JavaScript side when the network runs on onnxruntime): a cell is a peak when
 * no 3×3 neighbour in its class map is higher; the `topK` highest peaks become boxes centred on their
 * cell (`stride` input pixels a cell) with the size map's four distances (left, top, right, bottom).
 */
import type { Box } from './boxes.ts';

export interface CenterNetMaps {
  /** Class heat map, NHWC (height × width × classes), values in [0, 1]. */
  heat: Float32Array;
  /** Distances to the box's sides in input pixels, NHWC (height × width × 4). */
  sizes: Float32Array;
  height: number;
  width: number;
  classes: number;
}

export interface RawDetection {
  /** In the network's input pixels. */
  box: Box;
  score: number;
  /** Index of the class map. */
  classIndex: number;
}

/** The graph's own decoding constants: 100 boxes, a cell every 4 input pixels. */
export const CENTERNET_TOP_K = 100;
export const CENTERNET_STRIDE = 4;

export function decodeCenterNet(maps: CenterNetMaps, topK = CENTERNET_TOP_K, stride = CENTERNET_STRIDE): RawDetection[] {
  const { heat, sizes, height: h, width: w, classes: c } = maps;
  if (heat.length !== h * w * c || sizes.length !== h * w * 4) throw new Error('CenterNet maps do not match their shape');
  const peaks: number[] = [];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let k = 0; k < c; k++) {
        const v = heat[(y * w + x) * c + k];
        if (!(v > 0)) continue;
        let peak = true;
        for (let dy = -1; dy <= 1 && peak; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const yy = y + dy;
            const xx = x + dx;
            if (yy < 0 || yy >= h || xx < 0 || xx >= w) continue;
            if (heat[(yy * w + xx) * c + k] > v) {
              peak = false;
              break;
            }
          }
        if (peak) peaks.push((y * w + x) * c + k);
      }
  peaks.sort((a, b) => heat[b] - heat[a] || a - b);
  return peaks.slice(0, topK).map((i) => {
    const k = i % c;
    const cell = (i - k) / c;
    const x = cell % w;
    const y = (cell - x) / w;
    const [l, t, r, b] = sizes.subarray(cell * 4, cell * 4 + 4);
    return { box: [x * stride - l, y * stride - t, x * stride + r, y * stride + b] as Box, score: heat[i], classIndex: k };
  });
}
