/**
 * Extracts features for a labelled set through the vision pool, with progress and cancellation,
 * optionally cached on disk (keyed by photo content and extractor version) so repeated training
 * runs and the benchmark do not recompute the frozen networks.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VisionPool } from './pool.ts';
import type { Extracted } from './extract.ts';
import { hashString } from '../core/random.ts';
import { DEFAULT_EXTRACTOR } from './vision.ts';
import { CROP_PLAN_VERSION, TRAINING_JITTERS } from '../core/crops.ts';
import { DETECTION_PLAN_VERSION } from '../core/detector-passes.ts';

export interface FeatureRecord {
  features: Float32Array[];
  baseline?: Float32Array;
  vehicleFound: boolean;
  ambiguous: boolean;
}

export interface ExtractAllOptions {
  mode: 'infer' | 'train';
  withBaseline?: boolean;
  cacheDir?: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

function toRecord(e: Extracted): FeatureRecord {
  return { features: e.features, baseline: e.baseline, vehicleFound: e.vehicles.length > 0, ambiguous: e.ambiguous };
}

function save(path: string, r: FeatureRecord) {
  const header = JSON.stringify({
    n: r.features.length,
    dim: r.features[0].length,
    base: r.baseline?.length ?? 0,
    v: r.vehicleFound,
    a: r.ambiguous,
  });
  const parts = [Buffer.from(header.padEnd(256)), ...r.features.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength))];
  if (r.baseline) parts.push(Buffer.from(r.baseline.buffer, r.baseline.byteOffset, r.baseline.byteLength));
  writeFileSync(path, Buffer.concat(parts));
}

function load(path: string): FeatureRecord {
  const buf = readFileSync(path);
  const h = JSON.parse(buf.subarray(0, 256).toString().trim()) as { n: number; dim: number; base: number; v: boolean; a: boolean };
  const floats = new Float32Array(buf.buffer.slice(buf.byteOffset + 256, buf.byteOffset + buf.length));
  const features = Array.from({ length: h.n }, (_, i) => floats.slice(i * h.dim, (i + 1) * h.dim));
  const baseline = h.base ? floats.slice(h.n * h.dim, h.n * h.dim + h.base) : undefined;
  return { features, baseline, vehicleFound: h.v, ambiguous: h.a };
}

export async function extractAll(pool: VisionPool, paths: string[], opts: ExtractAllOptions): Promise<FeatureRecord[]> {
  if (opts.cacheDir) mkdirSync(opts.cacheDir, { recursive: true });
  const out = new Array<FeatureRecord>(paths.length);
  // Training extraction always includes the baseline layer (cheap), so one cache serves both.
  const withBaseline = opts.mode === 'train' ? true : Boolean(opts.withBaseline);
  const detectionPlan = opts.mode === 'train' ? '' : `${DETECTION_PLAN_VERSION}|`;
  let done = 0;
  let next = 0;
  const runOne = async (i: number) => {
    const bytes = readFileSync(paths[i]);
    const key = createHash('sha1')
      .update(bytes)
      // the extractor id, detection plan and crop plan (views, jitter count) are in the key:
      // features of another backbone, detection or crop plan are never read back. Training still
      // detects at full size only, as before the coarse-to-fine plan, so its key is unchanged.
      .update(`${DEFAULT_EXTRACTOR}|${detectionPlan}${CROP_PLAN_VERSION}|${opts.mode}|${withBaseline ? 1 : 0}|j${TRAINING_JITTERS}`)
      .digest('hex');
    const cached = opts.cacheDir ? join(opts.cacheDir, key + '.bin') : null;
    if (cached && existsSync(cached)) out[i] = load(cached);
    else {
      const e = await pool.extract({ image: bytes, mode: opts.mode, seed: hashString(key), withBaseline });
      out[i] = toRecord(e);
      if (cached) save(cached, out[i]);
    }
    opts.onProgress?.(++done, paths.length);
  };
  // Keep every worker fed with two tasks so none waits on the main thread.
  const lanes = Array.from({ length: Math.max(1, pool.size * 2) }, async () => {
    while (next < paths.length) {
      if (opts.signal?.aborted) throw new Error('Entraînement annulé.');
      await runOne(next++);
    }
  });
  await Promise.all(lanes);
  return out;
}
