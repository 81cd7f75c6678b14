/**
 * Presearch router: article numbers (any spelling), IDCC numbers ("idcc 1486", "1486", "IDCC 0016")
 * and agreement names ("syntec", "convention collective hcr", "métallurgie") go straight to their target.
 */
import { fold, type FrenchAnalyzer } from '@eig/platform/search';
import { canonicalArticleNum, findArticleNums } from '../article-number.ts';
import type { Convention } from '../types.ts';
import { normaliseIdcc } from '../idcc.ts';

/**
 * Usual names of agreements that their titles don't contain (domain knowledge). Each entry is checked
 * against the agreement's title at build time (folded `shortTitle + title` must match `check`): an
 * alias whose IDCC is absent from the dataset or whose title doesn't match is dropped, so a wrong
 * IDCC can never misroute. Verified against kali-data 3.449.0. Ambiguous names ("btp", "bâtiment",
 * "restauration": several agreements) are deliberately absent: the title matcher ranks them.
 */
const AGREEMENT_ALIASES: readonly { names: string[]; idcc: string; check: RegExp; acronym?: boolean }[] = [
  {
    names: ['syntec', 'syntech', 'cinov', 'bet', 'bureau d etudes', 'bureaux d etudes'],
    idcc: '1486',
    check: /bureaux d etudes techniques/,
    acronym: true,
  },
  {
    names: ['hotels cafes restaurants', 'hotel cafe restaurant', 'hotellerie restauration'],
    idcc: '1979',
    check: /hotels, cafes,? restaurants/,
  },
  { names: ['metallurgie', 'la metallurgie'], idcc: '3248', check: /^metallurgie\b/ },
  { names: ['services a la personne', 'sap'], idcc: '3127', check: /services a la personne/ },
  {
    names: [
      'particulier employeur',
      'particuliers employeurs',
      'assistant maternel',
      'assistante maternelle',
      'assistantes maternelles',
      'nounou',
      'emploi a domicile',
    ],
    idcc: '3239',
    check: /particuliers employeurs/,
  },
  { names: ['grande distribution', 'supermarche', 'hypermarche'], idcc: '2216', check: /predominance alimentaire/ },
  { names: ['pharmacie'], idcc: '1996', check: /pharmacie d officine/ },
  { names: ['immobilier'], idcc: '1527', check: /immobili/ },
  { names: ['prestataires de services'], idcc: '2098', check: /prestataires de services/ },
  { names: ['proprete', 'nettoyage'], idcc: '3043', check: /proprete/ },
  { names: ['securite', 'prevention securite', 'securite privee', 'gardiennage'], idcc: '1351', check: /prevention et de securite/ },
  { names: ['transport', 'transports', 'transport routier', 'transports routiers', 'routiers'], idcc: '16', check: /transports routiers/ },
  { names: ['boulangerie', 'boulangerie patisserie'], idcc: '843', check: /boulangerie/ },
  { names: ['coiffure'], idcc: '2596', check: /coiffure/ },
  { names: ['aide a domicile', 'aide a la personne'], idcc: '2941', check: /aide, (?:de l )?accompagnement/ },
  { names: ['banque'], idcc: '2120', check: /^banque\b/ },
  { names: ['automobile', 'services de l automobile', 'garage'], idcc: '1090', check: /services de l automobile/ },
  { names: ['animation'], idcc: '1518', check: /animation/ },
  { names: ['commerce de gros'], idcc: '573', check: /commerces de gros/ },
  { names: ['66', 'ccn 66', 'ccn66'], idcc: '413', check: /inadaptees et handicapees/, acronym: true },
  { names: ['51', 'ccn 51', 'ccn51'], idcc: '29', check: /fehap/, acronym: true },
];

/**
 * Aliases read from the agreements themselves: parenthesised acronyms of the titles ("(HCR)",
 * "(FEHAP)", "(BAD)", "(ÉCLAT)"), "dite XXX" names, and the head of the short title ("Banque",
 * "Immobilier : …" → "immobilier"). A name shared by several agreements is ambiguous and dropped.
 */
