/**
 * @eig/openjustice — the pseudonymisation engine. The HTTP routes, database, review UI and CLI plug
 * in here: `createEngine()` loads the lexicons and the model once; `engine.pseudonymize(text, opts)`
 * is pure and synchronous (bounded work per request: the input length is capped, every layer is linear).
 */
import { pseudonymize, type PseudonymizeOptions, type PseudonymizeResult } from './core/pseudonymize.ts';
import { fakeNer, localNer, type NerModel } from './core/ner.ts';
import { loadLexicons } from './lexicon-data.ts';
import { loadRealNer } from './model-data.ts';
import { toLabelRequestOptions, toLabelResponse, type LabelNlpRequest, type LabelNlpResponse } from './core/label.ts';
import { isCategory } from './core/categories.ts';

export * from './core/index.ts';
export const ENGINE_VERSION = '0.1.0';

export interface Engine {
  readonly model: NerModel;
  pseudonymize(text: string, options?: Omit<PseudonymizeOptions, 'lexicons' | 'model'>): PseudonymizeResult;
  /** Label's NLP contract (`POST /api/openjustice/ner`). */
  labelNer(req: LabelNlpRequest): LabelNlpResponse;
}

/**
 * `model`: 'local' (rules only, the default: measured best on real decisions, see docs/engine.md),
 * 'real' (the trained perceptron as an extra layer) or 'fake' (deterministic, for UI tests).
 */
export function createEngine(opts: { model?: 'real' | 'local' | 'fake' } = {}): Engine {
  const lexicons = loadLexicons();
  const model = opts.model === 'real' ? loadRealNer() : opts.model === 'fake' ? fakeNer : localNer;
  return {
    model,
    pseudonymize: (text, options = {}) => pseudonymize(text, { ...options, lexicons, model }),
    labelNer(req) {
      const { options, failed } = toLabelRequestOptions(req, isCategory);
      const res = toLabelResponse(pseudonymize(req.text, { ...options, lexicons, model }), ENGINE_VERSION, `eig-perceptron-${model.kind}`);
      if (failed) res.additionalTermsParsingFailed = true;
      return res;
    },
  };
}
