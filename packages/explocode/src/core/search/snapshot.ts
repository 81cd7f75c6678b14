/**
 * Engine snapshots: the built engine (a slim copy of the corpus — no HTML — plus its inverted
 * indexes) serialised to one binary file under DATA_DIR, so that a warm start neither reloads the
 * corpus from the database nor re-analyses it.
 *
 * The file name is a hash of everything the engine depends on: the dataset (id, version, creation
 * date), the search code itself (sources of core/search and platform/search), the model file, the
 * CDTN synonym package and the engine config. Any change → another name → rebuild. A missing,
 * truncated or corrupt file (SHA-256 checked) is ignored and rebuilt; snapshot I/O errors never
 * prevent the engine from starting.
 *
 * Layout: "EXPLOCODE-SNAP1\n" | u32 header length | header JSON (utf8) | zero padding to 4 bytes |
 * per index, in header order: offsets (i32), docs (i32), tfw (f32) | SHA-256 of all preceding bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Bm25fIndex, type PackedBm25f } from '@eig/platform/search';
import type { Corpus } from '../types.ts';
import { ExplocodeEngine, type EngineConfig, type PrebuiltIndexes } from './engine.ts';
import { MODEL_PATH, parseModel, type SemanticModel } from './model.ts';

const MAGIC = Buffer.from('EXPLOCODE-SNAP1\n', 'ascii');
const INDEX_NAMES = ['art', 'pass', 'fiche', 'contrib', 'conv', 'theme'] as const;

interface Header {
  key: string;
  corpus: Corpus;
  indexes: {
    name: (typeof INDEX_NAMES)[number];
    k1: number;
    n: number;
    fields: PackedBm25f['fields'];
    terms: string[];
    postings: number;
  }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const CODE_DIRS = [here, resolve(here, '../../../../platform/src/search')];
const CODE_FILES = [resolve(here, '../article-number.ts'), resolve(here, '../themes.ts')];

/** Hash of the search code (so that any code change invalidates snapshots). */
function codeHash(): string {
  const h = createHash('sha256');
  for (const dir of CODE_DIRS) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort())
      if (/\.(?:ts|js|mjs)$/.test(f) && !/\.test\./.test(f)) h.update(f).update(readFileSync(join(dir, f)));
  }
  for (const f of CODE_FILES) if (existsSync(f)) h.update(readFileSync(f));
  return h.digest('hex');
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return '?';
  }
}

/** Slim copy of the corpus: what the engine reads (HTML dropped). */
export function slimCorpus(c: Corpus): Corpus {
  return {
    version: c.version,
    sections: c.sections,
    articles: c.articles.map((a) => ({ ...a, html: '' })),
    fiches: c.fiches.map((f) => ({ ...f, sections: f.sections.map((s) => ({ ...s, html: '' })) })),
    contributions: c.contributions.map((x) => ({
      ...x,
      generic: { ...x.generic, html: '' },
      byConvention: x.byConvention.map((a) => ({ ...a, html: '' })),
    })),
    conventions: c.conventions,
    themes: c.themes,
  };
}

