/**
 * Registry (SIV) make/model strings → canonical make and model family. Works on tokens: accents,
 * case, separators and company words are removed, the make is found first (exact alias, then a
 * tolerated typo), then the model family among that make's models (longest exact name near the
 * start, then a tolerated typo), with make-specific rules for naming schemes (Mercedes classes, BMW
 * series, Audi S/RS badges, letter+number codes). Nothing is guessed: a model the reference list
 * does not know for that make is UNDETERMINED.
 */
import { MAKES } from './reference.ts';
import { allowedTypos, editDistance, sameDigits } from './fuzzy.ts';

export const UNDETERMINED = 'UNDETERMINED';

export interface NormalizedRegistry {
  make: string;
  model: string;
  /** OK when both make and model are known; UNDETERMINED otherwise. */
  status: 'OK' | 'UNDETERMINED';
}

interface ModelRef {
  make: string;
  model: string;
}

/** Letters and digits only: "C-ELYSEE", "C ELYSEE" and "CELYSEE" are one key. */
export const compact = (s: string) => s.replace(/[^A-Z0-9+]/g, '');

const COMPANY_WORDS = new Set([
  'AG',
  'SA',
  'SAS',
  'SPA',
  'GMBH',
  'FRANCE',
  'AUTOMOBILES',
  'AUTOMOBILE',
  'AUTO',
  'AUTOS',
  'MOTORS',
  'MOTOR',
  'CARS',
  'GROUP',
  'GROUPE',
  'CORPORATION',
  'CORP',
  'LTD',
  'INC',
]);
const FILLER_WORDS = ['NOUVELLE', 'NOUVEAU', 'NOUVEL', 'NEW', 'LA', 'LE', 'THE'];

interface MakeIndex {
  make: string;
  /** compact alias → canonical model */
  models: Map<string, string>;
}

const makeAliases = new Map<string, string>();
const makeIndex = new Map<string, MakeIndex>();
/** compact model alias → every make selling a model of that name (to infer a missing make). */
const globalModels = new Map<string, ModelRef[]>();

/** Word of a multi-word model name → makes using it (RANGE → LAND ROVER). */
const modelWords = new Map<string, string[]>();

for (const m of MAKES) {
  for (const spec of m.models.split('|'))
    for (const alias of spec.split('='))
      for (const w of alias.split(/[\s-]+/)) if (alias.includes(' ')) modelWords.set(w, [...(modelWords.get(w) ?? []), m.make]);
  for (const a of [m.make, ...m.aliases]) makeAliases.set(compact(a), m.make);
  const models = new Map<string, string>();
  for (const spec of m.models.split('|')) {
    const [canonical, ...aliases] = spec.split('=');
    for (const a of [canonical, ...aliases]) {
      models.set(compact(a), canonical);
      const refs = globalModels.get(compact(a)) ?? [];
      if (!refs.some((r) => r.make === m.make)) refs.push({ make: m.make, model: canonical });
      globalModels.set(compact(a), refs);
    }
  }
  makeIndex.set(m.make, { make: m.make, models });
}
/**
 * Models registered under a parent make: Citroën sold the DS3/DS4/DS5 before DS became a make (the
 * registry still says CITROEN DS4), and MINIs are often registered as BMW MINI.
 */
const subBrand = (make: string, keys?: string[]): Record<string, ModelRef> =>
  Object.fromEntries([...makeIndex.get(make)!.models].filter(([k]) => !keys || keys.includes(k)).map(([k, model]) => [k, { make, model }]));
const CROSS_MAKE: Record<string, Record<string, ModelRef>> = {
  CITROEN: subBrand('DS', ['DS3', 'DS4', 'DS5', 'DS3CROSSBACK']),
  BMW: subBrand('MINI'),
};
/** Catch-all names that lose to a specific model anywhere in the string (MINI ONE CLUBMAN). */
const WEAK_MODELS = new Set(['MINI|MINI']);

