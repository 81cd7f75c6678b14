/**
 * Synthetic plates drawn with the outline fonts: the glyph path, its squeeze within the plate, and
 * the rendering's determinism per seed.
 */
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { plateCameraEffects, OUTLINE_FONTS, outlineFont, outlineText, renderPlate } from './synth.ts';

/** The first seed from `from` whose plate is drawn in an outline font. */
async function outlinePlateSeed(from: number): Promise<number> {
  for (let seed = from; ; seed++) if (OUTLINE_FONTS.includes((await renderPlate(seed)).font)) return seed;
}

describe('outline fonts', () => {
  it('draws the text as a non-empty path, squeezed to fit the plate and never stretched', () => {
    for (const name of OUTLINE_FONTS) {
      const font = outlineFont(name, true);
      const layout = { capHeight: 70, spacing: 2, textLength: 300, fg: '#111' };
      const { body, squeeze } = outlineText('AB-123-CD', font, layout);
      expect(body).toMatch(/^<path d="M[-\d.]+ [-\d.]+/);
      expect(squeeze).toBeGreaterThan(0);
      expect(squeeze).toBeLessThanOrEqual(1);
      expect(outlineText('1 A 01', font, layout).squeeze).toBe(1);
    }
  });

  it('sizes the text by the capital height of each font', () => {
    const font = outlineFont('oswald', false);
    const { body } = outlineText('H', font, { capHeight: 70, spacing: 0, textLength: 500, fg: '#111' });
    // "H" is straight lines only (M and L commands): its numbers are x, y pairs.
    const ys = (body.match(/-?\d+(\.\d+)?/g) ?? []).map(Number).filter((_, i) => i % 2 === 1);
    expect(Math.min(...ys)).toBeCloseTo(-70, 0);
    expect(Math.max(...ys)).toBeCloseTo(0, 0);
  });

  it('renders a plate in an outline font to a crop of the drawn height, the same for the same seed', async () => {
    const seed = await outlinePlateSeed(1);
    const plate = await renderPlate(seed);
    expect((await sharp(plate.png).metadata()).height).toBe(plate.height);
    expect((await renderPlate(seed)).png.equals(plate.png)).toBe(true);
  });

  it('draws only the system fonts when asked to', async () => {
    const seed = await outlinePlateSeed(1);
    const plate = await renderPlate(seed, { fonts: 'system' });
    expect(OUTLINE_FONTS).not.toContain(plate.font);
    expect(plate.chars).toBe((await renderPlate(seed)).chars);
  });
});

describe('camera effects', () => {
  it('leave the plate a seed draws unchanged when off, and keep its text when on', async () => {
    for (let seed = 40; seed < 46; seed++) {
      const plain = await renderPlate(seed);
      expect((await renderPlate(seed, { camera: false })).png.equals(plain.png)).toBe(true);
      const camera = await renderPlate(seed, { camera: true });
      expect(camera.chars).toBe(plain.chars);
      expect(camera.height).toBe(plain.height);
    }
  });

  it('can be drawn only on crops at least a given height', async () => {
    const seen = { small: 0, tall: 0 };
    for (let seed = 40; seed < 52; seed++) {
      const plain = await renderPlate(seed);
      const camera = await renderPlate(seed, { camera: true });
      const some = await renderPlate(seed, { camera: { minHeight: 45 } });
      expect(some.height).toBe(plain.height);
      expect(some.png.equals((plain.height >= 45 ? camera : plain).png)).toBe(true);
      seen[plain.height >= 45 ? 'tall' : 'small']++;
    }
    expect(seen.small).toBeGreaterThan(0);
    expect(seen.tall).toBeGreaterThan(0);
  });

  it('draw each effect on some plates and not on others', () => {
    const drawn = Array.from({ length: 400 }, (_, i) => plateCameraEffects(i));
    for (const key of ['infrared', 'screws', 'frame', 'shadow', 'dirt', 'motion'] as const) {
      const share = drawn.filter((e) => e[key]).length / drawn.length;
      expect(share, key).toBeGreaterThan(0.1);
      expect(share, key).toBeLessThan(0.6);
    }
  });

  it('render an infrared plate in grey', async () => {
    let seed = 1;
    while (!plateCameraEffects(seed).infrared) seed++;
    const { data, info } = await sharp((await renderPlate(seed, { camera: true })).png)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    let spread = 0;
    for (let i = 0; i < data.length; i += 3)
      spread = Math.max(spread, Math.abs(data[i] - data[i + 1]), Math.abs(data[i + 1] - data[i + 2]));
    expect(spread).toBe(0);
  });
});
