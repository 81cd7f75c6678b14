/**
 * French typography for what the views render: the no-break spaces before ? ! ; : » and after «
 * (core/text.ts `frenchSpacing`), and the apostrophes the lexicon writes as spaces
 * ("suppression d emploi" → "suppression d’emploi").
 */
import { frenchSpacing, restoreElisions } from '../core/text.ts';

/** A text rendered as is (a title, a question, a label). */
export const fr = (text: string): string => frenchSpacing(text);

/** A word or phrase of the search lexicon (explanations): apostrophes restored, then spaced. */
export const frTerm = (text: string): string => frenchSpacing(restoreElisions(text));

/** « quoted » with the no-break spaces inside the guillemets. */
export const quoted = (text: string): string => `«\u00a0${text}\u00a0»`;
