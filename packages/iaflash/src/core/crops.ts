/**
 * Which crops of a photo the recogniser sees. At inference (test-time augmentation): the main vehicle
 * box with a small margin, a tighter box around its centre, and the mirror image of each (a car's left
 * and right profiles are mirror images). In training: those four and jittered boxes (scale and shift),
 * so the head does not overfit the detector's exact framing.
 */
import { expandBox, type Box } from './boxes.ts';
import { mulberry32 } from './random.ts';

export interface CropPlan {
  box: Box;
  flip: boolean;
  /** Photometric change of a training jitter; inference views have none. */
  colour?: ColourJitter;
}

/**
 * Multipliers applied in this order: saturation (0 = grey), contrast around the crop's mean grey, then
 * brightness. Why: a model is not a colour, and roadside cameras shoot at night in infrared (grey
 * photos) and by day against the light, whereas the training photos are mostly sunny dealer shots.
 * Bench split (docs/model.md): grey test photos top-1 0.873 → 0.906, at half exposure 0.722 → 0.807,
 * the original photos 0.896 either way; inner validation 0.815 → 0.833.
 */
export interface ColourJitter {
  saturation: number;
  contrast: number;
  brightness: number;
}

/** Share of the training jitters drawn in grey, like an infrared night photo. */
const GREY_SHARE = 0.25;

export const CROP_MARGIN = 0.06;
/**
 * Views a model trained now averages at inference. Four rather than two: in a 5-fold grouped
 * cross-validation over the bench's 803 training photos (docs/model.md), top-1 0.758 → 0.776 and
 * mean class recall 0.671 → 0.691, for two more crops through the backbone. Models trained before
 * name no count in their manifest and keep two (their temperature was fitted on two).
 */
export const INFERENCE_VIEWS = 4;
/** Side of the tighter view, as a share of the box: inside the training jitter's range (0.82–1). */
const ZOOM = 0.9;
/** Part of the feature-cache key: features cut by another crop plan are never read back. */
export const CROP_PLAN_VERSION = 'views4-zoom90-colour1';

export function inferenceCrops(main: Box | null, width: number, height: number, views = INFERENCE_VIEWS): CropPlan[] {
  const box = main ? expandBox(main, CROP_MARGIN, width, height) : ([0, 0, width, height] as Box);
  const plans = [
    { box, flip: false },
    { box, flip: true },
  ];
  if (views >= 4) {
    const dw = ((box[2] - box[0]) * (1 - ZOOM)) / 2;
    const dh = ((box[3] - box[1]) * (1 - ZOOM)) / 2;
    const zoom: Box = [box[0] + dw, box[1] + dh, box[2] - dw, box[3] - dh];
    plans.push({ box: zoom, flip: false }, { box: zoom, flip: true });
  }
  return plans;
}

/**
 * Jittered boxes a training photo adds to its inference views. Six rather than two (2026-12-07): in a
 * 5-fold grouped cross-validation over the bench's 803 training photos (docs/model.md), top-1
 * 0.814 → 0.827, top-5 0.950 → 0.958, mean class recall 0.763 → 0.779; inference is unchanged, training
 * extracts four more crops a photo and fits the head on 10 crops instead of 6.
 */
export const TRAINING_JITTERS = 6;

export function trainingCrops(main: Box | null, width: number, height: number, seed: number, jitters = TRAINING_JITTERS): CropPlan[] {
  const plans = inferenceCrops(main, width, height, INFERENCE_VIEWS);
  const rnd = mulberry32(seed);
  // A second stream, so that the boxes stay those of the same seed before colour jitter existed.
  const colourRnd = mulberry32(seed ^ 0x5bd1e995);
  const base = plans[0].box;
  const bw = base[2] - base[0];
  const bh = base[3] - base[1];
  for (let j = 0; j < jitters; j++) {
    const s = 0.82 + 0.18 * rnd();
    const w = bw * s;
    const h = bh * (s * (0.95 + 0.1 * rnd()));
    const x = base[0] + (bw - w) * rnd();
    const y = base[1] + (bh - Math.min(h, bh)) * rnd();
    plans.push({ box: [x, y, x + w, Math.min(height, y + h)], flip: rnd() < 0.5, colour: colourJitter(colourRnd) });
  }
  return plans;
}

function colourJitter(rnd: () => number): ColourJitter {
  const grey = rnd() < GREY_SHARE;
  // Drawn for grey crops too, so that every jitter takes the same number of draws from the stream.
  const saturation = 0.5 + rnd();
  return {
    saturation: grey ? 0 : saturation,
    contrast: 0.75 + 0.5 * rnd(),
    brightness: 0.75 + 0.5 * rnd(),
  };
}
