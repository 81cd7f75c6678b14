/**
 * Tuning the plate reader on labelled crops, end to end (decode → align → learn with replay → save →
 * validate), with rows it must leave out; and the labels file of plate crops.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plateTextForTraining, tunePlateReader } from './tune-plates.ts';
import { PlateReader } from './reader.ts';
import { renderPlate } from './synth.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';
import { readPlateLabelsCsv } from '../io/labels-csv.ts';

describe('plate text for training', () => {
  it('keeps plates as written, separators dropped, and refuses what cannot be one', () => {
    expect(plateTextForTraining('ab-123-cd')).toBe('AB123CD');
    expect(plateTextForTraining('1234 AB 56')).toBe('1234AB56');
    expect(plateTextForTraining('')).toBeNull();
    expect(plateTextForTraining('A-1')).toBeNull();
    expect(plateTextForTraining('ÉTÉ-123-AB')).toBeNull();
    expect(plateTextForTraining('AB123CD456789')).toBeNull();
  });
});

describe('plate labels file', () => {
  it('reads file,text with paths inside the CSV folder, and refuses others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plate-labels-'));
    try {
      mkdirSync(join(dir, 'crops'));
      writeFileSync(join(dir, 'crops', 'a.png'), 'x');
      writeFileSync(join(dir, 'ok.csv'), 'file,text\ncrops/a.png,AB-123-CD\n');
      expect(readPlateLabelsCsv(join(dir, 'ok.csv'))).toEqual([
        { file: 'crops/a.png', path: join(dir, 'crops', 'a.png'), text: 'AB-123-CD' },
      ]);
      writeFileSync(join(dir, 'escape.csv'), 'file,text\n../../etc/passwd,AB-123-CD\n');
      expect(() => readPlateLabelsCsv(join(dir, 'escape.csv'))).toThrow(/chemin d’image invalide/);
      writeFileSync(join(dir, 'columns.csv'), 'file,plate\ncrops/a.png,AB-123-CD\n');
      expect(() => readPlateLabelsCsv(join(dir, 'columns.csv'))).toThrow(/Colonne « text » absente/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plate reader tuning', () => {
  it('tunes the shipped reader on labelled crops, leaves out rows that are not plates, and measures before and after', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plate-tune-'));
    try {
      const crops = [];
      // Plates with a camera's effects stand in for an operator's real crops.
      for (let i = 0; i < 24; i++) {
        const p = await renderPlate(4_242 + i, { camera: true });
        crops.push({ bytes: p.png, text: p.text });
      }
      crops.push({ bytes: Buffer.from('not an image'), text: 'AB-123-CD' });
      crops.push({ bytes: crops[0].bytes, text: '??' });
      const stages = new Set<string>();
      const r = await tunePlateReader({
        baseDir: DEFAULT_MODEL_DIR,
        outDir: dir,
        crops,
        epochs: 1,
        rounds: 1,
        replayPlates: 5,
        onProgress: (s) => stages.add(s),
      });
      expect(r.skipped).toBe(2);
      expect(r.validation?.plates).toBe(5);
      expect(r.trainPlates).toBe(19);
      expect(r.alignedPlates).toBeGreaterThan(0);
      expect(r.glyphs).toBeGreaterThan(r.alignedPlates);
      expect([...stages].sort()).toEqual(['alignment', 'crops', 'epochs', 'replay', 'validation']);
      // A reader was written, it loads, and its weights moved from the shipped ones.
      expect(readFileSync(join(dir, 'plate-chars.bin')).equals(readFileSync(join(DEFAULT_MODEL_DIR, 'plate-chars.bin')))).toBe(false);
      const reader = await PlateReader.load(dir);
      expect(typeof (await reader.read(crops[0].bytes)).text).toBe('string');
      reader.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
