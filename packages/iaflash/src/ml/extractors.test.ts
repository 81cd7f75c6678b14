/** The frozen feature extractors a model can name, and the manifest check that ties a model to one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '../io/decode.ts';
import { DEFAULT_EXTRACTOR, EXTRACTORS, FEATURE_GRID, Vision } from './vision.ts';
import { readManifest } from './model-dir.ts';

const LEGACY = 'mnv2-b13b16-c224-d512-v1';

describe('feature extractors', () => {
  let vision: Vision;
  beforeAll(async () => {
    vision = await Vision.create();
  }, 60_000);

  it('embeds a crop with the default (MobileNetV2 1.4) and, for older models, the 1.0 extractor', async () => {
    const png = await sharp({ create: { width: 200, height: 120, channels: 3, background: '#48c' } })
      .png()
      .toBuffer();
    const img = await decodeImage(png);
    const crops = [
      { box: [10, 10, 150, 100] as [number, number, number, number], flip: false },
      { box: [10, 10, 150, 100] as [number, number, number, number], flip: true },
    ];
    const wide = await vision.embed(img, crops);
    expect(wide).toHaveLength(2);
    expect(wide[0]).toHaveLength(FEATURE_GRID * EXTRACTORS[DEFAULT_EXTRACTOR].channels);
    expect(EXTRACTORS[DEFAULT_EXTRACTOR].channels).toBe(816 + 448);
    const legacy = await vision.embed(img, crops, LEGACY);
    expect(legacy[0]).toHaveLength(FEATURE_GRID * 896);
    // A uniform image is its own mirror: the flipped crop's features are the same.
    expect(Math.abs(wide[0][100] - wide[1][100])).toBeLessThan(1e-3);
    await expect(vision.embed(img, crops, 'no-such-extractor')).rejects.toThrow(/unknown feature extractor/);
  }, 60_000);

  describe('a model directory names its extractor', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'iaflash-manifest-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const write = (extractor: string, featureChannels: number) =>
      writeFileSync(join(dir, 'model.json'), JSON.stringify({ format: 'iaflash-model/1', extractor, featureChannels }));

    it('accepts known extractors with their channel counts (models trained on 1.0 still load)', () => {
      write(LEGACY, 896);
      expect(readManifest(dir).extractor).toBe(LEGACY);
      write(DEFAULT_EXTRACTOR, 1264);
      expect(readManifest(dir).extractor).toBe(DEFAULT_EXTRACTOR);
    });

    it('refuses an unknown extractor or a channel count that does not match it', () => {
      write('resnet-from-elsewhere', 512);
      expect(() => readManifest(dir)).toThrow(/extracteur/);
      write(DEFAULT_EXTRACTOR, 896);
      expect(() => readManifest(dir)).toThrow(/extracteur/);
    });
  });
});
