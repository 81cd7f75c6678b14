/**
 * Loads the bundled starter content into the database, idempotently: what is missing is added; a
 * starter fiche or structure nobody edited through the platform follows the bundle when the bundle
 * changes (its translations are flagged "to review" where the French changed); anything edited
 * through the platform is never overwritten. Translations are added where the database has none.
 */
import { createHash } from 'node:crypto';
import type { StarterContent } from '../content.ts';
import { sourceUnits, unitHash } from '../core/fiche.ts';
import { flagChangedUnits } from './flagging.ts';
import type { KarfurRepository } from './repository.ts';

export interface ContentImportReport {
  skipped: boolean;
  fichesAdded: number;
  fichesUpdated: number;
  structuresAdded: number;
  structuresUpdated: number;
  unitsAdded: number;
  flagged: number;
}

const hashOf = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 32);

export async function importStarterContent(
  repo: KarfurRepository,
  content: StarterContent,
  opts: { force?: boolean; onProgress?: (done: number, total: number, message: string) => void } = {},
): Promise<ContentImportReport> {
  const bundleHash = hashOf([content.taxonomy, content.fiches, content.structures, content.translations]);
  const report: ContentImportReport = {
    skipped: false,
    fichesAdded: 0,
    fichesUpdated: 0,
    structuresAdded: 0,
    structuresUpdated: 0,
    unitsAdded: 0,
    flagged: 0,
  };
  if (!opts.force && (await repo.meta<string>('starter_hash')) === bundleHash) return { ...report, skipped: true };
  const total = content.structures.length + content.fiches.length + content.translations.length;
  let done = 0;
  const step = (message: string) => {
    done++;
    if (done % 25 === 0 || done === total) opts.onProgress?.(done, total, message);
  };
  await repo.write(async (tx) => {
    await repo.setMeta('taxonomy', content.taxonomy, tx);
    const structures = new Map((await repo.structures(tx)).map((s) => [s.id, s]));
    for (const s of content.structures) {
      const h = hashOf(s);
      const row = structures.get(s.id);
      if (!row) {
        await repo.putStructure(tx, s, { starterHash: h });
        report.structuresAdded++;
      } else if (!row.edited && row.starterHash !== h) {
        await repo.putStructure(tx, s, { starterHash: h });
        report.structuresUpdated++;
      }
      step('structures');
    }
    for (const f of content.fiches) {
      const h = hashOf(f);
      const row = await repo.fiche(f.id, tx, true);
      if (!row) {
        await repo.insertFiche(tx, { id: f.id, origin: 'starter', structure: f.sponsor.structure, published: f, starterHash: h });
        await repo.audit(tx, { actor: 'system', action: 'fiche_imported', fiche: f.id, detail: { origin: 'starter' } });
        report.fichesAdded++;
      } else if (row.origin === 'starter' && !row.edited && row.starterHash !== h) {
        await repo.updatePublished(tx, f.id, f, { starterHash: h });
        report.flagged += await flagChangedUnits(repo, tx, row.published, f, 'system');
        await repo.audit(tx, { actor: 'system', action: 'fiche_updated_from_bundle', fiche: f.id });
        report.fichesUpdated++;
      }
      step('fiches');
    }
    const fiches = new Map(content.fiches.map((f) => [f.id, sourceUnits(f)]));
    for (const t of content.translations) {
      const src = fiches.get(t.fiche);
      for (const [unit, u] of Object.entries(t.units)) {
        if (!u || !src) continue;
        const french = src.get(unit as never);
        const current = french !== undefined && unitHash(french) === u.sourceHash;
        const added = await repo.putUnit(
          tx,
          {
            fiche: t.fiche,
            lang: t.lang,
            unit,
            status: u.status,
            value: u.value,
            translator: u.translator,
            validator: u.validator,
            sourceHash: u.sourceHash,
            // The French it was made from is today's when the hashes agree; otherwise unknown (no diff).
            sourceValue: current ? (french ?? null) : null,
            comment: null,
            provenance: t.provenance,
            updatedAt: `${u.updatedAt}T00:00:00Z`,
          },
          true,
        );
        if (added) report.unitsAdded++;
      }
      step('traductions');
    }
    await repo.setMeta('starter_hash', bundleHash, tx);
  });
  return report;
}
