/**
 * Bytes of a packed language index, for the search snapshots the search job stores in the database:
 * a JSON header (language, fiche ids, BM25F parameters, terms) and the three postings arrays as raw
 * little-endian bytes. No library serialises typed arrays this compactly; JSON would triple the size.
 */
import type { PackedBm25f } from '@eig/platform/search';
import { isLanguageCode } from '../languages.ts';
import type { PackedLanguageIndex } from './engine.ts';

const MAGIC = 0x4b524631; // "KRF1"

export function encodeIndex(p: PackedLanguageIndex): Uint8Array {
  const { offsets, docs, tfw, ...rest } = p.packed.index;
  const header = new TextEncoder().encode(
    JSON.stringify({ lang: p.lang, ids: p.ids, index: rest, sizes: [offsets.length, docs.length, tfw.length] }),
  );
  const headerPadded = Math.ceil(header.length / 4) * 4;
  const out = new Uint8Array(8 + headerPadded + 4 * (offsets.length + docs.length + tfw.length));
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, 8);
  let at = 8 + headerPadded;
  for (const arr of [offsets, docs, tfw]) {
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), at);
    at += arr.byteLength;
  }
  return out;
}

export function decodeIndex(bytes: Uint8Array): PackedLanguageIndex {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('search snapshot: bad magic');
  const hlen = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + hlen))) as {
    lang: string;
    ids: string[];
    index: Omit<PackedBm25f, 'offsets' | 'docs' | 'tfw'>;
    sizes: [number, number, number];
  };
  if (!isLanguageCode(header.lang)) throw new Error('search snapshot: unknown language');
  let at = 8 + Math.ceil(hlen / 4) * 4;
  // Copy into aligned buffers: the bytes come from the database driver at any offset. Not
  // `bytes.slice`: on a Node Buffer (node-postgres' bytea) it is a view over the whole pool.
  const take = <T>(n: number, Ctor: new (b: ArrayBuffer) => T): T => {
    const slice = new Uint8Array(bytes.subarray(at, at + 4 * n));
    if (slice.byteLength !== 4 * n) throw new Error('search snapshot: truncated');
    at += 4 * n;
    return new Ctor(slice.buffer);
  };
  const offsets = take(header.sizes[0], Int32Array);
  const docs = take(header.sizes[1], Int32Array);
  const tfw = take(header.sizes[2], Float32Array);
  return { lang: header.lang, ids: header.ids, packed: { lang: header.lang as never, index: { ...header.index, offsets, docs, tfw } } };
}
