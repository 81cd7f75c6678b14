/**
 * Finding Code du travail article citations in text or HTML, and resolving them to the normalised
 * nums of the articles in force. Pure functions, no I/O.
 *
 * Handles: Légifrance links carrying a LEGIARTI id (any version of the article), "article L. 1234-9",
 * "L1234-9", "L 1235-3", "R.4624-42", "D. 3142-1-2", "R*3231-1", "L1453-1 A", enumerations
 * ("articles L. 1226-15, L. 1234-9 et L. 1235-16"), ranges ("articles L1237-11 à L1237-16", expanded to
 * every article in force in between, in number order) and drops groups attributed to another code
 * ("article L. 130-1 du code de la sécurité sociale").
 */

export interface CitableArticle {
  id: string;
  cid?: string;
  num: string;
  /** Other LEGIARTI ids (older versions) that resolve to this article. */
  versionIds?: string[];
}

export interface ArticleIndex {
  /** Normalised nums in code order. */
  nums: string[];
  /** Alias (num as written, without "*", upper-cased suffix) → normalised num. */
  byAlias: Map<string, string>;
  /** LEGIARTI id (current, cid or any version) → normalised num. */
  byLegiId: Map<string, string>;
  /** Nums sorted by number order, per letter (L, R, D), for ranges. */
  sortedByLetter: Map<string, { num: string; key: number[] }[]>;
}

/** Trims, collapses spaces, removes the dot/space after the letter: " L. 1251-33-1" → "L1251-33-1". */
export function normaliseNum(raw: string): string {
  let s = raw.replace(/\s+/g, ' ').trim();
  const m = /^([LRDA])\s*(\*?)\s*\.?\s*(\*?)\s*(\d+(?:\s*-\s*\d+)*)(?:\s+([A-Z]))?$/i.exec(s);
  if (m) {
    const star = m[2] || m[3] ? '*' : '';
    s = `${m[1].toUpperCase()}${star}${m[4].replace(/\s+/g, '')}${m[5] ? ' ' + m[5].toUpperCase() : ''}`;
  }
  return s;
}

function aliasOf(num: string): string {
  return num.replace('*', '').toUpperCase();
}

/** Number-order key: "L1237-11" → [1237, 11]; a letter suffix adds a last element (A = 1, B = 2…). */
export function numKey(num: string): { letter: string; key: number[] } | null {
  const m = /^([LRD])\*?(\d+(?:-\d+)*)(?: ([A-Z]))?$/.exec(num);
  if (!m) return null;
  const key = m[2].split('-').map(Number);
  if (m[3]) key.push(0.5 + (m[3].charCodeAt(0) - 64) / 100);
  return { letter: m[1], key };
}

