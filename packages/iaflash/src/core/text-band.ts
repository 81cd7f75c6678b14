/**
 * Traffic cameras burn a text band (date, place, speed) into the top or bottom of the photo: white
 * or yellow text on a black strip. It is not part of the scene and confuses the detector, so it is
 * cropped. A row belongs to the band when it is almost only very dark pixels plus some very bright
 * text pixels (no mid-tones, unlike a dark car or road).
 */
export interface TextBand {
  /** Rows to drop at the top and at the bottom. */
  top: number;
  bottom: number;
}

const DARK = 60;
const BRIGHT = 180;

function isBandRow(gray: Uint8Array, width: number, y: number): boolean {
  let dark = 0;
  let bright = 0;
  const off = y * width;
  for (let x = 0; x < width; x++) {
    const v = gray[off + x];
    if (v < DARK) dark++;
    else if (v > BRIGHT) bright++;
  }
  return dark >= 0.55 * width && dark + bright >= 0.95 * width;
}

/**
 * Finds a band of at least `minRows` band rows touching the top or the bottom edge, at most
 * `maxFraction` of the height. A few non-band rows inside (descenders, anti-aliasing) are tolerated.
 */
export function detectTextBand(gray: Uint8Array, width: number, height: number, maxFraction = 0.15, minRows = 6): TextBand {
  const limit = Math.floor(height * maxFraction);
  const scan = (rows: (i: number) => number): number => {
    let last = -1; // index of the last band row found from the edge
    let misses = 0;
    for (let i = 0; i < limit; i++) {
      if (isBandRow(gray, width, rows(i))) {
        last = i;
        misses = 0;
      } else if (++misses > 2) break;
    }
    return last + 1 >= minRows ? last + 1 : 0;
  };
  return { top: scan((i) => i), bottom: scan((i) => height - 1 - i) };
}
