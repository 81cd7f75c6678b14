/** Text utilities: accent/case folding and a tokenizer that keeps UTF-16 offsets. */

const COMBINING = /[\u0300-\u036f]/g;
const ASCII = /^[\x00-\x7f]*$/;
/** Lowercase without diacritics; œ/æ expanded. Same length is NOT guaranteed (use for keys only). */
export function fold(s: string): string {
  if (s.length > 40) return foldRaw(s);
  let f = foldCache.get(s);
  if (f === undefined) {
    if (foldCache.size > 200000) foldCache.clear();
    f = foldRaw(s);
    foldCache.set(s, f);
  }
  return f;
}
const foldCache = new Map<string, string>();
function foldRaw(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFD').replace(COMBINING, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();
}

/** folded form of one non-ASCII code point, same UTF-16 length as the original */
const charFold = new Map<string, string>();
function foldChar(ch: string): string {
  let f = charFold.get(ch);
  if (f === undefined) {
    const n = ch.normalize('NFD').replace(COMBINING, '').toLowerCase();
    f = n.length === ch.length ? n : ch.length === 1 ? (n[0] ?? ch) : ch.toLowerCase();
    if (f.length !== ch.length) f = ch;
    charFold.set(ch, f);
  }
  return f;
}

/** Per-character fold that keeps offsets: each UTF-16 unit maps to one folded unit. */
export function foldSameLength(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  let run = 0; // start of the pending ASCII run
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) continue;
    out += s.slice(run, i).toLowerCase();
    const hi = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length;
    const ch = hi ? s.slice(i, i + 2) : s[i];
    out += foldChar(ch);
    if (hi) i++;
    run = i + 1;
  }
  return out + s.slice(run).toLowerCase();
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
  /** folded text, computed on first use (tf) */
  f?: string;
}

/** The folded text of a token, computed once. */
export const tf = (t: Token): string => (t.f ??= fold(t.text));

// Words: letters (with inner hyphens and apostrophe-less), numbers with inner separators handled by patterns.
const TOKEN_RE = /[\p{L}\p{M}]+(?:[-‐][\p{L}\p{M}]+)*|\d+|[^\s\p{L}\p{M}\d]/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  let nextNl = text.indexOf('\n');
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const s = m[0];
    // line breaks in the gap since the previous token (the gap holds only spaces): one = new line, two = blank line;
    // the next break is remembered so that a text without breaks is not rescanned for every token
    if (nextNl !== -1 && nextNl < last) nextNl = text.indexOf('\n', last);
    const nl = nextNl >= 0 && nextNl < start;
    let para = false;
    if (nl) {
      const k2 = text.indexOf('\n', nextNl + 1);
      para = k2 >= 0 && k2 < start;
      nextNl = k2;
    }
    const c0 = s.charCodeAt(0);
    out.push({
      text: s,
      start,
      end: start + s.length,
      nl: nl || out.length === 0,
      para,
      kind: c0 >= 48 && c0 <= 57 ? 'num' : WORD_START_CHAR.test(s[0]) ? 'word' : 'punct',
    });
    last = start + s.length;
  }
  return out;
}
const WORD_START_CHAR = /[\p{L}\p{M}]/u;

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

/** Case-insensitive source for plain words without the `i` flag (under /iu, \p{Lu} would match lowercase too). */
export function ci(alternatives: string): string {
  return alternatives.replace(/\\.|\p{L}/gu, (c) =>
    c.length > 1 || c.toLowerCase() === c.toUpperCase() ? c : `[${c.toLowerCase()}${c.toUpperCase()}]`,
  );
}
