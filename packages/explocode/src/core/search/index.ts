export { buildEngine, ExplocodeEngine, DEFAULT_CONFIG, type EngineConfig, type PrebuiltIndexes } from './engine.ts';
export { loadModel, loadModelSync, parseModel, trainModel, MODEL_PATH, type SemanticModel } from './model.ts';
export { loadOrBuildEngine, encodeSnapshot, decodeSnapshot, type LoadedEngine, type LoadOrBuildOptions } from './snapshot.ts';
export { presearch } from './router.ts';
export { Suggester } from './suggest.ts';
