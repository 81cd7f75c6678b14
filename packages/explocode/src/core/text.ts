/**
 * French text for display: excerpts, typography, labels. Pure functions.
 *
 * - `excerpt`: the best window of a text around the matched words, cut at word boundaries with "…"
 *   where it is cut, HTML-escaped, `<mark>` around whole matched words of two letters or more (never a
 *   unit such as the "g" of "µg/l"). Written here rather than in platform's generic `snippet` because it
 *   applies French typography to the raw text before escaping (a narrow no-break space must not land
 *   inside "&amp;").
 * - `frenchSpacing`: the no-break spaces French typography puts before ? ! ; : » and after «.
 * - `restoreElisions`: the lexicon writes phrases without apostrophes ("suppression d emploi"), as the
 *   analyzer sees them; shown to people they get their apostrophe back ("suppression d’emploi").
 */
import { escapeHtml, tokenizeWithOffsets } from '@eig/platform/search';

const NNBSP = '\u202f'; // narrow no-break space, before ? ! ;
const NBSP = '\u00a0'; // no-break space, before : and », after «

/** French no-break spaces around ? ! ; : « » (an existing plain space is replaced, none is added inside URLs or numbers like 10:30). */
export function frenchSpacing(text: string): string {
  // \u0001 and \u0002 are the excerpt's mark sentinels: transparent here
  return text
    .replace(/([^\s?!;:\u0001\u0002][\u0001\u0002]?)[ \u00a0\u202f]*([?!;]+)(?=\s|$|["»)\]\u0001\u0002])/g, `$1${NNBSP}$2`)
    .replace(/([^\s:/\u0001\u0002][\u0001\u0002]?)[ \u00a0\u202f]*:(?=\s|$)/g, `$1${NBSP}:`)
    .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`);
}

/** Elided words written without their apostrophe get it back: "d emploi" → "d’emploi", "prud hommes" → "prud’hommes". */
export function restoreElisions(label: string): string {
  return label
    .replace(/\b(prud|aujourd) (hom|hui)/gi, '$1’$2')
    .replace(/\b([cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu) (?=[aeiouyhàâäéèêëîïôöûùü])/gi, '$1’');
}

export interface ExcerptOptions {
  /** maximum characters of the window (before "…" are added) */
  length?: number;
  /** maps a folded token to the key compared with the matched keys (e.g. its stem) */
  key: (norm: string) => string;
  /** tokens never marked (stop words) */
  skip?: (norm: string) => boolean;
}

/** The best window of `text` around the tokens whose key is in `keys`, escaped, marked, cut at words with "…". */
export function excerpt(text: string, keys: ReadonlySet<string>, opts: ExcerptOptions): string {
  const length = opts.length ?? 220;
  const src = (text.length > 200_000 ? text.slice(0, 200_000) : text)
    .replace(/[\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!src) return '';
  const hits: { start: number; end: number; key: string }[] = [];
  for (const t of tokenizeWithOffsets(src)) {
    if (t.norm.length < 2 || opts.skip?.(t.norm)) continue;
    const k = opts.key(t.norm);
    if (k.length >= 2 && keys.has(k)) hits.push({ start: t.start, end: t.end, key: k });
  }
  let from = 0;
  if (hits.length && src.length > length) {
    // the window holding the most distinct matched words (then the most matches)
    let best = -1;
    let bestStart = 0;
    let j = 0;
    for (let i = 0; i < hits.length; i++) {
      while (j < hits.length && hits[j].end - hits[i].start <= length) j++;
      const score = new Set(hits.slice(i, j).map((h) => h.key)).size * 100 + (j - i);
      if (score > best) {
        best = score;
        bestStart = hits[i].start;
      }
    }
    from = Math.max(0, bestStart - 40);
  }
  from = wordStart(src, from);
  let to = Math.min(src.length, from + length);
  if (to < src.length) to = wordEnd(src, from, to);
  // the window with sentinels around the marked words, spaced as a whole, then escaped and marked
  let raw = '';
  let pos = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    raw += src.slice(pos, h.start) + '\u0001' + src.slice(h.start, h.end) + '\u0002';
    pos = h.end;
  }
  raw += src.slice(pos, to);
  raw = raw.trim().replace(/[\s,;:(–-]+$/, '');
  const out = escapeHtml(frenchSpacing(raw))
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
  return (from > 0 ? '…' : '') + out + (to < src.length ? '…' : '');
}

/** The start of the word at or after `i` (never inside a word). */
function wordStart(s: string, i: number): number {
  if (i <= 0) return 0;
  if (/\s/.test(s[i - 1])) return i;
  const back = s.lastIndexOf(' ', i);
  if (back >= 0 && i - back <= 30) return back + 1;
  const fwd = s.indexOf(' ', i);
  return fwd >= 0 ? fwd + 1 : i;
}

/** The end of the last whole word before `to` (after `from`). */
function wordEnd(s: string, from: number, to: number): number {
  if (/\s/.test(s[to] ?? ' ')) return to;
  const back = s.lastIndexOf(' ', to);
  return back > from ? back : to;
}
