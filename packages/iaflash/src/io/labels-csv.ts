/**
 * Reads labels files, paths relative to the CSV: `file,make,model[,group]` for the vehicle model,
 * `file,text` for plate crops.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve, relative, isAbsolute } from 'node:path';
import { IaflashError } from './errors.ts';

export interface LabelRow {
  file: string;
  /** Absolute path of the photo. */
  path: string;
  make: string;
  model: string;
  group?: string;
}

export interface PlateLabelRow {
  file: string;
  /** Absolute path of the plate crop. */
  path: string;
  /** The plate as written on it. */
  text: string;
}

/** The CSV's rows (lower-case headers), each with its image's absolute path, checked to stay inside the CSV's folder. */
function readRows(csvPath: string, columns: string[], expected: string): (Record<string, string> & { path: string })[] {
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(csvPath), {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
    });
  } catch (err) {
    throw new IaflashError('LABELS_INVALID', `Fichier d’étiquettes illisible : ${(err as Error).message}`);
  }
  if (records.length === 0) throw new IaflashError('LABELS_INVALID', 'Le fichier d’étiquettes ne contient aucune ligne.');
  for (const col of columns)
    if (!(col in records[0])) throw new IaflashError('LABELS_INVALID', `Colonne « ${col} » absente (attendu : ${expected}).`);
  const base = dirname(resolve(csvPath));
  return records.map((r, i) => {
    const path = resolve(base, r.file);
    const rel = relative(base, path);
    // Paths must stay inside the CSV's folder: a labels file must not read arbitrary files.
    if (!r.file || rel.startsWith('..') || isAbsolute(rel))
      throw new IaflashError('LABELS_INVALID', `Ligne ${i + 2} : chemin d’image invalide.`);
    if (!existsSync(path)) throw new IaflashError('LABELS_INVALID', `Ligne ${i + 2} : image introuvable (${r.file}).`);
    return { ...r, path };
  });
}

export function readLabelsCsv(csvPath: string): LabelRow[] {
  return readRows(csvPath, ['file', 'make', 'model'], 'file,make,model[,group]').map((r, i) => {
    const make = r.make.toUpperCase();
    const model = r.model.toUpperCase();
    if (!make || !model) throw new IaflashError('LABELS_INVALID', `Ligne ${i + 2} : marque ou modèle vide.`);
    return { file: r.file, path: r.path, make, model, group: r.group || undefined };
  });
}

export function readPlateLabelsCsv(csvPath: string): PlateLabelRow[] {
  return readRows(csvPath, ['file', 'text'], 'file,text').map((r) => ({ file: r.file, path: r.path, text: r.text }));
}
