/**
 * Per-index score arrays, allocated once per engine and reused by every search (no allocation per
 * query). One buffer per name, so that a stage can read back the scores another stage left in it (the
 * theme matcher reuses the theme pool's scores). All are cleared after each search.
 */
import { Bm25fIndex, type ScoreResult } from '@eig/platform/search';

export class ScoreBuffers {
  private readonly byName: Record<string, ScoreResult> = {};

  get(name: string, idx: Bm25fIndex): ScoreResult {
    let b = this.byName[name];
    if (!b) b = this.byName[name] = { scores: new Float32Array(idx.n), masks: new Int32Array(idx.n), touched: [] };
    return b;
  }

  resetAll(): void {
    for (const b of Object.values(this.byName)) Bm25fIndex.reset(b);
  }
}
