/**
 * Code du travail article numbers in any spelling users type or texts print:
 * "L1234-9", "L. 1234-9", "l 1234 9", "article R4624-42", "D. 3142-1-2", "R*3231-1", "L1453-1 A",
 * "art. L 1234-9", "L.1234-9" → canonical Légifrance form: prefix letter (L|R|D), optional "*",
 * then digits and dash-separated parts, optional " A"-like letter suffix.
 */

const ARTICLE_WORD = String.raw`(?:[Aa][Rr][Tt](?:[Ii][Cc][Ll][Ee][Ss]?)?\.?)`;
// prefix, optional star, first block, rest blocks (separated by dash/space/dot), optional suffix letter
const NUM_CORE = String.raw`([LRDlrd])\s*\.?\s*(\*)?\s*\.?\s*(\d{1,4})((?:\s*[-‐‑–—.]\s*\d{1,3}|\s+\d{1,3}){0,4})(?:\s+([A-Za-z])(?![A-Za-z0-9]))?`;
const FULL = new RegExp(String.raw`^\s*(?:${ARTICLE_WORD}\s*)?${NUM_CORE}\s*$`);
const INNER = new RegExp(String.raw`(?:^|[^A-Za-z0-9*])(?:${ARTICLE_WORD}\s*)?${NUM_CORE}(?![0-9])`, 'g');

function build(m: RegExpExecArray, offset: number): string | null {
  const prefix = m[offset + 0].toUpperCase();
  const star = m[offset + 1] ? '*' : '';
  const first = m[offset + 2];
  const rest = (m[offset + 3] ?? '').match(/\d+/g) ?? [];
  const suffix = m[offset + 4];
  // Code du travail: "L1".."L3" (chapitre préliminaire) or 4-digit blocks followed by at least one part
  if (first.length !== 4 && !(first.length === 1 && rest.length === 0)) return null;
  if (first.length === 4 && rest.length === 0) return null;
  if (first.startsWith('0')) return null;
  let num = `${prefix}${star}${first}${rest.length ? '-' + rest.map((r) => String(Number(r))).join('-') : ''}`;
  if (suffix && suffix === suffix.toUpperCase()) num += ` ${suffix}`;
  return num;
}

/** Canonical number when the whole input is an article number (optionally prefixed by "article"), else null. */
export function canonicalArticleNum(input: string): string | null {
  if (typeof input !== 'string' || input.length > 60) return null;
  const m = FULL.exec(input.replace(/\u00a0/g, ' '));
  if (!m) return null;
  return build(m, 1);
}

export interface ArticleNumMatch {
  num: string;
  start: number;
  end: number;
}

/** Every article number mentioned in a text (e.g. "voir l'article L. 1234-9 et R1234-2"). */
export function findArticleNums(text: string, max = 20): ArticleNumMatch[] {
  if (typeof text !== 'string' || !text) return [];
  const src = text.length > 20_000 ? text.slice(0, 20_000) : text.replace(/\u00a0/g, ' ');
  const out: ArticleNumMatch[] = [];
  INNER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = INNER.exec(src)) !== null && out.length < max) {
    // lowercase prefixes inside prose are only accepted in the compact form "l1234-9"
    const lower = m[1] === m[1].toLowerCase();
    const num = build(m, 1);
    if (num && !(lower && /^[lrd]\s+\d{1,3}$/i.test(m[0].trim()))) {
      const start = m.index + (m[0].length - m[0].trimStart().length);
      out.push({ num, start, end: m.index + m[0].length });
    }
    if (m[0].length === 0) INNER.lastIndex++;
  }
  return out;
}
