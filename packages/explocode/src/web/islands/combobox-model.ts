/** Pure helpers of the search combobox (unit-tested without a browser). */
import type { SuggestResponse, SuggestTheme } from '../../core/engine-contract.ts';

export type Option =
  | { kind: 'theme'; key: string; theme: SuggestTheme }
  | { kind: 'completion'; key: string; text: string };

/** Themes first (they narrow the search), then completions; duplicates removed. */
export function optionsFrom(s: SuggestResponse, maxThemes = 6, maxCompletions = 4): Option[] {
  const out: Option[] = [];
  const seenThemes = new Set<string>();
  for (const t of s.themes ?? []) {
    if (seenThemes.has(t.id) || seenThemes.size >= maxThemes) continue;
    seenThemes.add(t.id);
    out.push({ kind: 'theme', key: `t:${t.id}`, theme: t });
  }
  const seenText = new Set<string>();
  for (const c of s.completions ?? []) {
    const k = c.trim().toLowerCase();
    if (!k || seenText.has(k) || seenText.size >= maxCompletions) continue;
    seenText.add(k);
    out.push({ kind: 'completion', key: `c:${k}`, text: c.trim() });
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** What the live region says when suggestions arrive. */
export function countAnnouncement(s: SuggestResponse): string {
  const t = s.themes?.length ?? 0;
  const c = s.completions?.length ?? 0;
  if (t + c === 0) return 'Aucune suggestion.';
  const parts: string[] = [];
  if (t) parts.push(plural(t, 'thème suggéré', 'thèmes suggérés'));
  if (c) parts.push(plural(c, 'recherche suggérée', 'recherches suggérées'));
  return `${parts.join(' et ')}. Flèche bas pour les parcourir.`;
}
