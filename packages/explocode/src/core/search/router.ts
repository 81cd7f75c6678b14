/**
 * Presearch router: article numbers (any spelling), IDCC numbers ("idcc 1486", "1486", "IDCC 0016")
 * and agreement names ("syntec", "convention collective hcr", "métallurgie") go straight to their target.
 */
import { fold, type FrenchAnalyzer } from '@eig/platform/search/index.ts';
import { canonicalArticleNum, findArticleNums } from '../article-number.ts';
import type { Convention } from '../types.ts';

/** Usual names of agreements that their titles don't contain (domain knowledge). */
const AGREEMENT_ALIASES: Record<string, string> = {
  syntec: '1486',
  syntech: '1486',
  cinov: '1486',
  bet: '1486',
  hcr: '1979',
  'hotels cafes restaurants': '1979',
  'hotel cafe restaurant': '1979',
  btp: '1597',
  batiment: '1597',
  metallurgie: '3248',
  'la metallurgie': '3248',
  'services a la personne': '3127',
  'particulier employeur': '3239',
  'assistant maternel': '3239',
  'assistante maternelle': '3239',
  nounou: '3239',
  'commerce de detail alimentaire': '2216',
  'grande distribution': '2216',
  pharmacie: '1996',
  immobilier: '1527',
  'prestataires de services': '2098',
  proprete: '3043',
  securite: '1351',
  'prevention securite': '1351',
  transport: '16',
  'transports routiers': '16',
  restauration: '1979',
  'restauration rapide': '1501',
  boulangerie: '843',
  coiffure: '2596',
  'aide a domicile': '2941',
  bad: '2941',
  banque: '2120',
  'automobile': '1090',
  'services de l automobile': '1090',
  animation: '1518',
  eclat: '1518',
  'commerce de gros': '573',
  'travail temporaire': '2378',
  interim: '2378',
  '66': '413',
  'ccn 66': '413',
  'ccn66': '413',
  '51': '29',
  'fehap': '29',
};

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
  conventions.forEach((c, i) => byIdcc.set(c.idcc.replace(/^0+/, ''), i));
  const aliases = new Map<string, number>();
  for (const [name, idcc] of Object.entries(AGREEMENT_ALIASES)) {
    const i = byIdcc.get(idcc);
    if (i !== undefined) aliases.set(name, i);
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
  if (alias !== undefined && (hasConvWord || name.split(' ').length <= 3)) return conv(t, alias, '', 'convention collective reconnue');
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
  if (best >= 0) return conv(t, best, '', 'convention collective reconnue');
  return null;
}

function conv(t: RouterTables, idx: number, rest: string, why: string): Route {
  const c = t.conventions[idx];
  return { kind: 'convention', target: c.idcc, url: `/explocode/convention/${c.idcc}`, idx, rest, why };
}
