/**
 * Layer 2: context rules. Civilities and role words decide persons versus professionals (kept in
 * clear); "né(e) le", "marié le", "décédé le" decide dates; "demeurant", "dont le siège est" and
 * postcodes decide addresses and localities; legal forms and premises words decide legal persons and
 * establishments. Everything is a linear scan over tokens or a regex over the text.
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import { fold, lineStartBounded, shapeOf, type Token } from './text.ts';
import { CIVILITY, LAWYER_TITLE, NOT_NAME, isNameWord, readNameRun, splitRun } from './names.ts';
import { findStreets } from './addresses.ts';

export type Role = 'party' | 'mag' | 'avo';
export interface PersonMention {
  role: Role;
  /** how sure the role is: 2 = explicit context (role word, Me), 1 = civility only, 0 = bare name */
  strength: number;
  lastKey: string | null;
  firstKey: string | null;
  spans: Span[];
}
export interface RuleResult {
  spans: Span[];
  persons: PersonMention[];
}

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';
export const DATE_SRC = `(?:(?:1er|\\d{1,2})(?:er)?\\s+(?:${MONTHS})\\s+\\d{4}|\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2}))`;
const DATE_CTX: [Category, RegExp][] = [
  ['dateNaissance', new RegExp(`(?:\\bn[ée]e?s?(?:\\(e\\))?|\\bNÉE?S?|\\bNEE?S?|naissance|née?\\s+à\\s+[^,\\n]{1,40},?)\\s*(?:le|en|:|du)?\\s*(${DATE_SRC})`, 'giu')],
  ['dateMariage', new RegExp(`(?:mariée?s?|mariage|pacsée?s?|PACS|pacte civil de solidarité)[^.;\\n]{0,40}?(?:le|du|en date du)\\s+(${DATE_SRC})`, 'giu')],
  ['dateDeces', new RegExp(`(?:décédée?s?|décès|deces|decede|mort|morte)[^.;\\n]{0,30}?(?:le|du|en date du|survenu le)\\s+(${DATE_SRC})`, 'giu')],
];

const MAG_ROLE =
  /^[\s,]*(?:\(|en qualité de\s+|faisant fonction de\s+)?(?:(?:premier|première|1er|1ère)\s+)?(?:président|présidente|vice-président|vice-présidente|conseill|greffi|juge|magistrat|avocat général|avocate générale|avocats généraux|procureur|procureure|substitut|rapporteu|assesseu|doyen|doyenne|auditeu|directeur de greffe|directrice de greffe|faisant fonction|adjoint administratif|secrétaire|président de chambre|membre)/iu;
const MAG_LEFT =
  /(?:président(?:e)?|greffi(?:er|ère)|ministère public|juges?|conseill(?:er|ère)s?|assesseurs?|rapporteur(?:e)?(?: public(?:que)?)?|magistrats?|procureur|substitut|tenue par|présidée par|assistée? (?:de|par|lors des débats de)|signée? par|composée de|assesseur|en présence de|magistrat chargé|par devant)\s*:?\s*(?:de\s+)?(?:M\.|Mme|Monsieur|Madame|Mademoiselle)?\s*$/iu;
const MAG_LEFT_COLON = /(?:greffi|présid|conseill|juges?\b|magistrat|composition|assesseu|ministère public|rapporteu)[^:\n]{0,40}:\s*(?:M\.|Mme|Monsieur|Madame|Mademoiselle)?\s*$/iu;
/** "M. X, Mme Y, M. Z, conseillers": the role closes a list of names */
const MAG_LIST_RIGHT =
  /^(?:\s*(?:,|et)\s*(?:(?:M\.|Mme|Mmes|MM\.|Monsieur|Madame)\s+)?[\p{Lu}][\p{L}'’-]*(?:[ -]+[\p{Lu}][\p{L}'’-]*){0,3})+\s*,\s*(?:conseill|juges?\b|président|assesseu|magistrat|greffi|avocats? généra|membres?)/u;
