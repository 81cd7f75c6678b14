/**
 * Zip archives of photos and training sets, through fflate (MIT, no dependencies). What this adds:
 * limits checked on every entry's declared size before anything is inflated (zip bombs; fflate
 * inflates into a buffer of that declared size, so a lying header cannot make it allocate more),
 * names cleaned (no folders above the archive, no absolute paths), and every failure turned into a
 * clear 4xx error. Every kept entry is inflated at once (fflate's synchronous API): while a request
 * holds the archive, memory is about twice its size (photos do not compress), bounded by the
 * IAFLASH_MAX_ZIP_BYTES setting.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { IaflashError } from './errors.ts';

export interface ZipEntry {
  /** Normalised path inside the archive ("photos/a.jpg"). */
  name: string;
  size: number;
  read(): Buffer;
}

export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
}

const bad = (msg: string) => new IaflashError('ARCHIVE_INVALID', msg);

export function readZip(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  let count = 0;
  let total = 0;
  /** raw name in the archive → cleaned name, for the entries the filter kept */
  const names = new Map<string, string>();
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), {
      filter(file) {
        if (file.name.endsWith('/')) return false;
        const name = cleanName(file.name);
        if (!name) return false;
        if (file.compression !== 0 && file.compression !== 8) throw bad(`Méthode de compression non prise en charge pour ${name}.`);
        if (++count > limits.maxEntries) throw bad(`L’archive contient trop de fichiers (${limits.maxEntries} au plus).`);
        if (file.originalSize > limits.maxEntryBytes) throw bad(`${name} dépasse la taille maximale d’un fichier.`);
        total += file.originalSize;
        if (total > limits.maxTotalBytes) throw bad('L’archive décompressée dépasse la taille maximale.');
        names.set(file.name, name);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof IaflashError) throw e;
    throw bad('Le fichier n’est pas une archive zip lisible, ou elle est endommagée, chiffrée ou au format zip64.');
  }
  return Object.entries(files).map(([raw, data]) => ({
    name: names.get(raw)!,
    size: data.length,
    read: () => Buffer.from(data.buffer, data.byteOffset, data.byteLength),
  }));
}

/** "a/../b\\c.jpg" → "b/c.jpg"; hidden macOS folders and empty names are dropped. */
export function cleanName(raw: string): string | null {
  const parts: string[] = [];
  for (const part of raw.replace(/\\/g, '/').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      parts.pop();
      continue;
    }
    if (part === '__MACOSX' || part.startsWith('._')) return null;
    parts.push(part.replace(/[\u0000-\u001f\u007f]/g, ''));
  }
  return parts.length ? parts.join('/') : null;
}

/** Writes a zip of stored (uncompressed) entries: photos do not compress. Used by tests. */
export function writeZip(files: { name: string; data: Buffer }[]): Buffer {
  const tree: Zippable = {};
  for (const f of files) tree[f.name] = [new Uint8Array(f.data), { level: 0 }];
  return Buffer.from(zipSync(tree));
}
