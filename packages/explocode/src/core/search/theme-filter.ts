/**
 * The `themeId` filter: which documents of each type belong to a theme's subtree. A code theme (a
 * section of the code's plan) holds the articles under it; a service-public theme (a breadcrumb node)
 * holds the fiches under it and the articles they cite. Fiches (code themes) and Q&A then follow the
 * articles they cite, so that every type can be narrowed by either kind of theme.
 */
import type { DocType } from '../types.ts';
import { spThemeId } from '../themes.ts';
import type { SearchCorpus } from './search-corpus.ts';

export type ThemeMembers = Record<DocType, Set<number>>;

/** Filters are cached per theme; the cache is simply dropped when it grows past this. */
const MAX_CACHED_FILTERS = 200;

export class ThemeFilter {
  private readonly children = new Map<string, string[]>();
  /** service-public theme ids of each fiche (every prefix of its breadcrumb) */
  private readonly ficheThemes: Set<string>[];
  private readonly cache = new Map<string, ThemeMembers>();

  constructor(private readonly c: SearchCorpus) {
    for (const t of c.themes) {
      if (t.parentId) {
        const l = this.children.get(t.parentId);
        if (l) l.push(t.id);
        else this.children.set(t.parentId, [t.id]);
      }
    }
    this.ficheThemes = c.fiches.map((f) => {
      const s = new Set<string>();
      for (let k = 1; k <= f.breadcrumb.length; k++) s.add(spThemeId(f.breadcrumb.slice(0, k)));
      return s;
    });
  }

  /** The members of a theme's subtree by type; null for an unknown theme. */
  members(themeId: string): ThemeMembers | null {
    const cached = this.cache.get(themeId);
    if (cached) return cached;
    const c = this.c;
    const ti = c.themeById.get(themeId);
    if (ti === undefined) return null;
    const sub = new Set<string>();
    const stack = [themeId];
    while (stack.length) {
      const id = stack.pop()!;
      if (sub.has(id)) continue;
      sub.add(id);
      for (const ch of this.children.get(id) ?? []) stack.push(ch);
    }
    const f: ThemeMembers = { article: new Set(), fiche: new Set(), contribution: new Set(), convention: new Set(), theme: new Set() };
    for (const id of sub) f.theme.add(c.themeById.get(id)!);
    if (themeId.startsWith('code:')) {
      const sec = themeId.slice(5);
      c.articles.forEach((a, i) => {
        if (a.path.includes(sec)) f.article.add(i);
      });
    } else {
      c.fiches.forEach((_, i) => {
        if (this.ficheThemes[i].has(themeId)) f.fiche.add(i);
      });
      for (const fi of f.fiche)
        for (const n of c.fiches[fi].citedArticles) {
          const a = c.artByNum.get(n);
          if (a !== undefined) f.article.add(a);
        }
    }
    const arts = new Set([...f.article].map((i) => c.articles[i].num));
    if (themeId.startsWith('code:'))
      c.fiches.forEach((fc, i) => {
        if (fc.citedArticles.some((n) => arts.has(n))) f.fiche.add(i);
      });
    c.contributions.forEach((ct, i) => {
      if (ct.generic.citedArticles.some((n) => arts.has(n))) f.contribution.add(i);
    });
    if (this.cache.size > MAX_CACHED_FILTERS) this.cache.clear();
    this.cache.set(themeId, f);
    return f;
  }
}