export function compareKeys(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function buildArticleIndex(articles: readonly CitableArticle[]): ArticleIndex {
  const nums: string[] = [];
  const byAlias = new Map<string, string>();
  const byLegiId = new Map<string, string>();
  const sortedByLetter = new Map<string, { num: string; key: number[] }[]>();
  for (const a of articles) {
    nums.push(a.num);
    byAlias.set(aliasOf(a.num), a.num);
    for (const v of a.versionIds ?? []) byLegiId.set(v, a.num);
    if (a.cid) byLegiId.set(a.cid, a.num);
    byLegiId.set(a.id, a.num);
    const k = numKey(a.num);
    if (k) {
      let list = sortedByLetter.get(k.letter);
      if (!list) sortedByLetter.set(k.letter, (list = []));
      list.push({ num: a.num, key: k.key });
    }
  }
  for (const list of sortedByLetter.values()) list.sort((x, y) => compareKeys(x.key, y.key));
  return { nums, byAlias, byLegiId, sortedByLetter };
}

/** Resolves one written article number to the normalised num of an article in force, or null. */
export function resolveNum(written: string, index: ArticleIndex): string | null {
  const n = normaliseNum(written);
  return index.byAlias.get(aliasOf(n)) ?? null;
}

/** Every article in force between two nums (inclusive), in number order. Capped to avoid nonsense. */
export function expandRange(from: string, to: string, index: ArticleIndex, max = 400): string[] {
  const a = numKey(aliasOf(normaliseNum(from)));
  const b = numKey(aliasOf(normaliseNum(to)));
  if (!a || !b) return [];
  let lo = a.key;
  let hi = b.key;
  if (compareKeys(lo, hi) > 0) [lo, hi] = [hi, lo];
  const letters = a.letter === b.letter ? [a.letter] : [a.letter, b.letter];
  const out: { num: string; key: number[] }[] = [];
  for (const letter of letters) {
    for (const e of index.sortedByLetter.get(letter) ?? []) {
      if (compareKeys(e.key, lo) >= 0 && compareKeys(e.key, hi) <= 0) out.push(e);
    }
  }
  if (out.length > max) return [];
  out.sort((x, y) => compareKeys(x.key, y.key));
  return out.map((e) => e.num);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  laquo: '«',
  raquo: '»',
  eacute: 'é',
  egrave: 'è',
  ecirc: 'ê',
  agrave: 'à',
  acirc: 'â',
  ccedil: 'ç',
  ocirc: 'ô',
  icirc: 'î',
  ucirc: 'û',
  ugrave: 'ù',
  euml: 'ë',
  iuml: 'ï',
  oelig: 'œ',
  Eacute: 'É',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  deg: '°',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

/** LEGIARTI ids found in links (href) of an HTML or markdown fragment. */
export function legiIdsInLinks(s: string): string[] {
  const out: string[] = [];
  const re = /(?:href\s*=\s*["']|\]\()[^"')\s]*?(LEGIARTI\d{12})/gi;
  for (let m; (m = re.exec(s));) out.push(m[1].toUpperCase());
  return out;
}

// One article number as written. Letter, optional "*", optional dot, digits with hyphen parts; an optional
// capital letter suffix ("L1453-1 A") is checked against the index later.
const NUM_RE =
  /(?<![A-Za-zÀ-ÿ0-9])(?:(art(?:icles?|\.)?)\s+)?([LRD])\s?\*?\s?\.?\s?(\d{1,4}(?:\s?-\s?\d{1,3})*)(?:\s([A-C])(?![A-Za-zÀ-ÿ0-9'’]))?/g;

interface Token {
  start: number;
  end: number;
  written: string; // "L1234-9"
  suffix: string | null;
  keyword: boolean;
}

const GAP_RE =
  /^(?:\s|,|;|\bet\b|\bou\b|(?<![\p{L}])(?:à|au)(?![\p{L}])|\bdu\b(?!\s+code)|\bal(?:inéa)?\.?\s*\d+|\d+°|\(|\)|\b[IVX]+\b|\bdes\b(?!\s+code)|\bde\s+l['’]article\b|\bet\s+suivants\b|\bpremier\b|\bderniers?\b)*$/iu;
const OTHER_CODE_RE = /^[^.;:!?\n]{0,40}?\b(?:du|de\s+la|de\s+l['’]|des|de)\s*(code\s+[^.;,()\n]{2,60}|CSS|CGI|CASF|CSP|CRPM)/i;

/**
 * Article nums cited in a plain text, in order of first appearance, resolved against the articles in force.
 * Unresolvable citations (abrogated, renumbered, typos) are dropped.
 */
export function findCitationsInText(text: string, index: ArticleIndex): string[] {
  const tokens: Token[] = [];
  NUM_RE.lastIndex = 0;
  for (let m; (m = NUM_RE.exec(text));) {
    const digits = m[3].replace(/\s/g, '');
    const keyword = !!m[1];
    // Without a hyphen, only accept after "article" (e.g. "article L. 1"): too ambiguous otherwise.
    if (!digits.includes('-') && !keyword) continue;
    tokens.push({ start: m.index, end: m.index + m[0].length, written: `${m[2]}${digits}`, suffix: m[4] ?? null, keyword });
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (n: string) => {
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  };
  let i = 0;
  while (i < tokens.length) {
    // Group tokens separated by enumeration/range glue.
    const group: { token: Token; rangeFromPrev: boolean }[] = [{ token: tokens[i], rangeFromPrev: false }];
    let j = i + 1;
    while (j < tokens.length) {
      const gap = text.slice(tokens[j - 1].end, tokens[j].start);
      if (gap.length > 60 || !GAP_RE.test(gap)) break;
      group.push({ token: tokens[j], rangeFromPrev: /(?:^|\s)(?:à|au)(?:\s|$)/i.test(gap) });
      j++;
    }
    const last = group[group.length - 1].token;
    const trailing = text.slice(last.end, last.end + 120);
    const other = OTHER_CODE_RE.exec(trailing);
    const isOtherCode = other !== null && !/^code\s+du\s+travail/i.test(other[1]);
    if (!isOtherCode) {
      for (let k = 0; k < group.length; k++) {
        const { token, rangeFromPrev } = group[k];
        const resolved = resolveToken(token, index);
        if (rangeFromPrev && k > 0) {
          const prev = group[k - 1].token;
          for (const n of expandRange(prev.written, token.written, index)) push(n);
        }
        if (resolved) push(resolved);
      }
    }
    i = j;
  }
  return out;
}

function resolveToken(t: Token, index: ArticleIndex): string | null {
  if (t.suffix) {
    const withSuffix = resolveNum(`${t.written} ${t.suffix}`, index);
    if (withSuffix) return withSuffix;
  }
  return resolveNum(t.written, index);
}

/** Plain text from HTML for citation parsing: tags become spaces, entities decoded. */
export function htmlToSearchableText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/[\u00a0\u202f]/g, ' ');
}

/**
 * Article nums cited in an HTML (or markdown) fragment: Légifrance links resolved by LEGIARTI id, then
 * inline mentions in the text. Order of first appearance, links first; de-duplicated.
 */
export function findCitations(htmlOrText: string, index: ArticleIndex): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const id of legiIdsInLinks(htmlOrText)) {
    const n = index.byLegiId.get(id);
    if (n && !seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  // Markdown links: keep the label, drop the URL.
  const text = htmlToSearchableText(htmlOrText.replace(/\]\([^)]*\)/g, ']'));
  for (const n of findCitationsInText(text, index)) {
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}
