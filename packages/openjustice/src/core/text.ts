/** Text utilities: accent/case folding and a tokenizer that keeps UTF-16 offsets. */

const COMBINING = /[\u0300-\u036f]/g;
/** Lowercase without diacritics; œ/æ expanded. Same length is NOT guaranteed (use for keys only). */
export function fold(s: string): string {
  return s.normalize('NFD').replace(COMBINING, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();
}

/** Per-character fold that keeps offsets: each UTF-16 unit maps to one folded unit. */
export function foldSameLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const f = ch.normalize('NFD').replace(COMBINING, '').toLowerCase();
    // keep the length of the original code point(s)
    out += f.length === ch.length ? f : ch.length === 1 ? (f[0] ?? ch) : ch.toLowerCase();
  }
  return out;
}

export type Shape = 'cap' | 'upper' | 'lower' | 'digit' | 'punct' | 'mixed' | 'initial';

export interface Token {
  text: string;
  start: number;
  end: number;
  /** a line break lies between the previous token and this one */
  nl: boolean;
  /** a blank line lies before the token */
  para: boolean;
  kind: 'word' | 'num' | 'punct';
}

// Words: letters (with inner hyphens and apostrophe-less), numbers with inner separators handled by patterns.
const TOKEN_RE = /[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*|\d+|[^\s\p{L}\p{M}\d]/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index!;
    const gap = text.slice(last, start);
    const nls = gap.split('\n').length - 1;
    const s = m[0];
    out.push({
      text: s,
      start,
      end: start + s.length,
      nl: nls > 0 || out.length === 0,
      para: nls > 1 || (nls > 0 && /\n[ \t\u00a0]*\n/.test(gap)),
      kind: /^\d/.test(s) ? 'num' : /^[\p{L}\p{M}]/u.test(s) ? 'word' : 'punct',
    });
    last = start + s.length;
  }
  return out;
}

const UPPER = /^[\p{Lu}][\p{Lu}\p{M}]*(?:[-‐][\p{Lu}][\p{Lu}\p{M}]*)*$/u;
const CAP = /^[\p{Lu}][\p{Ll}\p{M}]+(?:[-‐][\p{L}][\p{L}\p{M}]*)*$/u;
export function shapeOf(s: string): Shape {
  if (/^\d+$/.test(s)) return 'digit';
  if (!/[\p{L}]/u.test(s)) return 'punct';
  if (/^[\p{Lu}]$/u.test(s)) return 'initial';
  if (UPPER.test(s)) return 'upper';
  if (CAP.test(s)) return 'cap';
  if (/^[\p{Ll}]/u.test(s)) return 'lower';
  return 'mixed';
}
export const isCapitalised = (s: string) => /^[\p{Lu}]/u.test(s);

/** Title-case a word for comparisons of forms like DUPONT / Dupont. */
export const titleCase = (s: string) => s.toLowerCase().replace(/(^|[-‐\s'’])(\p{L})/gu, (_, a, b) => a + b.toUpperCase());

/** Escape for RegExp source. */
export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Start of the line containing pos, looking back at most `max` characters (keeps scans linear). */
export function lineStartBounded(text: string, pos: number, max = 200): number {
  const from = Math.max(0, pos - max);
  const i = text.slice(from, pos).lastIndexOf('\n');
  return i < 0 ? from : from + i + 1;
}
