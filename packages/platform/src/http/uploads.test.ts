/**
 * Uploads through real multipart requests (bodies built by the form-data library, sent with inject,
 * and once over real HTTP): accepted files, sniffed types, sizes, counts, fields, malformed bodies,
 * temporary files removed, and nothing of a file in the logs. Never a 500.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import FormData from 'form-data';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { createServer } from './server.ts';
import { cleanFilename, defineUpload, keepUpload, KiB, MiB, receiveUpload, registerUploads } from './uploads.ts';
import { formatBytes, sniffUploadType, typesLabel } from './upload-types.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
/** A JPEG of `size` bytes: a real header, then filler. */
const bigJpeg = (size: number) => Buffer.concat([JPEG, Buffer.alloc(size - JPEG.length, 7)]);

const photoUpload = defineUpload({
  files: { photo: { maxBytes: 2 * MiB, types: ['image/jpeg', 'image/png'], storage: 'disk' } },
  fields: z.object({ camera: z.string().max(20) }),
});
const decisionUpload = defineUpload({
  files: {
    decision: { maxBytes: 64 * KiB, types: ['text/plain', 'text/html', 'application/json', 'application/x-ndjson'], maxCount: 3 },
  },
});
const optionalImage = defineUpload({ files: { image: { maxBytes: 100 * KiB, types: ['image/png'], required: false } } });

type Part = [field: string, value: string | Buffer, options?: { filename?: string; contentType?: string }];
function form(...parts: Part[]): FormData {
  const f = new FormData();
  for (const [field, value, opts] of parts) f.append(field, value, opts);
  return f;
}

