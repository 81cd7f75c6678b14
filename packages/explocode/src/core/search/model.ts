/**
 * The learned semantic model: term associations between the everyday vocabulary of questions
 * (titles of fiche sections, fiches and Q&A) and the vocabulary of the Code du travail articles they
 * cite, and of hand-written everyday questions and the articles that answer them. Trained from the
 * corpus (content + citation links) and bench/everyday-train.jsonl by scripts/train-model.ts, shipped
 * as packages/explocode/model/semantic-model.json, loaded at engine start. Used for query expansion
 * on the article index (weighted, shown as `explanation.semantic`); the file also carries the
 * training questions themselves, as worked examples (example-votes.ts).
 */
import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FrenchAnalyzer } from '@eig/platform/search';
import type { Corpus } from '../types.ts';
import type { WorkedExample } from './example-votes.ts';

export interface SemanticModel {
  format: 'explocode-assoc-v1';
  corpusVersion: string;
  params: { minCount: number; topK: number; pairs: number } & Partial<TrainOptions>;
  /** question-side stem → [article-side stem, weight in (0,1]] sorted by weight desc */
  assoc: Record<string, [string, number][]>;
  /** the hand-written training questions and their answers, for nearest-neighbour votes (example-votes.ts) */
  examples?: WorkedExample[];
}

export const MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../model/semantic-model.json');

/** Parses a model file's text; undefined when it is not a model of the supported format. */
export function parseModel(text: string): SemanticModel | undefined {
  const m = JSON.parse(text) as SemanticModel;
  return m && m.format === 'explocode-assoc-v1' && typeof m.assoc === 'object' ? m : undefined;
}

