import { describe, expect, it } from 'vitest';
import { needsFullPass, quickDetectorSize } from './detector-passes.ts';

describe('coarse to fine detection', () => {
  it('runs the first pass at the photo’s own scale, on the stride, between 256 and full size', () => {
    expect(quickDetectorSize(224, 224, 512)).toBe(256);
    expect(quickDetectorSize(300, 200, 512)).toBe(320);
    expect(quickDetectorSize(320, 240, 512)).toBe(320);
    expect(quickDetectorSize(640, 480, 512)).toBe(512);
    expect(quickDetectorSize(4000, 3000, 512)).toBe(512);
    expect(quickDetectorSize(100, 40, 512)).toBe(256);
    // Never above the full size, even when that is small.
    expect(quickDetectorSize(224, 224, 192)).toBe(192);
  });

  it('asks for the full-size pass when nothing or no single vehicle stands out', () => {
    expect(needsFullPass(0, false)).toBe(true);
    expect(needsFullPass(2, true)).toBe(true);
    expect(needsFullPass(1, false)).toBe(false);
    expect(needsFullPass(3, false)).toBe(false);
  });
});
