/**
 * Reading person names on tokens: civilities and lawyers' titles, runs of name words (particles, initials,
 * N'Diaye forms, short surnames that look like stop words, two signatures side by side), and the split of
 * a run into first names and surname (Label's conventions: adjacent first names form one span, compound
 * surnames and particles form one span, civilities stay outside).
 */
import { fold, shapeOf, tf, type Token } from './text.ts';
import { HARD_STOP, PARTICLES, SOFT_STOP } from './names.ts';

interface Range {
  start: number;
  end: number;
}

const CIVILITY_WORDS = new Set([
  'mme',
  'mmes',
  'mlle',
  'mlles',
  'melle',
  'monsieur',
  'madame',
  'mademoiselle',
  'messieurs',
  'mesdames',
  'docteur',
  'professeur',
  'mr',
]);
const CIVILITY_DOT = new Set(['m', 'mm', 'dr', 'pr']);
export const PLURAL_CIV = new Set(['mm', 'mmes', 'messieurs', 'mesdames', 'mes', 'maitres', 'mlles']);
const TITLE_WORDS = new Set(['me', 'maitre', 'mes', 'maitres']);
const APOS = /^['’]$/;

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
export function isTitleAt(toks: Token[], i: number): number {
  const t = toks[i];
  if (!t || t.kind !== 'word' || !TITLE_WORDS.has(tf(t))) return 0;
  if (tf(t) === 'me' && !/^(Me|ME)$/.test(t.text)) return 0;
  if (tf(t) === 'mes' && t.text !== 'Mes') return 0;
  return toks[i + 1]?.text === '.' && toks[i + 1].start === t.end ? 2 : 1;
}

export const isParticleTok = (t: Token | undefined) => !!t && t.kind === 'word' && PARTICLES.has(tf(t));

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
const NEVER_SURNAME = new Set([
  'et',
  'de',
  'du',
  'des',
  'la',
  'les',
  'en',
  'au',
  'aux',
  'a',
  'à',
  'par',
  'sur',
  'un',
  'une',
  'il',
  'ils',
  'elle',
  'on',
  'ne',
  'se',
  'ce',
  'sa',
  'son',
  'ses',
  'qui',
  'que',
  'dit',
  'ou',
  'si',
  'n',
  'no',
  'les',
]);
/** role words that follow a name in apposition ("Mme Dupont Présidente"): never read as its surname */
const APPOSITION = new Set(
  (
    'président présidente conseiller conseillère greffier greffière juge juges magistrat magistrate avocat avocate rapporteur ' +
    'rapporteure assesseur procureur substitut expert experte interprète notaire huissier directeur directrice gérant gérante ' +
    'préfet préfète premier première vice délégué déléguée membre épouse époux veuve née né dite dit alias'
  )
    .split(' ')
    .map(fold),
);
/**
 * A capitalised stop word in a name position whose place says surname: "M. Vu", "Mme Le," "M. Margareta VU
 * né le" (Vietnamese Vu, Le, Ha, Do…), "M. Jean MAIRE, demeurant", "Mme Anne Juge a dit" (surnames that are
 * everyday words). Only at the end of a run (before a non-capitalised token, so "M. Le Goff" and "M. LE
 * PRÉFET" are read otherwise), never a role word in apposition ("Mme Dupont Présidente").
 */
function shortSurnameAt(toks: Token[], j: number): boolean {
  const t = toks[j];
  if (!t || t.kind !== 'word' || !/^\p{Lu}/u.test(t.text) || NEVER_SURNAME.has(tf(t)) || APPOSITION.has(tf(t))) return false;
  if (shapeOf(t.text) === 'initial') return false;
  const nx = toks[j + 1];
  return !nx || nx.nl || nx.kind !== 'word' || !/^\p{Lu}/u.test(nx.text) || HARD_STOP.has(tf(nx));
}

export function tokAt(toks: Token[], pos: number): number {
  let lo = 0,
    hi = toks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Run {
  to: number;
  words: { s: number; e: number; upper: boolean; initial: boolean; particle: boolean; tok: number }[];
}

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
    // two names side by side in a signature line: "Anne BUREL  Sophie MARTIN", "Ynes LAATER Marianne LA MESTA"
    if (words.length >= 2 && j > i) {
      if (t.start - toks[j - 1].end >= 2) break;
      const nx = toks[j + 1];
      if (
        words[words.length - 1].upper &&
        shapeOf(t.text) === 'cap' &&
        nx &&
        !nx.nl &&
        nx.kind === 'word' &&
        shapeOf(nx.text) === 'upper' &&
        nx.text.length > 1
      )
        break;
    }
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
        // … and "Seden NGUYEN VAN": a particle in capitals closing a surname in capitals
        const upperTail = sh === 'upper' && words.length > 0 && words[words.length - 1].upper;
        if ((civ || upperTail) && shortSurnameAt(toks, j))
          words.push({ s: t.start, e: t.end, upper: sh === 'upper', initial: false, particle: false, tok: j });
        break;
      }
      if (HARD_STOP.has(tf(nx))) {
        if (words.length === 0) return null; // "M. LE PRÉFET", "Mme la Présidente"
        // "Mme Clément NGUYEN VAN EPOUSE BARTH": the particle closes the surname
        if (sh === 'upper' && words[words.length - 1].upper && shortSurnameAt(toks, j))
          words.push({ s: t.start, e: t.end, upper: true, initial: false, particle: false, tok: j });
        break;
      }
      // a bare run never starts with a lowercase "de" ("de Lyon"); after a civility it may ("Mme de Villiers")
      if (words.length === 0 && !civ && /^\p{Ll}/u.test(t.text) && !APOS.test(toks[j + 1]?.text ?? '')) break;
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
      if (civ && shortSurnameAt(toks, j))
        words.push({ s: t.start, e: t.end, upper: sh === 'upper', initial: false, particle: false, tok: j });
      break;
    }
    if (sh === 'initial') {
      const dot = toks[j + 1]?.text === '.' && toks[j + 1].start === t.end;
      // "S.A.S.", "S.C.P.", "W.CLUB": dotted abbreviations are not initials
      const prevDot = toks[j - 1]?.text === '.' && toks[j - 1].end === t.start;
      const nx = toks[j + 2];
      if (
        prevDot ||
        (dot &&
          nx &&
          nx.start === toks[j + 1].end &&
          nx.kind === 'word' &&
          (nx.text.length === 1 || shapeOf(nx.text) !== 'upper' || HARD_STOP.has(tf(nx))))
      )
        break;
      if (
        APOS.test(toks[j + 1]?.text ?? '') &&
        toks[j + 1].start === t.end &&
        toks[j + 2] &&
        toks[j + 2].start === toks[j + 1].end &&
        /^\p{Lu}/u.test(toks[j + 2].text)
      ) {
        // N'Diaye, O'NEIL
        words.push({
          s: t.start,
          e: toks[j + 2].end,
          upper: shapeOf(toks[j + 2].text) === 'upper',
          initial: false,
          particle: false,
          tok: j + 2,
        });
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
  let lastFrom = n - 1,
    lastTo = n;
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
      if (knownSurnames.has(fold(text.slice(words[k].s, words[n - 1].e)))) {
        lastFrom = k;
        break;
      }
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
