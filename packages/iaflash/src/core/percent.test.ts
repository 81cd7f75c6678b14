import { describe, expect, it } from 'vitest';
import { frPercent as pct } from './percent.ts';

describe('frPercent', () => {
  it('writes shares as French percentages', () => {
    expect(pct(0.853)).toBe('85,3 %');
    expect(pct(0)).toBe('0 %');
    expect(pct(1)).toBe('100 %');
    expect(pct(null)).toBe('—');
  });

  it('never rounds a small or large probability into a certainty', () => {
    expect(pct(0.0003)).toBe('< 0,1 %');
    expect(pct(0.9997)).toBe('> 99,9 %');
    expect(pct(0.0006)).toBe('0,1 %');
  });
});
