/**
 * Photo → vehicles and crop features, the part of the pipeline that runs the frozen networks. Used
 * in-process (tests) or inside worker threads (pool.ts).
 */
import { decodeImage, type DecodedImage, type DecodeOptions } from '../io/decode.ts';
import { chooseMainVehicle, filterVehicles, orderVehicles, type Box, type MainVehicleChoice, type Vehicle } from '../core/boxes.ts';
import { needsFullPass, quickDetectorSize } from '../core/detector-passes.ts';
import { inferenceCrops, trainingCrops } from '../core/crops.ts';
import type { Vision } from './vision.ts';
import type { Recognizer } from './recognizer.ts';

export interface ExtractRequest {
  image: Uint8Array;
  mode: 'infer' | 'train';
  /** Seed of the training jitter. */
  seed?: number;
  withBaseline?: boolean;
  decode?: DecodeOptions;
}

export interface Extracted {
  width: number;
  height: number;
  /** Maps processed pixels back to the uploaded photo's pixels. */
  scale: number;
  offsetY: number;
  /** Vehicles in processed pixels, main vehicle first. */
  vehicles: Vehicle[];
  ambiguous: boolean;
  /** Crop box used for recognition (main vehicle, or the whole photo when none was found). */
  cropBox: Box;
  features: Float32Array[];
  baseline?: Float32Array;
  /** Milliseconds spent in decode, detection and features. */
  timings: { decode: number; detect: number; embed: number };
}

export interface FoundVehicles {
  /** Vehicles in processed pixels, main vehicle first. */
  vehicles: Vehicle[];
  main: MainVehicleChoice;
  /** The baseline layer, from the full-size pass, when asked. */
  baseline?: Float32Array;
}

export interface FindOptions {
  /** Also return the baseline layer (training): it always comes from a full-size pass. */
  withBaseline?: boolean;
  /** Skip the quick pass (training: the most precise boxes; the time is spent offline). */
  fullSizeOnly?: boolean;
}

/**
 * Detection, coarse to fine (core/detector-passes.ts): a pass at the photo's own scale, then one at
 * full size when that pass found nothing or no single main vehicle. Training detects at full size
 * only: a head trained on the full-size boxes recognised the coarse pass's boxes as well as its own
 * (benchmark split, 2026-12-07: top-1 0.896 and top-5 0.991 either way), whereas one trained on the
 * coarse boxes fell to 0.972 top-5 (docs/model.md).
 */
export async function findVehicles(vision: Vision, img: DecodedImage, opts: FindOptions = {}): Promise<FoundVehicles> {
  const withBaseline = Boolean(opts.withBaseline);
  const choose = (dets: Parameters<typeof filterVehicles>[0]) => {
    const vehicles = orderVehicles(filterVehicles(dets, img.width, img.height), img.width, img.height);
    return { vehicles, main: chooseMainVehicle(vehicles, img.width, img.height) };
  };
  const full = vision.detectorSize;
  const quick = opts.fullSizeOnly ? full : quickDetectorSize(img.width, img.height, full);
  const first = await vision.detect(img, withBaseline && quick === full, quick);
  let found: FoundVehicles = { ...choose(first.detections), baseline: first.baseline };
  if (quick === full) return found;
  const unsure = needsFullPass(found.vehicles.length, found.main.ambiguous);
  if (unsure || withBaseline) {
    const second = await vision.detect(img, withBaseline, full);
    if (unsure) found = choose(second.detections);
    found.baseline = second.baseline;
  }
  return found;
}

export async function extract(vision: Vision, req: ExtractRequest): Promise<Extracted> {
  const t0 = performance.now();
  const img = await decodeImage(req.image, req.decode);
  const t1 = performance.now();
  const { vehicles, main, baseline } = await findVehicles(vision, img, {
    withBaseline: req.withBaseline,
    fullSizeOnly: req.mode === 'train',
  });
  const t2 = performance.now();
  const mainBox = main.index >= 0 ? vehicles[main.index].box : null;
  const plans =
    req.mode === 'train' ? trainingCrops(mainBox, img.width, img.height, req.seed ?? 1) : inferenceCrops(mainBox, img.width, img.height);
  const features = await vision.embed(img, plans);
  const t3 = performance.now();
  return {
    width: img.width,
    height: img.height,
    scale: img.scale,
    offsetY: img.offsetY,
    vehicles,
    ambiguous: main.ambiguous,
    cropBox: plans[0].box,
    features,
    baseline,
    timings: { decode: t1 - t0, detect: t2 - t1, embed: t3 - t2 },
  };
}

export interface AnalyzeRequest {
  image: Uint8Array;
  modelDir: string;
  /** How many vehicles (most prominent first) get a make/model; 1 = only the main one. */
  maxRecognized?: number;
  decode?: DecodeOptions;
}

export interface AnalyzedVehicle extends Vehicle {
  /** Calibrated probabilities over the model's classes (absent past maxRecognized). */
  probs?: Float32Array;
}

export interface Analyzed {
  width: number;
  height: number;
  scale: number;
  offsetY: number;
  vehicles: AnalyzedVehicle[];
  ambiguous: boolean;
  /** Probabilities for the whole photo, when no vehicle was found (for measurement, not decisions). */
  wholePhoto?: Float32Array;
  timings: { decode: number; detect: number; recognize: number };
}

export async function analyzeWith(vision: Vision, recognizer: Recognizer, req: AnalyzeRequest): Promise<Analyzed> {
  const t0 = performance.now();
  const img = await decodeImage(req.image, req.decode);
  const t1 = performance.now();
  const found = await findVehicles(vision, img);
  const t2 = performance.now();
  const vehicles: AnalyzedVehicle[] = found.vehicles;
  const main = found.main;
  const n = Math.min(vehicles.length, req.maxRecognized ?? 1);
  for (let i = 0; i < n; i++) vehicles[i].probs = await recognizer.recognize(img, vehicles[i].box);
  const wholePhoto = vehicles.length === 0 ? await recognizer.recognize(img, null) : undefined;
  const t3 = performance.now();
  return {
    width: img.width,
    height: img.height,
    scale: img.scale,
    offsetY: img.offsetY,
    vehicles,
    ambiguous: main.ambiguous,
    wholePhoto,
    timings: { decode: t1 - t0, detect: t2 - t1, recognize: t3 - t2 },
  };
}
