import type { Analyzer } from './analyzer.ts';

/** One expansion found in a query. */
export interface SynonymMatch {
  from: string; // the query phrase (surface)
  to: string; // the synonym phrase (as written in the list)
  terms: string[]; // analyzed terms of `to`
  weight: number;
  /** index of the first/last query token covered */
  first: number;
  last: number;
}

interface Entry {
  terms: string[];
  label: string;
  group: number;
  /** may this phrase be rewritten into the others? */
  source: boolean;
  /** may the others be rewritten into this one? */
  target: boolean;
}

/**
 * Query-side synonym expansion. Groups of equivalent phrases ("comité social et économique, cse")
 * and one-way rules ("a, b => c"). Phrases are matched on analyzed terms, so plural/accents don't
 * matter. One map per language: phrases are analyzed by the map's analyzer. Each group carries
 * its own weight (e.g. curated list 0.8, generic thesaurus 0.4).
 */
export class SynonymMap {
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly groups: { entries: Entry[]; weight: number }[] = [];

  constructor(private readonly analyzer: Analyzer) {}

  /** Add an equivalence group, or a one-way rule when `targets` is given. */
  addGroup(phrases: string[], weight: number, targets?: string[]): void {
    const g = this.groups.length;
    const entries: Entry[] = [];
    const seen = new Set<string>();
    const mk = (p: string, source: boolean, target: boolean) => {
      // A source phrase is matched against a query, so it is analyzed like one (question scaffolding
      // such as "faire" or "tout" dropped); otherwise a phrase containing such a word could never match.
      const terms = source ? this.analyzer.query(p, 8).map((t) => t.term) : this.analyzer.terms(p);
      if (terms.length === 0 || terms.length > 8) return;
      const key = terms.join(' ') + (source ? 's' : '') + (target ? 't' : '');
      if (seen.has(key)) return;
      seen.add(key);
      entries.push({ terms, label: p.trim(), group: g, source, target });
    };
    if (targets) {
      for (const p of phrases) mk(p, true, false);
      for (const p of targets) mk(p, false, true);
    } else {
      for (const p of phrases) mk(p, true, true);
    }
    if (entries.length < 2) return;
    this.groups.push({ entries, weight });
    for (const e of entries) {
      if (!e.source) continue;
      const list = this.byFirst.get(e.terms[0]) ?? [];
      list.push(e);
      this.byFirst.set(e.terms[0], list);
    }
  }

  /** Whether some source phrase starts with this analyzed term (an everyday word the map knows). */
  startsPhrase(term: string): boolean {
    return this.byFirst.has(term);
  }

  get size(): number {
    return this.groups.length;
  }

  /** Find expansions for a sequence of analyzed query terms (surfaces for the explanation). */
  expand(terms: string[], surfaces: string[]): SynonymMatch[] {
    const out: SynonymMatch[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < terms.length; i++) {
      const cands = this.byFirst.get(terms[i]);
      if (!cands) continue;
      for (const e of cands) {
        const n = e.terms.length;
        if (i + n > terms.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) if (terms[i + k] !== e.terms[k]) ok = false;
        if (!ok) continue;
        const group = this.groups[e.group];
        const from = surfaces.slice(i, i + n).join(' ');
        const inQuery = new Set(terms);
        for (const other of group.entries) {
          if (other === e || !other.target) continue;
          if (other.terms.every((t) => inQuery.has(t))) continue;
          const key = other.terms.join(' ');
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ from, to: other.label, terms: other.terms, weight: group.weight, first: i, last: i + n - 1 });
        }
      }
    }
    return out;
  }
}
