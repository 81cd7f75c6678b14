import { describe, expect, it } from 'vitest';
import { inferenceCrops, INFERENCE_VIEWS, TRAINING_JITTERS, trainingCrops } from './crops.ts';
import type { Box } from './boxes.ts';

describe('crop plans', () => {
  const main: Box = [100, 50, 300, 200];

  it('infers on the box, a tighter centred box, and their mirrors', () => {
    const plans = inferenceCrops(main, 640, 480);
    expect(plans).toHaveLength(INFERENCE_VIEWS);
    const [box, mirror, zoom, zoomMirror] = plans;
    expect(box.flip).toBe(false);
    expect(mirror).toEqual({ box: box.box, flip: true });
    expect(zoomMirror).toEqual({ box: zoom.box, flip: true });
    // inside the box, same centre, 90 % of its sides
    const [x1, y1, x2, y2] = box.box;
    const [a1, b1, a2, b2] = zoom.box;
    expect(a1).toBeGreaterThan(x1);
    expect(b2).toBeLessThan(y2);
    expect((a1 + a2) / 2).toBeCloseTo((x1 + x2) / 2, 6);
    expect((b1 + b2) / 2).toBeCloseTo((y1 + y2) / 2, 6);
    expect(a2 - a1).toBeCloseTo(0.9 * (x2 - x1), 6);
  });

  it('keeps two views for models trained with two, and the whole photo when no vehicle was found', () => {
    expect(inferenceCrops(main, 640, 480, 2)).toHaveLength(2);
    expect(inferenceCrops(null, 640, 480)[0].box).toEqual([0, 0, 640, 480]);
  });

  it('trains on the inference views plus seeded jitters inside the photo', () => {
    const a = trainingCrops(main, 640, 480, 7);
    expect(a.slice(0, INFERENCE_VIEWS)).toEqual(inferenceCrops(main, 640, 480));
    expect(a).toHaveLength(INFERENCE_VIEWS + TRAINING_JITTERS);
    expect(trainingCrops(main, 640, 480, 7)).toEqual(a);
    expect(trainingCrops(main, 640, 480, 8)[INFERENCE_VIEWS]).not.toEqual(a[INFERENCE_VIEWS]);
    for (const p of a) expect(p.box[3]).toBeLessThanOrEqual(480);
  });

  it('gives the training jitters, not the inference views, a seeded colour change, some of them grey', () => {
    const plans = Array.from({ length: 40 }, (_, seed) => trainingCrops(main, 640, 480, seed)).flat();
    const views = plans.filter((_, i) => i % (INFERENCE_VIEWS + TRAINING_JITTERS) < INFERENCE_VIEWS);
    const jitters = plans.filter((_, i) => i % (INFERENCE_VIEWS + TRAINING_JITTERS) >= INFERENCE_VIEWS);
    expect(views.every((p) => p.colour === undefined)).toBe(true);
    for (const { colour } of jitters) {
      expect(colour!.contrast).toBeGreaterThanOrEqual(0.75);
      expect(colour!.contrast).toBeLessThanOrEqual(1.25);
      expect(colour!.brightness).toBeGreaterThanOrEqual(0.75);
      expect(colour!.brightness).toBeLessThanOrEqual(1.25);
      expect(colour!.saturation === 0 || (colour!.saturation >= 0.5 && colour!.saturation <= 1.5)).toBe(true);
    }
    const grey = jitters.filter((p) => p.colour!.saturation === 0).length / jitters.length;
    expect(grey).toBeGreaterThan(0.1);
    expect(grey).toBeLessThan(0.4);
  });

  it('draws more jitters as a longer run of the same seeded sequence', () => {
    const two = trainingCrops(main, 640, 480, 7, 2);
    const six = trainingCrops(main, 640, 480, 7, 6);
    expect(six).toHaveLength(INFERENCE_VIEWS + 6);
    expect(six.slice(0, two.length)).toEqual(two);
    expect(new Set(six.slice(INFERENCE_VIEWS).map((p) => p.box.join(','))).size).toBe(6);
  });
});
