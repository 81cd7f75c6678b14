/**
 * As-you-type suggestions, precomputed at build time:
 *  - themes: inverted index word → themes, plus a sorted vocabulary for prefix ranges of the last
 *    (partial) word; accents optional (everything folded).
 *  - completions: distinct word n-grams (1–6 words) of titles (themes, fiches, Q&A questions) that end
 *    where a phrase can end — at the end of the title's clause or before a function word — so that no
 *    completion stops mid-phrase ("licenciement économique de 2", from "… de 2 à 9 salariés"); sorted
 *    by folded text; a query's folded text is a prefix of the wanted n-gram → binary search + top by
 *    frequency. Short prefixes (≤ 3 chars) are precomputed.
 */
import { fold, frenchMinimalStem } from '@eig/platform/search';
import type { SuggestResponse, SuggestTheme } from '../engine-contract.ts';

export interface SuggestThemeInput extends SuggestTheme {
  /** higher = more important (depth, source...) */
  prior: number;
}

const STOP = new Set('de du des la le les l d et a au aux en un une pour par sur dans'.split(' '));
/** Words a phrase may stop before besides function words (relatives, conjunctions, punctuation-like). */
const ENDS_BEFORE = new Set('ou qui que quand si avec sans entre chez apres avant pendant selon vers contre lors'.split(' '));
const MAX_GRAM_WORDS = 6;
const words = (s: string) =>
  fold(s)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Suggester {
  private readonly themes: SuggestThemeInput[];
  private readonly vocab: string[]; // sorted folded words of theme titles
  private readonly wordThemes = new Map<string, number[]>();
  private readonly themeWordStems: Set<string>[];
  private readonly grams: string[]; // sorted folded n-grams
  private readonly gramInfo: { surface: string; freq: number }[];
  private readonly shortTop = new Map<string, number[]>();

  constructor(themes: SuggestThemeInput[], titles: string[]) {
    this.themes = themes;
    this.themeWordStems = themes.map((t) => new Set(words(t.title).map(frenchMinimalStem)));
    const vocab = new Set<string>();
    themes.forEach((t, i) => {
      for (const w of new Set(words(t.title))) {
        vocab.add(w);
        const l = this.wordThemes.get(w);
        if (l) l.push(i);
        else this.wordThemes.set(w, [i]);
      }
    });
    this.vocab = [...vocab].sort();

    // n-grams of titles (start on a non-stop word, stop at punctuation)
    const freq = new Map<string, { surface: Map<string, number>; freq: number }>();
    for (const title of titles) {
      for (const chunk of title.split(/[,;:?!.()«»"“”\n]|\s[-–]\s/)) {
        const surf = chunk.trim().split(/\s+/).filter(Boolean);
        if (!surf.length || surf.length > 30) continue;
        for (let i = 0; i < surf.length; i++) {
          const fi = fold(surf[i]).replace(/[^a-z0-9'’-]/g, '');
          if (!fi || STOP.has(fi) || /^[a-z]['’]$/.test(fi)) continue;
          for (let n = 1; n <= MAX_GRAM_WORDS && i + n <= surf.length; n++) {
            const last = fold(surf[i + n - 1]).replace(/[^a-z0-9]/g, '');
            if (STOP.has(last) || !last) continue;
            // a phrase ends at the end of the clause or before a function word, never on a bare number
            const atEnd = i + n === surf.length;
            const next = atEnd ? '' : fold(surf[i + n]).replace(/[^a-z0-9'’]/g, '');
            if (!atEnd && !(STOP.has(next) || /^[a-z]['’]/.test(next) || ENDS_BEFORE.has(next))) continue;
            if (!atEnd && /^\d+$/.test(last)) continue;
            const s = surf
              .slice(i, i + n)
              .join(' ')
              .replace(/[’]/g, "'")
              .toLowerCase();
            const key = words(s).join(' ');
            if (key.length < 3) continue;
            let e = freq.get(key);
            if (!e) freq.set(key, (e = { surface: new Map(), freq: 0 }));
            e.freq++;
            e.surface.set(s, (e.surface.get(s) ?? 0) + 1);
          }
        }
      }
    }
    this.grams = [...freq.keys()].sort();
    this.gramInfo = this.grams.map((k) => {
      const e = freq.get(k)!;
      const surface = [...e.surface.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
      return { surface, freq: e.freq };
    });
    // precompute top completions for every prefix of ≤ 3 chars
    const byPrefix = new Map<string, number[]>();
    this.grams.forEach((g, i) => {
      for (let l = 1; l <= 3 && l <= g.length; l++) {
        const p = g.slice(0, l);
        const arr = byPrefix.get(p);
        if (arr) arr.push(i);
        else byPrefix.set(p, [i]);
      }
    });
    for (const [p, arr] of byPrefix) this.shortTop.set(p, this.rank(arr, 20));
  }

  private rank(idx: number[], k: number): number[] {
    return [...idx]
      .sort((a, b) => this.gramInfo[b].freq - this.gramInfo[a].freq || this.grams[a].length - this.grams[b].length || a - b)
      .slice(0, k);
  }

  suggest(q: string, limit = 8): SuggestResponse {
    const lim = Math.max(1, Math.min(20, Math.floor(Number(limit) || 8)));
    const raw = typeof q === 'string' ? q.slice(0, 200) : '';
    const ws = words(raw);
    if (!ws.length) return { themes: [], completions: [] };
    const partial = /[a-z0-9]$/i.test(fold(raw)) ? ws[ws.length - 1] : null;
    const complete = (partial ? ws.slice(0, -1) : ws).filter((w) => !STOP.has(w)).slice(-6);
    return { themes: this.suggestThemes(complete, partial, lim), completions: this.complete(ws, partial !== null, lim) };
  }

  private suggestThemes(complete: string[], partial: string | null, limit: number): SuggestTheme[] {
    let cand: Set<number> | null = null;
    if (partial) {
      const from = lowerBound(this.vocab, partial);
      const s = new Set<number>();
      for (let i = from; i < this.vocab.length && this.vocab[i].startsWith(partial); i++) {
        for (const t of this.wordThemes.get(this.vocab[i])!) s.add(t);
        if (s.size > 4000) break;
      }
      cand = s;
    }
    for (const w of complete) {
      const stem = frenchMinimalStem(w);
      if (cand === null) {
        const s = new Set<number>();
        const from = lowerBound(this.vocab, stem);
        for (let i = from; i < this.vocab.length && this.vocab[i].startsWith(stem) && i < from + 50; i++)
          for (const t of this.wordThemes.get(this.vocab[i])!) if (this.themeWordStems[t].has(stem)) s.add(t);
        cand = s;
      } else {
        const next = new Set<number>();
        for (const t of cand) if (this.themeWordStems[t].has(stem)) next.add(t);
        cand = next;
      }
      if (cand.size === 0) break;
    }
    if (!cand || cand.size === 0) return [];
    const scored: { t: number; s: number }[] = [];
    for (const t of cand) {
      const th = this.themes[t];
      const len = this.themeWordStems[t].size;
      scored.push({ t, s: th.prior + Math.log1p(th.count) - 0.3 * len });
    }
    scored.sort((a, b) => b.s - a.s || a.t - b.t);
    const out: SuggestTheme[] = [];
    const seen = new Set<string>();
    for (const { t } of scored) {
      const th = this.themes[t];
      const key = fold(th.title);
      if (seen.has(key)) continue;
      seen.add(key);
      // choosing the theme replaces the typed fragment with the theme itself
      out.push({ id: th.id, title: th.title, path: th.path, count: th.count, query: th.title });
      if (out.length >= limit) break;
    }
    return out;
  }

  private complete(ws: string[], partial: boolean, limit: number): string[] {
    // try the longest suffix of the typed words that prefixes a known n-gram
    for (let start = Math.max(0, ws.length - 4); start < ws.length; start++) {
      const key = ws.slice(start).join(' ') + (partial ? '' : ' ');
      let idx: number[];
      if (key.length <= 3 && this.shortTop.has(key)) idx = this.shortTop.get(key)!;
      else {
        const from = lowerBound(this.grams, key);
        const range: number[] = [];
        for (let i = from; i < this.grams.length && this.grams[i].startsWith(key); i++) {
          range.push(i);
          if (range.length > 3000) break;
        }
        idx = this.rank(range, limit * 3);
      }
      if (!idx.length) continue;
      const head = ws.slice(0, start).join(' ');
      const out: string[] = [];
      const seen = new Set<string>();
      for (const i of idx) {
        const s = (head ? head + ' ' : '') + this.gramInfo[i].surface;
        const k = fold(s);
        if (seen.has(k) || this.grams[i] === ws.slice(start).join(' ')) continue;
        seen.add(k);
        out.push(s);
        if (out.length >= limit) break;
      }
      if (out.length) return out;
    }
    return [];
  }
}
