/**
 * File uploads for every service, on @fastify/multipart (busboy): photos to check, decision files to
 * pseudonymise, images for fiches. A route states what it takes (fields, size, types, how many) and
 * gets files that were checked by their content, kept in memory or streamed to a temporary file that
 * is removed when the response is sent. Every way a request can be wrong is a French 4xx with a stable
 * code, never a 500; nothing of a file (content, name) is logged.
 *
 *   const photoUpload = defineUpload({
 *     files: { photo: { maxBytes: 20 * MiB, types: ['image/jpeg', 'image/png'] } },
 *     fields: z.object({ camera: z.string().max(50) }),
 *   });
 *   app.post('/photos', async (req) => {
 *     const { files, fields } = await receiveUpload(req, photoUpload);
 *     const photo = files.photo[0]; // photo.path (disk) or photo.buffer (memory), photo.type sniffed
 *   });
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { fileTypeFromBuffer } from 'file-type';
import type { z } from 'zod';
import { addResources, t } from '../i18n.ts';
import { HttpError } from './errors.ts';
import { formatBytes, isUploadType, sniffUploadType, TEXT_UPLOAD_TYPES, typesLabel, type UploadType } from './upload-types.ts';

export const KiB = 1024;
export const MiB = 1024 * 1024;

addResources('platform', 'fr', {
  uploads: {
    notMultipart: 'Envoyez le formulaire au format multipart/form-data.',
    malformed: 'Le formulaire envoyé est mal formé ou incomplet.',
    missingFile: 'Fichier manquant : « {{field}} ».',
    emptyFile: 'Le fichier « {{field}} » est vide.',
    unexpectedFile: 'Fichier inattendu : « {{field}} ».',
    unexpectedField: 'Champ inattendu : « {{field}} ».',
    tooManyFiles: 'Trop de fichiers pour « {{field}} » : {{max}} au plus.',
    tooManyParts: 'Le formulaire contient trop de champs ou de fichiers.',
    fileTooLarge: 'Le fichier « {{field}} » dépasse la taille maximale de {{max}}.',
    fieldTooLarge: 'Le champ « {{field}} » est trop long.',
    typeNotAllowed: 'Type de fichier non accepté pour « {{field}} » : {{expected}} attendu.',
    invalidField: 'Champ invalide « {{field}} » : {{message}}',
  },
});

export interface UploadFileRule {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Accepted types, checked against the content. */
  types: readonly UploadType[];
  /** Files this field takes (default 1). */
  maxCount?: number;
  /** At least one file is required (default true). */
  required?: boolean;
  /** Kept in memory, or streamed to a temporary file (default: memory up to 1 MiB, disk above). */
  storage?: 'memory' | 'disk';
}

export interface UploadSpec<Fields = Record<string, never>> {
  /** File fields by name. */
  files: Record<string, UploadFileRule>;
  /** Text fields, validated with this schema (an object; repeated fields become arrays). None accepted without it. */
  fields?: z.ZodType<Fields>;
  /** Longest text field, in bytes (default 64 KiB). */
  maxFieldBytes?: number;
  /** Text fields at most (default 50). */
  maxFields?: number;
}

export interface UploadedFile {
  field: string;
  /** The client's file name, cleaned (no folders, no control characters, 255 characters at most). Never log it. */
  filename: string;
  /** What the client declared (proves nothing). */
  declaredType: string;
  /** What the content is, checked. */
  type: UploadType;
  size: number;
  /** Disk storage: a temporary file, removed after the response (see keepUpload). */
  path?: string;
  /** Memory storage. */
  buffer?: Buffer;
  /** The content, from memory or disk. */
  read(): Promise<Buffer>;
}

export interface Upload<Fields> {
  files: Record<string, UploadedFile[]>;
  fields: Fields;
}

