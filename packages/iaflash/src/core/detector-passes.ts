/**
 * Coarse to fine detection. The detector was exported for 512×512 inputs and costs ≈ 40 % of a
 * photo's CPU there, but a photo smaller than that gains nothing from being upsampled to it: the
 * first pass runs at the photo's own scale (its longer side rounded up to the detector's stride),
 * and only when that pass is unsure, no vehicle or several candidates, does a second pass at full
 * size decide. Low resolutions see spurious large boxes (a "bus" over the background) and miss a few
 * vehicles, which is exactly what sends a photo to the second pass.
 */

/** The detector's coarsest stride: its input side must be a multiple of it. */
export const DETECTOR_STRIDE = 32;
/** Below this the detector's heat map (a quarter of the side) is too coarse to place a box. */
export const MIN_QUICK_SIZE = 256;
/** Part of the feature cache key: features of photos cropped by another detection plan are not reused. */
export const DETECTION_PLAN_VERSION = 'coarse256-fine';

/** Input side of the first pass for a photo of width × height; `full` when the photo is that large. */
export function quickDetectorSize(width: number, height: number, full: number): number {
  const native = Math.ceil(Math.max(width, height) / DETECTOR_STRIDE) * DETECTOR_STRIDE;
  return Math.min(full, Math.max(MIN_QUICK_SIZE, native));
}

/** Whether the first pass's outcome needs the full-size pass: nothing found, or no clear main vehicle. */
export function needsFullPass(vehicleCount: number, ambiguous: boolean): boolean {
  return vehicleCount === 0 || ambiguous;
}
