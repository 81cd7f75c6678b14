/**
 * Layer 3: lexicons shipped by npm packages. A capitalised run that is a French commune
 * (@etalab/decoupage-administratif) is a locality wherever it stands ("sur les sites de Muret",
 * "entre Vienne et Vénissieux", "URSSAF Beaune", "22 quai des Chênes / Arras"), unless it names the seat
 * of a court, a bar, a prefecture, a register or the place where the decision was made (those stay in
 * clear). A commune that is also an everyday word ("Orange", "Tours") needs a place preposition.
 */
import type { Span } from './span.ts';
import { isEverydayWord, type Lexicons } from './lexicon.ts';
import { fold, type Token } from './text.ts';

/** Seats and institutions whose town stays in clear: "cour d'appel de Lyon", "barreau de Paris", "Fait à Metz". */
const INSTITUTION_BEFORE = new RegExp(
  '(?:' +
    [
      "cour(?:\\s+administrative)?\\s+d['’]\\s*appel",
      "cour d['’]assises",
      'cour de cassation',
      "tribunal(?:\\s+(?:judiciaire|administratif|correctionnel|de commerce|mixte de commerce|de grande instance|d['’]instance|de police|pour enfants|de proximité|paritaire des baux ruraux|des affaires de sécurité sociale|des activités économiques))?",
      'tj',
      'tgi',
      'ti',
      'tc',
      'ta',
      'caa',
      'cph',
      "conseil\\s+de\\s+prud['’]\\s*hommes",
      "prud['’]\\s*hommes",
      "juge(?:\\s+(?:des enfants|de l['’]exécution|des libertés et de la détention|d['’]instruction|aux affaires familiales|des contentieux de la protection|de la mise en état|de l['’]expropriation|des référés|de proximité|commissaire|des tutelles|de l['’]application des peines))?",
      'jcp',
      'jld',
      'jaf',
      'jex',
      'barreau',
      'bâtonnier',
      'ordre des avocats',
      'greffe',
      'parquet',
      'procureur(?:\\s+(?:de la République|général))?',
      "maison d['’]arrêt",
      'centre pénitentiaire',
      'centre de détention',
      'centre(?:\\s+de)?\\s+rétention(?:\\s+administrative)?',
      'cra',
      'local de rétention',
      'préfet(?:e)?',
      'préfecture',
      'sous-préfecture',
      'police',
      'gendarmerie',
      'commissariat',
      'rcs',
      'r\\.c\\.s\\.',
      'registre du commerce(?:\\s+et\\s+des\\s+sociétés)?',
      'sociétés',
      '(?:fait|faite|rendu|rendue|prononcé|prononcée|délibéré|jugé|jugée|signé|signée|donné|donnée)(?:\\s+(?:publiquement|en\\s+audience\\s+publique))?',
      'audience(?:\\s+foraine)?',
      'chambre(?:\\s+détachée)?',
      'siégeant',
      'siège',
      'caf',
      'pôle emploi',
      'france travail',
      'université',
      'aide juridictionnelle',
      'bureau',
      'juridiction',
      "d['’]instance",
      'de grande instance',
      'de commerce',
      'correctionnel',
      'administratif',
      'administrative',
      'judiciaire',
      'protection',
      'proximité',
      'mise en état',
      'instruction',
      'libertés',
      "l['’]exécution",
      'département',
      'région',
      'territoire',
      'métropole',
      'avocats?',
      'notaires?',
      'huissiers?',
      'formation (?:paritaire|de départage)',
      'arbitral',
      'cgea',
      'ags',
      'unedic',
      'délégation régionale',
    ].join('|') +
    ")\\s*(?:de|d['’]|du|des|à|a)?\\s*(?:la\\s+|l['’])?\\(?\\s*$",
  'iu',
);
/** The 36 seats of the French cours d'appel (code de l'organisation judiciaire, annexe): public and stable. */
const APPEAL_SEATS = new Set(
  [
    'Agen',
    'Aix-en-Provence',
    'Amiens',
    'Angers',
    'Bastia',
    'Besançon',
    'Bordeaux',
    'Bourges',
    'Caen',
    'Chambéry',
    'Colmar',
    'Dijon',
    'Douai',
    'Grenoble',
    'Limoges',
    'Lyon',
    'Metz',
    'Montpellier',
    'Nancy',
    'Nîmes',
    'Orléans',
    'Paris',
    'Pau',
    'Poitiers',
    'Reims',
    'Rennes',
    'Riom',
    'Rouen',
    'Toulouse',
    'Versailles',
    'Basse-Terre',
    'Fort-de-France',
    'Cayenne',
    'Saint-Denis',
    'Nouméa',
    'Papeete',
  ].map((s) => fold(s)),
);
/** "(Poitiers, 24 juin 2021)": the seat of the decision under appeal, in a Cour de cassation decision */
const SEAT_PAREN_AFTER = /^\s*,\s*(?:\d|\d?\w+\s+chambre|ch\.|chambre)/u;
const PLACE_PREP = /(?:(?:^|[\s'’])(?:à|au|de|d['’]|entre|et|sur|vers|près de)|\d{5}|,)\s*$/iu;
const TOWN_START = /^\p{Lu}/u;
/** local bodies named after their town ("Trésorerie Voiron", "Mairie Lyon"): the town is still a locality */
const BODY_BEFORE =
  /^(?:Trésorerie|Mairie|Agence|Clinique|Polyclinique|Hôpital|Résidence|Immobilière|Club|Délégation|Direction|Caisse|Centre|Site)$/u;
