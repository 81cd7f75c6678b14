/**
 * The engine's entry point for the service layer: `createAnalyzer({ modelDir })` loads the vision
 * workers and the model once; `analyze(photo, { registeredMake, registeredModel })` returns the
 * issue's API shape. All heavy work runs in worker threads: the event loop only routes messages.
 */
import { existsSync } from 'node:fs';
import { createVisionPool, type VisionPool } from './ml/pool.ts';
import { readManifest, type ModelManifest } from './ml/model-dir.ts';
import { DEFAULT_MODEL_DIR } from './ml/paths.ts';
import { buildResult, type AnalysisResult } from './core/analysis.ts';
import { normalizeRegistry, type NormalizedRegistry } from './core/registry/normalize.ts';
import { toMatchvec, type MatchvecObject } from './core/matchvec.ts';
import type { DecisionPolicy } from './core/decision.ts';
import type { DecodeOptions } from './io/decode.ts';

export interface AnalyzerOptions {
  /** Model directory (the operator's, e.g. under DATA_DIR); the committed default model otherwise. */
  modelDir?: string;
  /** Worker threads (default: one per core, at most 4); 0 runs in-process. */
  workers?: number;
  /** Override the model's decision policy (e.g. a different target false-alarm rate). */
  policy?: Partial<DecisionPolicy>;
  decode?: DecodeOptions;
  /** Vehicles given a make/model, most prominent first (default 3). */
  maxRecognized?: number;
}

export interface AnalyzeInput {
  plate?: string;
  registeredMake?: string;
  registeredModel?: string;
}

export interface Analyzer {
  readonly manifest: ModelManifest;
  analyze(image: Uint8Array, input?: AnalyzeInput): Promise<AnalysisResult>;
  /** matchvec-compatible answer for one photo. */
  predictMatchvec(image: Uint8Array): Promise<MatchvecObject[]>;
  /** Swap to another trained model directory (after `train`), without restarting workers. */
  useModel(modelDir: string): Promise<void>;
  close(): Promise<void>;
}

export function registeredOf(input: AnalyzeInput): NormalizedRegistry | null {
  const raw = [input.registeredMake, input.registeredModel].filter((s) => s && s.trim()).join(' ');
  return raw ? normalizeRegistry(raw) : null;
}

export async function createAnalyzer(opts: AnalyzerOptions = {}): Promise<Analyzer> {
  let modelDir = opts.modelDir && existsSync(opts.modelDir) ? opts.modelDir : DEFAULT_MODEL_DIR;
  let manifest = readManifest(modelDir);
  const pool: VisionPool = await createVisionPool(opts.workers);

  const run = async (image: Uint8Array, input: AnalyzeInput) => {
    const raw = await pool.analyze({ image, modelDir, maxRecognized: opts.maxRecognized ?? 3, decode: opts.decode });
    const policy = { ...manifest.policy, ...opts.policy };
    return buildResult(raw, manifest.classes, registeredOf(input), policy, manifest.classPrior);
  };

  return {
    get manifest() {
      return manifest;
    },
    analyze: (image, input = {}) => run(image, input),
    async predictMatchvec(image) {
      return toMatchvec(await run(image, {}));
    },
    async useModel(dir) {
      manifest = readManifest(dir);
      await pool.unload(dir);
      modelDir = dir;
    },
    close: () => pool.close(),
  };
}
