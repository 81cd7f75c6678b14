/**
 * The sequence-model layer behind one interface, with three implementations as Label's nlpApi /
 * nlpLocalApi / nlpFakeApi: `real` (the trained averaged perceptron), `local` (no model: rules only)
 * and `fake` (deterministic spans for UI tests, no model file needed).
 */
import type { Span } from './span.ts';
import type { Token } from './text.ts';
import type { Lexicons } from './lexicon.ts';

export interface NerInput {
  text: string;
  tokens: Token[];
  lexicons: Lexicons;
  /** spans found by the earlier layers, as features (the model learns to combine them) */
  hints: Span[];
}
export interface NerModel {
  readonly kind: 'real' | 'local' | 'fake';
  predict(input: NerInput): Span[];
}

/** Rules-only fallback: the model layer adds nothing. */
export const localNer: NerModel = { kind: 'local', predict: () => [] };

/**
 * Deterministic fake: marks every capitalised word after "M." / "Mme" as a surname. Enough for UI
 * tests that need spans without the model file.
 */
export const fakeNer: NerModel = {
  kind: 'fake',
  predict({ tokens }) {
    const out: Span[] = [];
    for (let i = 0; i + 1 < tokens.length; i++) {
      const t = tokens[i];
      if (t.text === 'Mme' || (t.text === 'M' && tokens[i + 1].text === '.')) {
        const n = tokens[t.text === 'M' ? i + 2 : i + 1];
        if (n && /^\p{Lu}\p{Ll}+$/u.test(n.text))
          out.push({ start: n.start, end: n.end, category: 'personnePhysiqueNom', score: 0.5, source: 'model' });
      }
    }
    return out;
  },
};