/** Loads the shipped model; undefined (engine runs without it) when missing or invalid. */
export async function loadModel(path = MODEL_PATH): Promise<SemanticModel | undefined> {
  try {
    return parseModel(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

export function loadModelSync(path = MODEL_PATH): SemanticModel | undefined {
  if (!existsSync(path)) return undefined;
  return parseModel(readFileSync(path, 'utf8'));
}

const HEADING = /^(?:partie|livre|titre|chapitre|section|sous-section|paragraphe|sous-paragraphe)\b[^:]{0,40}:\s*/i;
export const cleanHeading = (t: string) =>
  t
    .replace(HEADING, '')
    .replace(/[.\s]+$/, '')
    .trim();

export interface TrainOptions {
  /** minimum (weighted) co-occurrence count of an association */
  minCount?: number;
  /** associations kept per question-side term */
  topK?: number;
  /** question side also reads the plain-language text of fiches/sections/answers (not only titles) */
  questionText?: boolean;
  /** max terms kept per question-side unit / per article (by tf-idf); titles always kept */
  maxQTerms?: number;
  maxDTerms?: number;
  /** absolute discount of co-occurrence counts (smoothing: rare pairs count less) */
  discount?: number;
  /** minimum PMI */
  minPmi?: number;
  /** weight of each hand-written training question (see `trainModel`'s `questions`) as a citing unit */
  questionWeight?: number;
}

/** A hand-written everyday question and the articles that answer it (bench/everyday-train.jsonl). */
export interface TrainingQuestion {
  query: string;
  articles: { num: string }[];
  /** the fiches and question-réponses that answer it, best first */
  answers?: ({ type: 'fiche'; id: string } | { type: 'contribution'; slug: string })[];
}

export const DEFAULT_TRAIN: Required<TrainOptions> = {
  minCount: 2,
  topK: 10,
  questionText: true,
  maxQTerms: 30,
  maxDTerms: 40,
  discount: 0.5,
  minPmi: 0.7,
  questionWeight: 3,
};

/** Top terms of a text by tf·idf (ties by term), plus `always`. */
function salient(terms: string[], idf: (t: string) => number, max: number, always: string[] = []): string[] {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const ranked = [...tf.entries()]
    .map(([t, c]) => [t, (1 + Math.log(c)) * idf(t)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, max)
    .map(([t]) => t);
  return [...new Set([...always, ...ranked])];
}

const usable = (t: string) => t.length >= 3 && !/[0-9]/.test(t);

/**
 * Deterministic training of term associations between the plain language of the documents that cite
 * articles (fiches, fiche sections, Q&A: titles and text) and the language of the cited articles (text
 * + section titles). Each (citing unit, cited article) pair counts 1/|articles cited by the unit|;
 * each side keeps its most salient terms (tf·idf). Association of question term q and article term d:
 * discounted co-occurrence c'(q,d) = max(0, c(q,d) − δ), PMI = log(c'(q,d)·N / (c(q)·c(d))), weight =
 * c'(q,d)/c(q) · PMI (expected PMI: frequent *and* specific), PMI ≥ minPmi, top-k per q, normalised to
 * the best association of q. Trained on corpus content, plus the hand-written everyday training
 * questions (`questions`, never the bench's everyday set), each a unit of weight `questionWeight`.
 */
export function trainModel(corpus: Corpus, options: TrainOptions = {}, questions: TrainingQuestion[] = []): SemanticModel {
  const o = { ...DEFAULT_TRAIN, ...options };
  const an = new FrenchAnalyzer({ stem: 'light' });
  const byNum = new Map(corpus.articles.map((a) => [a.num, a]));
  const sectionTitle = new Map(corpus.sections.map((s) => [s.id, cleanHeading(s.title)]));

  // article side
  const artRaw = new Map<string, string[]>();
  const dfA = new Map<string, number>();
  for (const a of corpus.articles) {
    const titles = a.path
      .slice(-2)
      .map((id) => sectionTitle.get(id) ?? '')
      .join(' ');
    const t = an.terms(a.text + ' ' + titles).filter(usable);
    artRaw.set(a.num, t);
    for (const x of new Set(t)) dfA.set(x, (dfA.get(x) ?? 0) + 1);
  }
  const nA = corpus.articles.length;
  const idfA = (t: string) => Math.log(1 + nA / (dfA.get(t) ?? 1));
  const artTerms = new Map<string, string[]>();
  const termsOfArticle = (num: string): string[] => {
    let t = artTerms.get(num);
    if (!t) artTerms.set(num, (t = salient(artRaw.get(num) ?? [], idfA, o.maxDTerms)));
    return t;
  };

  // question side: citing units
  const units: { title: string[]; text: string[]; cited: string[]; weight?: number }[] = [];
  for (const f of corpus.fiches) {
    units.push({ title: an.terms(f.title), text: o.questionText ? an.terms(`${f.description} ${f.intro}`) : [], cited: f.citedArticles });
    for (const s of f.sections)
      if (s.citedArticles.length)
        units.push({ title: an.terms(`${f.title} ${s.title}`), text: o.questionText ? an.terms(s.text) : [], cited: s.citedArticles });
  }
  for (const c of corpus.contributions)
    units.push({ title: an.terms(c.title), text: o.questionText ? an.terms(c.generic.text) : [], cited: c.generic.citedArticles });
  // The corpus's titles speak the Code's language more than a worker does ("événements familiaux", not
  // "je me marie"): written everyday questions teach the associations that only everyday wording has.
  for (const q of questions)
    units.push({ title: an.terms(q.query), text: [], cited: q.articles.map((a) => a.num), weight: o.questionWeight });
  const dfU = new Map<string, number>();
  for (const u of units) for (const x of new Set([...u.title, ...u.text])) dfU.set(x, (dfU.get(x) ?? 0) + 1);
  const idfU = (t: string) => Math.log(1 + units.length / (dfU.get(t) ?? 1));

  const cq = new Map<string, number>();
  const cd = new Map<string, number>();
  const cqd = new Map<string, Map<string, number>>();
  let n = 0;
  let npairs = 0;
  for (const u of units) {
    const cited = [...new Set(u.cited)].filter((x) => byNum.has(x));
    if (!cited.length) continue;
    const qs = salient([...u.title, ...u.text].filter(usable), idfU, o.maxQTerms, u.title.filter(usable));
    if (!qs.length) continue;
    const w = (u.weight ?? 1) / cited.length;
    for (const num of cited) {
      const ds = termsOfArticle(num);
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
    const m = cqd.get(q)!;
    const c = cq.get(q)!;
    if (c < o.minCount * 0.5) continue;
    const scored: [string, number][] = [];
    for (const [d, cnt] of m) {
      if (d === q || cnt < o.minCount * 0.5) continue;
      const disc = cnt - o.discount;
      if (disc <= 0) continue;
      const pmi = Math.log((disc * n) / (c * cd.get(d)!));
      if (pmi < o.minPmi) continue;
      scored.push([d, (disc / c) * pmi]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = scored.slice(0, o.topK);
    if (!top.length) continue;
    const max = top[0][1];
    assoc[q] = top.map(([d, sc]) => [d, Math.round((sc / max) * 1000) / 1000]);
  }
  // the questions' answers that the corpus holds (a model is trained for one corpus version)
  const ficheIds = new Set(corpus.fiches.map((f) => f.id));
  const slugs = new Set(corpus.contributions.map((x) => x.slug));
  const toExample = (q: TrainingQuestion) => ({
    query: q.query,
    articles: q.articles.map((a) => a.num).filter((num) => byNum.has(num)),
    fiches: (q.answers ?? []).flatMap((a) => (a.type === 'fiche' && ficheIds.has(a.id) ? [a.id] : [])),
    contributions: (q.answers ?? []).flatMap((a) => (a.type === 'contribution' && slugs.has(a.slug) ? [a.slug] : [])),
  });
  return {
    format: 'explocode-assoc-v1',
    corpusVersion: corpus.version,
    params: { ...o, pairs: npairs },
    assoc,
    examples: questions.map(toExample).filter((e) => e.articles.length || e.fiches.length || e.contributions.length),
  };
}