/** Checks a route's upload rules once, at start-up (a typo in a type is a programming error). */
export function defineUpload<Fields = Record<string, never>>(spec: UploadSpec<Fields>): UploadSpec<Fields> {
  for (const [field, rule] of Object.entries(spec.files)) {
    if (!(rule.maxBytes > 0)) throw new Error(`Upload field "${field}": maxBytes must be positive`);
    if (rule.types.length === 0) throw new Error(`Upload field "${field}": no accepted type`);
    for (const ty of rule.types) if (!isUploadType(ty)) throw new Error(`Upload field "${field}": unknown type "${ty}"`);
    if (rule.maxCount !== undefined && !(rule.maxCount >= 1)) throw new Error(`Upload field "${field}": maxCount must be ≥ 1`);
  }
  return Object.freeze({ ...spec });
}

export interface UploadsOptions {
  /** Temporary files go here; typically `<DATA_DIR>/tmp/uploads`. */
  tmpDir: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    uploadTmpDir: string;
  }
}

const kTempFiles = Symbol('eig.uploads.tempFiles');
type WithTemp = FastifyRequest & { [kTempFiles]?: Set<string> };

async function removeTempFiles(req: FastifyRequest): Promise<void> {
  const files = (req as WithTemp)[kTempFiles];
  if (!files) return;
  (req as WithTemp)[kTempFiles] = undefined;
  await Promise.all([...files].map((f) => rm(f, { force: true }).catch(() => undefined)));
}

/** Temporary files older than this are leftovers of a crash: removed at start. */
const STALE_MS = 60 * 60_000;

async function uploadsPlugin(app: FastifyInstance, opts: UploadsOptions): Promise<void> {
  await mkdir(opts.tmpDir, { recursive: true, mode: 0o700 });
  for (const name of await readdir(opts.tmpDir)) {
    const file = path.join(opts.tmpDir, name);
    const info = await stat(file).catch(() => null);
    if (info && name.endsWith('.upload') && Date.now() - info.mtimeMs > STALE_MS) await rm(file, { force: true });
  }
  app.decorate('uploadTmpDir', opts.tmpDir);
  // Per-call limits are set by receiveUpload; these only bound a route that would read parts itself.
  await app.register(multipart, { limits: { fileSize: 1 * MiB, files: 1, fields: 50, parts: 100, headerPairs: 100 } });
  app.addHook('onResponse', async (req) => removeTempFiles(req));
  app.addHook('onRequestAbort', async (req) => removeTempFiles(req));
}

/**
 * Registers multipart parsing and the clean-up of temporary files, on the root app (once) before the
 * services. Routes then call receiveUpload.
 */
export const registerUploads = (app: FastifyInstance, opts: UploadsOptions) =>
  app.register(fp(uploadsPlugin, { name: 'eig-uploads', fastify: '5.x' }), opts);

/** No folders, no control or bidi characters, 255 characters at most. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 255);
}

const tooLarge = (field: string, rule: UploadFileRule) =>
  new HttpError(413, t('uploads.fileTooLarge', { field, max: formatBytes(rule.maxBytes) }), 'file_too_large');

const BUSBOY_ERROR = /multipart|boundary|part header|end of form|terminated early|malformed|unexpected end/i;

/** Errors of @fastify/multipart and busboy, as our French 4xx. */
function toUploadError(err: unknown): unknown {
  if (err instanceof HttpError) return err;
  const e = err as { code?: string; message?: string };
  switch (e?.code) {
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new HttpError(415, t('uploads.notMultipart'), 'multipart_expected');
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new HttpError(413, t('uploads.tooManyParts'), 'too_many_parts');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
    case 'FST_INVALID_JSON_FIELD_ERROR':
      return new HttpError(400, t('uploads.malformed'), 'malformed_multipart');
  }
  // busboy's own parse errors ("Unexpected end of form", "Malformed part header", "Boundary not found"...),
  // and a client that went away mid-file.
  if (e?.code === 'ERR_STREAM_PREMATURE_CLOSE' || (!e?.code && BUSBOY_ERROR.test(e?.message ?? ''))) {
    return new HttpError(400, t('uploads.malformed'), 'malformed_multipart');
  }
  return err; // I/O (a full disk...) or a bug: a real server error, logged as such.
}

