/**
 * Document-level consistency: every occurrence of a found name is masked, accent- and
 * case-insensitively (DUPONT, Dupont, Dupônt, across a line break), and professionals found once stay
 * in clear everywhere. One regex alternation over the folded text per key set: linear in the text size.
 */
import type { Span } from './span.ts';
import { type Category, isPerson } from './categories.ts';
import { fold, foldSameLength, type Token } from './text.ts';
import type { Lexicons } from './lexicon.ts';
import { HARD_STOP, PARTICLES, SOFT_STOP } from './names.ts';
import type { PersonResult, Role } from './persons.ts';

export interface KeyInfo {
  category: Category;
  personKey?: string;
  score: number;
  /** only capitalised occurrences count (person names; "la rose" is not Mme Rose) */
  cap?: boolean;
  /** full-name keys: length of the surname at the end of the match */
  surnameLen?: number;
  /** a surname that is also a function word ("Le", "Vu"): only after a civility ("M. Le", "Mme VU") */
  afterCivility?: boolean;
  /** a first name that is also a word ("Rose"): only after a civility or before a capitalised word */
  beforeName?: boolean;
}

const WORD_CHAR = /[\p{L}\p{M}\d]/u;
const UPPER_AT_WORD_START = /(?:^|[\s'’-])\p{Lu}/u;

/**
 * Finds every occurrence of the given folded keys in the text, at word boundaries, and returns spans
 * for those not overlapping `taken` (sorted, non-overlapping). Keys are indexed by their first word and
 * checked only where a word starts: linear in the text (a regex alternation of thousands of keys is not).
 * Inner spaces of a key also match a line break or several spaces ("Jean\nDUPONT").
 */
export function propagate(text: string, folded: string, keys: Map<string, KeyInfo>, taken: Span[]): Span[] {
  const byFirst = new Map<string, string[]>();
  for (const k of keys.keys()) {
    if (k.length < 2) continue;
    const first = FIRST_WORD.exec(k)?.[0];
    if (!first) continue;
    (byFirst.get(first) ?? byFirst.set(first, []).get(first)!).push(k);
  }
  if (!byFirst.size) return [];
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  const out: Span[] = [];
  let ti = 0;
  const idx = wordIndex(folded);
  let resume = 0;
  for (let w = 0; w < idx.starts.length; w++) {
    const s = idx.starts[w];
    if (s < resume) continue;
    const cands = byFirst.get(idx.words[w]);
    if (!cands) continue;
    if (s > 0 && folded[s - 1] === '-' && WORD_CHAR.test(folded[s - 2] ?? '')) continue; // inside "Martin-Rivière"
    for (const key of cands) {
      const e = matchAt(folded, s, key);
      if (e < 0) continue;
      if (e < folded.length && WORD_CHAR.test(folded[e])) continue;
      if (folded[e] === '-' && WORD_CHAR.test(folded[e + 1] ?? '')) continue;
      while (ti < taken.length && taken[ti].end <= s) ti++;
      if (ti < taken.length && taken[ti].start < e) break;
      const info = keys.get(key)!;
      if (info.cap) {
        if (!UPPER_AT_WORD_START.test(text.slice(s, e))) continue;
        // "22 Mai 2024" is a date, "M. Mai" a name
        if (SOFT_STOP.has(key) && (/\d\s*$/.test(text.slice(Math.max(0, s - 4), s)) || /^\s*\d/.test(text.slice(e, e + 4)))) continue;
      }
      // and not followed by a capitalised word ("M. LE PRÉFET", "M. Le Goff" are other readings)
      if (info.afterCivility && (!CIVILITY_BEFORE.test(text.slice(Math.max(0, s - 14), s)) || /^[ \t]*\p{Lu}/u.test(text.slice(e, e + 3))))
        continue;
      if (info.beforeName && !CIVILITY_BEFORE.test(text.slice(Math.max(0, s - 14), s)) && !/^[ \t]+\p{Lu}/u.test(text.slice(e, e + 3)))
        continue;
      if (info.surnameLen && info.surnameLen < e - s) {
        // a full name "Jean de La Fontaine" is first name(s) + surname
        const ls = e - info.surnameLen;
        let fe = ls;
        while (fe > s && /\s/.test(text[fe - 1])) fe--;
        out.push({
          start: s,
          end: fe,
          category: 'personnePhysiquePrenom',
          score: info.score,
          source: 'consistency',
          personKey: info.personKey,
        });
        out.push({
          start: ls,
          end: e,
          category: 'personnePhysiqueNom',
          score: info.score,
          source: 'consistency',
          personKey: info.personKey,
        });
      } else {
        out.push({ start: s, end: e, category: info.category, score: info.score, source: 'consistency', personKey: info.personKey });
      }
      resume = e;
      break;
    }
  }
  return out;
}

const FIRST_WORD = /^[\p{L}\p{M}\d]+/u;
const CIVILITY_BEFORE = /(?:M\.|MM\.|Mme|Mmes|MME|Monsieur|Madame|MONSIEUR|MADAME|Mlle|Dr\.?|Me|Maître|MAÎTRE)\s*$/u;

/** Word starts of a folded text, computed once per document (the propagation passes share it). */
let lastIndex: { folded: string; starts: number[]; words: string[] } | null = null;
/** Drops the cached word index (a large decision's words are not kept in memory between requests). */
export function releaseWordIndex() {
  lastIndex = null;
}
function wordIndex(folded: string) {
  if (lastIndex && lastIndex.folded === folded) return lastIndex;
  const starts: number[] = [];
  const words: string[] = [];
  WORD_START.lastIndex = 0;
  for (let m = WORD_START.exec(folded); m; m = WORD_START.exec(folded)) {
    starts.push(m.index);
    words.push(m[0]);
  }
  lastIndex = { folded, starts, words };
  return lastIndex;
}
/** the start of a word: a letter or digit run not preceded by a letter or digit */
const WORD_START = /(?<![\p{L}\p{M}\d])[\p{L}\p{M}\d]+/gu;

/** End of `key` matched at `s` in the folded text (key spaces match any whitespace run), or -1. */
function matchAt(folded: string, s: number, key: string): number {
  let i = s;
  for (let k = 0; k < key.length; k++) {
    const c = key[k];
    if (c === ' ' || c === '\u00a0') {
      if (i >= folded.length || !/\s/.test(folded[i])) return -1;
      while (k + 1 < key.length && /\s/.test(key[k + 1])) k++;
      while (i < folded.length && /\s/.test(folded[i])) i++;
      continue;
    }
    if (folded[i] !== c) return -1;
    i++;
  }
  return i;
}

export const foldText = (text: string) => foldSameLength(text);

const PRO_OF: Record<Exclude<Role, 'party'>, Category> = { mag: 'professionnelMagistratGreffier', avo: 'professionnelAvocat' };

/**
 * Re-mentions of people: professionals' surnames are kept in clear wherever they appear; every party
 * surname, first name and full name is masked wherever it appears (capitalised occurrences only); a
 * capitalised unknown word right before a masked surname is that person's first name.
 */
export function personConsistency(
  t: string,
  folded: string,
  tokens: Token[],
  spans: Span[],
  people: PersonResult | null,
  lex: Lexicons,
): Span[] {
  const keyOf = (s: { start: number; end: number }) => foldSameLength(t.slice(s.start, s.end)).replace(/[\s\u00a0]+/g, ' ');
  const roleOfSurname = people?.surnameRole ?? new Map<string, Role>();
  const proKeys = new Map<string, KeyInfo>();
  const surnames = new Map<string, KeyInfo>();
  const firstNames = new Map<string, KeyInfo>();
  const full = new Map<string, KeyInfo>();
  for (const m of people?.mentions ?? []) {
    if (m.role === 'party' || !m.lastKey) continue;
    const cat = PRO_OF[m.role];
    proKeys.set(foldSameLength(m.lastKey), { category: cat, score: 0.8, cap: true });
    proKeys.set(keyOf(m), { category: cat, score: 0.8, cap: true });
  }
  // a "firm" span that holds a party's surname (a notary's SCP "Mathilde CHARTIER") is that party, not a lawyer
  const partySurnames = new Set([...roleOfSurname].filter(([, r]) => r === 'party').map(([k]) => k));
  // so is a company named after a party ("la SARL MIROITERIE Rivas Araña", "la Selarlu Kuswandari"): the name is masked
  // as the person's, the rest of the company name stays as written
  const namesParty = (s: Span) => {
    const words = fold(t.slice(s.start, s.end))
      .split(/[^\p{L}'’-]+/u)
      .filter(Boolean);
    for (let k = 0; k < words.length; k++)
      for (let l = k + 1; l <= words.length; l++) if (partySurnames.has(words.slice(k, l).join(' '))) return true;
    return false;
  };
  spans = spans.filter((s) => {
    if ((s.source !== 'rule' && s.source !== 'lexicon') || s.personKey) return true;
    // a town or establishment spelt like a party's surname ("la SARL MIROITERIE Coulon") is the person
    if (s.category === 'localite' || s.category === 'etablissement') return !partySurnames.has(foldSameLength(t.slice(s.start, s.end)));
    if (s.category !== 'professionnelAvocat' && s.category !== 'personneMorale') return true;
    return !namesParty(s);
  });
  for (const s of spans) {
    if (s.category === 'professionnelAvocat' && s.source === 'rule') {
      // a law firm "SCP Célice, Texidor, Périer": its partners' names stay in clear
      for (const w of t.slice(s.start, s.end).split(/[\s,&]+|\bet\b/u)) {
        const k = foldSameLength(w.trim());
        if (
          k.length >= 3 &&
          /^\p{Lu}/u.test(w.trim()) &&
          !HARD_STOP.has(fold(w.trim())) &&
          !lex.words.has(fold(w.trim())) &&
          !roleOfSurname.has(k)
        )
          proKeys.set(k, { category: 'professionnelAvocat', score: 0.7, cap: true });
      }
      proKeys.set(keyOf(s), { category: 'professionnelAvocat', score: 0.7, cap: true });
    }
  }
  // party names from the kept spans (rules, model, Label's parties)
  for (const s of spans) {
    if (!isPerson(s.category) || s.source === 'consistency' || s.source === 'additionalTerm') continue;
    const k = keyOf(s);
    if (k.length < 2) continue;
    if (s.category === 'personnePhysiqueNom') {
      const role = roleOfSurname.get(k);
      if (role && role !== 'party' && s.source !== 'party') continue;
      proKeys.delete(k);
      if (!surnames.has(k))
        surnames.set(k, {
          category: 'personnePhysiqueNom',
          score: 0.8,
          personKey: s.personKey,
          cap: true,
          afterCivility: HARD_STOP.has(k) || PARTICLES.has(k),
        });
    } else if (k.length >= 3) {
      // a first name that is also a word ("Rose", "France", "Pierre") only before a capitalised surname or after a civility
      const ambiguous = lex.words.has(fold(k)) || SOFT_STOP.has(k) || HARD_STOP.has(k);
      if (!firstNames.has(k))
        firstNames.set(k, { category: 'personnePhysiquePrenom', score: 0.75, personKey: s.personKey, cap: true, beforeName: ambiguous });
    }
  }
  // "M. Lourenço" where Lourenço is the first name of "M. Lourenço TOUSSAINT": a first name, not a surname
  const surnamesWithFirst = new Set<string>();
  for (const m of people?.mentions ?? []) if (m.lastKey && m.first.length) surnamesWithFirst.add(m.lastKey);
  const relabelled = spans.map((s) => {
    if (s.category !== 'personnePhysiqueNom' || s.source !== 'rule') return s;
    const k = keyOf(s);
    if (firstNames.has(k) && !surnamesWithFirst.has(k) && isLoneCivilityName(t, s))
      return { ...s, category: 'personnePhysiquePrenom' as Category };
    return s;
  });
  for (const k of firstNames.keys()) if (proKeys.has(k) || surnames.has(k)) firstNames.delete(k);
  // full names ("jean dupont") match across line breaks and keep their split
  for (const m of people?.mentions ?? []) {
    if (m.role !== 'party' || !m.last || !m.first.length) continue;
    const fk = keyOf({ start: m.first[0].start, end: m.last.end });
    if (fk.split(' ').length >= 2 && fk.length <= 60)
      full.set(fk, {
        category: 'personnePhysiqueNom',
        score: 0.8,
        personKey: m.personKey,
        cap: true,
        surnameLen: m.last.end - m.last.start,
      });
  }

  const sorted = splitPartyFirstNames(t, relabelled, firstNames).sort((a, b) => a.start - b.start);
  const pros = propagate(t, folded, proKeys, sorted);
  let all = [...sorted, ...pros].sort((a, b) => a.start - b.start);
  // one pass for full names (split into first name + surname), surnames and first names: at each word the
  // longest key wins, so "jean dupont" is read before "jean" and "dupont"
  const personKeys = new Map<string, KeyInfo>([...firstNames, ...surnames, ...full]);
  const found = propagate(t, folded, personKeys, all);
  all = [...all, ...found].sort((a, b) => a.start - b.start);
  const extra = firstNamesBeforeSurnames(t, all, tokens, firstNames, lex);
  return [...all, ...extra].sort((a, b) => a.start - b.start);
}

/**
 * A party's first name is masked wherever it is written, also inside a professional's name, as the courts' own
 * document-wide masking does ("Madame Héloïse VARNIER, présidente" in a decision whose party is "Héloïse Colin"):
 * the professional's span keeps the rest of the name in clear.
 */
function splitPartyFirstNames(t: string, spans: Span[], firstNames: Map<string, KeyInfo>): Span[] {
  if (!firstNames.size) return spans;
  const out: Span[] = [];
  for (const s of spans) {
    if ((s.category !== 'professionnelMagistratGreffier' && s.category !== 'professionnelAvocat') || s.source !== 'rule') {
      out.push(s);
      continue;
    }
    const name = t.slice(s.start, s.end);
    // the longest leading run of up to three words that is a party's first name, before a capitalised word
    const words = [...name.matchAll(/\S+/gu)].slice(0, 4);
    let split = -1;
    let info: KeyInfo | undefined;
    for (let n = 1; n < words.length && n <= 3; n++) {
      const end = words[n - 1].index! + words[n - 1][0].length;
      const key = foldSameLength(name.slice(0, end)).replace(/\s+/g, ' ');
      const found = firstNames.get(key);
      if (found && !found.beforeName && /^\p{Lu}/u.test(words[n][0])) {
        split = end;
        info = found;
      }
    }
    if (split < 0 || !info) {
      out.push(s);
      continue;
    }
    out.push({
      start: s.start,
      end: s.start + split,
      category: 'personnePhysiquePrenom',
      score: 0.75,
      source: 'consistency',
      personKey: info.personKey,
    });
    const restStart = s.start + split + (/^\s*/u.exec(name.slice(split))?.[0].length ?? 0);
    out.push({ ...s, start: restStart });
  }
  return out;
}

/** "M. Lourenço" with nothing after: a lone civility + one word. */
function isLoneCivilityName(t: string, s: Span): boolean {
  return (
    /(?:M\.|Mme|Monsieur|Madame)\s*$/u.test(t.slice(Math.max(0, s.start - 10), s.start)) && !/^\s*[\p{Lu}]/u.test(t.slice(s.end, s.end + 3))
  );
}

/** "Ambre GUYON": capitalised words right before a masked surname are that person's first names. */
function firstNamesBeforeSurnames(t: string, spans: Span[], tokens: Token[], known: Map<string, KeyInfo>, lex: Lexicons): Span[] {
  const out: Span[] = [];
  let ti = 0;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i];
    if (s.category !== 'personnePhysiqueNom') continue;
    while (ti < tokens.length && tokens[ti].start < s.start) ti++;
    const prev = spans[i - 1];
    let k = ti - 1;
    let start = -1;
    let next = s.start;
    for (let n = 0; n < 3 && k >= 0; n++, k--) {
      const tok = tokens[k];
      if (tok.kind !== 'word' || !/^\p{Lu}\p{Ll}/u.test(tok.text)) break;
      const after = tokens[k + 1];
      if (after && after.nl && after.start <= next) break; // never across a line break
      if (t.slice(tok.end, next).trim() !== '') break;
      const f = fold(tok.text);
      if (HARD_STOP.has(f) || SOFT_STOP.has(f)) break;
      // a dictionary word ("Angélique", "Rose") is a first name only mid-sentence ("et Angélique Valentin")
      if (!known.has(foldSameLength(tok.text)) && lex.words.has(f) && !midSentence(tokens, k)) break;
      if (prev && prev.end > tok.start) break;
      start = tok.start;
      next = tok.start;
    }
    if (start < 0) continue;
    out.push({
      start,
      end: start + t.slice(start, s.start).trimEnd().length,
      category: 'personnePhysiquePrenom',
      score: 0.7,
      source: 'consistency',
      personKey: s.personKey,
    });
  }
  return out;
}

/** The token before k is a lowercase word, a comma or "et": k is not the first word of a sentence or line. */
function midSentence(tokens: Token[], k: number): boolean {
  const p = tokens[k - 1];
  if (!p || tokens[k].nl) return false;
  return p.text === ',' || (p.kind === 'word' && /^\p{Ll}/u.test(p.text));
}
