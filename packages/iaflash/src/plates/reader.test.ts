import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { characterProbability, darkShare, inkMasks, isDarkPlate, otsuThreshold, PlateReader, readingViews } from './reader.ts';
import { ALPHABET } from './decode.ts';
import { renderPlate } from './synth.ts';
import { estimateSlant } from './slant.ts';
import { plateKey } from '../core/plate-format.ts';
import { DEFAULT_MODEL_DIR } from '../ml/paths.ts';
import { initTf } from '../ml/tf.ts';

/** A plate of one tone with seven character bars of another, `bar` pixels wide (8: about a fifth of it). */
function plate(background: number, ink: number, bar = 8) {
  const width = 300;
  const height = 64;
  const data = new Uint8Array(width * height).fill(background);
  for (let k = 0; k < 7; k++) for (let y = 12; y < 52; y++) for (let x = 30 + k * 36; x < 30 + bar + k * 36; x++) data[y * width + x] = ink;
  return { data, width, height };
}

describe('plate polarity', () => {
  it('reads an under-exposed white plate as a light plate', () => {
    // Background at 90: the old absolute cut-off (< 100) read it as a black plate and inverted it.
    expect(isDarkPlate(plate(90, 25))).toBe(false);
  });

  it('reads an old black plate with light characters as a dark plate', () => {
    expect(isDarkPlate(plate(30, 200))).toBe(true);
  });

  it('reads both polarities, the light one first, when bold characters fill about half the plate', () => {
    const bold = plate(220, 20, 20);
    expect(darkShare(bold)).toBeGreaterThan(0.5);
    expect(isDarkPlate(bold)).toBe(false);
    expect(inkMasks(bold).map((m) => m.invert)).toEqual([false, true]);
    expect(inkMasks(plate(220, 20)).map((m) => m.invert)).toEqual([false]);
    expect(inkMasks(plate(30, 200)).map((m) => m.invert)).toEqual([true]);
  });

  it("Otsu's threshold falls between the two tones", () => {
    const hist = new Array<number>(256).fill(0);
    hist[40] = 300;
    hist[180] = 700;
    const t = otsuThreshold(hist, 1000);
    expect(t).toBeGreaterThanOrEqual(40);
    expect(t).toBeLessThan(180);
  });
});

describe('character probability', () => {
  it('is the best ALPHABET class, not the "not a character" one', () => {
    const p = new Float32Array(ALPHABET.length + 1).fill(0.005);
    p[ALPHABET.indexOf('M')] = 0.2;
    p[ALPHABET.length] = 0.6;
    expect(characterProbability(p)).toBeCloseTo(0.2);
  });
});

describe('reading views', () => {
  it('also reads a crop whose characters lean, set upright', async () => {
    const p = await renderPlate(21);
    // Tops 0.3 px further right per row: sharp's affine shear, the canvas widened to hold it.
    const leaning = await sharp(p.png).affine([1, -0.3, 0, 1], { background: '#808080' }).png().toBuffer();
    const views = await readingViews(leaning);
    expect(views.length).toBeGreaterThan(1);
    const upright = views[views.length - 1].im;
    expect(estimateSlant(inkMasks(upright)[0].mask, upright.width, upright.height)).toBe(0);
    await initTf('wasm');
    const reader = await PlateReader.load(DEFAULT_MODEL_DIR);
    expect(plateKey((await reader.read(leaning)).text)).toBe(p.chars);
    reader.dispose();
  });
});
