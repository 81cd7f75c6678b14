/**
 * The frozen networks on onnxruntime compute what they compute on tfjs (same weights, converted in
 * memory): the same detections, baseline layer and crop features, so models trained on either
 * runtime's features serve on the other.
 */
import { describe, expect, it } from 'vitest';
import { Vision } from './vision.ts';
import { decodeImage } from '../io/decode.ts';
import { inferenceCrops } from '../core/crops.ts';
import { drawPhoto } from '../test-fixtures.ts';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('onnxruntime against tfjs', () => {
  it('gives the same detections at two input sides, the same baseline layer and the same crop features', async () => {
    const [onnx, tfjs] = await Promise.all([Vision.create(), Vision.create({ runtime: 'tfjs' })]);
    expect(await onnx.detectorRuntime()).toBe('onnxruntime');
    expect(await onnx.extractorRuntime()).toBe('onnxruntime');
    expect(await tfjs.detectorRuntime()).toBe('tfjs');
    expect(await tfjs.extractorRuntime()).toBe('tfjs');
    const img = await decodeImage(await drawPhoto(2));
    for (const side of [256, 512]) {
      const [a, b] = [await onnx.detect(img, true, side), await tfjs.detect(img, true, side)];
      // The graph returns its top 100 peaks; compare those that matter (ties at ~0 may reorder).
      const wanted = b.detections.filter((d) => d.score > 0.01);
      expect(wanted.length).toBeGreaterThan(0);
      for (const d of wanted) {
        const match = a.detections.find((e) => e.cls === d.cls && Math.abs(e.score - d.score) < 1e-3 && maxAbsDiff(e.box, d.box) < 0.5);
        expect(match, `side ${side}: ${JSON.stringify(d)}`).toBeDefined();
      }
      expect(a.baseline!.length).toBe(b.baseline!.length);
      expect(maxAbsDiff(a.baseline!, b.baseline!)).toBeLessThan(1e-3);
    }
    const plans = inferenceCrops([60, 80, 260, 200], img.width, img.height);
    const [fa, fb] = [await onnx.embed(img, plans), await tfjs.embed(img, plans)];
    expect(fa.length).toBe(plans.length);
    fa.forEach((f, i) => {
      expect(f.length).toBe(fb[i].length);
      expect(maxAbsDiff(f, fb[i])).toBeLessThan(1e-3);
    });
    // Not all zeros: the comparison means something.
    expect(Math.max(...fb[0])).toBeGreaterThan(1);
  });
});
