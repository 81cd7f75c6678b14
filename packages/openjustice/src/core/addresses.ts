/**
 * Street lines, read with a small grammar rather than "a street word and whatever follows":
 *   address    := (complement ",")* [number [bis|ter|A…]] [","] street-type name
 *               | complement+                      (only after "demeurant", "domicilié", "siège"…)
 *   complement := "escalier A" | "3e étage" | "bâtiment B" | "appartement 12" | "résidence du Parc" |
 *                 "hameau des Granges" | "lieu-dit La Combe" | "BP 214" | "lot n° 7" | "chez Mme Ferrand"
 *   name       := capitalised words, numbers ("du 8 Mai 1945") and the particles between them; it stops
 *                 at the first lowercase word ("… agissant", "… à compter du"), a comma, a postcode or a line end.
 * Label's convention: the street line is the `adresse`; the "69003 Lyon" line or the town is a separate `localite`.
 */
import type { Span } from './span.ts';
import { ci, lineStartBounded } from './text.ts';

const STREET_TYPE = ci(
  'rue|ruelle|avenue|av\\.|boulevard|bd|bld|chemin|chem\\.|allée|allées|impasse|place|placette|quai|route(?:\\s+(?:nationale|départementale))?|rte|voie|cours|faubourg|fg|montée|square|passage|sentier|rond-point|esplanade|promenade|traverse|villa|clos|mail|chaussée|parvis|venelle|carrefour|lotissement|quartier|cité|hameau|lieu-dit|lieudit|domaine|résidence|parc|rampe|corniche|galerie|levée|cheminement|sente|tertre|vallon|plateau|port',
);
const PARTICLE = "(?:de|du|des|la|le|les|l['’]|d['’]|aux|au|en|sur|sous|lès|lez|et|St\\.?|Ste\\.?)";
const MONTH = 'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre';
/** one word of a street or place name: "Saint-Jacques", "Gaulle", "1945", "mai" after a day number, "l'Abbaye" */
const NAME_WORD = `(?:[\\p{Lu}\\d][\\p{L}\\d'’-]{0,40}|(?<=\\d\\s)(?:${MONTH}))`;
const NAME = `(?:${PARTICLE}[ \\t]*)*${NAME_WORD}(?:(?:[ \\t]+(?:${PARTICLE}[ \\t]*)*|(?<=['’]))${NAME_WORD}){0,7}`;
const NUMBER = '\\d{1,5}(?:[ \\t]?(?:bis|ter|quater|[A-H])(?![\\p{L}\\d]))?';
const COMPLEMENT_WORD = ci(
  "bâtiment|bât\\.|batiment|appartement|appt\\.?|apt\\.?|escalier|esc\\.|étage|porte|entrée|résidence|immeuble|tour|lot(?:[ \\t]+n°)?|BP|B\\.P\\.|CS|boîte postale|hameau|lieu-dit|lieudit|domaine|villa|cité|ZA|ZI|ZAC|zone (?:artisanale|industrielle|d['’]activités?)|quartier",
);
const COMPLEMENT =
  `(?:${ci('chez')}[ \\t]+(?:(?:M\\.|Mme|Monsieur|Madame|MM\\.)[ \\t]+(?:et[ \\t]+(?:Mme|M\\.)[ \\t]+)?)?${NAME}` +
  `|\\d{1,2}(?:e|er|ème|eme)[ \\t]+${ci('étage')}` +
  `|(?:${COMPLEMENT_WORD})[ \\t]+(?:n°[ \\t]*)?(?:${NAME}|\\d{1,5}[A-Z]?))`;
const STREET_RE = new RegExp(
  `(?<![\\p{L}\\d])(?:(?:${COMPLEMENT})[ \\t]*,[ \\t]*)*(?:(${NUMBER})[ \\t]*,?[ \\t]+)?(?:${STREET_TYPE})[ \\t]+${NAME}`,
  'gu',
);
const COMPLEMENT_ONLY_RE = new RegExp(`(?<![\\p{L}\\d])(?:${COMPLEMENT})(?:[ \\t]*,[ \\t]*(?:${COMPLEMENT}))*`, 'gu');

/** Words before a street that make it somebody's address even without a number. */
export const ADDRESS_TRIGGER =
  /(?:demeurant|demeurent|domicilié(?:e|s|es)?|résidant|résident(?:e)?|sis(?:e|es)?|situé(?:e|s|es)?|siège(?:\s+social)?(?:\s+(?:est|se situe))?(?:\s+(?:fixé|situé|établi))?|élisant domicile|adresse|habitant|domicile|ensemble|avec|hébergée?|chez|:)\s*(?:au|à|en|:)?\s*(?:l['’])?$/iu;

export interface StreetMatch {
  start: number;
  end: number;
  triggered: boolean;
  numbered: boolean;
}

/** Street lines of the text, each with whether a trigger word or a house number vouches for it. */
export function findStreets(text: string): StreetMatch[] {
  const out: StreetMatch[] = [];
  let lastEnd = -1;
  const re = new RegExp(STREET_RE.source, STREET_RE.flags);
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index;
    // a rejected match is retried one word further ("résidence 44 cours Voltaire" → "44 cours Voltaire")
    const retry = () => {
      re.lastIndex = start + Math.max(1, m![0].search(/[ \t]/) + 1);
    };
    let end = start + m[0].length;
    // a trailing name word that is a postcode-like number belongs to the next line ("… Mimosas 69003")
    const trail = /[ \t]+\d{5}$/.exec(m[0]);
    if (trail) end -= trail[0].length;
    end = trimEnd(text, start, end);
    const before = text.slice(Math.max(0, start - 60), start);
    const triggered = ADDRESS_TRIGGER.test(before.replace(/,\s*$/, ''));
    const numbered = !!m[1];
    const lineStart = lineStartBounded(text, start);
    const atLineStart = /^[\s\-–•*:]*$/.test(text.slice(lineStart, start)) && (lineStart > 0 ? text[lineStart - 1] === '\n' : true);
    // a street word alone in prose ("la place de la victime", "la route") is no address
    if (!numbered && !triggered && !atLineStart) {
      retry();
      continue;
    }
    if (!numbered && !triggered && !/^\s*(?:\n|,?\s*\d{5})/.test(text.slice(end, end + 12))) {
      retry();
      continue;
    }
    out.push({ start, end, triggered, numbered });
    lastEnd = end;
  }
  // complements alone after a trigger: "demeurant lieu-dit La Combe", "domicilié chez M. X"
  for (const m of text.matchAll(COMPLEMENT_ONLY_RE)) {
    const start = m.index!;
    const end = start + m[0].length;
    // a complement overlapping a street is not read alone: "appartement 20B route Carnot" is the street "20B route Carnot"
    if (start < lastEnd && out.some((s) => s.start < end && start < s.end)) continue;
    const before = text.slice(Math.max(0, start - 60), start);
    if (!ADDRESS_TRIGGER.test(before.replace(/,\s*$/, ''))) continue;
    if (/^chez/i.test(m[0])) continue; // "chez Mme X" alone is a person, not an address
    out.push({ start, end: trimEnd(text, start, end), triggered: true, numbered: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s.,'’-]/.test(text[end - 1])) end--;
  return end;
}

export const streetSpans = (text: string): Span[] =>
  findStreets(text).map((s) => ({ start: s.start, end: s.end, category: 'adresse', score: s.triggered ? 0.93 : 0.88, source: 'rule' }));
