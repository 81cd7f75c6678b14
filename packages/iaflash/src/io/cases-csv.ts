/**
 * The CSV files an operator gives: the cases of a batch (`file,plate,make,model`: photo, plate,
 * registered make and model; make/model may be left empty when the plate is in the imported
 * registry; an optional `plate_file` names the plate's image) and the registry extract
 * (`plate,make,model`). Column names are matched loosely (marque, modele, immatriculation,
 * registeredMake...). Bad files are a clear 400, never a crash.
 */
import { parse } from 'csv-parse/sync';
import { IaflashError } from './errors.ts';

export interface CaseRow {
  line: number;
  file: string;
  plate: string | null;
  make: string | null;
  model: string | null;
  /** The plate's image (a crop), when the case has one: the reader checks it against `plate`. */
  plateFile: string | null;
}

export interface RegistryRow {
  line: number;
  plate: string;
  make: string;
  model: string;
}

const ALIASES: Record<string, string[]> = {
  file: ['file', 'fichier', 'photo', 'image', 'path', 'chemin'],
  plate: ['plate', 'plaque', 'immatriculation', 'immat'],
  make: ['make', 'marque', 'registeredmake', 'registered_make', 'brand'],
  model: ['model', 'modele', 'modèle', 'registeredmodel', 'registered_model'],
  plateFile: ['plate_file', 'plate_image', 'plateimage', 'plate_crop', 'image_plaque', 'photo_plaque'],
};

function records(csv: Buffer | string, what: string): { cols: Record<string, string>; rows: Record<string, string>[] } {
  let rows: Record<string, string>[];
  try {
    const text = typeof csv === 'string' ? csv : csv.toString('utf8');
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
    rows = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
      trim: true,
      delimiter,
      relax_column_count: true,
      max_record_size: 10_000,
    });
  } catch {
    throw new IaflashError('CASES_INVALID', `Le fichier CSV ${what} est illisible (guillemets, séparateurs ou encodage).`);
  }
  if (rows.length === 0) throw new IaflashError('CASES_INVALID', `Le fichier CSV ${what} ne contient aucune ligne.`);
  const headers = Object.keys(rows[0]);
  const cols: Record<string, string> = {};
  for (const [key, names] of Object.entries(ALIASES)) {
    const found = headers.find((h) => names.includes(h));
    if (found) cols[key] = found;
  }
  return { cols, rows };
}

export function readCasesCsv(csv: Buffer | string, maxRows: number): CaseRow[] {
  const { cols, rows } = records(csv, 'des dossiers');
  if (!cols.file) throw new IaflashError('CASES_INVALID', 'Colonne « file » absente (attendu : file,plate,make,model).');
  if (!cols.plate && !(cols.make && cols.model))
    throw new IaflashError(
      'CASES_INVALID',
      'Il faut la plaque (« plate ») ou la marque et le modèle (« make », « model ») de chaque dossier.',
    );
  if (rows.length > maxRows) throw new IaflashError('CASES_INVALID', `Trop de dossiers (${maxRows} au plus par lot).`);
  const opt = (r: Record<string, string>, k: string) => (cols[k] && r[cols[k]] ? r[cols[k]].slice(0, 100) : null);
  return rows.map((r, i) => {
    const file = opt(r, 'file');
    if (!file) throw new IaflashError('CASES_INVALID', `Ligne ${i + 2} : nom de photo vide.`);
    return { line: i + 2, file, plate: opt(r, 'plate'), make: opt(r, 'make'), model: opt(r, 'model'), plateFile: opt(r, 'plateFile') };
  });
}

export function readRegistryCsv(csv: Buffer | string, maxRows = 1_000_000): RegistryRow[] {
  const { cols, rows } = records(csv, 'du registre');
  if (!cols.plate || !cols.make || !cols.model)
    throw new IaflashError('CASES_INVALID', 'Colonnes attendues pour le registre : plate,make,model.');
  if (rows.length > maxRows) throw new IaflashError('CASES_INVALID', `Registre trop long (${maxRows} lignes au plus).`);
  return rows
    .map((r, i) => ({
      line: i + 2,
      plate: (r[cols.plate] ?? '').slice(0, 20),
      make: (r[cols.make] ?? '').slice(0, 100),
      model: (r[cols.model] ?? '').slice(0, 100),
    }))
    .filter((r) => r.plate);
}
