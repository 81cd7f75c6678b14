/**
 * The home's "browse by theme": the labour-law themes a worker looks for, not the Code's structure
 * ("Partie réglementaire ancienne - Décrets simples") nor service-public categories outside labour law
 * ("Loisirs" holds the chèque-vacances). The candidates are the service-public themes of the "Travail"
 * branch (the categories service-public.fr files workers' questions under: congés, contrats, rupture,
 * rémunération…); they are ordered by how often their subject is searched (theme-demand.ts,
 * derived from the bench's weighted list of popular searches by scripts/build-theme-demand.ts), then
 * by how many documents they hold.
 */
import type { BrowseTheme } from '../engine-contract.ts';
import type { Theme } from '../types.ts';
import { fold } from '@eig/platform/search';
import { THEME_DEMAND } from './theme-demand.ts';
import { themeDocCount, themeTitle } from './theme-match.ts';

/** The branch of service-public's breadcrumbs workers' questions are filed under. */
const WORKER_ROOT = 'travail';
/** Themes about employers' or other audiences' concerns, not a worker's (folded titles). */
const NOT_FOR_WORKERS = /^(?:particulier employeur|assistante maternelle|salarie au pair)/;

export function browseThemes(themes: readonly Theme[], limit = 12, demand: Readonly<Record<string, number>> = THEME_DEMAND): BrowseTheme[] {
  const lim = Math.max(1, Math.min(50, Math.floor(Number(limit) || 12)));
  return themes
    .filter(
      (t) =>
        t.source === 'service-public' && t.path.length === 1 && fold(t.path[0]) === WORKER_ROOT && !NOT_FOR_WORKERS.test(fold(t.title)),
    )
    .map((t) => ({ id: t.id, title: themeTitle(t), count: themeDocCount(t), demand: demand[demandKey(t.title)] ?? 0 }))
    .sort((a, b) => b.demand - a.demand || b.count - a.count || (a.title < b.title ? -1 : 1))
    .slice(0, lim)
    .map(({ id, title, count }) => ({ id, title, count }));
}

/** The key of a theme in the demand table: its folded title. */
export const demandKey = (title: string): string =>
  fold(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
