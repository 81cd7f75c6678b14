/**
 * The plate reader's training on a few synthetic plates, end to end (render → segment → align →
 * fit → save → load → read), and the choice of its "not a character" crops.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { negativeCandidates, spanOverlap, trainPlateReader } from './train-plates.ts';
import { PlateReader, plateGray } from './reader.ts';
import { renderPlate } from './synth.ts';
import { ALPHABET } from './decode.ts';

describe('not-a-character crops', () => {
  // Three aligned characters, 10 px wide with 4 px gaps.
  const chars = [
    { x1: 0, x2: 10 },
    { x1: 14, x2: 24 },
    { x1: 28, x2: 38 },
  ];
  const candidate = (x1: number, x2: number) => ({ box: { x1, x2 } });

  it('measures the overlap of two column spans', () => {
    expect(spanOverlap({ x1: 0, x2: 10 }, { x1: 0, x2: 10 })).toBe(1);
    expect(spanOverlap({ x1: 0, x2: 10 }, { x1: 5, x2: 15 })).toBeCloseTo(1 / 3);
    expect(spanOverlap({ x1: 0, x2: 10 }, { x1: 20, x2: 30 })).toBe(0);
  });

  it('keeps the crops across two characters or between them, and drops those close to one', () => {
    const across = candidate(6, 18); // the right of one glyph and the left of the next
    const gap = candidate(10, 14); // a hyphen's place
    const character = candidate(14, 24);
    const nearlyOne = candidate(13, 24); // a glyph with a sliver of the gap: neither
    const pair = candidate(0, 24); // two glyphs as one overlaps each by 0.42: left out too
    expect(negativeCandidates([across, gap, character, nearlyOne, pair], chars)).toEqual([across, gap]);
  });
});

describe('plate reader training', () => {
  it('trains on a few synthetic plates, saves a reader with the extra class, and reads with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plates-'));
    try {
      // Plain plates (the default, said here because with the camera's effects a reader trained on 40
      // plates is too weak to align any, and the "not a character" stage would have nothing to test).
      const r = await trainPlateReader({ outDir: dir, plates: 40, epochs: 8, members: 1, evaluationPlates: 0, camera: false });
      expect(r.glyphs).toBeGreaterThan(0);
      expect(r.negatives).toBeGreaterThan(0);
      expect(existsSync(join(dir, 'plate-chars.json'))).toBe(true);
      const reader = await PlateReader.load(dir);
      const plate = await renderPlate(7);
      const probs = await reader.recognitionDriven(await plateGray(plate.png));
      expect(probs.length).toBeGreaterThan(0);
      expect(probs[0][0]).toHaveLength(ALPHABET.length + 1);
      const reading = await reader.read(plate.png);
      expect(typeof reading.text).toBe('string');
      reader.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
