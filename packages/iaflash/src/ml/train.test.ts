/**
 * End to end on a tiny generated set: labels CSV → train() → model directory → analyzer. Runs the
 * real networks in-process (no workers) on 10 small images; a few seconds, no shared data needed.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { train } from './train.ts';
import { createAnalyzer } from '../analyzer.ts';
import { IaflashError } from '../io/errors.ts';
import { DEFAULT_EXTRACTOR } from './vision.ts';

async function tinySet(dir: string) {
  mkdirSync(join(dir, 'img'));
  const lines = ['file,make,model,group'];
  for (let i = 0; i < 10; i++) {
    const red = i % 2 === 0;
    const shape = red
      ? `<rect x="${30 + i * 3}" y="60" width="150" height="80" fill="#c22"/>`
      : `<ellipse cx="${110 + i * 2}" cy="100" rx="80" ry="45" fill="#22c"/>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="224" height="224"><rect width="224" height="224" fill="#999"/>${shape}</svg>`;
    await sharp(Buffer.from(svg))
      .jpeg()
      .toFile(join(dir, `img/${i}.jpg`));
    lines.push(`img/${i}.jpg,${red ? 'RENAULT,CLIO' : 'PEUGEOT,208'},g${i}`);
  }
  writeFileSync(join(dir, 'labels.csv'), lines.join('\n') + '\n');
}

describe('train → model directory → analyze', () => {
  it('trains on a tiny set with progress and serves the model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iaflash-tiny-'));
    try {
      await tinySet(dir);
      const stages = new Set<string>();
      const out = join(dir, 'model');
      const res = await train({
        labelsCsv: join(dir, 'labels.csv'),
        outDir: out,
        workers: 0,
        valFraction: 0.3,
        head: { epochs: 2, hidden: 8, channels: 16 },
        onProgress: (p) => stages.add(p.stage),
      });
      expect([...stages]).toEqual(['features', 'validation', 'final', 'save']);
      expect(res.manifest.classes.map((c) => c.model)).toEqual(['208', 'CLIO']);
      expect(res.manifest).toMatchObject({ extractor: DEFAULT_EXTRACTOR, featureChannels: 1264 });
      expect(res.validation?.images).toBeGreaterThanOrEqual(2);
      expect(res.manifest.policy.threshold).toBeGreaterThan(0);
      // The final head trained on all ten photos, five of each model: the shares the ranking divides by.
      expect(res.manifest.classPrior).toEqual([0.5, 0.5]);
      expect(statSync(join(out, 'head.bin')).size).toBeLessThan(5_000_000);

      const analyzer = await createAnalyzer({ modelDir: out, workers: 0 });
      try {
        const photo = await sharp(join(dir, 'img/0.jpg')).toBuffer();
        const r = await analyzer.analyze(photo, { registeredMake: 'renault', registeredModel: 'clio 4' });
        expect(Array.isArray(r.vehicles)).toBe(true);
        expect(r.check?.registered).toMatchObject({ make: 'RENAULT', model: 'CLIO' });
        expect(['CONSISTENT', 'MISMATCH', 'UNDETERMINED']).toContain(r.check?.decision);
        await expect(analyzer.analyze(Buffer.from('not an image'))).rejects.toBeInstanceOf(IaflashError);
        expect(Array.isArray(await analyzer.predictMatchvec(photo))).toBe(true);
      } finally {
        await analyzer.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it('refuses a labels file without the required columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iaflash-bad-'));
    try {
      writeFileSync(join(dir, 'labels.csv'), 'path,brand\nx.jpg,RENAULT\n');
      await expect(train({ labelsCsv: join(dir, 'labels.csv'), outDir: join(dir, 'm'), workers: 0 })).rejects.toMatchObject({
        code: 'LABELS_INVALID',
      });
      expect(existsSync(join(dir, 'm'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
