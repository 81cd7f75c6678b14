/**
 * Tolerant readers for API responses: accept both the documented contract and the shapes the
 * API actually returns where they differ (paginated lists as {items,total}, {counts} instead of
 * {count}, `answers` for `contributions`, `snippet` for `text`). Pages only see the normalised form.
 */
import type { ConventionArticlesResponse, ConventionResponse, Ref, ThemeResponse } from './api-types.ts';

type Counts = { count?: number; counts?: Record<string, number> };
type Paged<T> = T[] | { items?: T[]; total?: number } | null | undefined;

export function countOf(x: Counts): number {
  if (typeof x.count === 'number') return x.count;
  return Object.values(x.counts ?? {}).reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0);
}

function items<T>(p: Paged<T>): { items: T[]; total: number } {
  if (!p) return { items: [], total: 0 };
  if (Array.isArray(p)) return { items: p, total: p.length };
  const list = p.items ?? [];
  return { items: list, total: typeof p.total === 'number' ? p.total : list.length };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function excerpt(text: string, max = 220): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max).replace(/\s\S*$/, '')} …` : t;
}

export interface RawThemeResponse {
  theme: ThemeResponse['theme'];
  ancestors?: Ref[];
  children?: (Ref & Counts)[];
  articles?: Paged<{ id: string; num: string; snippet?: string; title?: string; text?: string }>;
  fiches?: Paged<Ref>;
  contributions?: Paged<Ref>;
}

export function adaptTheme(raw: RawThemeResponse): ThemeResponse {
  const articles = items(raw.articles);
  const fiches = items(raw.fiches);
  const contributions = items(raw.contributions);
  return {
    theme: raw.theme,
    ancestors: (raw.ancestors ?? []).map((a) => ({ id: a.id, title: a.title })),
    children: (raw.children ?? []).map((c) => ({ id: c.id, title: c.title, count: countOf(c) })),
    articles: articles.items.map((a) => ({
      id: a.id,
      num: a.num,
      // snippets are escaped HTML; a plain text excerpt is escaped here to match
      snippet: a.snippet ?? (a.title || a.text ? escapeHtml(excerpt(a.title ?? a.text ?? '')) : undefined),
    })),
    fiches: fiches.items.map((f) => ({ id: f.id, title: f.title })),
    contributions: contributions.items.map((c) => ({ id: c.id, title: c.title })),
    totals: { articles: articles.total, fiches: fiches.total, contributions: contributions.total },
  };
}

export interface RawConventionResponse {
  convention: ConventionResponse['convention'];
  contributions?: Paged<Ref>;
  answers?: Paged<Ref>;
}

export function adaptConvention(raw: RawConventionResponse): ConventionResponse {
  const list = items(raw.contributions ?? raw.answers);
  return { convention: raw.convention, contributions: list.items.map((c) => ({ id: c.id, title: c.title })) };
}

export interface RawConventionArticles {
  results?: { id: string; num: string | null; text?: string; snippet?: string; path?: string[] }[];
}

export function adaptConventionArticles(raw: RawConventionArticles): ConventionArticlesResponse {
  return {
    results: (raw.results ?? []).map((a) => ({
      id: a.id,
      num: a.num,
      text: a.snippet ?? escapeHtml(excerpt(a.text ?? '')),
      path: a.path ?? [],
    })),
  };
}