/** "Rezé Sud", "Lyon Centre": a quarter of the town, not a longer name */
const CARDINAL = /^(?:Nord|Sud|Est|Ouest|Centre|Nord-Est|Nord-Ouest|Sud-Est|Sud-Ouest|Cedex|CEDEX)$/u;
const PARTICLE = /^(?:de|du|des|la|le|les|d|l|De|Du|Des|La|Le|Les|Sur|Sous|En|Lès|Lez|Et)$/u;

/**
 * The words before a town: the current line, plus the previous line when it continues it ("TRIBUNAL
 * JUDICIAIRE\nDE PERPIGNAN"), plus short header lines across blank lines ("COUR D'APPEL\n\n DE \n\nVERSAILLES").
 */
function wordsBefore(before: string): string {
  const lines = before.split('\n');
  let out = lines.pop() ?? '';
  let blank = false;
  for (let k = lines.length - 1; k >= 0 && k >= lines.length - 6; k--) {
    const l = lines[k].trim();
    if (!l) {
      blank = true;
      continue;
    }
    if (blank && (l.length > 40 || out.trim().length > 40)) break;
    out = l + ' ' + out;
    if (!blank && l.length > 40) break;
    blank = false;
  }
  return out.replace(/\s+/g, ' ');
}

export function detectLexiconLocalities(text: string, toks: Token[], lex: Lexicons): Span[] {
  const out: Span[] = [];
  if (!lex.communes.size) return out;
  const maxTok = lex.maxCommuneWords * 2;
  const ftok = new Array<string | undefined>(toks.length);
  const f = (j: number) => (ftok[j] ??= fold(toks[j].text).replace(/’/g, "'"));
  let skippedEnd = -10;
  // the end of the last town read: "Chalon-sur-Saône Bron" is two towns, not one longer name
  let townEnd = -10;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== 'word' || !TOWN_START.test(t.text)) continue;
    // longest commune or area match over up to maxCommuneWords words, same line; stops when no name starts so
    let best = -1;
    let area = -1;
    let cand = '';
    for (let j = i; j < Math.min(toks.length, i + maxTok); j++) {
      if (j > i && (toks[j].nl || toks[j].kind === 'num')) break;
      const gap =
        j > i &&
        toks[j].start > toks[j - 1].end &&
        toks[j].text !== "'" &&
        toks[j - 1].text !== "'" &&
        toks[j].text !== '’' &&
        toks[j - 1].text !== '’';
      cand += (gap ? ' ' : '') + f(j);
      const hy = cand.includes(' ') ? cand.replace(/ /g, '-') : cand;
      const sp = cand.includes('-') ? cand.replace(/-/g, ' ') : cand;
      if (lex.communes.has(cand) || lex.communes.has(hy)) best = j;
      if (j > i && lex.areas.has(sp)) area = j;
      if (!lex.prefixes.has(cand) && !lex.prefixes.has(hy) && !lex.prefixes.has(sp)) break;
    }
    // department and region names ("Pas de Calais", "Saône et Loire", "Centre-Val de Loire") are not towns
    if (area > 0 && area >= best) {
      i = area;
      continue;
    }
    // "cour d'appel de Saint-Denis de La Réunion": the second name belongs to the seat too
    if (t.start - skippedEnd <= 5 && /^\s*(?:de|d['’]|du)\s*$/iu.test(text.slice(skippedEnd, t.start))) continue;
    // the start of a longer capitalised name ("Saint-Denis de la Réunion" is read whole; "Grand Paris" is not Paris)
    const prev = toks[i - 1];
    if (
      prev &&
      !t.nl &&
      prev.kind === 'word' &&
      /^\p{Lu}\p{Ll}/u.test(prev.text) &&
      prev.end === t.start - 1 &&
      !PARTICLE.test(prev.text) &&
      !BODY_BEFORE.test(prev.text) &&
      !CARDINAL.test(prev.text) &&
      prev.end !== townEnd
    )
      continue;
    if (best < 0) continue;
    const end = toks[best].end;
    // a following capitalised word makes it a longer name ("Lyonnaise de Banque", "Paris Habitat")
    const nx = toks[best + 1];
    if (
      nx &&
      !nx.nl &&
      nx.kind === 'word' &&
      /^\p{Lu}\p{Ll}/u.test(nx.text) &&
      nx.start === end + 1 &&
      !CARDINAL.test(nx.text) &&
      !(lex.communes.has(f(best + 1)) && !isEverydayWord(lex, nx.text)) &&
      // "le GHU Perpignan Psychiatrie", "Clinique Lyon Neurologie": after a body, a town followed by the body's field
      !(
        prev &&
        !t.nl &&
        prev.end === t.start - 1 &&
        (BODY_BEFORE.test(prev.text) || /^\p{Lu}{2,5}$/u.test(prev.text)) &&
        isEverydayWord(lex, nx.text)
      )
    ) {
      i = best;
      continue;
    }
    const before = text.slice(Math.max(0, t.start - 90), t.start);
    const lineBefore = wordsBefore(before);
    // "COUR D'APPEL DE Brest": no appeal court sits there, so the town is not a seat but a (pseudonymised) place
    const appealSeat = /cour\s+d['’]\s*appel\s*(?:de|d['’])?\s*$/iu.test(lineBefore);
    // "PRÉFET DE POLICE DE Perpignan": the only prefecture of police named after a town sits in Paris
    const policeSeat = /pr[ée]fe(?:t|cture)\s+de\s+police\s*(?:de|d['’])?\s*$/iu.test(lineBefore);
    const town = fold(text.slice(t.start, end));
    if (INSTITUTION_BEFORE.test(lineBefore) && (!appealSeat || APPEAL_SEATS.has(town)) && (!policeSeat || town === 'paris')) {
      i = best;
      skippedEnd = end;
      continue;
    }
    // "Toulouse, le 22 octobre 2024", "LYON, le 22": the place where the decision was made
    if (/(?:^|\n)[ \t]*$/.test(before) && /^\s*,?\s*le\s+\d/iu.test(text.slice(end, end + 12))) {
      i = best;
      continue;
    }
    if (/\(\s*$/.test(lineBefore) && SEAT_PAREN_AFTER.test(text.slice(end, end + 30))) {
      i = best;
      continue;
    }
    // an everyday word ("Orange", "Tours", "Vienne") is a town only after a place preposition
    const allWords = text
      .slice(t.start, end)
      .split(/[\s'’-]+/)
      .every((w) => !w || isEverydayWord(lex, w));
    if (allWords && !PLACE_PREP.test(lineBefore)) {
      i = best;
      continue;
    }
    out.push({ start: t.start, end, category: 'localite', score: 0.75, source: 'lexicon' });
    townEnd = end;
    i = best;
  }
  return out;
}
