/** Pure helpers of the search combobox (unit-tested without a browser). */
import type { SuggestResponse, SuggestTheme } from '../../core/engine-contract.ts';

/** The search a chosen theme runs: its query replaces the typed fragment. */
export function themeQuery(theme: SuggestTheme): string {
  return (theme.query ?? theme.title).trim() || theme.title;
}

export type Option = { kind: 'theme'; key: string; theme: SuggestTheme } | { kind: 'completion'; key: string; text: string };

/** Words a completion must not end on: it would stop mid-phrase ("licenciement économique de"). */
const DANGLING = new Set('de du des la le les l d et a à au aux en un une pour par sur dans ou avec sans'.split(' '));

/** A completion that stops mid-phrase: on a function word or a lone number ("licenciement économique de 2"). */
export function isFragment(completion: string): boolean {
  const words = completion
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (!last) return true;
  return DANGLING.has(last) || (/^\d+$/.test(last) && DANGLING.has(words[words.length - 2] ?? ''));
}

/**
 * Themes first (they narrow the search), then completions; duplicates, fragments and the typed text
 * itself removed.
 */
export function optionsFrom(s: SuggestResponse, maxThemes = 6, maxCompletions = 4, typed = ''): Option[] {
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
    if (!k || seenText.has(k) || seenText.size >= maxCompletions || k === typed.trim().toLowerCase() || isFragment(k)) continue;
    seenText.add(k);
    out.push({ kind: 'completion', key: `c:${k}`, text: c.trim() });
  }
  return out;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** What the live region says when suggestions arrive: exactly the options shown. */
export function countAnnouncement(options: readonly Option[]): string {
  const t = options.filter((o) => o.kind === 'theme').length;
  const c = options.length - t;
  if (t + c === 0) return 'Aucune suggestion.';
  const parts: string[] = [];
  if (t) parts.push(plural(t, 'thème suggéré', 'thèmes suggérés'));
  if (c) parts.push(plural(c, 'recherche suggérée', 'recherches suggérées'));
  return `${parts.join(' et ')}. Flèche bas pour les parcourir.`;
}
