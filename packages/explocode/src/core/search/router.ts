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
const AGREEMENT_ALIASES: readonly { names: string[]; idcc: string; check: RegExp }[] = [
  { names: ['syntec', 'syntech', 'cinov', 'bet', 'bureau d etudes', 'bureaux d etudes'], idcc: '1486', check: /bureaux d etudes techniques/ },
  { names: ['hotels cafes restaurants', 'hotel cafe restaurant', 'hotellerie restauration'], idcc: '1979', check: /hotels, cafes,? restaurants/ },
  { names: ['metallurgie', 'la metallurgie'], idcc: '3248', check: /^metallurgie\b/ },
  { names: ['services a la personne', 'sap'], idcc: '3127', check: /services a la personne/ },
  { names: ['particulier employeur', 'particuliers employeurs', 'assistant maternel', 'assistante maternelle', 'assistantes maternelles', 'nounou', 'emploi a domicile'], idcc: '3239', check: /particuliers employeurs/ },
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
  { names: ['66', 'ccn 66', 'ccn66'], idcc: '413', check: /inadaptees et handicapees/ },
  { names: ['51', 'ccn 51', 'ccn51'], idcc: '29', check: /fehap/ },
];

/**
 * Aliases read from the agreements themselves: parenthesised acronyms of the titles ("(HCR)",
 * "(FEHAP)", "(BAD)", "(ÉCLAT)"), "dite XXX" names, and the head of the short title ("Banque",
 * "Immobilier : …" → "immobilier"). A name shared by several agreements is ambiguous and dropped.
 */
export function derivedAliases(conventions: Convention[]): Map<string, string> {
  const found = new Map<string, Set<string>>();
  const add = (name: string, idcc: string) => {
    const k = fold(name).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
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
      for (const p of parts) if (/^[A-ZÉÈ][A-Z0-9ÉÈ&-]{1,9}$/.test(p) && (p.match(/[A-ZÉÈ]/g)?.length ?? 0) >= 2 && !/^IDCC$/.test(p)) add(p, idcc);
    }
    for (const m of text.matchAll(/\bdite\s+([A-ZÉÈ][A-Z0-9ÉÈ&-]{1,9})\b/g)) add(m[1], idcc);
    const head = c.shortTitle.split(/\s+[:(]|\s*:\s/)[0].trim();
    if (head && head.length <= 60) add(head, idcc);
  }
  const out = new Map<string, string>();
  for (const [k, set] of found) if (set.size === 1) out.set(k, [...set][0]);
  return out;
}

const CONVENTION_WORDS = /\b(?:convention(?:s)?\s+collective(?:s)?(?:\s+nationale(?:s)?)?|convention|conv\.?\s*coll\.?|ccn|cc|accord\s+de\s+branche|branche|idcc)\b/g;

export interface RouterTables {
  byIdcc: Map<string, number>;
  aliases: Map<string, number>;
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
  for (const { names, idcc, check } of AGREEMENT_ALIASES) {
    const i = byIdcc.get(idcc);
    if (i === undefined) continue;
    const c = conventions[i];
    if (!check.test(fold(`${c.shortTitle} ${c.title}`).replace(/[^a-z0-9, ]+/g, ' ').replace(/\s+/g, ' '))) continue;
    for (const n of names) aliases.set(n, i);
  }
  return { byIdcc, aliases, conventions, titleTerms: conventions.map((c) => new Set(an.terms(c.shortTitle || c.title))), an };
}

export type Route =
  | { kind: 'article'; target: string; url: string; idx: number; rest: string; why: string }
  | { kind: 'convention'; target: string; url: string; idx: number; rest: string; why: string };

export function presearch(q: string, t: RouterTables, lookupNum: (num: string) => number | undefined): Route | null {
  if (!q) return null;
  // 1. article number: whole query, else the first mentioned
  const whole = canonicalArticleNum(q);
  const cands = whole ? [{ num: whole, start: 0, end: q.length }] : findArticleNums(q, 3);
  for (const c of cands) {
    const idx = lookupNum(c.num);
    if (idx === undefined) continue;
    const rest = (q.slice(0, c.start) + ' ' + q.slice(c.end)).replace(/\b(?:articles?|art\.?)\s*$/i, '').trim();
    return { kind: 'article', target: c.num, url: `/explocode/article/${encodeURIComponent(c.num)}`, idx, rest, why: "numéro d'article reconnu" };
  }
  const f = fold(q).replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
  // 2. IDCC
  const m = /^(?:(?:idcc|convention(?: collective)?|ccn|cc)\s*(?:n\s*)?)?0*(\d{1,4})$/.exec(f) ?? /\bidcc\s*0*(\d{1,4})\b/.exec(f);
  if (m) {
    const idx = t.byIdcc.get(m[1]);
    if (idx !== undefined) return conv(t, idx, f.replace(/\bidcc\s*\d+\b/, '').trim(), 'IDCC reconnu');
  }
  // 3. agreement names
  const hasConvWord = CONVENTION_WORDS.test(f);
  CONVENTION_WORDS.lastIndex = 0;
  const name = f.replace(CONVENTION_WORDS, ' ').replace(/\b(?:de|des|du|la|le|l)\b/g, (w) => w).replace(/\s+/g, ' ').trim();
  if (!name) return null;
  const alias = t.aliases.get(name) ?? t.aliases.get(name.replace(/^(?:de |des |du |de la |la |le )/, ''));
  // the agreement goes first; the words still search the other document types ("transport", "pharmacie")
  if (alias !== undefined && (hasConvWord || name.split(' ').length <= 3)) return conv(t, alias, q, 'convention collective reconnue');
  const terms = [...new Set(t.an.terms(name))];
  if (!terms.length || terms.length > 6) return null;
  let best = -1;
  let bestScore = 0;
  t.titleTerms.forEach((tt, i) => {
    if (!tt.size) return;
    let hit = 0;
    for (const x of terms) if (tt.has(x)) hit++;
    if (hit < terms.length) return;
    const coverage = hit / tt.size;
    if (!hasConvWord && coverage < 0.5) return;
    const eff = t.conventions[i].effectif ?? 0;
    const s = coverage + Math.log10(1 + eff) / 10;
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  });
  if (best >= 0) return conv(t, best, q, 'convention collective reconnue');
  return null;
}

function conv(t: RouterTables, idx: number, rest: string, why: string): Route {
  const c = t.conventions[idx];
  return { kind: 'convention', target: c.idcc, url: `/explocode/convention/${c.idcc}`, idx, rest, why };
}