export function tokenize(raw: string): string[] {
  const s = (raw ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/Œ/g, 'OE')
    .replace(/['’`!]/g, '');
  return s
    .split(/[^A-Z0-9+]+/)
    .filter(Boolean)
    .map((t) => (/^[0-9O]+$/.test(t) && /\d/.test(t) ? t.replace(/O/g, '0') : t)) // 2O7 → 207
    .filter((t) => !COMPANY_WORDS.has(t));
}

interface MakeHit {
  make: string;
  /** Tokens consumed. */
  end: number;
  /** Model key glued to the make (MAZDA3, MG4), if any. */
  glued?: string;
}

function findMake(tokens: string[]): MakeHit | null {
  // Exact alias over 1–3 tokens at the start ("B M W", "MERCEDES BENZ", "LAND ROVER"), longest first.
  for (let len = Math.min(3, tokens.length); len >= 1; len--) {
    const make = makeAliases.get(tokens.slice(0, len).join(''));
    if (make) return { make, end: len };
  }
  if (tokens.length === 0) return null;
  // A make glued to a model: MAZDA3, MG4.
  for (const [alias, make] of makeAliases) {
    const t = tokens[0];
    if (alias.length >= 2 && t.startsWith(alias) && t.length > alias.length) {
      const rest = t.slice(alias.length);
      if (makeIndex.get(make)!.models.has(rest)) return { make, end: 1, glued: rest };
    }
  }
  // A typo in the make: DACCIA, VOLKSWAGON, CITREON.
  let best: MakeHit | null = null;
  let bestD = Infinity;
  for (let len = 1; len <= Math.min(2, tokens.length); len++) {
    const key = tokens.slice(0, len).join('');
    for (const [alias, make] of makeAliases) {
      const allowed = allowedTypos(alias);
      if (!allowed) continue;
      const d = editDistance(key, alias, allowed);
      if (d <= allowed && d < bestD) {
        best = { make, end: len };
        bestD = d;
      }
    }
  }
  return best;
}

/** Mercedes passenger cars: C 220, C220, ML350, CLASSE GLK, A-KLASSE → CLASSE <letters>. */
const MERCEDES_CLASSES = new Set([
  'A',
  'B',
  'C',
  'E',
  'G',
  'M',
  'ML',
  'R',
  'S',
  'V',
  'X',
  'CL',
  'CLA',
  'CLK',
  'CLS',
  'GL',
  'GLA',
  'GLB',
  'GLC',
  'GLE',
  'GLK',
  'GLS',
  'SL',
  'SLK',
]);
const isClasseWord = (t: string) =>
  t === 'CLASSE' || t === 'CLASS' || t === 'KLASSE' || (t.length >= 5 && editDistance(t, 'CLASSE', 1) <= 1);

function mercedesRule(tokens: string[]): string | null | 'GENERIC' {
  for (let i = 0; i < Math.min(tokens.length, 3); i++) {
    const t = tokens[i];
    if (isClasseWord(t)) {
      const next = tokens[i + 1];
      const m = next?.match(/^([A-Z]+)\d*[A-Z]*$/);
      if (m && MERCEDES_CLASSES.has(m[1])) return classe(m[1]);
      return 'GENERIC'; // "MERCEDES CLASSE": which one?
    }
    const m = t.match(/^([A-Z]{1,3})(\d{2,3}[A-Z]*)?$/);
    if (m && MERCEDES_CLASSES.has(m[1])) {
      const next = tokens[i + 1];
      if (m[2] || !next || /^\d/.test(next) || isClasseWord(next) || i === 0) return classe(m[1]);
    }
  }
  return null;
}
const classe = (letters: string) => `CLASSE ${letters === 'ML' ? 'M' : letters}`;

/** BMW: 318D, 120I, M3, M135I, 1ER → SERIE n. */
function bmwRule(tokens: string[]): string | null {
  for (let i = 0; i < Math.min(tokens.length, 2); i++) {
    const t = tokens[i];
    const m = t.match(/^([1-8])\d\d[A-Z]*$/) ?? t.match(/^M([1-8])(\d\d)?[A-Z]*$/) ?? t.match(/^([1-8])ER$/);
    if (m) return `SERIE ${m[1]}`;
  }
  return null;
}

/** Audi performance badges: S3, RS3 → A3; SQ5, RS Q3 → Q5, Q3; TTS, TTRS → TT. */
function audiRule(tokens: string[]): string | null {
  const t = tokens.slice(0, 2).join('');
  let m = t.match(/^R?S(\d)/);
  if (m) return `A${m[1]}`;
  m = t.match(/^R?SQ(\d)/);
  if (m) return `Q${m[1]}`;
  if (/^TT(S|RS)/.test(t)) return 'TT';
  return null;
}

function matchModel(make: string, tokens: string[]): ModelRef | null {
  const idx = makeIndex.get(make)!;
  const cross = CROSS_MAKE[make] ?? {};
  const lookup = (key: string): ModelRef | null => {
    const own = idx.models.get(key);
    return own ? { make, model: own } : (cross[key] ?? null);
  };
  const keys = [...idx.models.keys(), ...Object.keys(cross)];
  const maxStart = Math.min(2, Math.max(0, tokens.length - 1));
  let weak: ModelRef | null = null;
  // Longest exact name, at the first position that has one (fillers or a stray word may come first).
  for (let start = 0; start <= maxStart; start++) {
    let hit: ModelRef | null = null;
    for (let len = Math.min(4, tokens.length - start); len >= 1 && !hit; len--) hit = lookup(tokens.slice(start, start + len).join(''));
    if (!hit) {
      const t = tokens[start];
      // Letters + engine code glued together: RX450H, CT200H.
      const glued = t.match(/^([A-Z]{2,3})\d{2,3}[A-Z]*$/);
      if (glued) hit = lookup(glued[1]);
      // A name with a short suffix glued on: CLIORT, RCZ1, 206+, 500C.
      if (!hit) {
        const prefix = keys
          .filter((k) => k.length >= 3 && t.startsWith(k) && t.length - k.length <= 3)
          .sort((a, b) => b.length - a.length)[0];
        if (prefix) hit = lookup(prefix);
      }
    }
    if (hit && WEAK_MODELS.has(`${hit.make}|${hit.model}`)) {
      weak ??= hit;
      continue;
    }
    if (hit) return hit;
  }
  if (weak) return weak;
  // One tolerated typo (two for long names), digits never corrected; longer spans win ties.
  for (let start = 0; start <= maxStart; start++) {
    const t = tokens[start] ?? '';
    if (t.length >= 4 && FILLER_WORDS.some((f) => editDistance(t, f, 2) <= 2)) continue;
    let best: ModelRef | null = null;
    let bestD = Infinity;
    for (let len = Math.min(2, tokens.length - start); len >= 1; len--) {
      const key = tokens.slice(start, start + len).join('');
      for (const alias of keys) {
        const allowed = allowedTypos(alias);
        if (!allowed || !sameDigits(key, alias)) continue;
        const d = editDistance(key, alias, allowed);
        if (d <= allowed && d < bestD) {
          best = lookup(alias);
          bestD = d;
        }
      }
    }
    if (best) return best;
  }
  return null;
}

function result(make: string | null, model: string | null): NormalizedRegistry {
  return make && model
    ? { make, model, status: 'OK' }
    : { make: make ?? UNDETERMINED, model: model ?? UNDETERMINED, status: 'UNDETERMINED' };
}

export function normalizeRegistry(raw: string | null | undefined): NormalizedRegistry {
  const tokens = tokenize(raw ?? '');
  if (tokens.length === 0) return result(null, null);
  const hit = findMake(tokens);
  if (!hit) return inferFromModel(tokens);
  const make = hit.make;
  const body = hit.glued ? [hit.glued, ...tokens.slice(hit.end)] : tokens.slice(hit.end);
  // The make repeated and glued to the model: MAZDA MAZDA5.
  const makeKey = compact(make);
  if (body[0]?.startsWith(makeKey) && makeIndex.get(make)!.models.has(body[0].slice(makeKey.length)))
    body[0] = body[0].slice(makeKey.length);
  if (body.length === 0) return result(make, null);

  const found = matchModel(make, body);
  // Make-specific naming schemes: they would otherwise look like unknown codes.
  if (make === 'MERCEDES') {
    const named = found && !found.model.startsWith('CLASSE') ? found.model : null;
    const rule = mercedesRule(body);
    if (named && (rule === null || rule === 'GENERIC')) return result(make, named);
    if (rule === 'GENERIC') return result(make, null);
    return result(make, rule ?? found?.model ?? null);
  }
  if (found) return result(found.make, found.model);
  if (make === 'BMW') return result(make, bmwRule(body));
  if (make === 'AUDI') return result(make, audiRule(body));
  return result(make, null);
}

/** No make: a model name sold by exactly one make gives it (CLIO 4 → RENAULT, MODEL 3 → TESLA). */
function inferFromModel(tokens: string[]): NormalizedRegistry {
  if (isClasseWord(tokens[0])) {
    const rule = mercedesRule(tokens);
    return result('MERCEDES', rule && rule !== 'GENERIC' ? rule : null);
  }
  for (let start = 0; start <= Math.min(1, tokens.length - 1); start++) {
    for (let len = Math.min(4, tokens.length - start); len >= 1; len--) {
      const refs = globalModels.get(tokens.slice(start, start + len).join(''));
      if (refs && refs.length === 1) {
        // A one- or two-character name alone ("5", "E") says too little to infer a make.
        if (compact(refs[0].model).length < 3 && len === 1) continue;
        return result(refs[0].make, refs[0].model);
      }
      if (refs && refs.length > 1) return result(null, null);
    }
  }
  // A word of model names that all belong to one make (RANGE, PICASSO): the make, not the model.
  for (const t of tokens.slice(0, 2)) {
    if (t.length < 4) continue;
    const makes = new Set(modelWords.get(t) ?? []);
    if (makes.size === 1) return result([...makes][0], null);
  }
  return result(null, null);
}