export function encodeSnapshot(key: string, corpus: Corpus, idx: PrebuiltIndexes): Buffer {
  const packed = INDEX_NAMES.map((name) => ({ name, p: idx[name].pack() }));
  const header: Header = {
    key,
    corpus: slimCorpus(corpus),
    indexes: packed.map(({ name, p }) => ({ name, k1: p.k1, n: p.n, fields: p.fields, terms: p.terms, postings: p.docs.length })),
  };
  const hb = Buffer.from(JSON.stringify(header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(hb.length);
  const pad = Buffer.alloc((4 - ((MAGIC.length + 4 + hb.length) % 4)) % 4);
  const parts: Buffer[] = [MAGIC, len, hb, pad];
  for (const { p } of packed) {
    parts.push(Buffer.from(p.offsets.buffer, p.offsets.byteOffset, p.offsets.byteLength));
    parts.push(Buffer.from(p.docs.buffer, p.docs.byteOffset, p.docs.byteLength));
    parts.push(Buffer.from(p.tfw.buffer, p.tfw.byteOffset, p.tfw.byteLength));
  }
  const body = Buffer.concat(parts);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** Throws on any inconsistency (magic, checksum, key, sizes). */
export function decodeSnapshot(buf: Buffer, key: string): { corpus: Corpus; indexes: PrebuiltIndexes } {
  if (buf.length < MAGIC.length + 4 + 32 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a snapshot');
  const body = buf.subarray(0, buf.length - 32);
  if (
    !createHash('sha256')
      .update(body)
      .digest()
      .equals(buf.subarray(buf.length - 32))
  )
    throw new Error('checksum mismatch');
  const hlen = body.readUInt32LE(MAGIC.length);
  let pos = MAGIC.length + 4;
  const header = JSON.parse(body.toString('utf8', pos, pos + hlen)) as Header;
  if (header.key !== key) throw new Error('key mismatch');
  pos += hlen;
  pos += (4 - (pos % 4)) % 4;
  // copy the binary part once into an aligned buffer, then take typed views
  const bin = new Uint8Array(body.length - pos);
  bin.set(body.subarray(pos));
  let off = 0;
  const take = <T extends Int32Array | Float32Array>(C: new (b: ArrayBuffer, o: number, l: number) => T, n: number): T => {
    if (off + n * 4 > bin.byteLength) throw new Error('truncated snapshot');
    const v = new C(bin.buffer, off, n);
    off += n * 4;
    return v;
  };
  const out: Partial<PrebuiltIndexes> = {};
  for (const name of INDEX_NAMES) {
    const h = header.indexes.find((x) => x.name === name);
    if (!h) throw new Error(`index ${name} missing`);
    const offsets = take(Int32Array, h.terms.length + 1);
    const docs = take(Int32Array, h.postings);
    const tfw = take(Float32Array, h.postings);
    out[name] = Bm25fIndex.unpack({ k1: h.k1, n: h.n, fields: h.fields, terms: h.terms, offsets, docs, tfw });
  }
  if (off !== bin.byteLength) throw new Error('trailing bytes');
  return { corpus: header.corpus, indexes: out as PrebuiltIndexes };
}

export interface LoadOrBuildOptions {
  /** directory for snapshots (e.g. DATA_DIR); undefined = never snapshot */
  dataDir?: string;
  /** identifies the dataset content: e.g. `${id}|${version}|${createdAt}` */
  datasetKey: string;
  loadCorpus: () => Promise<Corpus | null>;
  modelPath?: string;
  config?: Partial<EngineConfig>;
  onWarn?: (message: string) => void;
}

export interface LoadedEngine {
  engine: ExplocodeEngine;
  from: 'snapshot' | 'build';
  /** corpus (database) or snapshot read+decode time */
  loadMs: number;
  /** engine construction time */
  buildMs: number;
}

/**
 * The engine for a dataset: restored from its snapshot under `dataDir` when one exists and is valid,
 * else built from `loadCorpus()` (null when there is no corpus) and snapshotted for the next start.
 */
export async function loadOrBuildEngine(opts: LoadOrBuildOptions): Promise<LoadedEngine | null> {
  const warn = opts.onWarn ?? (() => {});
  const t0 = performance.now();
  let modelText: string | null;
  try {
    modelText = readFileSync(opts.modelPath ?? MODEL_PATH, 'utf8');
  } catch {
    modelText = null;
  }
  let model: SemanticModel | undefined;
  try {
    model = modelText ? parseModel(modelText) : undefined;
  } catch {
    model = undefined;
  }
  const key = createHash('sha256')
    .update(
      JSON.stringify([
        'explocode-engine-snapshot-2',
        opts.datasetKey,
        codeHash(),
        model && modelText ? createHash('sha256').update(modelText).digest('hex') : 'no-model',
        packageVersion('@socialgouv/cdtn-elasticsearch'),
        opts.config ?? {},
        process.versions.node.split('.')[0],
      ]),
    )
    .digest('hex');
  const dir = opts.dataDir ? join(opts.dataDir, 'explocode') : null;
  const file = dir ? join(dir, `engine-${key.slice(0, 24)}.snap`) : null;

  if (file && existsSync(file)) {
    try {
      const { corpus, indexes } = decodeSnapshot(readFileSync(file), key);
      const t1 = performance.now();
      const engine = new ExplocodeEngine(corpus, model, opts.config, indexes);
      removeDeadFiles(dirname(file), file);
      return { engine, from: 'snapshot', loadMs: t1 - t0, buildMs: performance.now() - t1 };
    } catch (err) {
      warn(`engine snapshot ignored (${err instanceof Error ? err.message : String(err)}): rebuilding`);
      try {
        rmSync(file, { force: true });
      } catch {
        /* ignore */
      }
    }
  }

  const corpus = await opts.loadCorpus();
  if (!corpus) return null;
  const t1 = performance.now();
  const engine = new ExplocodeEngine(corpus, model, opts.config);
  const t2 = performance.now();
  if (dir && file) {
    try {
      mkdirSync(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, encodeSnapshot(key, corpus, engine.indexes()));
      renameSync(tmp, file);
      removeDeadFiles(dir, file);
    } catch (err) {
      warn(`engine snapshot not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { engine, from: 'build', loadMs: t1 - t0, buildMs: t2 - t1 };
}

/** A snapshot takes seconds to write: a temporary file older than this lost its writer. */
const STALE_TMP_MS = 60 * 60 * 1000;

/**
 * Older snapshots (previous datasets or code versions) are dead weight, and so are the temporary
 * files of a process stopped mid-write. A recent temporary file may be another process's write in
 * progress, so only old ones go.
 */
function removeDeadFiles(dir: string, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // cleaning is a courtesy: the snapshot just read or written still serves
  }
  for (const f of names) {
    const path = join(dir, f);
    if (path === keep) continue;
    try {
      const oldSnapshot = /^engine-[0-9a-f]+\.snap$/.test(f);
      const staleTmp = /^engine-[0-9a-f]+\.snap\.\d+\.tmp$/.test(f) && Date.now() - statSync(path).mtimeMs > STALE_TMP_MS;
      if (oldSnapshot || staleTmp) rmSync(path, { force: true });
    } catch {
      // removed meanwhile by another process: one file fewer to clean, the others still go
    }
  }
}
