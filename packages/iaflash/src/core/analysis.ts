/** The analysis answer (the API shape), built from the pipeline's raw outputs. */
import type { Box, VehicleLabel } from './boxes.ts';
import type { Check, ClassProb, DecisionPolicy } from './decision.ts';
import { decide } from './decision.ts';
import { equalPriorProbs } from './calibration.ts';
import type { NormalizedRegistry } from './registry/normalize.ts';

export interface AnalyzedVehicleOut {
  /** [x1, y1, x2, y2] in the uploaded photo's pixels (after EXIF orientation). */
  box: Box;
  score: number;
  label: VehicleLabel;
  /** Top 5 make/models with calibrated probabilities (empty for vehicles not recognised). */
  classes: ClassProb[];
}

export interface AnalysisResult {
  vehicles: AnalyzedVehicleOut[];
  check?: Check & { registered: NormalizedRegistry };
}

export interface RawVehicle {
  box: Box;
  score: number;
  label: VehicleLabel;
  probs?: ArrayLike<number>;
}

export interface RawAnalysis {
  width: number;
  height: number;
  scale: number;
  offsetY: number;
  vehicles: RawVehicle[];
  ambiguous: boolean;
}

/**
 * Three significant digits of the probability's distance to the nearer of 0 and 1. Four decimals turned a
 * runner-up at 3e-6 into 0 and a score of 0.99997 into 1: certainties the model never gives, and pages
 * then printed "0 %" and "100 %".
 */
export function roundProb(p: number): number {
  if (!(p > 0 && p < 1)) return p;
  return p <= 0.5 ? Number(p.toPrecision(3)) : Number((1 - Number((1 - p).toPrecision(3))).toPrecision(12));
}

export function topClasses(probs: ArrayLike<number>, classes: { make: string; model: string }[], k = 5): ClassProb[] {
  return Array.from(probs, (prob, i) => ({ ...classes[i], prob }))
    .sort((a, b) => b.prob - a.prob)
    .slice(0, k)
    .map((c) => ({ make: c.make, model: c.model, prob: roundProb(c.prob) }));
}

/** Minimum size of the main vehicle, in original pixels, for a make/model judgement. */
export const MIN_VEHICLE_SIDE = 64;
export const MIN_VEHICLE_SCORE = 0.2;

/**
 * `prior` (the model's training shares, when it has them) ranks the classes shown on equal priors;
 * the check's score always reads the calibrated posterior, on which its threshold was set.
 */
export function buildResult(
  raw: RawAnalysis,
  classes: { make: string; model: string }[],
  registered: NormalizedRegistry | null,
  policy: DecisionPolicy,
  prior?: ArrayLike<number>,
): AnalysisResult {
  const toOriginal = (b: Box): Box => {
    const r = (v: number) => Math.round(v * 10) / 10;
    return [r(b[0] * raw.scale), r(b[1] * raw.scale + raw.offsetY), r(b[2] * raw.scale), r(b[3] * raw.scale + raw.offsetY)];
  };
  const vehicles = raw.vehicles.map((v) => ({
    box: toOriginal(v.box),
    score: Math.round(v.score * 1e4) / 1e4,
    label: v.label,
    classes: v.probs ? topClasses(equalPriorProbs(v.probs, prior), classes) : [],
  }));
  const result: AnalysisResult = { vehicles };
  if (registered) {
    const main = raw.vehicles[0];
    const side = main ? Math.min(main.box[2] - main.box[0], main.box[3] - main.box[1]) * raw.scale : 0;
    const named = (p: ArrayLike<number> | undefined) =>
      p ? Array.from(p, (prob, i) => ({ ...classes[i], prob })) : classes.map((c) => ({ ...c, prob: 0 }));
    const probs = named(main?.probs);
    const check = decide(
      {
        registered,
        probs,
        shown: main?.probs ? named(equalPriorProbs(main.probs, prior)) : probs,
        vehicleFound: Boolean(main),
        severalVehicles: raw.ambiguous,
        lowQuality: Boolean(main) && (side < MIN_VEHICLE_SIDE || main.score < MIN_VEHICLE_SCORE),
      },
      policy,
    );
    result.check = { ...check, score: check.score === null ? null : roundProb(check.score), registered };
  }
  return result;
}
