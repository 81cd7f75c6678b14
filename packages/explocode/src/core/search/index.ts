export { buildEngine, ExplocodeEngine, DEFAULT_CONFIG, type EngineConfig } from './engine.ts';
export { loadModel, loadModelSync, trainModel, MODEL_PATH, type SemanticModel } from './model.ts';
export { presearch } from './router.ts';
export { Suggester } from './suggest.ts';
