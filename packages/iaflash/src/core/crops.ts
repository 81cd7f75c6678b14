/**
 * Which crops of a photo the recogniser sees. At inference: the main vehicle box with a small
 * margin, and its mirror image (test-time augmentation: a car's left and right profiles are mirror
 * images). In training: also jittered boxes (scale and shift), so the head does not overfit the
 * detector's exact framing.
 */
import { expandBox, type Box } from './boxes.ts';
import { mulberry32 } from './random.ts';

export interface CropPlan {
  box: Box;
  flip: boolean;
}

export const CROP_MARGIN = 0.06;

export function inferenceCrops(main: Box | null, width: number, height: number): CropPlan[] {
  const box = main ? expandBox(main, CROP_MARGIN, width, height) : ([0, 0, width, height] as Box);
  return [
    { box, flip: false },
    { box, flip: true },
  ];
}

export function trainingCrops(main: Box | null, width: number, height: number, seed: number, jitters = 2): CropPlan[] {
  const plans = inferenceCrops(main, width, height);
  const rnd = mulberry32(seed);
  const base = plans[0].box;
  const bw = base[2] - base[0];
  const bh = base[3] - base[1];
  for (let j = 0; j < jitters; j++) {
    const s = 0.82 + 0.18 * rnd();
    const w = bw * s;
    const h = bh * (s * (0.95 + 0.1 * rnd()));
    const x = base[0] + (bw - w) * rnd();
    const y = base[1] + (bh - Math.min(h, bh)) * rnd();
    plans.push({ box: [x, y, x + w, Math.min(height, y + h)], flip: rnd() < 0.5 });
  }
  return plans;
}
