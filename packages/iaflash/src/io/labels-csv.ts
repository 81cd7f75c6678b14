/** Reads a training labels file: `file,make,model[,group]`, paths relative to the CSV. */
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

export function readLabelsCsv(csvPath: string): LabelRow[] {
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
  for (const col of ['file', 'make', 'model'])
    if (!(col in records[0])) throw new IaflashError('LABELS_INVALID', `Colonne « ${col} » absente (attendu : file,make,model[,group]).`);
  const base = dirname(resolve(csvPath));
  return records.map((r, i) => {
    const path = resolve(base, r.file);
    const rel = relative(base, path);
    // Paths must stay inside the CSV's folder: a labels file must not read arbitrary files.
    if (!r.file || rel.startsWith('..') || isAbsolute(rel))
      throw new IaflashError('LABELS_INVALID', `Ligne ${i + 2} : chemin de photo invalide.`);
    if (!existsSync(path)) throw new IaflashError('LABELS_INVALID', `Ligne ${i + 2} : photo introuvable (${r.file}).`);
    const make = r.make.toUpperCase();
    const model = r.model.toUpperCase();
    if (!make || !model) throw new IaflashError('LABELS_INVALID', `Ligne ${i + 2} : marque ou modèle vide.`);
    return { file: r.file, path, make, model, group: r.group || undefined };
  });
}
