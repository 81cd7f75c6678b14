/**
 * @eig/iaflash — vehicle make/model recognition and cloned-plate checks for traffic-camera photos.
 * The engine only: the service module (routes, jobs, pages, CLI) plugs onto these functions.
 */
export { createAnalyzer, registeredOf, type Analyzer, type AnalyzerOptions, type AnalyzeInput } from './analyzer.ts';
export { normalizeRegistry, UNDETERMINED, type NormalizedRegistry } from './core/registry/normalize.ts';
export { parsePlate, samePlate, type PlateFormat } from './core/plate-format.ts';
export { decide, type Check, type Decision, type Reason, type ReasonCode, type DecisionPolicy, type ClassProb } from './core/decision.ts';
export type { AnalysisResult, AnalyzedVehicleOut } from './core/analysis.ts';
export { toMatchvec, type MatchvecObject } from './core/matchvec.ts';
export { train, trainOnRows, type TrainOptions, type TrainProgress, type TrainResult } from './ml/train.ts';
export { readManifest, type ModelManifest, type ValidationReport, type VehicleClass } from './ml/model-dir.ts';
export type { Recognizer } from './ml/recognizer.ts';
export { createPlateReader, type PlateReading } from './plates/api.ts';
export { IaflashError, type IaflashErrorCode } from './io/errors.ts';
export { DEFAULT_MODEL_DIR } from './ml/paths.ts';