const TEXT_TYPES = new Set(Object.keys(TEXT_UPLOAD_TYPES));
const HEAD_BYTES = 4100; // what file-type needs for a reliable verdict
// Control characters other than tab, line feed, form feed and carriage return: not text.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** Reads one file part under its rule: size counted as it streams, text checked, type sniffed. */
async function receiveFile(req: FastifyRequest, part: MultipartFile, rule: UploadFileRule): Promise<UploadedFile | null> {
  const field = part.fieldname;
  const storage = rule.storage ?? (rule.maxBytes <= MiB ? 'memory' : 'disk');
  const checkText = rule.types.some((ty) => TEXT_TYPES.has(ty));
  const decoder = checkText ? new TextDecoder('utf-8', { fatal: true }) : null;
  let isText = checkText;
  let size = 0;
  const head: Buffer[] = [];
  let headLength = 0;
  const chunks: Buffer[] = [];

  const inspect = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > rule.maxBytes) return done(tooLarge(field, rule));
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      if (isText && decoder) {
        try {
          if (CONTROL.test(decoder.decode(chunk, { stream: true }))) isText = false;
        } catch {
          isText = false;
        }
      }
      done(null, chunk);
    },
  });

  let filePath: string | undefined;
  if (storage === 'disk') {
    const dir = req.server.uploadTmpDir;
    if (!dir) throw new Error('registerUploads() was not called on this app');
    filePath = path.join(dir, `${randomUUID()}.upload`);
    const temp = ((req as WithTemp)[kTempFiles] ??= new Set());
    temp.add(filePath);
    await pipeline(part.file, inspect, createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
  } else {
    await pipeline(
      part.file,
      inspect,
      new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
  }
  // busboy's own limit (set a byte above the largest rule) as a backstop.
  if (part.file.truncated) throw tooLarge(field, rule);
  // A browser sends a file input left empty as a part with no file name and no bytes: no file, not an
  // empty one (a required field then fails as missing).
  if (size === 0 && !part.filename) return null;
  if (size === 0) throw new HttpError(400, t('uploads.emptyFile', { field }), 'empty_file');
  if (isText && decoder) {
    try {
      decoder.decode(); // a multi-byte character cut at the end
    } catch {
      isText = false;
    }
  }
  const headBuffer = Buffer.concat(head);
  const detected = (await fileTypeFromBuffer(headBuffer))?.mime;
  const filename = cleanFilename(part.filename);
  const type = sniffUploadType({ detected, declared: part.mimetype ?? '', filename, isText, head: headBuffer }, rule.types);
  if (!type) {
    throw new HttpError(415, t('uploads.typeNotAllowed', { field, expected: typesLabel(rule.types) }), 'file_type_not_allowed');
  }
  const buffer = storage === 'memory' ? Buffer.concat(chunks) : undefined;
  return {
    field,
    filename,
    declaredType: part.mimetype ?? '',
    type,
    size,
    ...(filePath ? { path: filePath } : { buffer }),
    read: () => (buffer ? Promise.resolve(buffer) : readFile(filePath!)),
  };
}

/**
 * @fastify/multipart logs its busboy options at trace level, request headers (cookies) included: it
 * reads the request through this view, whose logger stops at debug.
 */
function withoutTraceLog(req: FastifyRequest): FastifyRequest {
  if (req.log.level !== 'trace') return req;
  const log = req.log.child({}, { level: 'debug' });
  return new Proxy(req, { get: (target, prop) => (prop === 'log' ? log : Reflect.get(target, prop, target)) });
}

/**
 * Reads a multipart request under `spec`: every file checked (size, count, type by content), text
 * fields validated by `spec.fields`. Throws HttpError 400/413/415 with a French message and a stable
 * code (multipart_expected, malformed_multipart, missing_file, empty_file, unexpected_file,
 * unexpected_field, too_many_files, too_many_parts, file_too_large, field_too_large,
 * file_type_not_allowed, validation_error).
 */
export async function receiveUpload<Fields>(req: FastifyRequest, spec: UploadSpec<Fields>): Promise<Upload<Fields>> {
  if (typeof req.isMultipart !== 'function') throw new Error('registerUploads() was not called on this app');
  if (!req.isMultipart()) throw new HttpError(415, t('uploads.notMultipart'), 'multipart_expected');
  const rules = Object.entries(spec.files);
  const maxFiles = rules.reduce((n, [, r]) => n + (r.maxCount ?? 1), 0);
  const maxFields = spec.fields ? (spec.maxFields ?? 50) : 0;
  const maxFieldBytes = spec.maxFieldBytes ?? 64 * KiB;
  const files: Record<string, UploadedFile[]> = Object.fromEntries(rules.map(([f]) => [f, []]));
  const values: Record<string, string | string[]> = Object.create(null);
  let fieldCount = 0;

  try {
    // throwFileSizeLimit is a documented per-call option that the types omit: sizes are ours to report.
    const parts = req.parts.call(withoutTraceLog(req), {
      ...({ throwFileSizeLimit: false } as object),
      limits: {
        fileSize: Math.max(1, ...rules.map(([, r]) => r.maxBytes)) + 1,
        // One more than allowed, so that the checks below name the field at fault; busboy's stop the rest.
        files: maxFiles + 1,
        fields: maxFields + 1,
        fieldSize: maxFieldBytes,
        fieldNameSize: 200,
        parts: maxFiles + maxFields + 2,
        headerPairs: 100,
      },
    });
    for await (const part of parts) {
      const field = part.fieldname.slice(0, 100);
      if (part.type === 'field') {
        if (!spec.fields) throw new HttpError(400, t('uploads.unexpectedField', { field }), 'unexpected_field');
        if (++fieldCount > maxFields) throw new HttpError(413, t('uploads.tooManyParts'), 'too_many_parts');
        if (part.valueTruncated) throw new HttpError(413, t('uploads.fieldTooLarge', { field }), 'field_too_large');
        const value = String(part.value);
        const previous = values[field];
        values[field] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
        continue;
      }
      const rule = spec.files[part.fieldname];
      if (!rule || !Object.hasOwn(spec.files, part.fieldname)) {
        part.file.resume();
        throw new HttpError(400, t('uploads.unexpectedFile', { field }), 'unexpected_file');
      }
      if (files[part.fieldname].length >= (rule.maxCount ?? 1)) {
        part.file.resume();
        throw new HttpError(413, t('uploads.tooManyFiles', { field, max: rule.maxCount ?? 1 }), 'too_many_files');
      }
      const file = await receiveFile(req, part, rule);
      if (file) files[part.fieldname].push(file);
    }
  } catch (err) {
    throw toUploadError(err);
  }

  for (const [field, rule] of rules) {
    if ((rule.required ?? true) && files[field].length === 0) {
      throw new HttpError(400, t('uploads.missingFile', { field }), 'missing_file');
    }
  }
  let fields = {} as Fields;
  if (spec.fields) {
    const parsed = spec.fields.safeParse({ ...values });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || 'formulaire';
      throw new HttpError(400, t('uploads.invalidField', { field, message: issue.message }), 'validation_error');
    }
    fields = parsed.data;
  }
  return { files, fields };
}

/**
 * Keeps an uploaded file beyond the request: moved (or written, from memory) to `dest`, which is then
 * the caller's to manage. Without it, temporary files are removed when the response is sent.
 */
export async function keepUpload(req: FastifyRequest, file: UploadedFile, dest: string): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
  if (!file.path) {
    await writeFile(dest, file.buffer!, { flag: 'wx' });
    return;
  }
  try {
    await rename(file.path, dest);
    (req as WithTemp)[kTempFiles]?.delete(file.path);
  } catch (err) {
    // Another file system: copied, and the temporary file is removed with the others.
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await copyFile(file.path, dest);
  }
}
