/** Exact-span P/R/F1 per category, leak rate and professionals wrongly masked, as the data README defines them. */
import { MASKED_CATEGORIES, PROFESSIONAL_CATEGORIES } from '../src/core/categories.ts';

export interface GoldSpan {
  start: number;
  end: number;
  category: string;
  text?: string;
}
export interface Doc {
  id: string;
  source: string;
  court: string;
  text: string;
  entities: GoldSpan[];
}
export interface Pred {
  start: number;
  end: number;
  category: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface Metrics {
  perCat: Map<string, Counts>;
  leakTotal: number;
  leaked: number;
  /** leaks per gold category (the leak rate broken down) */
  leakedBy: Map<string, number>;
  totalBy: Map<string, number>;
  proTotal: number;
  proMasked: number;
  docs: number;
  chars: number;
  ms: number;
  /** user CPU time of the run (throughput on a shared machine) */
  cpuMs: number;
}
export const emptyMetrics = (): Metrics => ({
  perCat: new Map(),
  leakTotal: 0,
  leaked: 0,
  leakedBy: new Map(),
  totalBy: new Map(),
  proTotal: 0,
  proMasked: 0,
  docs: 0,
  chars: 0,
  ms: 0,
  cpuMs: 0,
});

const masked = new Set<string>(MASKED_CATEGORIES);
const pros = new Set<string>(PROFESSIONAL_CATEGORIES);

export function score(m: Metrics, doc: Doc, preds: Pred[]) {
  const bump = (c: string, k: keyof Counts) => {
    if (!m.perCat.has(c)) m.perCat.set(c, { tp: 0, fp: 0, fn: 0 });
    m.perCat.get(c)![k]++;
  };
  const predMasked = preds.filter((p) => masked.has(p.category));
  const gold = doc.entities.filter((g) => masked.has(g.category));
  const key = (s: Pred | GoldSpan) => `${s.start}:${s.end}:${s.category}`;
  const g = new Set(gold.map(key));
  const p = new Set(predMasked.map(key));
  for (const s of predMasked) bump(s.category, g.has(key(s)) ? 'tp' : 'fp');
  for (const s of gold) if (!p.has(key(s))) bump(s.category, 'fn');
  // coverage of any predicted masked span (any category)
  const cov = new Uint8Array(doc.text.length + 1);
  for (const s of predMasked) cov.fill(1, s.start, s.end);
  for (const s of gold) {
    m.leakTotal++;
    m.totalBy.set(s.category, (m.totalBy.get(s.category) ?? 0) + 1);
    for (let i = s.start; i < s.end; i++)
      if (!cov[i] && !/\s/.test(doc.text[i])) {
        m.leaked++;
        m.leakedBy.set(s.category, (m.leakedBy.get(s.category) ?? 0) + 1);
        break;
      }
  }
  for (const s of doc.entities) {
    if (!pros.has(s.category)) continue;
    m.proTotal++;
    for (let i = s.start; i < s.end; i++)
      if (cov[i] && !/\s/.test(doc.text[i])) {
        m.proMasked++;
        break;
      }
  }
  m.docs++;
  m.chars += doc.text.length;
}

export function prf(c: Counts) {
  const P = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const R = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  return { P, R, F: P + R ? (2 * P * R) / (P + R) : 0 };
}
export function sum(m: Metrics, cats: string[]): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  for (const k of cats) {
    const x = m.perCat.get(k);
    if (x) {
      c.tp += x.tp;
      c.fp += x.fp;
      c.fn += x.fn;
    }
  }
  return c;
}