const ALIAS_LEFT = /(?:se disant(?: également)?|alias|dite?|connue? sous le nom de)\s*$/iu;
const BORN_RIGHT = /^\s*,?\s*(?:n[ée]e?s?|N[ÉE]E?S?)\s+(?:le|à|en|LE|À)(?!\p{L})/u;
const AVO_RIGHT = /^[\s,]*(?:avocats?|avocates?)(?!\s+générale?)/iu;
const MANDATAIRE_RIGHT =
  /^[\s,]*(?:\(|pris(?:e)?\s+en\s+|comme\s+|en qualité de\s+)?(?:syndic|ès[ -]?qualit|es[ -]?qualit|mandataire|liquidateur|administrat(?:eur|rice)|commissaire|huissier|notaire|pris en sa qualité|en sa qualité|agissant)/iu;
const MANDATAIRE_LEFT = /(?:en la personne de|mandataire|liquidateur|administrateur judiciaire)\s*(?:Me|Maître|maître)?\s*$/iu;

const LINE_ROLE_WORDS = /\b(greffi|présid|conseill|juge|magistrat|assesseur|rapporteu)/iu;

/** The line around pos, bounded to 200 characters each side (a 5 MB text without line breaks stays linear). */
function lineOf(text: string, pos: number) {
  const s = lineStartBounded(text, pos);
  const i = text.slice(pos, pos + 200).indexOf('\n');
  return { s, e: i < 0 ? Math.min(text.length, pos + 200) : pos + i };
}

const mk = (start: number, end: number, category: Category, score: number, personKey?: string): Span => ({
  start, end, category, score, source: 'rule', personKey,
});

let personCounter = 0;

function tokAt(toks: Token[], pos: number): number {
  let lo = 0, hi = toks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Person and professional mentions from civilities, lawyer titles, role words and "Nom : / Prénom :" fields. */
export function detectPersons(text: string, toks: Token[]): PersonMention[] {
  const out: PersonMention[] = [];
  const meMentions: number[] = [];
  const used = new Uint8Array(toks.length);
  const emit = (from: number, to: number, role: Role, strength: number) => {
    const run = splitRun(text, toks, from, to);
    if (!run.last) return null;
    for (let k = from; k < to; k++) used[k] = 1;
    const key = `r${++personCounter}`;
    const spans: Span[] = [];
    if (role === 'party') {
      for (const f of run.first) spans.push(mk(f.start, f.end, 'personnePhysiquePrenom', 0.9, key));
      spans.push(mk(run.last.start, run.last.end, 'personnePhysiqueNom', 0.9, key));
    } else {
      const cat: Category = role === 'mag' ? 'professionnelMagistratGreffier' : 'professionnelAvocat';
      const start = Math.min(run.last.start, run.first[0]?.start ?? run.last.start);
      const end = Math.max(run.last.end, run.first.at(-1)?.end ?? run.last.end);
      spans.push(mk(start, end, cat, 0.9, key));
    }
    const m: PersonMention = { role, strength, lastKey: run.lastKey, firstKey: run.firstKey, spans };
    out.push(m);
    return m;
  };

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'word' || used[i]) continue;
    const f = fold(t.text);
    const next = toks[i + 1];
    // civility: "M." "Mme" "Monsieur" "MM." "Dr"
    const isCiv = CIVILITY.has(f) && (f !== 'm' && f !== 'mm' && f !== 'dr' && f !== 'pr' ? true : next?.text === '.' && next.start === t.end);
    const isMe = LAWYER_TITLE.has(f) && /^[MmMm]/.test(t.text) && (f !== 'me' || t.text === 'Me' || t.text === 'ME');
    if (!isCiv && !isMe) continue;
    let j = i + 1;
    if (toks[j]?.text === '.' && toks[j].start === t.end) j++;
    // "M. et Mme X": skip to the last civility, the name belongs to both
    if (fold(toks[j]?.text ?? '') === 'et' && CIVILITY.has(fold(toks[j + 1]?.text ?? ''))) continue;
    const from = j;
    const to = readNameRun(toks, from, 5);
    if (to === from) continue;
    const before = text.slice(lineOf(text, t.start).s, t.start);
    const after = text.slice(toks[to - 1].end, toks[to - 1].end + 80);
    let role: Role = 'party';
    let strength = 1;
    if (isMe) {
      role = MANDATAIRE_RIGHT.test(after) || MANDATAIRE_LEFT.test(before) ? 'party' : 'avo';
      if (role === 'avo') meMentions.push(out.length);
      strength = 2;
    } else if (MAG_ROLE.test(after) || MAG_LEFT.test(before) || MAG_LEFT_COLON.test(before) || MAG_LIST_RIGHT.test(after)) {
      role = 'mag';
      strength = 2;
    } else if (AVO_RIGHT.test(after)) {
      role = 'avo';
      strength = 2;
    }
    const m = emit(from, to, role, strength);
    i = to - 1;
    if (!m) continue;
    // "X épouse Y", "née Y": the birth/married name of the same person
    let k = to;
    if (toks[k]?.text === ',' && /^(epouse|ep|nee|veuve)$/.test(fold(toks[k + 1]?.text ?? ''))) k++;
    const w = fold(toks[k]?.text ?? '');
    if (role === 'party' && /^(epouse|ep|nee|veuve|divorcee|dite|dit)$/.test(w)) {
      k++;
      if (toks[k]?.text === '.') k++;
      const e2 = readNameRun(toks, k, 3);
      if (e2 > k && !/^\s*le\b/.test(text.slice(toks[k].start - 1, toks[k].start + 3))) {
        const run = splitRun(text, toks, k, e2);
        const key = m.spans[0].personKey;
        // all words after "épouse" are surnames
        const s = toks[k].start, e = toks[e2 - 1].end;
        m.spans.push(mk(s, e, 'personnePhysiqueNom', 0.9, key));
        out.push({ role: 'party', strength: 1, lastKey: fold(text.slice(s, e)), firstKey: null, spans: [] });
        void run;
        for (let q = k; q < e2; q++) used[q] = 1;
        i = e2 - 1;
      }
    }
    // "MM. A B et C D": a second person after "et" without civility
    if (f === 'mm' || f === 'mmes' || f === 'messieurs' || f === 'mesdames') {
      let q = i + 1 > to ? to : Math.max(i + 1, to);
      while (q < toks.length && (toks[q].text === ',' || fold(toks[q].text) === 'et') && !toks[q + 1]?.nl) {
        if (toks[q].text === ',' && fold(toks[q + 1]?.text ?? '') === 'et') q++;
        if (toks[q].text === ',' && /^(epouse|nee|veuve)$/.test(fold(toks[q + 1]?.text ?? ''))) break;
        const e2 = readNameRun(toks, q + 1, 5);
        if (e2 <= q + 1 || CIVILITY.has(fold(toks[q + 1].text))) break;
        emit(q + 1, e2, role, strength);
        q = e2;
        i = e2 - 1;
      }
    }
  }

  const civParty = new Set(out.filter((m) => m.role === 'party' && m.lastKey).map((m) => m.lastKey));
  for (const idx of meMentions) {
    const m = out[idx];
    if (!m.lastKey || !civParty.has(m.lastKey)) continue;
    const s = m.spans[0];
    const run = splitRun(text, toks, tokAt(toks, s.start), tokAt(toks, s.end - 1) + 1);
    m.role = 'party';
    m.spans = [...run.first.map((f) => mk(f.start, f.end, 'personnePhysiquePrenom', 0.9, s.personKey)), mk(run.last!.start, run.last!.end, 'personnePhysiqueNom', 0.9, s.personKey)];
  }
  // bare names in composition blocks and signatures: "Président : Étienne FOUQUET", "Audience tenue par X, Présidente",
  // "X, greffier", lines under "LE GREFFIER LE PRÉSIDENT"
  for (let i = 0; i < toks.length; i++) {
    if (used[i] || !isNameWord(toks[i]) || shapeOf(toks[i].text) === 'initial') continue;
    if (i > 0 && isNameWord(toks[i - 1]) && !toks[i].nl) continue;
    const to = readNameRun(toks, i, 4);
    if (to - i < 1) continue;
    const line = lineOf(text, toks[i].start);
    const before = text.slice(line.s, toks[i].start);
    const after = text.slice(toks[to - 1].end, toks[to - 1].end + 60);
    const isLineAlone = /^[\s]*$/.test(before) && /^[ \t]*(\n|$)/.test(after);
    const twoWords = to - i >= 2;
    let role: Role | null = null;
    if (twoWords && (MAG_ROLE.test(after) || MAG_LEFT.test(before))) role = 'mag';
    else if (twoWords && AVO_RIGHT.test(after)) role = 'avo';
    else if (isLineAlone || /^\s{2,}\S/.test(after) || /\s{2,}$/.test(before)) {
      // signature lines: previous non-empty line made of role words in capitals
      const prevLineEnd = line.s - 1;
      const prev = text.slice(lineStartBounded(text, Math.max(0, prevLineEnd)), Math.max(0, prevLineEnd));
      if (twoWords && /^[\s\p{Lu}'’,.-]+$/u.test(prev) && LINE_ROLE_WORDS.test(prev)) role = 'mag';
    }
    if (!role && (ALIAS_LEFT.test(before) || (twoWords && BORN_RIGHT.test(after)))) role = 'party';
    if (!role) continue;
    emit(i, to, role, 2);
    i = to - 1;
  }

  // "Nom : DUPONT" / "Prénom(s) : Jean"
  for (const m of text.matchAll(/\b(Nom(?: de naissance| d'usage| patronymique)?|Prénoms?)\s*:\s*([\p{Lu}][\p{L}'’ -]*[\p{L}])/gu)) {
    const val = m[2];
    const start = m.index! + m[0].length - val.length;
    const cat: Category = m[1].startsWith('Pr') ? 'personnePhysiquePrenom' : 'personnePhysiqueNom';
    out.push({
      role: 'party', strength: 2,
      lastKey: cat === 'personnePhysiqueNom' ? fold(val) : null,
      firstKey: cat === 'personnePhysiquePrenom' ? fold(val) : null,
      spans: [mk(start, start + val.length, cat, 0.9, 'fields')],
    });
  }
  return out;
}

export function detectDates(text: string): Span[] {
  const out: Span[] = [];
  for (const [cat, re] of DATE_CTX) {
    for (const m of text.matchAll(re)) {
      const d = m[1];
      const start = m.index! + m[0].length - d.length;
      out.push(mk(start, start + d.length, cat, 0.95));
    }
  }
  // a list of dates after one trigger: "nés le 1/2/2010 et le 3/4/2012" is rare; skip
  return out;
}

const POSTCODE_TOWN = /\b(?:(?:F-)?\d{2}[ \u00a0]?\d{3})[ \u00a0]+([\p{Lu}][\p{L}'’-]*(?:[ \u00a0-]+(?:(?:sur|sous|en|lès|les|lez|de|du|des|la|le|d'|l'|aux|et)[ \u00a0-]+)?[\p{Lu}][\p{L}'’-]*){0,5}(?:[ \u00a0]+(?:CEDEX|Cedex)(?:[ \u00a0]+\d{1,2})?)?)/gu;
const TOWN_WORDS = `[\\p{Lu}][\\p{L}'’-]*(?:[ \\u00a0-]+(?:(?:sur|sous|en|lès|les|lez|de|du|des|la|le|d'|l'|aux|et)[ \\u00a0-]+)?[\\p{Lu}][\\p{L}'’-]*){0,4}`;
const BIRTH_PLACE = new RegExp(`\\bn[ée]e?s?(?:\\(e\\))?\\s+(?:le\\s+${DATE_SRC}\\s+)?à\\s+(${TOWN_WORDS})`, 'gu');
const BIRTH_PLACE_UP = new RegExp(`\\bN[ÉE]E?S?\\s+(?:LE\\s+[^\\n]{6,20}\\s+)?À\\s+(${TOWN_WORDS})`, 'gu');
const COMMUNE_OF = new RegExp(`\\b(?:commune|ville|village|localité)\\s+(?:de|d'|du)\\s*(${TOWN_WORDS})`, 'gu');
const DEPT_PAREN = new RegExp(`(${TOWN_WORDS})\\s+\\((?:\\d{2}|2A|2B|97\\d|[\\p{Lu}]{4,})\\)`, 'gu');

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
    if (/(?:n°|numéro|RG|article|décret|loi)\s*$/i.test(before)) continue;
    out.push(mk(m.index!, m.index! + m[0].length, 'localite', 0.9));
  }
  for (const e of addrEnds) {
    const m = new RegExp(`^,?[ \\u00a0]+(?:à[ \\u00a0]+)?(${TOWN_WORDS})`, 'u').exec(text.slice(e, e + 60));
    if (m && !/^\d/.test(m[1])) {
      const s = e + m[0].length - m[1].length;
      out.push(mk(s, s + m[1].length, 'localite', 0.85));
    }
  }
  for (const re of [BIRTH_PLACE, BIRTH_PLACE_UP, COMMUNE_OF, DEPT_PAREN]) {
    for (const m of text.matchAll(re)) {
      const town = m[1];
      const s = m.index! + m[0].indexOf(town, m[0].length - town.length - 12 > 0 ? m[0].length - town.length - 12 : 0);
      if (NOT_NAME.has(fold(town.split(/[\s-]/)[0])) && !/^(Le|La|Les|Saint|Sainte)\b/i.test(town)) continue;
      out.push(mk(s, s + town.length, 'localite', 0.88));
    }
  }
  return out;
}