describe('uploads', () => {
  let app: FastifyInstance;
  let tmpDir: string;
  let keptDir: string;
  const lines: string[] = [];
  const seenPaths: string[] = [];

  const post = (url: string, body: FormData): Promise<LightMyRequestResponse> =>
    app.inject({ method: 'POST', url, payload: body, headers: body.getHeaders() });
  const photo = (data: Buffer, filename = 'photo.jpg', contentType = 'image/jpeg', camera = 'A7-12') =>
    post('/api/demo/photo', form(['camera', camera], ['photo', data, { filename, contentType }]));
  const decision = (data: string | Buffer, filename: string, contentType = 'application/octet-stream') =>
    post('/api/demo/decisions', form(['decision', data, { filename, contentType }]));

  beforeAll(async () => {
    tmpDir = await mkdtemp(path.join(os.tmpdir(), 'eig-uploads-'));
    keptDir = path.join(tmpDir, 'kept');
    const log = createLogger({ level: 'trace', destination: { write: (s: string) => void lines.push(s) } });
    app = createServer({ config: loadConfig({ LOG_LEVEL: 'trace' }), log });
    registerUploads(app, { tmpDir: path.join(tmpDir, 'uploads') });
    app.register(
      async (s) => {
        s.post('/photo', async (req) => {
          const { files, fields } = await receiveUpload(req, photoUpload);
          const p = files.photo[0];
          seenPaths.push(p.path!);
          return { type: p.type, size: p.size, filename: p.filename, onDisk: existsSync(p.path!), camera: fields.camera };
        });
        s.post('/decisions', async (req) => {
          const { files } = await receiveUpload(req, decisionUpload);
          return {
            files: await Promise.all(
              files.decision.map(async (f) => ({ type: f.type, inMemory: Boolean(f.buffer), text: (await f.read()).toString('utf8') })),
            ),
          };
        });
        s.post('/optional', async (req) => ({ count: (await receiveUpload(req, optionalImage)).files.image.length }));
        s.post('/keep', async (req) => {
          const { files } = await receiveUpload(req, photoUpload);
          await keepUpload(req, files.photo[0], path.join(keptDir, 'kept.jpg'));
          return { ok: true };
        });
      },
      { prefix: '/api/demo' },
    );
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await rm(tmpDir, { recursive: true, force: true });
  });

  /** Temporary files go once the response is sent (the hook may run just after inject resolves). */
  const tempFiles = async () => {
    for (let i = 0; i < 50; i++) {
      const left = await readdir(path.join(tmpDir, 'uploads'));
      if (left.length === 0) return left;
      await new Promise((r) => setTimeout(r, 20));
    }
    return readdir(path.join(tmpDir, 'uploads'));
  };

  it('accepts a JPEG photo with its fields, streamed to a temporary file removed after the response', async () => {
    const res = await photo(bigJpeg(300 * KiB), '../../etc/ma photo\u202e.jpg');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ type: 'image/jpeg', size: 300 * KiB, filename: 'ma photo.jpg', onDisk: true, camera: 'A7-12' });
    expect(await tempFiles()).toEqual([]);
    expect(existsSync(seenPaths.at(-1)!)).toBe(false);
  });

  it('goes by the content, not the declared type or name', async () => {
    // A PNG called .jpg and declared as JPEG is a PNG.
    expect((await photo(PNG, 'x.jpg', 'image/jpeg')).json().type).toBe('image/png');
    for (const [data, name, type] of [
      [Buffer.from('<script>alert(1)</script>'), 'photo.jpg', 'image/jpeg'],
      [GIF, 'photo.png', 'image/png'],
      [Buffer.from('%PDF-1.7\n'), 'photo.jpg', 'image/jpeg'],
    ] as const) {
      const res = await photo(data, name, type);
      expect(res.statusCode).toBe(415);
      expect(res.json()).toEqual({
        statusCode: 415,
        code: 'file_type_not_allowed',
        message: 'Type de fichier non accepté pour « photo » : JPEG ou PNG attendu.',
      });
    }
    expect(await tempFiles()).toEqual([]);
  });

  it('refuses a file over the limit with 413, and removes what was written', async () => {
    const res = await photo(bigJpeg(2 * MiB + 1));
    expect(res.statusCode).toBe(413);
    expect(res.json()).toEqual({
      statusCode: 413,
      code: 'file_too_large',
      message: 'Le fichier « photo » dépasse la taille maximale de 2 Mo.',
    });
    expect((await photo(bigJpeg(2 * MiB))).statusCode).toBe(200);
    expect(await tempFiles()).toEqual([]);
  });

  it('takes text files by content, telling formats apart by declared type or extension', async () => {
    const jsonl = '{"id":1,"texte":"Décision…"}\n{"id":2}\n';
    const res = await post(
      '/api/demo/decisions',
      form(
        ['decision', jsonl, { filename: 'lot.jsonl', contentType: 'application/octet-stream' }],
        ['decision', '<html><p>Attendu que…</p></html>', { filename: 'arret.html', contentType: 'text/html' }],
        ['decision', Buffer.from('\uFEFFLa cour, vu…\r\n', 'utf8'), { filename: 'arret.txt', contentType: 'text/plain' }],
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().files).toEqual([
      { type: 'application/x-ndjson', inMemory: true, text: jsonl },
      { type: 'text/html', inMemory: true, text: '<html><p>Attendu que…</p></html>' },
      { type: 'text/plain', inMemory: true, text: '\uFEFFLa cour, vu…\r\n' },
    ]);
    expect((await decision('{"a": 1}', 'd.json', 'application/json')).json().files[0].type).toBe('application/json');
    for (const [data, name, type] of [
      ['pas du JSON', 'd.json', 'application/json'], // says JSON, is not
      [Buffer.from([0xc3, 0x28, 0x41]), 'd.txt', 'text/plain'], // not UTF-8
      [Buffer.from('texte\u0000binaire'), 'd.txt', 'text/plain'], // NUL byte
      [Buffer.from('texte\u001bescape'), 'd.txt', 'text/plain'],
      [PNG, 'd.txt', 'text/plain'], // an image, whatever it says
      [Buffer.concat([Buffer.from('abc'), Buffer.from([0xe2, 0x82])]), 'd.txt', 'text/plain'], // cut in the middle of a character
    ] as const) {
      const r = await decision(data, name, type);
      expect(r.statusCode, name).toBe(415);
      expect(r.json().message).toBe('Type de fichier non accepté pour « decision » : texte, HTML, JSON ou JSONL attendu.');
    }
  });

  it('answers 400 for missing, empty, unexpected or invalid parts', async () => {
    const cases: [FormData, string, number, string][] = [
      [form(['camera', 'A7']), '/api/demo/photo', 400, 'missing_file'],
      [
        form(['camera', 'A7'], ['photo', Buffer.alloc(0), { filename: 'p.jpg', contentType: 'image/jpeg' }]),
        '/api/demo/photo',
        400,
        'empty_file',
      ],
      [form(['camera', 'A7'], ['image', PNG, { filename: 'p.png' }]), '/api/demo/photo', 400, 'unexpected_file'],
      [form(['titre', 'x'], ['decision', 'texte', { filename: 'd.txt' }]), '/api/demo/decisions', 400, 'unexpected_field'],
      [form(['camera', 'x'.repeat(21)], ['photo', JPEG, { filename: 'p.jpg' }]), '/api/demo/photo', 400, 'validation_error'],
      [form(['photo', JPEG, { filename: 'p.jpg' }]), '/api/demo/photo', 400, 'validation_error'],
      [form(['__proto__', 'x'], ['photo', JPEG, { filename: 'p.jpg' }]), '/api/demo/photo', 400, 'malformed_multipart'],
    ];
    for (const [body, url, status, code] of cases) {
      const res = await post(url, body);
      expect(res.json(), code).toMatchObject({ statusCode: status, code });
    }
    expect((await post('/api/demo/photo', form(['photo', JPEG, { filename: 'p.jpg' }]))).json().message).toBe(
      'Champ invalide « camera » : Entrée invalide : chaîne de caractères attendu, indéfini reçu',
    );
    expect((await post('/api/demo/optional', form())).json()).toEqual({ count: 0 });
    // What a browser sends for a file input left empty: a part with an empty file name and no bytes.
    const unchosen = (field: string) => {
      const b = 'XyZ';
      const payload =
        `--${b}\r\nContent-Disposition: form-data; name="${field}"; filename=""\r\n` +
        `Content-Type: application/octet-stream\r\n\r\n\r\n--${b}--\r\n`;
      return { payload, headers: { 'content-type': `multipart/form-data; boundary=${b}` } };
    };
    const optional = await app.inject({ method: 'POST', url: '/api/demo/optional', ...unchosen('image') });
    expect(optional.json()).toEqual({ count: 0 });
    const required = await app.inject({ method: 'POST', url: '/api/demo/photo', ...unchosen('photo') });
    expect(required.json()).toMatchObject({ statusCode: 400, code: 'missing_file' });
  });

  it('answers 413 for too many files or parts, and too long fields', async () => {
    const twoPhotos = form(['camera', 'A7'], ['photo', JPEG, { filename: 'a.jpg' }], ['photo', JPEG, { filename: 'b.jpg' }]);
    expect((await post('/api/demo/photo', twoPhotos)).json()).toMatchObject({ statusCode: 413, code: 'too_many_files' });
    const four = form(...Array.from({ length: 4 }, (_, i): Part => ['decision', `texte ${i}`, { filename: `d${i}.txt` }]));
    expect((await post('/api/demo/decisions', four)).json()).toMatchObject({ statusCode: 413 });
    const longField = form(['camera', 'x'.repeat(65 * KiB)], ['photo', JPEG, { filename: 'p.jpg' }]);
    expect((await post('/api/demo/photo', longField)).json()).toMatchObject({ statusCode: 413, code: 'field_too_large' });
    const manyFields = form(...Array.from({ length: 60 }, (_, i): Part => ['camera', String(i)]), ['photo', JPEG, { filename: 'p.jpg' }]);
    expect((await post('/api/demo/photo', manyFields)).json()).toMatchObject({ statusCode: 413, code: 'too_many_parts' });
  });

  it('answers 415 when the body is not multipart, and 400 when it is malformed', async () => {
    const json = await app.inject({ method: 'POST', url: '/api/demo/photo', payload: { photo: 'x' } });
    expect(json.json()).toMatchObject({
      statusCode: 415,
      code: 'multipart_expected',
      message: 'Envoyez le formulaire au format multipart/form-data.',
    });
    const send = (payload: string | Buffer, type = 'multipart/form-data; boundary=XYZ') =>
      app.inject({ method: 'POST', url: '/api/demo/photo', payload, headers: { 'content-type': type } });
    const truncated = `--XYZ\r\nContent-Disposition: form-data; name="camera"\r\n\r\nA7\r\n--XYZ\r\nContent-Disposition: form-data; name="photo"; filename="p.jpg"\r\nContent-Type: image/jpeg\r\n\r\n${JPEG.toString('latin1')}`;
    for (const res of [
      await send('du n’importe quoi'),
      await send(truncated),
      await send('--XYZ\r\nPas-un-en-tete\r\n\r\nx\r\n--XYZ--\r\n'),
      await send('--a\r\n', 'multipart/form-data'), // no boundary
      await send(Buffer.alloc(2000, 0xff)),
    ]) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.json().message).toMatch(/formulaire|fichier/i);
    }
    expect((await send(truncated)).json()).toMatchObject({ statusCode: 400, code: 'malformed_multipart' });
    expect(await tempFiles()).toEqual([]);
  });

  it('keeps a file when asked to, and removes the rest', async () => {
    const res = await post('/api/demo/keep', form(['camera', 'A7'], ['photo', PNG, { filename: 'p.png', contentType: 'image/png' }]));
    expect(res.statusCode).toBe(200);
    expect(await readFile(path.join(keptDir, 'kept.jpg'))).toEqual(PNG);
    expect(await tempFiles()).toEqual([]);
  });

  it('logs no file name, file content or field value, even at trace level', async () => {
    lines.length = 0;
    await photo(Buffer.concat([JPEG, Buffer.from('contenu-secret')]), 'nom-secret.jpg', 'image/jpeg', 'valeur-secrete');
    await photo(Buffer.from('contenu-secret'), 'nom-secret.jpg', 'image/jpeg', 'valeur-secrete');
    await decision('contenu-secret', 'nom-secret.txt', 'text/plain');
    // Nor the request headers (cookies), which @fastify/multipart logs at trace level.
    const body = form(['decision', 'texte', { filename: 'd.txt' }]);
    await app.inject({
      method: 'POST',
      url: '/api/demo/decisions',
      payload: body,
      headers: { ...body.getHeaders(), cookie: 'eig_session=secret-cookie' },
    });
    const all = lines.join('');
    expect(lines.length).toBeGreaterThan(3);
    expect(all).not.toMatch(/secret/);
  });

  it('answers 413 over real HTTP while the client is still sending, and goes on serving', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const body = new globalThis.FormData();
    body.append('camera', 'A7');
    body.append('photo', new Blob([bigJpeg(6 * MiB)], { type: 'image/jpeg' }), 'grande.jpg');
    const res = await fetch(`http://127.0.0.1:${port}/api/demo/photo`, { method: 'POST', body });
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe('file_too_large');
    const ok = new globalThis.FormData();
    ok.append('camera', 'A7');
    ok.append('photo', new Blob([JPEG], { type: 'image/jpeg' }), 'petite.jpg');
    expect((await fetch(`http://127.0.0.1:${port}/api/demo/photo`, { method: 'POST', body: ok })).status).toBe(200);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('upload helpers', () => {
  it('clean file names, format sizes and list types in French', () => {
    expect(cleanFilename('C:\\Users\\x\\photo.jpg')).toBe('photo.jpg');
    expect(cleanFilename('a\u0000b\u202ec.jpg')).toBe('abc.jpg');
    expect(cleanFilename(undefined)).toBe('');
    expect(cleanFilename('x'.repeat(300))).toHaveLength(255);
    expect(formatBytes(20 * MiB)).toBe('20 Mo');
    expect(formatBytes(1.5 * MiB)).toBe('1,5 Mo');
    expect(formatBytes(512 * KiB)).toBe('512 Ko');
    expect(typesLabel(['image/jpeg'])).toBe('JPEG');
    expect(typesLabel(['image/jpeg', 'image/png', 'image/webp'])).toBe('JPEG, PNG ou WebP');
  });

  it('sniff: a signature wins over any declaration; text needs its shape', () => {
    const head = Buffer.from('{"a":1}');
    const base = { declared: 'application/octet-stream', filename: 'x', isText: true, head };
    expect(sniffUploadType({ ...base, detected: 'image/png' }, ['image/jpeg', 'image/png'])).toBe('image/png');
    expect(sniffUploadType({ ...base, detected: 'application/x-msdownload' }, ['text/plain'])).toBeNull();
    expect(sniffUploadType({ ...base, filename: 'x.json' }, ['text/plain', 'application/json'])).toBe('application/json');
    expect(sniffUploadType({ ...base, filename: 'x.txt' }, ['text/plain', 'application/json'])).toBe('text/plain');
    expect(sniffUploadType({ ...base, declared: 'text/html' }, ['text/html'])).toBeNull();
    expect(sniffUploadType({ ...base, isText: false }, ['text/plain'])).toBeNull();
    expect(() => defineUpload({ files: { f: { maxBytes: 10, types: ['image/bmp' as never] } } })).toThrow(/unknown type/);
    expect(() => defineUpload({ files: { f: { maxBytes: 0, types: ['image/png'] } } })).toThrow(/maxBytes/);
  });

  it('removes temporary files left by a crash when it starts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eig-uploads-stale-'));
    const stale = path.join(dir, 'old.upload');
    await writeFile(stale, 'x');
    const { utimes } = await import('node:fs/promises');
    await utimes(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    await writeFile(path.join(dir, 'recent.upload'), 'x');
    const app = createServer({ config: loadConfig({}), log: createLogger({ level: 'silent' }) });
    registerUploads(app, { tmpDir: dir });
    await app.ready();
    expect((await readdir(dir)).sort()).toEqual(['recent.upload']);
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });
});
