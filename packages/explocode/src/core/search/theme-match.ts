/**
 * The themes a question maps to ("notions juridiques identifiées"): themes whose titles match it,
 * reinforced by the code sections holding its best articles (a question worded in everyday language
 * rarely matches the plan's titles, but its articles sit in the right chapter).
 */
import { fold, topK, type Bm25fIndex } from '@eig/platform/search';
import type { Theme } from '../types.ts';
import type { ThemeHit } from '../engine-contract.ts';
import type { Candidate } from './candidate.ts';
import { cleanHeading } from './model.ts';
import type { QueryPlan } from './query-plan.ts';
import type { ScoreBuffers } from './score-buffers.ts';
import type { SearchCorpus } from './search-corpus.ts';

/** A theme's display title: without its "Chapitre II :" prefix (unless that leaves nothing). */
export const themeTitle = (t: Theme): string => cleanHeading(t.title) || t.title;
/** Documents under a theme, all types together. */
export const themeDocCount = (t: Theme): number => t.counts.articles + t.counts.fiches + t.counts.contributions;

export class ThemeMatcher {
  constructor(
    private readonly c: SearchCorpus,
    private readonly themeIdx: Bm25fIndex,
    private readonly buffers: ScoreBuffers,
  ) {}

  /**
   * Up to 5 themes. `themeScored`: the theme pool was searched for this query, so its buffer already
   * holds the (unfiltered) title scores.
   */
  match(plan: QueryPlan, results: Candidate[], themeScored: boolean): ThemeHit[] {
    if (!plan.terms.length) return [];
    const r = themeScored
      ? this.buffers.get('theme', this.themeIdx)
      : this.themeIdx.score(plan.terms, this.buffers.get('themeM', this.themeIdx));
    const score = new Map<number, number>();
    const top = topK(r, 30);
    const max = top[0]?.score || 1;
    for (const { doc, score: s } of top) score.set(doc, s / max);
    // evidence from the top articles: their chapter-level sections
    let rank = 0;
    for (const res of results) {
      if (res.type !== 'article') continue;
      if (++rank > 10) break;
      const a = this.c.articles[res.idx];
      for (const sec of a.path.slice(2)) {
        const ti = this.c.themeById.get('code:' + sec);
        if (ti !== undefined) score.set(ti, (score.get(ti) ?? 0) + 0.15 / rank);
      }
    }
    // one theme per title: the plan repeats titles across its parts ("Licenciement pour motif
    // économique" is a chapter of the legislative and of the regulatory part); the best one stays
    const seen = new Set<string>();
    const hits: ThemeHit[] = [];
    for (const [i, s] of [...score.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
      const t = this.c.themes[i];
      const title = themeTitle(t);
      const key = fold(title);
      if (seen.has(key)) continue;
      seen.add(key);
      hits.push({ id: t.id, title, label: title, path: t.path, count: themeDocCount(t), score: Math.round(s * 1e4) / 1e4 });
      if (hits.length >= MAX_THEMES) break;
    }
    return labelled(hits);
  }
}

const MAX_THEMES = 5;

/**
 * Labels that tell themes apart: a title shared with another listed theme (after "Chapitre II :"
 * prefixes are dropped, or across sources) gets the nearest ancestor the other does not share.
 */
export function labelled(hits: ThemeHit[]): ThemeHit[] {
  return hits.map((h) => {
    const twins = hits.filter((o) => o !== h && fold(o.title) === fold(h.title));
    if (!twins.length) return { ...h, label: h.title };
    const ancestors = h.path.map((p) => cleanHeading(p) || p).reverse();
    const tell = ancestors.find((a) => twins.every((o) => !o.path.some((p) => fold(cleanHeading(p) || p) === fold(a)))) ?? ancestors[0];
    return { ...h, label: tell ? `${h.title} (${tell})` : h.title };
  });
}
