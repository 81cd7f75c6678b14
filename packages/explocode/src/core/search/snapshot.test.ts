import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Corpus } from '../types.ts';
import { buildEngine } from './engine.ts';
import { decodeSnapshot, encodeSnapshot, loadOrBuildEngine } from './snapshot.ts';

const art = (num: string, text: string, order: number) => ({
  id: `A${order}`,
  cid: `C${order}`,
  num,
  text,
  html: `<p>${text}</p>`,
  sectionId: 'S1',
  path: ['S1'],
  order,
  legifranceUrl: '',
  dateDebut: null,
});
const corpus: Corpus = {
  version: 'snap-test',
  sections: [{ id: 'S1', title: 'Chapitre Ier : Congés payés', parentId: null, depth: 1, order: 0 }],
  articles: [
    art('L3141-1', 'Tout salarié a droit chaque année à un congé payé à la charge de l’employeur.', 0),
    art('L3141-16', "L'employeur fixe la période de prise des congés.", 1),
    art('L1234-9', 'Le salarié licencié a droit à une indemnité de licenciement.', 2),
  ],
  fiches: [
    {
      id: 'conges',
      source: 'fiches-travail',
      title: 'Les congés payés',
      description: '',
      url: '',
      breadcrumb: [],
      date: null,
      intro: '',
      sections: [{ anchor: 'a', title: 'Qui fixe les dates ?', text: "C'est l'employeur.", html: '<p>x</p>', citedArticles: ['L3141-16'] }],
      citedArticles: ['L3141-16', 'L3141-1'],
    },
  ],
  contributions: [],
  conventions: [],
  themes: [],
};

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'explocode-snap-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const ids = (
  e: { search: (q: string, o: { limit: number; type: 'article' }) => { results: { id: string; score: number }[] } },
  q: string,
) => e.search(q, { limit: 10, type: 'article' }).results.map((r) => `${r.id}:${r.score}`);

describe('engine snapshots', () => {
  it('round-trips: the restored engine ranks exactly like the built one', () => {
    const built = buildEngine(corpus);
    const restored = decodeSnapshot(encodeSnapshot('k', corpus, built.indexes()), 'k');
    const again = buildEngine(restored.corpus, undefined, {}, restored.indexes);
    for (const q of ['congés payés', 'qui fixe les dates de congés', 'indemnité de licenciement', 'L3141-1'])
      expect(ids(again, q)).toEqual(ids(built, q));
    expect(restored.corpus.articles[0].html).toBe(''); // slim copy
  });
  it('rejects a wrong key or corrupted bytes', () => {
    const buf = encodeSnapshot('k', corpus, buildEngine(corpus).indexes());
    expect(() => decodeSnapshot(buf, 'other')).toThrow();
    const bad = Buffer.from(buf);
    bad[bad.length - 100] ^= 0xff;
    expect(() => decodeSnapshot(bad, 'k')).toThrow();
    expect(() => decodeSnapshot(buf.subarray(0, 50), 'k')).toThrow();
  });
  it('builds and writes once, then restores without loading the corpus; rebuilds a corrupt file', async () => {
    const dir = tmp();
    let loads = 0;
    const loadCorpus = async () => {
      loads++;
      return corpus;
    };
    const a = await loadOrBuildEngine({ dataDir: dir, datasetKey: 'ds1', loadCorpus });
    expect(a?.from).toBe('build');
    const b = await loadOrBuildEngine({ dataDir: dir, datasetKey: 'ds1', loadCorpus });
    expect(b?.from).toBe('snapshot');
    expect(loads).toBe(1);
    expect(ids(b!.engine, 'congés')).toEqual(ids(a!.engine, 'congés'));
    // corrupt the file: ignored, rebuilt, rewritten
    const f = join(dir, 'explocode', readdirSync(join(dir, 'explocode'))[0]);
    writeFileSync(f, readFileSync(f).subarray(0, 1000));
    const warnings: string[] = [];
    const c = await loadOrBuildEngine({ dataDir: dir, datasetKey: 'ds1', loadCorpus, onWarn: (m) => warnings.push(m) });
    expect(c?.from).toBe('build');
    expect(warnings.length).toBe(1);
    // another dataset: another snapshot, the old one is removed
    const d = await loadOrBuildEngine({ dataDir: dir, datasetKey: 'ds2', loadCorpus });
    expect(d?.from).toBe('build');
    expect(readdirSync(join(dir, 'explocode')).filter((x) => x.endsWith('.snap'))).toHaveLength(1);
  });
  it('removes the temporary file of a writer stopped mid-write, not one being written', async () => {
    const dir = tmp();
    const loadCorpus = async () => corpus;
    await loadOrBuildEngine({ dataDir: dir, datasetKey: 'ds1', loadCorpus });
    const folder = join(dir, 'explocode');
    const snap = readdirSync(folder)[0];
    writeFileSync(join(folder, `${snap}.111.tmp`), 'half a snapshot');
    const longAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(join(folder, `${snap}.111.tmp`), longAgo, longAgo);
    writeFileSync(join(folder, `${snap}.222.tmp`), 'another process writing now');
    expect((await loadOrBuildEngine({ dataDir: dir, datasetKey: 'ds1', loadCorpus }))?.from).toBe('snapshot');
    expect(readdirSync(folder).sort()).toEqual([snap, `${snap}.222.tmp`]);
  });
  it('returns null without a corpus, and works without a data dir', async () => {
    expect(await loadOrBuildEngine({ datasetKey: 'x', loadCorpus: async () => null })).toBeNull();
    expect((await loadOrBuildEngine({ datasetKey: 'x', loadCorpus: async () => corpus }))?.from).toBe('build');
  });
});
