/**
 * Layer 2 (part): dates after "né(e) le", "marié le", "décédé le"; street lines (addresses.ts) and the
 * localities around them (postcode + town, the town after a street, birth places, "commune de X",
 * "X (69)"). People are in persons.ts, legal persons and establishments in organisations.ts.
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import { ci, fold } from './text.ts';
import { HARD_STOP, NOT_NAME } from './names.ts';
import { findStreets } from './addresses.ts';

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';
export const DATE_SRC = `(?:(?:1er|\\d{1,2})(?:er)?\\s+(?:${MONTHS})\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2}))`;
const DATE_CTX: [Category, RegExp][] = [
  [
    'dateNaissance',
    new RegExp(
      `(?:\\bn[ée]e?s?(?:\\(e\\))?|\\bNÉE?S?|\\bNEE?S?|naissance|née?\\s+à\\s+[^,\\n]{1,40},?)\\s*(?:le|en|:|du)?\\s*(${DATE_SRC})`,
      'giu',
    ),
  ],
  [
    'dateMariage',
    new RegExp(`(?:mariée?s?|mariage|pacsée?s?|PACS|pacte civil de solidarité)[^.;\\n]{0,40}?(?:le|du|en date du)\\s+(${DATE_SRC})`, 'giu'),
  ],
  [
    'dateDeces',
    new RegExp(`(?:décédée?s?|décès|deces|decede|mort|morte)[^.;\\n]{0,30}?(?:le|du|en date du|survenu le)\\s+(${DATE_SRC})`, 'giu'),
  ],
];

const BORN_NAMED = new RegExp(
  `(?<![\\p{L}])(?:est|sont)\\s+n[ée]e?s?\\s*:?\\s*(?:[-–]\\s*)?(?:[\\p{Lu}][\\p{L}'’-]*[ \\t]+){1,4}?[\\p{Lu}][\\p{L}'’-]*,?\\s+le\\s+(${DATE_SRC.replace(MONTHS, ci(MONTHS))})`,
  'gu',
);
const mk = (start: number, end: number, category: Category, score: number): Span => ({ start, end, category, score, source: 'rule' });

export function detectDates(text: string): Span[] {
  const out: Span[] = [];
  for (const [cat, re] of DATE_CTX) {
    for (const m of text.matchAll(re)) {
      const d = m[1];
      const start = m.index! + m[0].length - d.length;
      out.push(mk(start, start + d.length, cat, 0.95));
    }
  }
  // "De cette union est né Lou Wacana, le 16/04/2006": the birth date after the child's name
  for (const m of text.matchAll(BORN_NAMED)) {
    const d = m[1];
    const start = m.index! + m[0].length - d.length;
    out.push(mk(start, start + d.length, 'dateNaissance', 0.9));
  }
  return out;
}

const POSTCODE_TOWN =
  /\b(?:(?:F-)?\d{2}[ \u00a0]?\d{3})[ \u00a0]+([\p{Lu}][\p{L}'’]{0,40}(?:(?:-à-|[ \u00a0-]+(?:(?:sur|sous|en|lès|les|lez|de|du|des|la|le|aux|et)[ \u00a0-]+|[dl]['’])?)[\p{Lu}][\p{L}'’]{0,40}){0,5}(?:[ \u00a0]+(?:CEDEX|Cedex)(?:[ \u00a0]+\d{1,2})?)?)/gu;
/** a town name: capitalised words (hyphens separate them, so a word never contains one: no ambiguous splits) */
/** a heading or a block word on the line after an address block: not its town */
const BLOCK_WORD =
  /^(?:APPELANT|INTIM|DEMANDE|D[ÉE]FENDE|ET$|ENTRE|PARTIE|COMPOSITION|D[ÉE]BATS|ARR[ÊE]T|ORDONNANCE|JUGEMENT|Représent|REPR[ÉE]SENT|Assist|ASSIST|Comparant|COMPARANT|Non |NON |Copie|COPIE|Le |LE |La |LA |Les |LES |Madame|Monsieur|MADAME|MONSIEUR|Maître|MA[IÎ]TRE)/u;
