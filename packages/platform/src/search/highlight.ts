import type { Analyzer } from './analyzer.ts';
import { tokenizeWithOffsets } from './normalize.ts';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

export interface SnippetOptions {
  /** max characters of the window */
  length?: number;
  /**
   * The text's language: its tokenizer finds the words (offsets into the original text), and its
   * `stem` and `isStopword` are the defaults of `key` and `skip`. Without it: the French tokenizer.
   */
  analyzer?: Analyzer;
  /** maps a folded token to the key compared with `terms` (e.g. its stem; default: the analyzer's stem) */
  key?: (norm: string) => string;
  /** tokens to ignore (stop words; default: the analyzer's) */
  skip?: (norm: string) => boolean;
}

/** A cut at `i` must not split a surrogate pair, nor part a letter from its marks or joiners. */
function safeCut(s: string, i: number): number {
  while (i > 0 && i < s.length) {
    const c = s.charCodeAt(i);
    if ((c >= 0xdc00 && c <= 0xdfff) || c === 0x200c || c === 0x200d || /\p{M}/u.test(s[i])) i--;
    else break;
  }
  return i;
}

/**
 * Best window of `text` around matched terms, HTML-escaped, with `<mark>` around matched surface
 * forms. `terms` holds keys (stems) of the query terms and of the matched synonyms. Offsets are
 * those of the original text, so any script (right-to-left included) comes out as it was, only
 * cut at whole characters and wrapped in `<mark>` at word boundaries.
 */
export function snippet(text: string, terms: ReadonlySet<string>, opts: SnippetOptions): string {
  const length = opts.length ?? 220;
  const an = opts.analyzer;
  const key = opts.key ?? (an ? (n: string) => an.stem(n) : (n: string) => n);
  const skip = opts.skip ?? (an ? (n: string) => an.isStopword(n) : undefined);
  const src = text.length > 200_000 ? text.slice(0, safeCut(text, 200_000)) : text;
  const toks = an ? an.tokens(src) : tokenizeWithOffsets(src);
  const hits: { start: number; end: number; key: string }[] = [];
  for (const t of toks) {
    if (skip?.(t.norm)) continue;
    const k = key(t.norm);
    if (terms.has(k)) hits.push({ start: t.start, end: t.end, key: k });
  }
  let from = 0;
  if (hits.length > 0 && src.length > length) {
    // window maximising distinct matched terms (then count)
    let best = -1;
    let bestStart = 0;
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j].end - hits[i].start <= length) j++;
      const distinct = new Set(hits.slice(i, j).map((h) => h.key)).size;
      const score = distinct * 100 + (j - i);
      if (score > best) {
        best = score;
        bestStart = hits[i].start;
      }
    }
    from = safeCut(src, Math.max(0, bestStart - 40));
    // start on a word boundary
    if (from > 0) {
      const sp = src.lastIndexOf(' ', from);
      from = sp >= 0 && from - sp < 20 ? sp + 1 : from;
    }
  }
  let to = safeCut(src, Math.min(src.length, from + length));
  if (to < src.length) {
    const sp = src.lastIndexOf(' ', to);
    if (sp > from + length / 2) to = sp;
  }
  let out = from > 0 ? '… ' : '';
  let pos = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    out += escapeHtml(src.slice(pos, h.start)) + '<mark>' + escapeHtml(src.slice(h.start, h.end)) + '</mark>';
    pos = h.end;
  }
  out += escapeHtml(src.slice(pos, to));
  if (to < src.length) out += ' …';
  return out.replace(/\s+/g, ' ').trim();
}