export function derivedAliases(conventions: Convention[]): Map<string, string> {
  const found = new Map<string, Set<string>>();
  const add = (name: string, idcc: string) => {
    const k = fold(name)
      .replace(/[^a-z0-9 ]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (k.length < 3 || /^\d+$/.test(k)) return;
    let set = found.get(k);
    if (!set) found.set(k, (set = new Set()));
    set.add(idcc);
  };
  for (const c of conventions) {
    const idcc = normaliseIdcc(c.idcc);
    const text = `${c.shortTitle} ${c.title}`;
    for (const m of text.matchAll(/\(([^()]{2,40})\)/g)) {
      const parts = m[1].split(/\s*[,/]\s*/);
      for (const p of parts)
        if (/^[A-ZÉÈ][A-Z0-9ÉÈ&-]{1,9}$/.test(p) && (p.match(/[A-ZÉÈ]/g)?.length ?? 0) >= 2 && !/^IDCC$/.test(p)) add(p, idcc);
    }
    for (const m of text.matchAll(/\bdite\s+([A-ZÉÈ][A-Z0-9ÉÈ&-]{1,9})\b/g)) add(m[1], idcc);
    const head = c.shortTitle.split(/\s+[:(]|\s*:\s/)[0].trim();
    if (head && head.length <= 60) add(head, idcc);
  }
  const out = new Map<string, string>();
  for (const [k, set] of found) if (set.size === 1) out.set(k, [...set][0]);
  return out;
}

const CONVENTION_WORDS =
  /\b(?:convention(?:s)?\s+collective(?:s)?(?:\s+nationale(?:s)?)?|convention|conv\.?\s*coll\.?|ccn|cc|accord\s+de\s+branche|branche|idcc)\b/g;

export interface RouterTables {
  byIdcc: Map<string, number>;
  aliases: Map<string, number>;
  /** aliases that are acronyms or brand names rather than sector words ("syntec", "hcr", "fehap") */
  acronyms: Set<string>;
  /** folded short title → agreement, when one agreement alone has that title */
  exactTitles: Map<string, number>;
  conventions: Convention[];
  titleTerms: Set<string>[]; // analyzed short-title terms
  an: FrenchAnalyzer;
}

export function buildRouterTables(conventions: Convention[], an: FrenchAnalyzer): RouterTables {
  const byIdcc = new Map<string, number>();
  conventions.forEach((c, i) => byIdcc.set(normaliseIdcc(c.idcc), i));
  const aliases = new Map<string, number>();
  for (const [name, idcc] of derivedAliases(conventions)) {
    const i = byIdcc.get(idcc);
    if (i !== undefined) aliases.set(name, i);
  }
  // acronyms the titles print in capitals ("(HCR)", "(FEHAP)", "dite SDLM"): names, not sector words
  const upper = new Set<string>();
  for (const c of conventions)
    for (const m of `${c.shortTitle} ${c.title}`.matchAll(/\b[A-ZÉÈ][A-Z0-9ÉÈ&-]{1,9}\b/g))
      if ((m[0].match(/[A-ZÉÈ]/g)?.length ?? 0) >= 2) upper.add(flat(m[0]));
  const acronyms = new Set<string>();
  for (const [name] of aliases) if (upper.has(name)) acronyms.add(name);
  for (const { names, idcc, check, acronym } of AGREEMENT_ALIASES) {
    const i = byIdcc.get(idcc);
    if (i === undefined) continue;
    const c = conventions[i];
    if (
      !check.test(
        fold(`${c.shortTitle} ${c.title}`)
          .replace(/[^a-z0-9, ]+/g, ' ')
          .replace(/\s+/g, ' '),
      )
    )
      continue;
    for (const n of names) {
      aliases.set(n, i);
      if (acronym) acronyms.add(n);
    }
  }
  const exactTitles = new Map<string, number>();
  const dup = new Set<string>();
  conventions.forEach((c, i) => {
    const k = flat(c.shortTitle);
    if (!k) return;
    if (exactTitles.has(k)) dup.add(k);
    exactTitles.set(k, i);
  });
  for (const k of dup) exactTitles.delete(k);
  return {
    byIdcc,
    aliases,
    acronyms,
    exactTitles,
    conventions,
    titleTerms: conventions.map((c) => new Set(an.terms(c.shortTitle || c.title))),
    an,
  };
}

export interface Route {
  kind: 'article' | 'convention';
  target: string;
  url: string;
  idx: number;
  /** the words left to search once the number or name is taken out */
  rest: string;
  why: string;
  /**
   * The query IS the target: an article number, an IDCC, or a name only one agreement answers to
   * (an acronym such as "syntec", or an agreement's exact title). Only then may a client jump
   * straight to it; otherwise it shows the results (and the matching agreements on top).
   */
  unambiguous: boolean;
}

/** Agreements whose titles answer to a name, best first ("transport" → IDCC 16, 275, 1424…). */
const MAX_MATCHING_CONVENTIONS = 10;
/** A name more agreements than this answer to is a common word, not an agreement's name ("industrie"). */
const MAX_NAME_MATCHES = 40;
/** Names of more content words than this are questions, not agreement names. */
const MAX_NAME_WORDS = 4;

export interface PresearchResult {
  route: Route | null;
  /** agreements the query names, when it names some (indexes into the tables' conventions) */
  conventions: number[];
}

/** Folded words without punctuation: the form names and titles are compared in. */
const flat = (s: string) =>
  fold(s)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export function presearch(q: string, t: RouterTables, lookupNum: (num: string) => number | undefined): Route | null {
  return presearchAll(q, t, lookupNum).route;
}

export function presearchAll(q: string, t: RouterTables, lookupNum: (num: string) => number | undefined): PresearchResult {
  if (!q) return { route: null, conventions: [] };
  // 1. article number: whole query (unambiguous), else the first mentioned
  const whole = canonicalArticleNum(q);
  const cands = whole ? [{ num: whole, start: 0, end: q.length }] : findArticleNums(q, 3);
  for (const c of cands) {
    const idx = lookupNum(c.num);
    if (idx === undefined) continue;
    const rest = (q.slice(0, c.start) + ' ' + q.slice(c.end)).replace(/\b(?:articles?|art\.?)\s*$/i, '').trim();
    const route: Route = {
      kind: 'article',
      target: c.num,
      url: `/explocode/article/${encodeURIComponent(c.num)}`,
      idx,
      rest,
      why: "numéro d'article reconnu",
      unambiguous: !!whole,
    };
    return { route, conventions: [] };
  }
  const f = flat(q);
  // 2. IDCC: the whole query ("1486", "idcc 1486", "convention collective 1486") or "idcc NNNN" inside it
  const wholeIdcc = /^(?:(?:idcc|convention(?: collective)?(?: nationale)?|ccn|cc)\s*(?:n\s*)?)?0*(\d{1,4})$/.exec(f);
  const m = wholeIdcc ?? /\bidcc\s*0*(\d{1,4})\b/.exec(f);
  if (m) {
    const idx = t.byIdcc.get(m[1]);
    if (idx !== undefined) {
      const rest = wholeIdcc
        ? ''
        : f
            .replace(/\bidcc\s*0*\d+\b/, ' ')
            .replace(CONVENTION_WORDS, ' ')
            .replace(/\s+/g, ' ')
            .trim();
      CONVENTION_WORDS.lastIndex = 0;
      return { route: conv(t, idx, rest, 'IDCC reconnu', !!wholeIdcc), conventions: [idx] };
    }
  }
  // 3. agreement names
  const hasConvWord = CONVENTION_WORDS.test(f);
  CONVENTION_WORDS.lastIndex = 0;
  const name = f.replace(CONVENTION_WORDS, ' ').replace(/\s+/g, ' ').trim();
  CONVENTION_WORDS.lastIndex = 0;
  if (!name) return { route: null, conventions: [] };
  const bare = name.replace(/^(?:de |des |du |de la |la |le |l )/, '');
  const terms = [...new Set(t.an.terms(name))];
  const matching = terms.length && terms.length <= MAX_NAME_WORDS ? matchingConventions(t, terms, hasConvWord) : [];
  const alias = t.aliases.get(name) ?? t.aliases.get(bare);
  if (alias !== undefined && (hasConvWord || name.split(' ').length <= 3)) {
    // a name is unambiguous when no other agreement's title also answers to it ("syntec", "hcr"), not
    // when it is a sector several agreements cover ("banque", "transport", "pharmacie")
    const others = matching.filter((i) => i !== alias);
    const unambiguous =
      t.acronyms.has(name) || t.acronyms.has(bare) ? others.length === 0 : others.length === 0 && t.exactTitles.get(bare) === alias;
    const list = [alias, ...others].slice(0, MAX_MATCHING_CONVENTIONS);
    return { route: unambiguous ? conv(t, alias, q, 'convention collective reconnue', true) : null, conventions: list };
  }
  if (!matching.length) return { route: null, conventions: [] };
  const exact = t.exactTitles.get(bare);
  if (matching.length === 1 && exact === matching[0])
    return { route: conv(t, exact, q, 'convention collective reconnue', true), conventions: matching };
  return { route: null, conventions: matching.slice(0, MAX_MATCHING_CONVENTIONS) };
}

/**
 * Agreements whose short title holds every term of the name, best first: the title the name covers
 * most, then the most employees. Without a word such as "convention", a name must cover half of the
 * title at least ("coiffure" → "Coiffure et professions connexes", not every title with "et").
 */
function matchingConventions(t: RouterTables, terms: string[], hasConvWord: boolean): number[] {
  const found: { i: number; s: number }[] = [];
  t.titleTerms.forEach((tt, i) => {
    if (!tt.size) return;
    for (const x of terms) if (!tt.has(x)) return;
    const coverage = terms.length / tt.size;
    if (!hasConvWord && coverage < 0.2) return;
    const eff = t.conventions[i].effectif ?? 0;
    found.push({ i, s: coverage + Math.log10(1 + eff) / 10 });
  });
  if (found.length > MAX_NAME_MATCHES) return [];
  return found.sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.i);
}

function conv(t: RouterTables, idx: number, rest: string, why: string, unambiguous: boolean): Route {
  const c = t.conventions[idx];
  return { kind: 'convention', target: c.idcc, url: `/explocode/convention/${c.idcc}`, idx, rest, why, unambiguous };
}
