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

const comparable = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/[’']/g, "'")
    .trim();

/**
 * A fiche's intro, unless it repeats its description (most ministry fiches give the same paragraph
 * twice: as description and as intro) — then '' and the page shows it once.
 */
export function distinctIntro(description: string, intro: string): string {
  const d = comparable(description);
  const i = comparable(intro);
  if (!i) return '';
  if (!d) return intro;
  const head = Math.min(80, d.length, i.length);
  if (i === d || i.includes(d) || d.includes(i) || i.slice(0, head) === d.slice(0, head)) return d.length >= i.length ? '' : intro;
  return intro;
}
