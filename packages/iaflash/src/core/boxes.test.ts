import { describe, expect, it } from 'vitest';
import { chooseMainVehicle, expandBox, filterVehicles, iou, type Detection } from './boxes.ts';

const W = 1000;
const H = 800;

describe('filterVehicles', () => {
  it('keeps cars, trucks and buses above the score and area thresholds', () => {
    const dets: Detection[] = [
      { box: [100, 100, 500, 400], score: 0.6, cls: 2 },
      { box: [600, 100, 900, 400], score: 0.05, cls: 2 }, // low score
      { box: [10, 10, 30, 30], score: 0.9, cls: 7 }, // tiny
      { box: [100, 500, 400, 790], score: 0.8, cls: 0 }, // a person
      { box: [550, 450, 950, 780], score: 0.4, cls: 5 },
    ];
    const v = filterVehicles(dets, W, H);
    expect(v.map((x) => x.label)).toEqual(['car', 'bus']);
  });

  it('merges the car and truck boxes the detector gives for one vehicle', () => {
    const v = filterVehicles(
      [
        { box: [100, 100, 500, 400], score: 0.37, cls: 7 },
        { box: [102, 98, 505, 402], score: 0.29, cls: 2 },
        { box: [100, 100, 500, 400], score: 0.35, cls: 5 },
      ],
      W,
      H,
    );
    expect(v).toHaveLength(1);
    expect(v[0].label).toBe('car');
    expect(v[0].score).toBeCloseTo(0.37);
    expect(v[0].box[2]).toBeGreaterThan(500);
  });

  it('clips boxes to the image and ignores non-finite scores', () => {
    const v = filterVehicles(
      [
        { box: [-20, -5, 1200, 700], score: 0.5, cls: 2 },
        { box: [0, 0, 100, 100], score: Number.NaN, cls: 2 },
      ],
      W,
      H,
    );
    expect(v).toHaveLength(1);
    expect(v[0].box).toEqual([0, 0, 1000, 700]);
  });
});

describe('chooseMainVehicle', () => {
  it('picks the large central vehicle over a small one at the edge', () => {
    const vehicles = filterVehicles(
      [
        { box: [20, 20, 200, 150], score: 0.9, cls: 2 },
        { box: [250, 200, 750, 700], score: 0.5, cls: 2 },
      ],
      W,
      H,
    );
    const c = chooseMainVehicle(vehicles, W, H);
    expect(vehicles[c.index].box[0]).toBeCloseTo(250);
    expect(c.ambiguous).toBe(false);
  });

  it('says ambiguous when two vehicles are equally prominent', () => {
    const vehicles = filterVehicles(
      [
        { box: [50, 200, 480, 700], score: 0.6, cls: 2 },
        { box: [520, 200, 950, 700], score: 0.6, cls: 2 },
      ],
      W,
      H,
    );
    expect(chooseMainVehicle(vehicles, W, H).ambiguous).toBe(true);
  });

  it('returns -1 with no vehicle', () => {
    expect(chooseMainVehicle([], W, H)).toEqual({ index: -1, ambiguous: false });
  });
});

describe('geometry', () => {
  it('computes IoU and expands within the image', () => {
    expect(iou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3);
    expect(iou([0, 0, 10, 10], [20, 20, 30, 30])).toBe(0);
    expect(expandBox([0, 0, 100, 100], 0.1, 105, 200)).toEqual([0, 0, 105, 110]);
  });
});
