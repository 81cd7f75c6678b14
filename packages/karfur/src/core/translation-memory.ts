/**
 * Translation memory: suggests validated translations of identical or near-identical French segments
 * (paragraphs, list items, steps) already translated elsewhere. No machine translation can be shipped,
 * so reuse is what speeds translators up (as in Integreat's tooling).
 *
 * Exact matches come from a hash map of normalised segments. Fuzzy matches use a character-trigram
 * inverted index to find candidates, then score them with a Levenshtein similarity
 * (fastest-levenshtein), so a lookup touches only segments that share trigrams with the query.
 */
import { distance } from 'fastest-levenshtein';
import type { LanguageCode } from './languages.ts';
import { segmentsOf, sourceUnits, stripInline } from './fiche.ts';
import type { Fiche, FicheTranslation, UnitValue } from './schemas.ts';

export interface MemoryEntry {
  source: string;
  target: string;
  lang: LanguageCode;
  /** Where it comes from, for the translator to judge the context. */
  fiche: string;
  unit: string;
}

export interface MemoryMatch extends MemoryEntry {
  /** 1 for an exact match (after normalisation), else the Levenshtein similarity in 0..1. */
  score: number;
  exact: boolean;
}

export function normalizeSegment(s: string): string {
  return stripInline(s)
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+([,.;:!?»])/g, '$1')
    .replace(/([«])\s+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function trigrams(s: string): Set<string> {
  const padded = `  ${s} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

export class TranslationMemory {
  private readonly entries: (MemoryEntry & { norm: string })[] = [];
  private readonly exact = new Map<string, number[]>();
  /** lang -> trigram -> entry indexes */
  private readonly grams = new Map<string, Map<string, number[]>>();
  private readonly gramCount: number[] = [];

  get size(): number {
    return this.entries.length;
  }

  add(entry: MemoryEntry): void {
    const norm = normalizeSegment(entry.source);
    if (!norm || !entry.target.trim()) return;
    const key = `${entry.lang}\u0000${norm}`;
    const same = this.exact.get(key);
    // One entry per (language, source, target): the same sentence reused in many fiches adds nothing.
    if (same?.some((i) => this.entries[i].target === entry.target)) return;
    const idx = this.entries.length;
    this.entries.push({ ...entry, norm });
    if (same) same.push(idx);
    else this.exact.set(key, [idx]);
    let byGram = this.grams.get(entry.lang);
    if (!byGram) this.grams.set(entry.lang, (byGram = new Map()));
    const g = trigrams(norm);
    this.gramCount[idx] = g.size;
    for (const t of g) {
      const list = byGram.get(t);
      if (list) list.push(idx);
      else byGram.set(t, [idx]);
    }
  }

  /**
   * Best matches for one French segment in a language, best first: exact ones (score 1), then fuzzy
   * ones at or above `minScore`.
   */
  lookup(source: string, lang: LanguageCode, opts: { limit?: number; minScore?: number } = {}): MemoryMatch[] {
    const limit = opts.limit ?? 5;
    const minScore = opts.minScore ?? 0.7;
    const norm = normalizeSegment(source);
    if (!norm) return [];
    const out: MemoryMatch[] = [];
    const exactIdx = this.exact.get(`${lang}\u0000${norm}`) ?? [];
    for (const i of exactIdx) out.push({ ...this.public(i), score: 1, exact: true });
    if (out.length >= limit) return out.slice(0, limit);

    const byGram = this.grams.get(lang);
    if (!byGram) return out;
    const q = trigrams(norm);
    const shared = new Map<number, number>();
    for (const t of q) for (const i of byGram.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    const exactSet = new Set(exactIdx);
    const candidates: { i: number; dice: number }[] = [];
    for (const [i, n] of shared) {
      if (exactSet.has(i)) continue;
      const dice = (2 * n) / (q.size + this.gramCount[i]);
      // Dice on trigrams bounds edit similarity loosely; this prunes most pairs before Levenshtein.
      if (dice >= minScore * 0.6) candidates.push({ i, dice });
    }
    candidates.sort((a, b) => b.dice - a.dice);
    const fuzzy: MemoryMatch[] = [];
    for (const { i } of candidates.slice(0, 50)) {
      const e = this.entries[i];
      const len = Math.max(e.norm.length, norm.length);
      const score = 1 - distance(e.norm, norm) / len;
      if (score >= minScore && score < 1) fuzzy.push({ ...this.public(i), score, exact: false });
    }
    fuzzy.sort((a, b) => b.score - a.score);
    return [...out, ...fuzzy].slice(0, limit);
  }

  /** Suggestions for every segment of a French unit, in order. */
  suggestUnit(
    value: UnitValue,
    lang: LanguageCode,
    opts?: { limit?: number; minScore?: number },
  ): { segment: string; matches: MemoryMatch[] }[] {
    return segmentsOf(value).map((segment) => ({ segment, matches: this.lookup(segment, lang, opts) }));
  }

  private public(i: number): MemoryEntry {
    const { norm: _norm, ...e } = this.entries[i];
    return e;
  }
}

/**
 * Builds the memory from validated translations whose French is still current: segments are aligned one
 * to one when source and translation have the same block structure (otherwise the unit is skipped, as
 * alignment would be guesswork).
 */
export function buildTranslationMemory(fiches: readonly Fiche[], translations: Iterable<FicheTranslation>): TranslationMemory {
  const tm = new TranslationMemory();
  const byId = new Map(fiches.map((f) => [f.id, f]));
  for (const t of translations) {
    const fiche = byId.get(t.fiche);
    if (!fiche) continue;
    const src = sourceUnits(fiche);
    for (const [key, unit] of Object.entries(t.units)) {
      if (!unit || unit.status !== 'validated') continue;
      const source = src.get(key as never);
      if (!source || !sameShape(source, unit.value)) continue;
      const s = segmentsOf(source);
      const target = segmentsOf(unit.value);
      if (s.length !== target.length) continue;
      for (let i = 0; i < s.length; i++)
        tm.add({ source: s[i], target: target[i], lang: t.lang as LanguageCode, fiche: t.fiche, unit: key });
    }
  }
  return tm;
}

function sameShape(a: UnitValue, b: UnitValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b;
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    if (typeof x === 'string' || typeof y === 'string') return typeof x === typeof y;
    return 'list' in x === 'list' in y;
  });
}
