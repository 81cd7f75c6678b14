/**
 * The learned semantic model: term associations between the everyday vocabulary of questions
 * (titles of fiche sections, fiches and Q&A) and the vocabulary of the Code du travail articles they
 * cite. Trained from the corpus only (content + citation links) by scripts/train-model.ts, shipped
 * as packages/explocode/model/semantic-model.json, loaded at engine start. Used for query expansion
 * on the article index (weighted, shown as `explanation.semantic`).
 */
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrenchAnalyzer } from '@eig/platform/search/index.ts';
import type { Corpus } from '../types.ts';

export interface SemanticModel {
  format: 'explocode-assoc-v1';
  corpusVersion: string;
  params: { minCount: number; topK: number; pairs: number };
  /** question-side stem → [article-side stem, weight in (0,1]] sorted by weight desc */
  assoc: Record<string, [string, number][]>;
}

export const MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../model/semantic-model.json');

/** Loads the shipped model; null (engine runs without it) when missing or invalid. */
export async function loadModel(path = MODEL_PATH): Promise<SemanticModel | undefined> {
  try {
    const m = JSON.parse(await readFile(path, 'utf8')) as SemanticModel;
    return m.format === 'explocode-assoc-v1' ? m : undefined;
  } catch {
    return undefined;
  }
}

export function loadModelSync(path = MODEL_PATH): SemanticModel | undefined {
  if (!existsSync(path)) return undefined;
  const m = JSON.parse(readFileSync(path, 'utf8')) as SemanticModel;
  return m.format === 'explocode-assoc-v1' ? m : undefined;
}

const HEADING = /^(?:partie|livre|titre|chapitre|section|sous-section|paragraphe|sous-paragraphe)\b[^:]{0,40}:\s*/i;
export const cleanHeading = (t: string) => t.replace(HEADING, '').replace(/[.\s]+$/, '').trim();

export interface TrainOptions {
  minCount?: number;
  topK?: number;
}

/**
 * Deterministic training: for each (citing passage, cited article) pair, co-occurrence of the
 * passage's question-side terms (its titles) and the article's terms (text + section titles),
 * each pair weighted 1/|cited articles of the passage|. Association = pointwise mutual information
 * discounted by evidence: w(q,d) = c(q,d)/c(q) * log(c(q,d)·N/(c(q)·c(d))) for c(q,d) ≥ minCount.
 */
export function trainModel(corpus: Corpus, opts: TrainOptions = {}): SemanticModel {
  const minCount = opts.minCount ?? 2;
  const topK = opts.topK ?? 8;
  const an = new FrenchAnalyzer({ stem: 'light' });
  const byNum = new Map(corpus.articles.map((a) => [a.num, a]));
  const sectionTitle = new Map(corpus.sections.map((s) => [s.id, cleanHeading(s.title)]));
  const artTerms = new Map<string, string[]>();
  const termsOfArticle = (num: string): string[] | undefined => {
    let t = artTerms.get(num);
    if (t) return t;
    const a = byNum.get(num);
    if (!a) return undefined;
    const titles = a.path.slice(-2).map((id) => sectionTitle.get(id) ?? '').join(' ');
    t = [...new Set(an.terms(a.text + ' ' + titles))];
    artTerms.set(num, t);
    return t;
  };
  const pairs: { q: string[]; cited: string[] }[] = [];
  for (const f of corpus.fiches) {
    pairs.push({ q: an.terms(f.title), cited: f.citedArticles });
    for (const s of f.sections) if (s.citedArticles.length) pairs.push({ q: an.terms(`${f.title} ${s.title}`), cited: s.citedArticles });
  }
  for (const c of corpus.contributions) pairs.push({ q: an.terms(c.title), cited: c.generic.citedArticles });

  const cq = new Map<string, number>();
  const cd = new Map<string, number>();
  const cqd = new Map<string, Map<string, number>>();
  let n = 0;
  let npairs = 0;
  for (const p of pairs) {
    const cited = p.cited.filter((x) => byNum.has(x));
    if (!cited.length || !p.q.length) continue;
    const w = 1 / cited.length;
    const qs = [...new Set(p.q)];
    for (const num of cited) {
      const ds = termsOfArticle(num)!;
      npairs++;
      n += w;
      for (const d of ds) cd.set(d, (cd.get(d) ?? 0) + w);
      for (const q of qs) {
        cq.set(q, (cq.get(q) ?? 0) + w);
        let m = cqd.get(q);
        if (!m) cqd.set(q, (m = new Map()));
        for (const d of ds) m.set(d, (m.get(d) ?? 0) + w);
      }
    }
  }
  const assoc: Record<string, [string, number][]> = {};
  for (const q of [...cqd.keys()].sort()) {
    if (q.length < 3 || /[0-9]/.test(q)) continue;
    const m = cqd.get(q)!;
    const c = cq.get(q)!;
    if (c < minCount * 0.5) continue;
    const scored: [string, number][] = [];
    for (const [d, cnt] of m) {
      if (d === q || cnt < minCount * 0.5 || d.length < 3 || /[0-9]/.test(d)) continue;
      const pmi = Math.log((cnt * n) / (c * cd.get(d)!));
      if (pmi <= 0.5) continue;
      scored.push([d, (cnt / c) * pmi]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = scored.slice(0, topK);
    if (!top.length) continue;
    const max = top[0][1];
    assoc[q] = top.map(([d, s]) => [d, Math.round((s / max) * 1000) / 1000]);
  }
  return { format: 'explocode-assoc-v1', corpusVersion: corpus.version, params: { minCount, topK, pairs: npairs }, assoc };
}
