import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { decodeImage } from './decode.ts';
import { IaflashError } from './errors.ts';

const jpeg = (w: number, h: number) =>
  sharp({ create: { width: w, height: h, channels: 3, background: '#6a8' } })
    .jpeg()
    .toBuffer();

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (err) {
    expect(err).toBeInstanceOf(IaflashError);
    expect((err as IaflashError).statusCode).toBeGreaterThanOrEqual(400);
    expect((err as IaflashError).statusCode).toBeLessThan(500);
    return (err as IaflashError).code;
  }
}

describe('decodeImage on bad input', () => {
  it('refuses empty, non-image, oversized, tiny and truncated files with a typed 4xx error', async () => {
    expect(await codeOf(decodeImage(new Uint8Array()))).toBe('IMAGE_EMPTY');
    expect(await codeOf(decodeImage(Buffer.from('%PDF-1.4 not an image')))).toBe('IMAGE_UNSUPPORTED');
    const big = Buffer.alloc(50 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff]);
    expect(await codeOf(decodeImage(big))).toBe('IMAGE_TOO_LARGE');
    expect(await codeOf(decodeImage(await jpeg(1, 1)))).toBe('IMAGE_TOO_SMALL');
    const full = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#123' } })
      .png()
      .toBuffer();
    expect(await codeOf(decodeImage(full.subarray(0, Math.floor(full.length / 2))))).toBe('IMAGE_CORRUPT');
    const j = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg()
      .toBuffer();
    expect(await codeOf(decodeImage(j.subarray(0, Math.floor(j.length / 2))))).toBe('IMAGE_CORRUPT');
    expect(await codeOf(decodeImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('garbage'.repeat(50))])))).toBe(
      'IMAGE_CORRUPT',
    );
  });

  it('applies EXIF orientation and downscales large photos, keeping the original coordinate scale', async () => {
    const rotated = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#888' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const img = await decodeImage(rotated);
    expect(img.originalWidth).toBe(1200);
    expect(img.originalHeight).toBe(2400);
    expect(Math.max(img.width, img.height)).toBe(1024);
    expect(img.scale).toBeCloseTo(1200 / img.width);
    expect(img.data.length).toBe(img.width * img.height * 3);
  });
});
