/**
 * Averaged perceptron sequence tagger (Collins 2002), greedy left-to-right with the two previous
 * tags as features. Small, dependency-free and fast enough for ≥ 20 decisions/s on one core; weights
 * are stored sparse (feature → tag → weight) and pruned when saved.
 */
export interface PerceptronModel {
  tags: string[];
  /** feature → array of [tagIndex, weight] pairs flattened */
  weights: Record<string, number[]>;
  meta?: Record<string, unknown>;
}

export class Perceptron {
  readonly tags: string[];
  private w = new Map<string, Float64Array>();
  private totals = new Map<string, Float64Array>();
  private stamps = new Map<string, Float64Array>();
  private i = 0;

  constructor(tags: string[]) {
    this.tags = tags;
  }

  static fromModel(m: PerceptronModel): Perceptron {
    const p = new Perceptron(m.tags);
    for (const [f, pairs] of Object.entries(m.weights)) {
      const arr = new Float64Array(m.tags.length);
      for (let k = 0; k < pairs.length; k += 2) arr[pairs[k]] = pairs[k + 1];
      p.w.set(f, arr);
    }
    return p;
  }

  scores(features: string[]): Float64Array {
    const s = new Float64Array(this.tags.length);
    for (const f of features) {
      const a = this.w.get(f);
      if (!a) continue;
      for (let k = 0; k < a.length; k++) s[k] += a[k];
    }
    return s;
  }

  best(features: string[]): { tag: number; margin: number } {
    const s = this.scores(features);
    let b = 0,
      second = -Infinity;
    for (let k = 1; k < s.length; k++) {
      if (s[k] > s[b]) {
        second = s[b];
        b = k;
      } else if (s[k] > second) second = s[k];
    }
    return { tag: b, margin: s[b] - (second === -Infinity ? s[b] : second) };
  }

  /** One training step: update towards `gold` if the prediction differs. */
  update(features: string[], gold: number, guess: number) {
    this.i++;
    if (gold === guess) return;
    for (const f of features) {
      let a = this.w.get(f);
      if (!a) {
        a = new Float64Array(this.tags.length);
        this.w.set(f, a);
        this.totals.set(f, new Float64Array(this.tags.length));
        this.stamps.set(f, new Float64Array(this.tags.length));
      }
      const tot = this.totals.get(f)!,
        st = this.stamps.get(f)!;
      for (const [t, v] of [
        [gold, 1],
        [guess, -1],
      ] as const) {
        tot[t] += (this.i - st[t]) * a[t];
        st[t] = this.i;
        a[t] += v;
      }
    }
  }

  /** Replace weights by their average over all steps (call once after training). */
  average() {
    for (const [f, a] of this.w) {
      const tot = this.totals.get(f)!,
        st = this.stamps.get(f)!;
      for (let t = 0; t < a.length; t++) {
        const total = tot[t] + (this.i - st[t]) * a[t];
        a[t] = total / this.i;
      }
    }
  }

  toModel(minAbs = 0.002, meta?: Record<string, unknown>): PerceptronModel {
    const weights: Record<string, number[]> = {};
    for (const [f, a] of this.w) {
      const pairs: number[] = [];
      for (let t = 0; t < a.length; t++) if (Math.abs(a[t]) >= minAbs) pairs.push(t, Math.round(a[t] * 1000) / 1000);
      if (pairs.length) weights[f] = pairs;
    }
    return { tags: this.tags, weights, meta };
  }
}
