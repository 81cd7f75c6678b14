/**
 * Photo → vehicles and crop features, the part of the pipeline that runs the frozen networks. Used
 * in-process (tests) or inside worker threads (pool.ts).
 */
import { decodeImage, type DecodeOptions } from '../io/decode.ts';
import { chooseMainVehicle, filterVehicles, orderVehicles, type Box, type Vehicle } from '../core/boxes.ts';
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

export async function extract(vision: Vision, req: ExtractRequest): Promise<Extracted> {
  const t0 = performance.now();
  const img = await decodeImage(req.image, req.decode);
  const t1 = performance.now();
  const det = await vision.detect(img, req.withBaseline);
  const t2 = performance.now();
  const vehicles = orderVehicles(filterVehicles(det.detections, img.width, img.height), img.width, img.height);
  const main = chooseMainVehicle(vehicles, img.width, img.height);
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
    baseline: det.baseline,
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
  const det = await vision.detect(img);
  const t2 = performance.now();
  const vehicles: AnalyzedVehicle[] = orderVehicles(filterVehicles(det.detections, img.width, img.height), img.width, img.height);
  const main = chooseMainVehicle(vehicles, img.width, img.height);
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
