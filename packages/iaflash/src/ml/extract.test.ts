/** The coarse-to-fine detection plan of findVehicles, on a stand-in detector (no network needed). */
import { describe, expect, it } from 'vitest';
import { findVehicles } from './extract.ts';
import type { DetectResult, Vision } from './vision.ts';
import type { DecodedImage } from '../io/decode.ts';
import type { Detection } from '../core/boxes.ts';

const image = (width: number, height: number): DecodedImage => ({
  data: Buffer.alloc(width * height * 3),
  width,
  height,
  originalWidth: width,
  originalHeight: height,
  scale: 1,
  offsetY: 0,
});

const car = (box: Detection['box'], score = 0.8): Detection => ({ box, score, cls: 2 });

/** A detector that answers by input size and records the sizes and baseline requests it got. */
function standIn(bySize: Record<number, Detection[]>) {
  const calls: { size: number; withBaseline: boolean }[] = [];
  const vision = {
    detectorSize: 512,
    async detect(_img: DecodedImage, withBaseline = false, size = 512): Promise<DetectResult> {
      calls.push({ size, withBaseline });
      return { detections: bySize[size] ?? [], baseline: withBaseline ? Float32Array.of(size) : undefined };
    },
  } as unknown as Vision;
  return { vision, calls };
}

describe('findVehicles, coarse to fine', () => {
  it('keeps the quick pass on a small photo when one vehicle stands out', async () => {
    const { vision, calls } = standIn({ 256: [car([30, 60, 190, 200])], 512: [car([0, 0, 10, 10])] });
    const found = await findVehicles(vision, image(224, 224));
    expect(calls).toEqual([{ size: 256, withBaseline: false }]);
    expect(found.vehicles.map((v) => v.box)).toEqual([[30, 60, 190, 200]]);
    expect(found.main).toEqual({ index: 0, ambiguous: false });
  });

  it('lets the full-size pass decide when the quick one finds nothing or two candidates', async () => {
    const empty = standIn({ 512: [car([30, 60, 190, 200])] });
    const none = await findVehicles(empty.vision, image(224, 224));
    expect(empty.calls.map((c) => c.size)).toEqual([256, 512]);
    expect(none.vehicles).toHaveLength(1);

    // A spurious large "bus" over the background beside the car: ambiguous at 256, clear at 512.
    const bus: Detection = { box: [0, 0, 224, 110], score: 0.4, cls: 5 };
    const twice = standIn({ 256: [car([30, 60, 190, 200], 0.6), bus], 512: [car([32, 58, 188, 202])] });
    const found = await findVehicles(twice.vision, image(224, 224));
    expect(twice.calls.map((c) => c.size)).toEqual([256, 512]);
    expect(found.vehicles.map((v) => v.box.map(Math.round))).toEqual([[32, 58, 188, 202]]);
    expect(found.main.ambiguous).toBe(false);
  });

  it('runs one full-size pass on a large photo or for training, and takes the baseline layer from full size', async () => {
    const large = standIn({ 512: [car([100, 100, 900, 700])] });
    await findVehicles(large.vision, image(1024, 768), { withBaseline: true });
    expect(large.calls).toEqual([{ size: 512, withBaseline: true }]);

    const training = standIn({ 256: [car([30, 60, 190, 200])], 512: [car([32, 58, 188, 202])] });
    const precise = await findVehicles(training.vision, image(224, 224), { withBaseline: true, fullSizeOnly: true });
    expect(training.calls).toEqual([{ size: 512, withBaseline: true }]);
    expect(precise.vehicles.map((v) => v.box.map(Math.round))).toEqual([[32, 58, 188, 202]]);

    const small = standIn({ 256: [car([30, 60, 190, 200])], 512: [car([0, 0, 10, 10])] });
    const found = await findVehicles(small.vision, image(224, 224), { withBaseline: true });
    expect(small.calls).toEqual([
      { size: 256, withBaseline: false },
      { size: 512, withBaseline: true },
    ]);
    // The quick pass's confident box is kept; only the baseline comes from the second pass.
    expect(found.vehicles.map((v) => v.box)).toEqual([[30, 60, 190, 200]]);
    expect(Array.from(found.baseline!)).toEqual([512]);
  });
});