const TOWN_WORDS = `(?<![\\p{L}'’-])[\\p{Lu}][\\p{L}'’]{0,40}(?:(?:-à-|[ \\u00a0-]+(?:(?:sur|sous|en|lès|les|lez|de|du|des|la|le|aux|et)[ \\u00a0-]+|[dl]['’])?)[\\p{Lu}][\\p{L}'’]{0,40}){0,4}`;
/** DATE_SRC for regexes without the `i` flag ("26 Décembre 2003") */
const DATE_SRC_CI = DATE_SRC.replace(MONTHS, ci(MONTHS));
const BIRTH_PLACE = new RegExp(`(?<![\\p{L}])[nN][ée]e?s?(?:\\(e\\))?\\s+(?:[lL]e\\s+${DATE_SRC_CI}\\s+)?à\\s+(${TOWN_WORDS})`, 'gud');
const BIRTH_PLACE_UP = new RegExp(`\\bN[ÉE]E?S?\\s+(?:LE\\s+[^\\n]{6,20}\\s+)?À\\s+(${TOWN_WORDS})`, 'gud');
const COMMUNE_OF = new RegExp(`\\b(?:commune|ville|village|localité)\\s+(?:de|d'|du)\\s*(${TOWN_WORDS})`, 'gud');
/** "Lyon (69)", "Annaba (ALGÉRIE)", "Utrecht ( PAYS-BAS)": a town before its department or country */
const DEPT_PAREN = new RegExp(`(${TOWN_WORDS})\\s*\\(\\s*(?:\\d{2}|2A|2B|97\\d|[\\p{Lu}][\\p{Lu}' -]{2,}[\\p{Lu}])\\s*\\)`, 'gud');

export function detectAddresses(text: string): Span[] {
  const out: Span[] = [];
  const addrEnds: number[] = [];
  for (const st of findStreets(text)) {
    out.push(mk(st.start, st.end, 'adresse', st.triggered ? 0.93 : 0.88));
    addrEnds.push(st.end);
  }
  // localities: postcode + town; "Town" right after an address; birth place; "commune de X"; "X (69)"
  for (const m of text.matchAll(POSTCODE_TOWN)) {
    const before = text.slice(Math.max(0, m.index! - 30), m.index!);
    // "RG 24/00652", "n° 2022-00123": parts of docket numbers, not postcodes
    if (/[/-]\s*$/.test(before) || /^00/.test(m[0])) continue;
    if (/(?:n°|numéro|RG|article|décret|loi)\s*$/i.test(before)) continue;
    out.push(mk(m.index!, m.index! + m[0].length, 'localite', 0.9));
  }
  for (const e of addrEnds) {
    // the town after the street line, on the same line ("…, Arras") or alone on the next one ("…\nArras")
    // blank lines between the lines of an address block are layout ("69 passage des Mimosas\n\nAlès"), not a new block
    const m = new RegExp(
      `^(?:,?[ \\u00a0]+(?:à[ \\u00a0]+)?|(?:[ \\t]*\\n){1,4}[ \\t]*)(${TOWN_WORDS})(?=[ \\t]*(?:\\n|$|,|\\())`,
      'u',
    ).exec(text.slice(e, e + 60));
    if (m && !/^\d/.test(m[1]) && !(/\n[ \t]*\n/.test(m[0]) && BLOCK_WORD.test(m[1]))) {
      const s = e + m[0].length - m[1].length;
      out.push(mk(s, s + m[1].length, 'localite', 0.85));
    }
  }
  for (const re of [BIRTH_PLACE, BIRTH_PLACE_UP, COMMUNE_OF, DEPT_PAREN]) {
    for (const m of text.matchAll(re)) {
      let town = m[1];
      // "Versailles AU NIGERIA", "Mulhouse - ALGERIE": a country in capitals after a town in mixed case
      const country = /^(.*\p{Ll}[\p{L}'’]*)(?:[ \u00a0-]+\p{Lu}[\p{Lu}'’-]*)+$/u.exec(town);
      if (country) town = country[1];
      if (re === DEPT_PAREN) {
        const paren = /\(\s*([^)]*)\)\s*$/.exec(m[0])?.[1] ?? '';
        // "(CRCA)", "(URSSAF)": an acronym, not a country; "département de l'Aube (10)": a department
        if (/^\p{Lu}/u.test(paren) && ((paren.match(/[AEIOUYÉÈ]/g)?.length ?? 0) < 2 || HARD_STOP.has(fold(paren)))) continue;
        if (/(?:département|région)\s+(?:de\s+l['’]|de\s+la|du|de|des)?\s*$/iu.test(text.slice(Math.max(0, m.index! - 40), m.index!)))
          continue;
      }
      const s = m.indices![1][0];
      if (NOT_NAME.has(fold(town.split(/[\s-]/)[0])) && !/^(Le|La|Les|Saint|Sainte)\b/i.test(town)) continue;
      out.push(mk(s, s + town.length, 'localite', 0.88));
    }
  }
  return out;
}
