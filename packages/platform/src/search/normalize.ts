/**
 * Text normalisation shared by every analyzer: lowercase, ligatures (œ→oe, æ→ae), accent folding
 * (NFD + strip combining marks). Two flavours: a fast whole-string fold for indexing, and an
 * offset-preserving tokenizer for highlighting (maps every token back to the original text).
 */

const MARKS = /[\u0300-\u036f]/g;

/** Lowercase + ligatures + accents stripped. Length may differ from the input. */
export function fold(text: string): string {
  let s = text.toLowerCase();
  if (s.includes('œ')) s = s.replace(/œ/g, 'oe');
  if (s.includes('æ')) s = s.replace(/æ/g, 'ae');

  if (/[^\u0000-\u007f]/.test(s)) s = s.normalize('NFD').replace(MARKS, '');
  return s;
}

export interface SurfaceToken {
  /** folded form ([a-z0-9]+) */
  norm: string;
  /** offsets in the ORIGINAL string */
  start: number;
  end: number;
  /** true when the token is immediately followed by an apostrophe (elision candidate) */
  apostrophe: boolean;
}

const APOS = new Set(["'", '’', 'ʼ', '`', '‘']);
const foldCache = new Map<string, string>();

function foldChar(ch: string): string {
  let f = foldCache.get(ch);
  if (f === undefined) {
    f = fold(ch);
    if (foldCache.size < 5000) foldCache.set(ch, f);
  }
  return f;
}

function isAlnum(c: string): boolean {
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 48 && k <= 57);
}

/** Tokenize keeping offsets into the original text (used for snippets/highlighting and elision). */
export function tokenizeWithOffsets(text: string): SurfaceToken[] {
  const out: SurfaceToken[] = [];
  let cur = '';
  let start = -1;
  let i = 0;
  const n = text.length;
  while (i <= n) {
    let ch = '';
    let width = 1;
    if (i < n) {
      const cp = text.codePointAt(i)!;
      width = cp > 0xffff ? 2 : 1;
      ch = text.slice(i, i + width);
    }
    const f = ch === '' ? '' : ch.length === 1 && ch.charCodeAt(0) < 128 ? ch.toLowerCase() : foldChar(ch);
    let alnum = f.length > 0;
    for (let k = 0; k < f.length && alnum; k++) if (!isAlnum(f[k])) alnum = false;
    if (alnum) {
      if (start < 0) start = i;
      cur += f;
    } else {
      // marks-only chars fold to '' : keep them inside the current token
      if (f === '' && ch !== '' && start >= 0) {
        i += width;
        continue;
      }
      if (start >= 0) {
        out.push({ norm: cur, start, end: i, apostrophe: APOS.has(ch) });
        cur = '';
        start = -1;
      }
    }
    i += width;
  }
  return out;
}

/** Fast tokenizer on already-folded text: returns tokens and whether each is followed by an apostrophe. */
export function tokenizeFolded(folded: string, onToken: (tok: string, apostrophe: boolean) => void): void {
  const re = /[a-z0-9]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(folded)) !== null) {
    const next = folded[m.index + m[0].length];
    onToken(m[0], next !== undefined && APOS.has(next));
  }
}
