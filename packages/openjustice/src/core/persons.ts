/**
 * People of a decision, found from context and structure (never from a list of names):
 *   1. mentions: a civility ("M.", "Mme", "Monsieur", "Dr") or a lawyer's title ("Me", "Maître") before a
 *      run of name words; a bare "Prénom NOM" / "NOM Prénom" / "E. VET"; a name-only line of a party,
 *      caption, bench or signature block; a name next to a role word ("X, greffier", "Président : X",
 *      "X, interprète"); aliases ("se disant X") and married names ("épouse X");
 *   2. evidence per mention, for three roles: party (masked), magistrate/clerk and lawyer (kept in
 *      clear), from the words around it and the block it sits in;
 *   3. one decision per surname for the whole document (a magistrate named once with her role stays a
 *      magistrate in "Mme Dupont a fait son rapport"; a party who is also "avocat" by trade stays a party
 *      when the decision says "avocat de M. X"), a mention's own strong party evidence always wins.
 * Every scan is a pass over the tokens with regexes on bounded windows: linear in the text size.
 */
import type { Span } from './span.ts';
import type { Category } from './categories.ts';
import type { Lexicons } from './lexicon.ts';
import { fold, shapeOf, tf, type Token } from './text.ts';
import { HARD_STOP, PARTICLES, SOFT_STOP } from './names.ts';
import type { Block, Structure } from './structure.ts';

export type Role = 'party' | 'mag' | 'avo';
interface Range { start: number; end: number }

export interface Mention {
  /** token range of the name run */
  from: number;
  to: number;
  start: number;
  end: number;
  first: Range[];
  last: Range | null;
  lastKey: string | null;
  firstKey: string | null;
  kind: 'civ' | 'title' | 'bare' | 'field' | 'alias' | 'married';
  /** the words of the run (empty for form fields) */
  words: Run['words'];
  /** character position where the context "before" ends (the civility start, or the run start) */
  anchor: number;
  ev: { party: number; mag: number; avo: number };
  role: Role;
  /** person identity shared by linked mentions (first name + surname, married name, alias) */
  personKey: string;
}

export interface PersonResult {
  mentions: Mention[];
  spans: Span[];
  /** folded surname → role decided for the document */
  surnameRole: Map<string, Role>;
}

