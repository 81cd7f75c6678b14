/**
 * The detector at a reduced input size (384) finds the same main vehicle as at the graph's native 512,
 * boxes mapped back to photo pixels. Needs the shared cars/ photos (skipped without them).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vision } from './vision.ts';
import { decodeImage } from '../io/decode.ts';
import { readLabelsCsv } from '../io/labels-csv.ts';
import { chooseMainVehicle, filterVehicles, iou, orderVehicles, type Box } from '../core/boxes.ts';
import { defaultDataDir } from './paths.ts';

const labels = join(defaultDataDir(), 'cars/labels.csv');

describe.skipIf(!existsSync(labels))('Vision detector input size', () => {
  it('finds the same main vehicle at 384 as at 512', async () => {
    const [small, native] = await Promise.all([Vision.create({ detectorSize: 384 }), Vision.create({ detectorSize: 512 })]);
    expect(small.detectorSize).toBe(384);
    for (const row of readLabelsCsv(labels).slice(0, 4)) {
      const img = await decodeImage(readFileSync(row.path));
      const main = async (v: Vision): Promise<Box | null> => {
        const vs = orderVehicles(filterVehicles((await v.detect(img)).detections, img.width, img.height), img.width, img.height);
        const m = chooseMainVehicle(vs, img.width, img.height);
        return m.index >= 0 ? vs[m.index].box : null;
      };
      const [a, b] = [await main(small), await main(native)];
      expect(a).not.toBeNull();
      expect(b).not.toBeNull();
      expect(iou(a!, b!)).toBeGreaterThan(0.8);
    }
  });
});
