/** Photo helpers for display: size after EXIF orientation, and a re-encoded thumbnail (never the upload's own bytes). */
import sharp from 'sharp';

export async function photoSize(buf: Uint8Array): Promise<{ width: number; height: number } | null> {
  try {
    const m = await sharp(buf).metadata();
    if (!m.width || !m.height) return null;
    const swap = (m.orientation ?? 1) >= 5;
    return { width: swap ? m.height : m.width, height: swap ? m.width : m.height };
  } catch {
    return null;
  }
}

/** JPEG, at most `maxSide` pixels, EXIF orientation applied, metadata stripped. */
export async function thumbnail(buf: Uint8Array, maxSide = 800): Promise<Buffer | null> {
  try {
    return await sharp(buf, { failOn: 'none', limitInputPixels: 60_000_000 })
      .rotate()
      .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 72 })
      .toBuffer();
  } catch {
    return null;
  }
}
