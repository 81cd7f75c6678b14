/**
 * Light French stemmer (J. Savoy's "light" algorithm, as implemented by Lucene's
 * FrenchLightStemmer — the `light_french` stemmer used by code.travail.gouv.fr's Elasticsearch).
 *
 * Why light rather than Snowball: Snowball French also strips verb endings and many derivational
 * suffixes ("indemnisation"→"indemnis", "travaux"→"traval" but "travail"→"travail",
 * "congé"→"cong", "économique"→"économ"), which merges unrelated legal notions and makes the
 * highlighter's job harder. The light stemmer handles what matters for matching a question to a
 * legal text — plurals (-s, -x, -aux), feminine forms (-e, -euse, -trice, -ive, -ère), -ement,
 * -ation/-ition, -ique — and keeps stems readable. Input must be folded (lowercase, no accents).
 * The exact surface forms are kept separately by the analyzer for highlighting.
 */
/** Irregular plurals the suffix rules get wrong (-ail → -aux). */
const IRREGULAR: Record<string, string> = { travaux: 'travail', baux: 'bail', vitraux: 'vitrail', emaux: 'email', coraux: 'corail' };

export function frenchLightStem(word: string): string {
  let s = IRREGULAR[word] ?? word;
  let len = s.length;
  if (len < 4 || /[0-9]/.test(s)) return s;
  const ends = (suf: string) => len >= suf.length && s.slice(len - suf.length, len) === suf;
  const set = (pos: number, ch: string) => {
    s = s.slice(0, pos) + ch + s.slice(pos + 1);
  };
  s = s.slice(0, len);
  if (len > 5 && s[len - 1] === 'x') {
    if (s[len - 3] === 'a' && s[len - 2] === 'u' && s[len - 4] !== 'e') set(len - 2, 'l');
    len--;
  }
  if (len > 3 && s[len - 1] === 'x') len--;
  if (len > 3 && s[len - 1] === 's') len--;
  s = s.slice(0, len);
  const done = (l: number) => norm(s.slice(0, l));
  if (len > 9 && ends('issement')) {
    len -= 6;
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 8 && ends('issant')) {
    len -= 4;
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 6 && ends('ement')) {
    len -= 4;
    if (len > 3 && ends('ive')) {
      len--;
      set(len - 1, 'f');
    }
    return done(len);
  }
  if (len > 11 && ends('ficatrice')) {
    len -= 5;
    set(len - 2, 'e');
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 10 && ends('ficateur')) {
    len -= 4;
    set(len - 2, 'e');
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 9 && ends('catrice')) {
    len -= 3;
    set(len - 4, 'q');
    set(len - 3, 'u');
    set(len - 2, 'e');
    return done(len);
  }
  if (len > 8 && ends('cateur')) {
    len -= 2;
    set(len - 4, 'q');
    set(len - 3, 'u');
    set(len - 2, 'e');
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 8 && ends('atrice')) {
    len -= 4;
    set(len - 2, 'e');
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 7 && ends('ateur')) {
    len -= 3;
    set(len - 2, 'e');
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 6 && ends('trice')) {
    len--;
    set(len - 3, 'e');
    set(len - 2, 'u');
    set(len - 1, 'r');
  }
  if (len > 5 && ends('ieme')) return done(len - 4);
  if (len > 7 && ends('teuse')) {
    len -= 2;
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 6 && ends('teur')) {
    len--;
    set(len - 1, 'r');
    return done(len);
  }
  if (len > 5 && ends('euse')) return done(len - 2);
  if (len > 8 && ends('ere')) {
    len--;
    set(len - 2, 'e');
    return done(len);
  }
  if (len > 7 && ends('ive')) {
    len--;
    set(len - 1, 'f');
    return done(len);
  }
  if (len > 4 && (ends('folle') || ends('molle'))) {
    len -= 2;
    set(len - 1, 'u');
    return done(len);
  }
  if (len > 9 && ends('nnelle')) return done(len - 5);
  if (len > 9 && ends('nnel')) return done(len - 3);
  if (len > 4 && ends('ete')) {
    len--;
    set(len - 2, 'e');
  }
  if (len > 8 && ends('ique')) len -= 4;
  if (len > 8 && ends('esse')) return done(len - 3);
  if (len > 7 && ends('inage')) return done(len - 3);
  if (len > 9 && ends('isateur')) return done(len - 7);
  // -ation: the root as the -er verb leaves it ("rémunération"/"rémunérer" → "remuner",
  // "majoration"/"majorer" → "major"), so no further -r/-e stripping
  // "-isation" keeps its "-is" like "-iser" verbs ("cotisation"/"cotiser" → "cotis");
  // "-ification" like "-ifier" ("notification"/"notifier" → "notif")
  if (len > 10 && ends('ification')) return collapse(s.slice(0, len - 7));
  if (len > 8 && ends('ation')) return collapse(s.slice(0, len - 5));
  if (len > 8 && ends('ition')) return done(len - 5);
  return done(len);
}

function collapse(s: string): string {
  if (s.length <= 4) return s;
  // collapse doubled letters
  let out = s[0];
  for (let i = 1; i < s.length; i++) if (s[i] !== out[out.length - 1] || !/[a-z]/.test(s[i])) out += s[i];
  return out;
}

function norm(w: string): string {
  const s = collapse(w);
  let len = s.length;
  // -ier verbs and adjectives: "licencier" like "licencié(e)", "licenciement" → "licenc";
  // "particulier" like "particulière". Long words only ("fichier", "dossier", "métier" unchanged).
  if (len > 7 && s.endsWith('ier')) return s.slice(0, len - 3);
  if (len > 4 && s.endsWith('ie')) len -= 2;
  if (len > 4) {
    if (s[len - 1] === 'r') len--;
    if (s[len - 1] === 'e') len--;
    if (s[len - 1] === 'e') len--;
    if (s[len - 1] === s[len - 2] && /[a-z]/.test(s[len - 1])) len--;
  }
  return s.slice(0, len);
}

/** Minimal stemmer: plural/feminine only (-s, -x, -aux → -al, final -e). Used for the highlighter & suggest. */
export function frenchMinimalStem(word: string): string {
  let s = word;
  if (s.length < 5 || /[0-9]/.test(s)) return s;
  if (s.endsWith('aux')) return s.slice(0, -3) + 'al';
  if (s.endsWith('x')) s = s.slice(0, -1);
  else if (s.endsWith('s')) s = s.slice(0, -1);
  if (s.endsWith('e')) s = s.slice(0, -1);
  return s;
}
