/**
 * A small, bounded reader of zip archives (stored and deflated entries), enough for batches of
 * photos and training sets: every size is checked before inflating (zip bombs), names are cleaned
 * (no folders above the archive, no absolute paths), and anything odd is a clear error.
 */
import { inflateRawSync } from 'node:zlib';
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
  // End of central directory: the last 22..65557 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw bad('Le fichier n’est pas une archive zip lisible.');
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw bad('Archive zip64 non prise en charge : découpez-la en archives plus petites.');
  if (cdOffset + cdSize > buf.length) throw bad('Archive zip tronquée.');
  const entries: ZipEntry[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw bad('Archive zip endommagée (répertoire central).');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const rawName = buf.subarray(p + 46, p + 46 + nameLen).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLen + extraLen + commentLen;
    if (rawName.endsWith('/')) continue;
    const name = cleanName(rawName);
    if (!name) continue;
    if (flags & 0x1) throw bad(`Fichier chiffré dans l’archive : ${name}.`);
    if (method !== 0 && method !== 8) throw bad(`Méthode de compression non prise en charge pour ${name}.`);
    if (entries.length >= limits.maxEntries) throw bad(`L’archive contient trop de fichiers (${limits.maxEntries} au plus).`);
    if (size > limits.maxEntryBytes) throw bad(`${name} dépasse la taille maximale d’un fichier.`);
    total += size;
    if (total > limits.maxTotalBytes) throw bad('L’archive décompressée dépasse la taille maximale.');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw bad(`Archive zip endommagée (${name}).`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    if (start + compressed > buf.length) throw bad(`Archive zip tronquée (${name}).`);
    entries.push({
      name,
      size,
      read() {
        const data = buf.subarray(start, start + compressed);
        if (method === 0) return Buffer.from(data);
        try {
          return inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
        } catch {
          throw bad(`Fichier illisible dans l’archive : ${name}.`);
        }
      },
    });
  }
  return entries;
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

/** Writes a zip (stored, no compression): tests and the CSV/ZIP exports. */
export function writeZip(files: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(f.data);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(f.data.length, 18);
    lh.writeUInt32LE(f.data.length, 22);
    lh.writeUInt16LE(name.length, 26);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(f.data.length, 20);
    ch.writeUInt32LE(f.data.length, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    locals.push(lh, name, f.data);
    centrals.push(ch, name);
    offset += 30 + name.length + f.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

let table: Uint32Array | null = null;
function crc32(data: Buffer): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of data) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
