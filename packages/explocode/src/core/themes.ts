/**
 * Thématiques: every node of the Code du travail's plan ("code:<LEGISCTA>") and every level of the
 * service-public breadcrumbs of the fiches ("sp:<slug/of/the/path>"). Pure function, no I/O.
 */
import type { Article, CodeSection, Contribution, Fiche, Theme } from './types.ts';

export function themeSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function codeThemeId(sectionId: string): string {
  return `code:${sectionId}`;
}

/** "sp:travail/conges-dans-le-secteur-prive" for a breadcrumb prefix. */
export function spThemeId(breadcrumb: readonly string[]): string {
  return `sp:${breadcrumb.map(themeSlug).join('/')}`;
}

/** Contribution citations: generic answer and every per-convention answer. */
export function contributionCitations(c: Contribution): string[] {
  const set = new Set(c.generic.citedArticles);
  for (const a of c.byConvention) for (const n of a.citedArticles) set.add(n);
  return [...set];
}

export interface ThemeInput {
  sections: readonly CodeSection[];
  articles: readonly Pick<Article, 'num' | 'path'>[];
  fiches: readonly Pick<Fiche, 'id' | 'breadcrumb' | 'citedArticles' | 'sections'>[];
  contributions: readonly Contribution[];
  /** Fiche ids embedded by each contribution (service-public), for the sp themes' contribution counts. */
  embeddedFiches?: ReadonlyMap<string, readonly string[]>;
}

export function buildThemes(input: ThemeInput): Theme[] {
  const themes: Theme[] = [];
  // ---- code themes ----
  const byId = new Map<string, CodeSection>();
  for (const s of input.sections) byId.set(s.id, s);
  const counts = new Map<string, { articles: number; fiches: number; contributions: number }>();
  for (const s of input.sections) counts.set(s.id, { articles: 0, fiches: 0, contributions: 0 });
  const pathOfNum = new Map<string, readonly string[]>();
  for (const a of input.articles) {
    pathOfNum.set(a.num, a.path);
    for (const sid of a.path) {
      const c = counts.get(sid);
      if (c) c.articles++;
    }
  }
  const citing = (nums: Iterable<string>): Set<string> => {
    const secs = new Set<string>();
    for (const n of nums) for (const sid of pathOfNum.get(n) ?? []) secs.add(sid);
    return secs;
  };
  for (const f of input.fiches) {
    const nums = new Set(f.citedArticles);
    for (const s of f.sections) for (const n of s.citedArticles) nums.add(n);
    for (const sid of citing(nums)) counts.get(sid)!.fiches++;
  }
  for (const c of input.contributions) {
    for (const sid of citing(contributionCitations(c))) counts.get(sid)!.contributions++;
  }
  const titlePath = (s: CodeSection): string[] => {
    const out: string[] = [];
    let p = s.parentId ? byId.get(s.parentId) : undefined;
    while (p) {
      out.unshift(p.title);
      p = p.parentId ? byId.get(p.parentId) : undefined;
    }
    return out;
  };
  const sortedSections = [...input.sections].sort((a, b) => a.order - b.order);
  for (const s of sortedSections) {
    themes.push({
      id: codeThemeId(s.id),
      source: 'code',
      title: s.title,
      parentId: s.parentId ? codeThemeId(s.parentId) : null,
      path: titlePath(s),
      counts: counts.get(s.id)!,
    });
  }

  // ---- service-public themes ----
  const sp = new Map<string, { theme: Theme; fiches: Set<string>; articles: Set<string> }>();
  const ficheThemes = new Map<string, string[]>();
  for (const f of input.fiches) {
    const bc = f.breadcrumb.filter((t) => t.trim());
    const ids: string[] = [];
    for (let i = 0; i < bc.length; i++) {
      const prefix = bc.slice(0, i + 1);
      const id = spThemeId(prefix);
      if (id === 'sp:') continue;
      let e = sp.get(id);
      if (!e) {
        e = {
          theme: {
            id,
            source: 'service-public',
            title: bc[i],
            parentId: i > 0 ? spThemeId(bc.slice(0, i)) : null,
            path: bc.slice(0, i),
            counts: { articles: 0, fiches: 0, contributions: 0 },
          },
          fiches: new Set(),
          articles: new Set(),
        };
        sp.set(id, e);
      }
      e.fiches.add(f.id);
      for (const n of f.citedArticles) e.articles.add(n);
      ids.push(id);
    }
    ficheThemes.set(f.id, ids);
  }
  const contribCounts = new Map<string, number>();
  if (input.embeddedFiches) {
    for (const [, fids] of input.embeddedFiches) {
      const ids = new Set<string>();
      for (const fid of fids) for (const t of ficheThemes.get(fid) ?? []) ids.add(t);
      for (const t of ids) contribCounts.set(t, (contribCounts.get(t) ?? 0) + 1);
    }
  }
  for (const e of sp.values()) {
    e.theme.counts = { articles: e.articles.size, fiches: e.fiches.size, contributions: contribCounts.get(e.theme.id) ?? 0 };
    themes.push(e.theme);
  }
  return themes;
}
