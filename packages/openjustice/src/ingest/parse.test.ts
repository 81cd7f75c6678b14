import { describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeText, htmlToText, parseFile } from './parse.ts';
import { listFiles, readDecisionFile } from './files.ts';

const enc = (s: string) => Buffer.from(s, 'utf8');

describe('decision files', () => {
  it('reads text, HTML (paragraphs as lines, entities decoded), JSON in three shapes and JSONL', () => {
    expect(parseFile('a.txt', enc('M. Dupont\r\nnée le 1er mai')).decisions[0]).toMatchObject({
      text: 'M. Dupont\nnée le 1er mai',
      sourceId: 'a.txt',
    });
    const html = parseFile(
      'b.html',
      enc('<html><body><h1>Arrêt</h1><p>M.&nbsp;Dupont &amp; fils</p><script>x()</script><p>Lyon</p></body></html>'),
    ).decisions[0].text;
    expect(html).toMatch(/^Arrêt\n+M.\u00a0?\s?Dupont & fils\n+Lyon$/);
    expect(htmlToText('<p>a</p><p>b</p>')).toBe('a\n\nb');
    expect(
      parseFile('c.json', enc(JSON.stringify({ id: 7, text: 'x y', jurisdiction: 'Cour de cassation', numbers: ['23-12.176'] })))
        .decisions[0],
    ).toMatchObject({
      sourceId: '7',
      meta: { court: 'Cour de cassation', number: '23-12.176' },
    });
    expect(parseFile('d.json', enc(JSON.stringify([{ text: 'a' }, { text: 'b' }]))).decisions).toHaveLength(2);
    expect(
      parseFile('e.json', enc(JSON.stringify({ decisions: [{ originalText: 'a', sourceName: 'jurinet', sourceId: 1 }] }))).decisions[0],
    ).toMatchObject({ sourceName: 'jurinet', sourceId: '1' });
    const jl = parseFile('f.jsonl', enc('{"text":"a"}\n\n{broken\n{"html":"<p>b</p>"}\n{"id":"x"}\n'));
    expect(jl.decisions.map((d) => d.text)).toEqual(['a', 'b']);
    expect(jl.problems).toEqual([
      { origin: 'f.jsonl:3', message: 'ligne JSON invalide' },
      { origin: 'f.jsonl:5', message: 'champ « text » manquant' },
    ]);
  });

  it('reports binary, empty, unknown formats; converts Windows-1252 with a warning', () => {
    expect(parseFile('g.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])).problems[0].message).toMatch(/binaire/);
    expect(parseFile('h.txt', enc('   \n')).problems[0].message).toMatch(/vide/);
    expect(parseFile('i.pdf', enc('%PDF')).problems[0].message).toMatch(/format non pris en charge/);
    const latin = parseFile('j.txt', Buffer.from([0x4e, 0xe9, 0x20, 0x6c, 0x65]));
    expect(latin.decisions[0].text).toBe('Né le');
    expect(latin.problems[0].message).toMatch(/Windows-1252/);
    expect(decodeText(Buffer.from('\ufeffabc', 'utf8')).text).toBe('abc');
  });

  it('reads a folder: every file on its own, a broken one loses only itself', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'oj-import-'));
    try {
      await mkdir(path.join(dir, 'sub'));
      await writeFile(path.join(dir, 'a.txt'), 'M. Dupont');
      await writeFile(path.join(dir, 'sub', 'b.jsonl'), '{"text":"x"}\n{"text":"y"}\n');
      await writeFile(path.join(dir, 'c.json'), '{"text": ');
      await writeFile(path.join(dir, 'd.docx'), 'PK');
      await writeFile(path.join(dir, '.hidden.txt'), 'secret');
      const files = await listFiles(dir);
      expect(files.map((f) => path.relative(dir, f))).toEqual(['a.txt', 'c.json', 'd.docx', 'sub/b.jsonl']);
      const batches = await Promise.all(files.map((f) => readDecisionFile(f, 1_000_000, 'src', dir)));
      expect(batches.flatMap((b) => b.decisions).length).toBe(3);
      expect(batches.flatMap((b) => b.problems).map((p) => p.origin)).toEqual(['c.json', 'd.docx']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