const CIVILITY_WORDS = new Set(['mme', 'mmes', 'mlle', 'mlles', 'melle', 'monsieur', 'madame', 'mademoiselle', 'messieurs', 'mesdames', 'docteur', 'professeur', 'mr']);
const CIVILITY_DOT = new Set(['m', 'mm', 'dr', 'pr']);
const PLURAL_CIV = new Set(['mm', 'mmes', 'messieurs', 'mesdames', 'mes', 'maitres', 'mlles']);
const TITLE_WORDS = new Set(['me', 'maitre', 'mes', 'maitres']);
const APOS = /^['’]$/;

// ---------------------------------------------------------------- context expressions

/** "président(e)" as a role of the bench, not "président de la société X" (a party's representative) */
const PRESIDENT =
  "pr[ée]sident(?:e)?(?![ \\t]+(?:de[ \\t]+(?:la\\s+|l['’])?(?:société|association|SAS|SARL|SA\\b|syndicat|fédération|fondation|mutuelle|caisse|club|comité|groupe|holding|CSE|conseil d['’]administration|conseil de surveillance|directoire|collectif|union|chambre de commerce|chambre des métiers|communauté|SCI|entreprise|fédération)|du\\s+(?:conseil d['’]administration|conseil de surveillance|directoire|syndicat|groupe|comité|club|CSE)|directeur|-directeur|d['’]honneur))";
const CONSEILLER = "conseill(?:er|ère)s?\\b(?![ \\t]+(?:municipal|général|régional|départemental|en\\s|financier|clientèle|commercial|principal|d['’]orientation|juridique|technique|prud|d['’]état|du salarié|syndical))";
const MAG_ROLE =
  `(?:(?:en qualité de|faisant fonctions? de|f\\.f\\.|ff)\\s+)?(?:premi(?:er|ère)\\s+|1(?:er|ère)\\s+|vice-)?(?:${PRESIDENT}|${CONSEILLER}|greffi(?:er|ère)s?\\b(?![ \\t]+stagiaire)|juges?\\b|juge-commissaire|magistrat|avocat(?:e)?s?\\s+généra|procureur|substitut|rapporteu|assesseu|doyen|auditeu|directeur de greffe|directrice de greffe|adjointe? administrati|secrétaire (?:de chambre|greffier)|membres? de la (?:cour|chambre|formation))`;
/** role words right after a name: "Mme X, conseillère", "X (président)", "Mme Royer\nRapporteure" */
const MAG_AFTER = new RegExp(`^[ \\t]*(?:[,(–-][ \\t]*)?(?:\\n[ \\t]*)?${MAG_ROLE}`, 'iu');
/** "M. X, Mme Y, conseillers": a list of names closed by a role word */
const NAME_ITEM = "(?:(?:M\\.|Mme|Mmes|MM\\.|Monsieur|Madame|Me)\\s+)?[\\p{Lu}][\\p{L}'’.-]*(?:[ -]+(?:de |d['’]|le |la |du )?[\\p{Lu}][\\p{L}'’.-]*){0,3}";
const MAG_LIST_AFTER = new RegExp(`^(?:\\s*(?:,|et|,\\s*et)\\s*${NAME_ITEM})+\\s*,?\\s*(?:${MAG_ROLE})`, 'u');
const AVO_AFTER = /^[ \t]*(?:[,(–-][ \t]*)?(?:avocat(?:e)?s?\b(?!\s+généra)|plaidant|postulant|toque|société d['’]avocats)/iu;
const PARTY_AFTER = new RegExp(
  '^[ \\t]*(?:[,(–-][ \\t]*)?(?:' +
    [
      "n[ée]e?s?\\s+(?:le|à|en|au|vers|d['’]|de)(?!\\p{L})", 'N[ÉE]E?S?\\s', 'demeurant', 'domicili', 'résid', 'épou', 'veuve', 'divorc', 'de nationalité',
      'agissant', 'pris(?:e)?\\s+en', "(?:ès|es|en\\s+sa|en\\s+son|en\\s+leur)[ -]?qualit", 'mandataire', 'liquidateur',
      'administrat(?:eur|rice)\\s+(?:judiciaire|provisoire|ad hoc)', "commissaire (?:à l|au plan|de justice)", 'interpr[èe]te', 'expert',
      'témoin', 'huissier', 'notaire', 'médecin', 'gérante?', 'directeur', 'directrice', 'salarié', 'employé', 'prévenu', 'partie civile',
      'appelant', 'intimé', 'demandeu', 'défendeu', 'requérant', 'comparant', 'non comparant', 'retenu', 'sans profession',
      "(?:a|ont|avait|avaient|aurait)\\s+(?:formé|interjeté|relevé|saisi)\\b", 'ci-après', 'fils', 'fille',
      'mère', 'père', 'frère', 'sœur', 'soeur', 'époux', 'conjoint', 'compagne', 'compagnon', 'tuteur', 'curateur', 'héritier', 'ayant droit',
      'représentant légal', 'en sa qualité', 'associé', 'dirigeant', 'victime', 'greffi(?:er|ère) stagiaire', 'stagiaire',
    ].join('|') +
    ')',
  'iu',
);
/** the end of the text before a name that makes it a magistrate or clerk */
const MAG_BEFORE =
  /(?:présidée? par|tenue par|signée? par|composée? de|Nous,|(?:^|\n)[ \t\-–•]*(?:Pr[ée]sidente?|PR[ÉE]SIDENTE?|Assesseurs?|ASSESSEURS?|Conseill(?:er|ère)s?|CONSEILL(?:ER|ÈRE)S?|Greffi(?:er|ère)(?:\s+lors[^:\n]{0,40})?|GREFFI(?:ER|ÈRE)(?:\s+LORS[^:\n]{0,40})?|Juges?(?:\s+[^:\n]{0,40})?|JUGES?|Magistrats?(?:\s+[^:\n]{0,40})?|MAGISTRATS?(?:\s+[^:\n]{0,40})?|Minist[èe]re public|MINIST[ÈE]RE PUBLIC|Rapporteu\w*(?:\s+public\w*)?|Composition[^:\n]{0,80}|COMPOSITION[^:\n]{0,80})\s*:)\s*(?:M\.|Mme|Monsieur|Madame|Maître)?\s*$/iu;
/** the end of the text before a name that makes it a party (or a masked third person) */
const PARTY_BEFORE =
  /(?:avocats?\s+(?:de|du|des|pour)|conseil\s+de|représentant\s+(?:de|légal)|pour le compte de|en la personne de|à l['’]encontre de|\bcontre|\bC\s*\/|l['’]opposant\s+(?:à|aux)|opposant\s+(?:à|aux)|au profit de|aux intérêts de|au nom de|l['’]expert(?:e)?|expert(?:e)? judiciaire|interprète|le docteur|la docteure?|l['’]huissier|le notaire|épouse|époux|veuve|se disant(?: également)?|alias|dite?|connue? sous le nom de|fils de|fille de|enfants?|Nom du ressortissant\s*:|[ÉE]tranger\s*:|ETRANGER\s*:)\s*(?:M\.|Mme|Monsieur|Madame|Mademoiselle|MM\.|Mmes)?\s*$/iu;
/** a name inside a law firm's name: "la SELARL BALAVOINE et DAVID", "SCP Célice, Texidor, Périer" */
const FIRM_BEFORE = /\b(?:SCP|S\.C\.P\.|SELARL|S\.E\.L\.A\.R\.L\.|SELAS|SELAFA|AARPI|SELEURL|SELURL|SCPA|Selarl|Scp|société d['’]avocats|cabinet d['’]avocats)\s[^;:\n]{0,60}$/u;
const PARTNER_NAME = "[\\p{Lu}][\\p{L}'’-]*(?:[ \\t]+(?:(?:[Dd]e|[Ll]e|[Ll]a|[Dd]u|[Dd]es)[ \\t]+)?[\\p{Lu}][\\p{L}'’-]*)+";
const PARTNER_LIST = new RegExp(
  `(?:[Ss]ociété|SCP|S\\.C\\.P\\.)[ \\t]+((?:${PARTNER_NAME}[ \\t]*(?:,[ \\t]*|[ \\t]+et[ \\t]+))+${PARTNER_NAME})[ \\t]*,?[ \\t]*(?:société civile professionnelle|notaires?\\b|huissiers?\\b|commissaires? de justice)`,
  'gu',
);
const FIRM_FORM_TOKEN = /^(?:SCP|SELARL|SELARLU|SELAS|SELAFA|AARPI|SCPA|SELEURL|SELURL|Selarl|Selarlu|Scp)$/u;
const NOTARY_AFTER = /^[^;\n]{0,40}\b(?:notaires?|huissiers?|commissaires? de justice|commissaires?-priseurs?|mandataires?|liquidateurs?|administrateurs? judiciaires?|géomètres?|experts?)/iu;
/** introducers of a masked third person, enough for a single unknown word ("l'expert Parvu", "en la personne de FABIEN ANDRE") */
const STRONG_INTRO = /(?:l['’]expert(?:e)?|expert(?:e)?\s+judiciaire|interprète|le témoin|la témoin|l['’]huissier|le notaire|en la personne de|Nom du ressortissant\s*:|se disant(?: également)?|alias)\s*$/iu;
/** "Me X, mandataire judiciaire", "en la personne de Me X": a lawyer's title on someone acting as a party */
const MANDATAIRE_AFTER = /^[\s,]*(?:\(|pris(?:e)?\s+en\s+|comme\s+|en qualité de\s+|agissant\s+)?(?:syndic|ès[ -]?qualit|es[ -]?qualit|mandataire|liquidateur|administrat(?:eur|rice)|commissaire|huissier|notaire|pris en sa qualité|en sa qualité|agissant)/iu;
const MANDATAIRE_BEFORE = /(?:en la personne de|mandataire|liquidateur|administrateur judiciaire|notaire|huissier|commissaire de justice)\s*(?:Me|Maître|maître)?\s*$/iu;
/** label of a colon field naming a masked third person: "l'interprète ... : Mme X" */
const PARTY_LABEL = /(?:interprète|expert|témoin)[^:\n]{0,120}:\s*(?:M\.|Mme|Monsieur|Madame)?\s*$/iu;
/** zones where every name is a member of the bench ("où étaient présents ...", "siégeaient : ...") */
const BENCH_ZONE = /(?:étaient présents|siégeaient|ainsi composée?|composée lors des débats|composée de)/giu;

const PLACE_BEFORE =
  /(?:\b\d{5}|\b(?:barreau|cour d'appel|tribunal|conseil|chambre|pôle|centre|maison d'arrêt|hôpital|clinique|lycée|collège|école|université|commune|ville|département|région)\s+(?:de|d['’]|du|des)|\b(?:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|square|cours|route|voie|passage|rond-point|résidence|lycée|collège|école|stade|salle|hôpital|clinique|centre|parc|pont|port|gare|aéroport|lieu-dit|mail|esplanade|promenade|cité|hameau|faubourg|sentier|montée|parvis)\s+(?:du\s+|de\s+la\s+|de\s+l['’]|des\s+|de\s+|d['’])?)\s*$/iu;

// ---------------------------------------------------------------- reading names

export function isCivilityAt(toks: Token[], i: number): number {
  const t = toks[i];
  if (!t || t.kind !== 'word') return 0;
  const f = tf(t);
  const dot = toks[i + 1]?.text === '.' && toks[i + 1].start === t.end;
  if (CIVILITY_DOT.has(f) && /^[MDP]/.test(t.text)) {
    if (dot) return 2;
    if ((f === 'dr' || f === 'pr') && t.text.length === 2) return 1;
    return 0;
  }
  if (CIVILITY_WORDS.has(f)) {
    if (/^\p{Ll}/u.test(t.text) && f !== 'docteur' && f !== 'professeur') return 0;
    return dot ? 2 : 1;
  }
  return 0;
}
function isTitleAt(toks: Token[], i: number): number {
  const t = toks[i];
  if (!t || t.kind !== 'word' || !TITLE_WORDS.has(tf(t))) return 0;
  if (tf(t) === 'me' && !/^(Me|ME)$/.test(t.text)) return 0;
  if (tf(t) === 'mes' && t.text !== 'Mes') return 0;
  return toks[i + 1]?.text === '.' && toks[i + 1].start === t.end ? 2 : 1;
}

const isUpperWord = (s: string) => shapeOf(s) === 'upper' && s.length >= 2;
const isParticleTok = (t: Token | undefined) => !!t && t.kind === 'word' && PARTICLES.has(tf(t));

/** A token that may be a name word in the given mode. */
function nameTok(toks: Token[], k: number, civ: boolean): boolean {
  const t = toks[k];
  if (!t || t.kind !== 'word' || !/^\p{Lu}/u.test(t.text)) return false;
  const f = tf(t);
  if (HARD_STOP.has(f)) return false;
  if (SOFT_STOP.has(f)) {
    if (!civ) return false;
    // "Mai" after a civility is a name, "22 MAI 2024" is a date
    if (toks[k + 1]?.kind === 'num' || toks[k - 1]?.kind === 'num') return false;
  }
  return true;
}

/** function words that are never a surname, even short and capitalised after a civility */
const NEVER_SURNAME = new Set(['et', 'de', 'du', 'des', 'la', 'les', 'en', 'au', 'aux', 'a', 'à', 'par', 'sur', 'un', 'une', 'il', 'ils', 'elle', 'on', 'ne', 'se', 'ce', 'sa', 'son', 'ses', 'qui', 'que', 'dit', 'ou', 'si', 'n', 'no']);
/**
 * A short capitalised word in a name position whose shape says surname although it is a stop word:
 * "M. Vu", "Mme Le," "M. Margareta VU né le" (Vietnamese surnames Vu, Le, Ha, Do…). Only before a
 * non-capitalised token, so "M. Le Goff" and "M. LE PRÉFET" are read otherwise.
 */
function shortSurnameAt(toks: Token[], j: number): boolean {
  const t = toks[j];
  if (!t || t.kind !== 'word' || t.text.length > 3 || !/^\p{Lu}/u.test(t.text) || NEVER_SURNAME.has(tf(t))) return false;
  if (shapeOf(t.text) === 'initial') return false;
  const nx = toks[j + 1];
  return !nx || nx.nl || nx.kind !== 'word' || !/^\p{Lu}/u.test(nx.text);
}

function tokAt(toks: Token[], pos: number): number {
  let lo = 0, hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Run { to: number; words: { s: number; e: number; upper: boolean; initial: boolean; particle: boolean; tok: number }[] }

/**
 * Reads a run of name words from token i on one line: capitalised or uppercase words, initials ("J.",
 * "E.VET"), particles inside a name ("de La Roche", "d'ARDAILHON", "Van der Berg"), N'Diaye forms.
 * Returns null when the run is a title ("LE PRÉFET", "la Directrice").
 */
export function readRun(toks: Token[], i: number, civ: boolean, maxWords = 5): Run | null {
  const words: Run['words'] = [];
  let j = i;
  while (j < toks.length && words.length < maxWords) {
    const t = toks[j];
    if (j > i && t.nl) break;
    if (t.kind !== 'word') break;
    const sh = shapeOf(t.text);
    // particles: "de", "Le", "d'", "VAN" followed by a name word
    if (isParticleTok(t) && !(sh === 'initial' && toks[j + 1]?.text === '.')) {
      let k = j + 1;
      if (APOS.test(toks[k]?.text ?? '') && toks[k].start === t.end) k++;
      while (k < toks.length && isParticleTok(toks[k]) && !toks[k].nl && k - j < 4) {
        k++;
        if (APOS.test(toks[k]?.text ?? '')) k++;
      }
      const nx = toks[k];
      if (!nx || nx.nl || nx.kind !== 'word' || !/^\p{Lu}/u.test(nx.text)) {
        // "M. Le a déclaré", "Mme Vu," : a short capitalised surname that looks like a particle
        if (civ && shortSurnameAt(toks, j)) words.push({ s: t.start, e: t.end, upper: sh === 'upper', initial: false, particle: false, tok: j });
        break;
      }
      if (HARD_STOP.has(tf(nx))) {
        if (words.length === 0) return null; // "M. LE PRÉFET", "Mme la Présidente"
        break;
      }
      if (words.length === 0 && /^\p{Ll}/u.test(t.text) && !APOS.test(toks[j + 1]?.text ?? '')) break; // a run never starts with "de"
      // particles belong to the next word
      const s = t.start;
      j = k;
      const w = toks[j];
      words.push({ s, e: w.end, upper: shapeOf(w.text) === 'upper', initial: false, particle: false, tok: j });
      j++;
      continue;
    }
    // N'Diaye, O'NEIL, D'Almeida (the letter may be a stop word on its own: "N" of "N°")
    if (sh === 'initial' && APOS.test(toks[j + 1]?.text ?? '') && toks[j + 1].start === t.end) {
      const w = toks[j + 2];
      if (w && w.start === toks[j + 1].end && w.kind === 'word' && /^\p{Lu}/u.test(w.text) && !HARD_STOP.has(tf(w))) {
        words.push({ s: t.start, e: w.end, upper: shapeOf(w.text) === 'upper', initial: false, particle: false, tok: j + 2 });
        j += 3;
        continue;
      }
      break;
    }
    if (!nameTok(toks, j, civ)) {
      if (civ && shortSurnameAt(toks, j)) words.push({ s: t.start, e: t.end, upper: sh === 'upper', initial: false, particle: false, tok: j });
      break;
    }
    if (sh === 'initial') {
      const dot = toks[j + 1]?.text === '.' && toks[j + 1].start === t.end;
      // "S.A.S.", "S.C.P.", "W.CLUB": dotted abbreviations are not initials
      const prevDot = toks[j - 1]?.text === '.' && toks[j - 1].end === t.start;
      const nx = toks[j + 2];
      if (prevDot || (dot && nx && nx.start === toks[j + 1].end && nx.kind === 'word' && (nx.text.length === 1 || shapeOf(nx.text) !== 'upper' || HARD_STOP.has(tf(nx))))) break;
      if (APOS.test(toks[j + 1]?.text ?? '') && toks[j + 1].start === t.end && toks[j + 2] && toks[j + 2].start === toks[j + 1].end && /^\p{Lu}/u.test(toks[j + 2].text)) {
        // N'Diaye, O'NEIL
        words.push({ s: t.start, e: toks[j + 2].end, upper: shapeOf(toks[j + 2].text) === 'upper', initial: false, particle: false, tok: j + 2 });
        j += 3;
        continue;
      }
      if (!dot) break;
      words.push({ s: t.start, e: toks[j + 1].end, upper: false, initial: true, particle: false, tok: j });
      j += 2;
      continue;
    }
    words.push({ s: t.start, e: t.end, upper: sh === 'upper', initial: false, particle: false, tok: j });
    j++;
  }
  // a run of initials only is no name; trailing initials belong to the next word ("E." alone is not a name)
  while (words.length && words[words.length - 1].initial) words.pop();
  if (!words.length) return null;
  const lastTok = words[words.length - 1].tok;
  return { to: lastTok + 1, words };
}

/**
 * Splits a run into first names and surname (Label's conventions): UPPER words are the surname when
 * mixed with Capitalised ones ("Marie DUPONT", "DUPONT Marie"), else the last word with its particles.
 * `knownSurnames` (folded multi-word surnames shared by several people) wins when it matches the tail.
 */
export function splitWords(text: string, words: Run['words'], knownSurnames?: Set<string>) {
  const n = words.length;
  let lastFrom = n - 1, lastTo = n;
  const core = words.filter((w) => !w.initial);
  const hasUpper = core.some((w) => w.upper);
  const hasLower = core.some((w) => !w.upper);
  if (hasUpper && hasLower) {
    const firstUpper = words.findIndex((w) => w.upper);
    if (firstUpper === 0) {
      let e = 0;
      while (e < n && words[e].upper) e++;
      lastFrom = 0;
      lastTo = e;
    } else {
      lastFrom = firstUpper;
      let e = firstUpper;
      while (e < n && words[e].upper) e++;
      lastTo = e;
      // "Jean DUPONT Marie" is rare: trailing capitalised words after the surname are first names too
    }
  } else if (knownSurnames && n >= 3) {
    for (let k = 1; k < n - 1; k++) {
      if (knownSurnames.has(fold(text.slice(words[k].s, words[n - 1].e)))) { lastFrom = k; break; }
    }
  }
  const last = { start: words[lastFrom].s, end: words[lastTo - 1].e };
  const firstWords = [...words.slice(0, lastFrom), ...words.slice(lastTo)];
  const first: Range[] = [];
  for (const w of firstWords) {
    const prev = first[first.length - 1];
    if (prev && w.s - prev.end <= 2 && /^[\s-]*$/.test(text.slice(prev.end, w.s))) prev.end = w.e;
    else first.push({ start: w.s, end: w.e });
  }
  return { first, last };
}

// ---------------------------------------------------------------- detection

export interface PersonOptions {
  lexicons: Lexicons;
  structure: Structure;
}

export function detectPeople(text: string, toks: Token[], opts: PersonOptions): PersonResult {
  const { structure, lexicons } = opts;
  const words = lexicons.words;
  const used = new Uint8Array(toks.length);
  const mentions: Mention[] = [];
  let counter = 0;
  const lineStartOf = (pos: number) => structure.lines[structure.lineAt(pos)].start;
  const lineEndOf = (pos: number) => structure.lines[structure.lineAt(pos)].end;

  const add = (run: Run, kind: Mention['kind'], anchor: number, personKey?: string, allSurname = false): Mention => {
    const split = allSurname
      ? { first: [], last: { start: run.words[0].s, end: run.words[run.words.length - 1].e } }
      : splitWords(text, run.words);
    const from = run.words[0].tok;
    for (let k = from; k < run.to; k++) used[k] = 1;
    const m: Mention = {
      from, to: run.to, start: run.words[0].s, end: run.words[run.words.length - 1].e,
      first: split.first, last: split.last,
      lastKey: split.last ? fold(text.slice(split.last.start, split.last.end)) : null,
      firstKey: split.first.length ? fold(text.slice(split.first[0].start, split.first[0].end)) : null,
      kind, words: run.words, anchor, ev: { party: 0, mag: 0, avo: 0 }, role: 'party', personKey: personKey ?? `p${++counter}`,
    };
    mentions.push(m);
    return m;
  };

  // 1. civilities and lawyer titles
  for (let i = 0; i < toks.length; i++) {
    const civ = isCivilityAt(toks, i);
    const title = civ ? 0 : isTitleAt(toks, i);
    if (!civ && !title) continue;
    const f = tf(toks[i]);
    let j = i + (civ || title);
    // "M. et Mme X": the name belongs to the last civility
    if ((toks[j] ? tf(toks[j]) : '') === 'et' && (isCivilityAt(toks, j + 1) || isTitleAt(toks, j + 1))) continue;
    const run = readRun(toks, j, true);
    if (!run) continue;
    const m = add(run, title ? 'title' : 'civ', toks[i].start);
    i = run.to - 1;
    // married / birth names and aliases: "X épouse Y", "née Y", "dit Y"
    let k = run.to;
    if (toks[k]?.text === ',' && /^(epouse|ep|nee|veuve|dit|dite|alias)$/.test((toks[k + 1] ? tf(toks[k + 1]) : ''))) k++;
    const w = (toks[k] ? tf(toks[k]) : '');
    if (/^(epouse|ep|nee|veuve|divorcee)$/.test(w)) {
      k++;
      if (toks[k]?.text === '.') k++;
      const r2 = readRun(toks, k, true, 4);
      if (r2 && !toks[k].nl) {
        add(r2, 'married', toks[k].start, m.personKey, true);
        i = r2.to - 1;
      }
    } else if (/^(dit|dite|alias)$/.test(w)) {
      const r2 = readRun(toks, k + 1, true, 4);
      if (r2 && !toks[k + 1].nl) {
        add(r2, 'alias', toks[k + 1].start);
        i = r2.to - 1;
      }
    }
    // "MM. A et B", "Mmes A, B, C": the plural civility covers the list
    if (PLURAL_CIV.has(f)) {
      let q = Math.max(run.to, i + 1);
      while (q < toks.length && (toks[q].text === ',' || tf(toks[q]) === 'et') && !toks[q + 1]?.nl) {
        if (toks[q].text === ',' && (toks[q + 1] ? tf(toks[q + 1]) : '') === 'et') q++;
        if (isCivilityAt(toks, q + 1) || isTitleAt(toks, q + 1)) break;
        const r2 = readRun(toks, q + 1, true);
        if (!r2) break;
        add(r2, title ? 'title' : 'civ', toks[q + 1].start);
        q = r2.to;
        i = r2.to - 1;
      }
    }
  }

  // 2. bare names: shapes, name-only lines of blocks, role words, aliases
  for (let i = 0; i < toks.length; i++) {
    if (used[i] || toks[i].kind !== 'word' || !/^\p{Lu}/u.test(toks[i].text)) continue;
    if (i > 0 && !toks[i].nl && toks[i - 1].kind === 'word' && /^\p{Lu}/u.test(toks[i - 1].text) && !used[i - 1] && !HARD_STOP.has(tf(toks[i - 1]))) continue;
    let run = readRun(toks, i, false);
    if (!run) continue;
    // "Assistée de Luthfi NGUYEN": an everyday word before a particle opens the sentence, the name starts after it
    if (run.words.length >= 2 && words.has(tf(toks[i])) && /^\p{Ll}+['’]?\s*$/u.test(text.slice(run.words[1].s, toks[run.words[1].tok].start))) {
      const r2 = readRun(toks, run.words[1].tok, false);
      if (!r2) continue;
      run = r2;
    }
    const ws = run.words;
    const start = ws[0].s, end = ws[ws.length - 1].e;
    const ls = lineStartOf(start);
    const before = text.slice(Math.max(ls, start - 120), start);
    // a lone capitalised word (most sentence starts) is a name only after an alias word or a strong introducer
    if (ws.length === 1 && !ws[0].upper) {
      const intro = /(?:se disant(?: également)?|alias|dite?|connue? sous le nom de)\s*$/iu.test(before) ? 'alias' : STRONG_INTRO.test(before) && !words.has(fold(text.slice(start, end))) ? 'role' : null;
      if (intro) {
        add(run, 'bare', start);
        i = run.to - 1;
      }
      continue;
    }
    const le = lineEndOf(start);
    const after = text.slice(end, Math.min(text.length, end + 120));
    const block = structure.blockAt(start);
    const lineText = text.slice(ls, Math.min(le, ls + 200)).trim();
    const nameOnlyLine = lineText.length <= 80 && isNameOnly(text.slice(start, end), lineText);
    const hasUpper = ws.some((w) => w.upper && !w.initial);
    const hasCap = ws.some((w) => !w.upper && !w.initial);
    const hasInitial = ws.some((w) => w.initial);
    const unknown = ws.some((w) => !words.has(fold(text.slice(w.s, w.e)).replace(/^(?:d|l)['’]/, '')));
    // places, not people: "69003 Lyon SUD", "barreau de PARIS", "rue Victor HUGO", "lycée Jean MOULIN"
    const afterPostcode = PLACE_BEFORE.test(before);
    const allCapsLine = !/\p{Ll}{2}/u.test(lineText.replace(/\b(?:Me|Mme|M)\b/g, ''));
    // "Tribunal Judiciaire de LYON", "Société Générale": a name never follows an institution word directly
    const prevTok = toks[i - 1];
    const afterFirmForm = !!prevTok && FIRM_FORM_TOKEN.test(prevTok.text) || /(?:S\.C\.P|S\.E\.L\.A\.R\.L|S\.E\.L\.A\.S)\.?\s*$/u.test(text.slice(Math.max(0, start - 16), start));
    const afterInstitution = !afterFirmForm && !!prevTok && !toks[i].nl && prevTok.kind === 'word' && /^\p{Lu}/u.test(prevTok.text) && HARD_STOP.has(tf(prevTok));
    const communeFirst = ws.length >= 2 && ws[0].upper && !ws[1].upper && lexicons.communes.has(fold(text.slice(ws[1].s, ws[1].e)));
    let kind: 'shape' | 'line' | 'role' | 'alias' | null = null;
    if (/(?:se disant(?: également)?|alias|dite?|connue? sous le nom de)\s*$/iu.test(before)) kind = 'alias';
    else if (STRONG_INTRO.test(before) && (ws.length >= 2 || hasUpper || unknown)) kind = 'role';
    else if ((ws.length >= 2 || hasUpper) && (MAG_AFTER.test(after) || /^[ \t]*,?[ \t]*(?:interpr[èe]te|expert|témoin)/iu.test(after) || MAG_BEFORE.test(before) || PARTY_LABEL.test(before))) kind = 'role';
    else if ((ws.length >= 2 || hasUpper) && /^\s*,?\s*(?:n[ée]e?s?|N[ÉE]E?S?)\s+(?:le|à|en|LE|À)(?!\p{L})/u.test(after)) kind = 'role';
    else if (ws.length >= 2 && /(?:l['’]expert(?:e)?|expert(?:e)?\s+judiciaire|interprète|le témoin|la témoin|l['’]huissier|le notaire)\s*$/iu.test(before)) kind = 'role';
    // "Marion DUMITRU", "E. VET" in prose; "DUMITRU Marion" only where names are listed (blocks, name-only lines)
    else if (!allCapsLine && ws.length >= 2 && hasUpper && (hasCap || hasInitial) && unknown && !afterPostcode && !afterInstitution && !communeFirst && (!ws[0].upper || nameOnlyLine || block !== 'none')) kind = 'shape';
    // "S.C.P. MATHILDE CHARTIER NOTAIRE ASSOCIE": a notary's or bailiff's firm is named after people
    else if (afterFirmForm && ws.length >= 2 && ws.every((w) => w.e - w.s >= 3) && unknown && NOTARY_AFTER.test(after)) kind = 'role';
    // name-only lines of blocks: "Margot Royer" (signature), "GAUTHIER" (caption); an all-caps line of several
    // words is more often a company ("BNP PARIBAS", "METROPOLE DE LYON") than a person
    else if (nameOnlyLine && block !== 'none' && !afterPostcode && !afterInstitution && unknown && (ws.length === 1 ? hasUpper : !allCapsLine)) kind = 'line';
    if (!kind) continue;
    add(run, 'bare', start);
    i = run.to - 1;
  }

  // 3. partners named in a firm of notaries or bailiffs: "la société Jean Medard, Aminte Guillon et Justin Renaud,
  //    société civile professionnelle", "SCP Durand et Martin, notaires": each partner is a person
  const partners = new Set<Mention>();
  for (const m of text.matchAll(PARTNER_LIST)) {
    const from = m.index! + m[0].indexOf(m[1]);
    const to = from + m[1].length;
    for (let k = tokAt(toks, from); k < toks.length && toks[k].start < to; k++) {
      if (toks[k].kind !== 'word' || !/^\p{Lu}/u.test(toks[k].text)) continue;
      const r = readRun(toks, k, true, 4);
      if (!r || r.words.length < 2) continue;
      if (!used[k]) partners.add(add(r, 'bare', toks[k].start));
      else for (const x of mentions) if (x.from === k) partners.add(x);
      k = r.to - 1;
    }
  }

  // 4. "Nom : DUPONT" / "Prénom(s) : Jean" form fields
  for (const m of text.matchAll(/\b(Nom(?: de naissance| d'usage| patronymique)?|Prénoms?)\s*:\s*([\p{Lu}][\p{L}'’ -]*[\p{L}])/gu)) {
    const val = m[2];
    const s = m.index! + m[0].length - val.length;
    const isFirst = m[1].startsWith('Pr');
    mentions.push({
      from: -1, to: -1, start: s, end: s + val.length,
      first: isFirst ? [{ start: s, end: s + val.length }] : [], last: isFirst ? null : { start: s, end: s + val.length },
      lastKey: isFirst ? null : fold(val), firstKey: isFirst ? fold(val) : null,
      kind: 'field', words: [], anchor: s, ev: { party: 3, mag: 0, avo: 0 }, role: 'party', personKey: 'fields',
    });
  }

  resolveCompoundSurnames(text, mentions, (pos) => {
    const L = structure.lines[structure.lineAt(pos)];
    return /\p{Ll}{2}/u.test(text.slice(L.start, Math.min(L.end, L.start + 300)).replace(/\b(?:Me|Mme|M)\b/g, ''));
  });

  // ------------------------------------------------------------ evidence
  const benchZones: Range[] = [];
  for (const z of text.matchAll(BENCH_ZONE)) {
    const s = z.index!;
    const stop = text.slice(s, s + 2500).search(/\n[ \t]*\n|;\s*\n|\.\s*\n|\ba rendu\b/);
    benchZones.push({ start: s, end: s + (stop < 0 ? 2500 : stop) });
  }
  let zi = 0;
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  for (const m of sorted) {
    if (m.kind === 'field') continue;
    const ev = m.ev;
    const after = text.slice(m.end, m.end + 140);
    const ls = lineStartOf(m.anchor);
    const before = text.slice(Math.max(ls > m.anchor - 160 ? ls : m.anchor - 160, 0), m.anchor);
    const beforeMulti = text.slice(Math.max(0, m.anchor - 50), m.anchor);
    const block: Block = structure.blockAt(m.start);
    if (m.kind === 'title') {
      if (MANDATAIRE_AFTER.test(after) || MANDATAIRE_BEFORE.test(beforeMulti)) ev.party += 3;
      else ev.avo += 3;
    }
    if (m.kind === 'married' || m.kind === 'alias' || partners.has(m)) ev.party += 3;
    if (m.kind === 'bare' && FIRM_BEFORE.test(before)) {
      if (NOTARY_AFTER.test(after)) ev.party += 3;
      else ev.avo += 3;
    }
    if (MAG_AFTER.test(after) || MAG_LIST_AFTER.test(after)) ev.mag += m.kind === 'title' ? 4 : 3;
    else if (AVO_AFTER.test(after)) ev.avo += m.kind === 'civ' ? 1 : 3;
    else if (PARTY_AFTER.test(after)) ev.party += 3;
    if (MAG_BEFORE.test(before)) ev.mag += 3;
    if (m.kind !== 'title' && (PARTY_BEFORE.test(beforeMulti) || PARTY_LABEL.test(before))) ev.party += 3;
    while (zi < benchZones.length && benchZones[zi].end <= m.start) zi++;
    const inZone = zi < benchZones.length && benchZones[zi].start <= m.start;
    if (inZone && m.kind !== 'title') ev.mag += 2;
    if (block === 'party' || block === 'caption') ev.party += 2;
    else if (block === 'bench') ev.mag += 2;
    else if (block === 'signature') ev.mag += 3;
    if (m.kind === 'civ' || m.kind === 'bare') ev.party += 0.5;
  }

  // ------------------------------------------------------------ one role per surname (document level)
  const totals = new Map<string, { party: number; mag: number; avo: number }>();
  for (const m of mentions) {
    if (!m.lastKey) continue;
    const t = totals.get(m.lastKey) ?? { party: 0, mag: 0, avo: 0 };
    t.party += m.ev.party;
    t.mag += m.ev.mag;
    t.avo += m.ev.avo;
    totals.set(m.lastKey, t);
  }
  const surnameRole = new Map<string, Role>();
  for (const [k, t] of totals) surnameRole.set(k, decide(t));
  // a pro group with party first names elsewhere: local strong party evidence wins (privacy first)
  // first names of each surname's clear parties, for the rare split of a surname between a party and a professional
  const partyFirst = new Map<string, Set<string>>();
  for (const m of mentions) {
    if (!m.lastKey || !m.firstKey || m.ev.party < 2) continue;
    (partyFirst.get(m.lastKey) ?? partyFirst.set(m.lastKey, new Set()).get(m.lastKey)!).add(m.firstKey);
  }
  for (const m of mentions) {
    const group = m.lastKey ? surnameRole.get(m.lastKey)! : decide(m.ev);
    const local = decide(m.ev);
    const strongLocal = Math.max(m.ev.party, m.ev.mag, m.ev.avo) >= 3;
    if (group !== 'party' && local === 'party' && m.ev.party >= 3) m.role = 'party';
    else if (group === 'party' && local !== 'party' && strongLocal && m.ev.party < 2 && m.firstKey && !partyFirst.get(m.lastKey ?? '')?.has(m.firstKey)) m.role = local;
    else m.role = group;
  }
  // a linked married name / alias follows its person
  const byPerson = new Map<string, Role>();
  for (const m of mentions) if (m.kind !== 'married') byPerson.set(m.personKey, m.role);
  for (const m of mentions) if (m.kind === 'married') m.role = byPerson.get(m.personKey) ?? 'party';

  // ------------------------------------------------------------ spans
  const spans: Span[] = [];
  for (const m of mentions) {
    if (m.role === 'party') {
      for (const f of m.first) spans.push(mk(f.start, f.end, 'personnePhysiquePrenom', score(m), m.personKey));
      if (m.last) spans.push(mk(m.last.start, m.last.end, 'personnePhysiqueNom', score(m), m.personKey));
    } else {
      spans.push(mk(m.start, m.end, m.role === 'mag' ? 'professionnelMagistratGreffier' : 'professionnelAvocat', 0.9, m.personKey));
    }
  }
  return { mentions, spans, surnameRole };
}

/**
 * Surnames of several words ("Nicolas Favre" shared by siblings, "Matos Reyes", "NORDSTRÖM FREDRIKSSON"):
 *   - a tail shared by several people with different first words is their (compound) surname;
 *   - a civility + words that is the tail of a longer mention of the decision ("M. Matos Reyes" and
 *     "M. Petri Matos Reyes") is a surname of several words;
 *   - after a civility, words all in capitals in a mixed-case line ("M. VALVERDE BRAVO") are the surname.
 * Every mention ending with a known multi-word surname is split accordingly.
 */
function resolveCompoundSurnames(text: string, mentions: Mention[], mixedCase: (pos: number) => boolean) {
  const key = (m: Mention, from: number) => fold(text.slice(m.words[from].s, m.words[m.words.length - 1].e)).replace(/\s+/g, ' ');
  const uniform = (m: Mention) => m.words.every((w) => w.upper) || m.words.every((w) => !w.upper);
  const known = new Set<string>();
  const tails = new Map<string, Set<string>>();
  const long = new Set<string>();
  for (const m of mentions) {
    if (m.words.length < 2 || m.words.some((w) => w.initial)) continue;
    if (m.words.length >= 3 && uniform(m)) {
      for (let k = 1; k <= m.words.length - 2; k++) long.add(key(m, k));
      const t = key(m, 1);
      (tails.get(t) ?? tails.set(t, new Set()).get(t)!).add(fold(text.slice(m.words[0].s, m.words[0].e)));
    }
  }
  for (const [t, firsts] of tails) if (firsts.size >= 2) known.add(t);
  for (const m of mentions) {
    if ((m.kind !== 'civ' && m.kind !== 'title') || m.words.length < 2 || m.words.some((w) => w.initial)) continue;
    const k = key(m, 0);
    if (uniform(m) && long.has(k)) known.add(k);
    else if (m.words.every((w) => w.upper) && mixedCase(m.start)) known.add(k);
  }
  if (!known.size) return;
  for (const m of mentions) {
    if (m.words.length < 2 || m.kind === 'married' || m.kind === 'field') continue;
    for (let k = 0; k <= m.words.length - 2; k++) {
      const t = key(m, k);
      if (!known.has(t)) continue;
      m.first = k > 0 ? [{ start: m.words[0].s, end: m.words[k - 1].e }] : [];
      m.last = { start: m.words[k].s, end: m.words[m.words.length - 1].e };
      m.lastKey = t;
      m.firstKey = k > 0 ? fold(text.slice(m.words[0].s, m.words[0].e)) : null;
      break;
    }
  }
}


/** The role with the most evidence; ties and silence go to the party (masking is the safe side). */
function decide(t: { party: number; mag: number; avo: number }): Role {
  if (t.mag > t.party && t.mag >= t.avo) return 'mag';
  if (t.avo > t.party && t.avo > t.mag) return 'avo';
  return 'party';
}

function score(m: Mention): number {
  const s = m.ev.party;
  return s >= 3 ? 0.95 : s >= 2 ? 0.9 : m.kind === 'bare' ? 0.75 : 0.85;
}

const mk = (start: number, end: number, category: Category, score: number, personKey?: string): Span => ({
  start, end, category, score, source: 'rule', personKey,
});

/** The line holds nothing but this name (and light punctuation): "Amza TOUSSAINT", "LÉGER", "- Margot Royer,". */
function isNameOnly(name: string, line: string): boolean {
  const rest = line.replace(name, ' ').replace(/\s+/g, ' ').trim();
  return /^[-–•*,.;:()]*\s*[,.;:()-]*$/.test(rest) || /^[-–•*]?\s*,?\s*(?:\(.*\))?$/.test(rest);
}
