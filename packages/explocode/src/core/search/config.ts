/**
 * Engine configuration (the switches and weights the bench ablates, see bench/quick.ts) and the fixed
 * constants of the pipeline: question scaffolding weight, per-type boosts, query size limits.
 */
import type { DocType } from '../types.ts';
import type { ArticleWeights } from './articles.ts';
import type { DocumentWeights } from './documents.ts';
import type { MixingWeights } from './mixing.ts';
import { DEFAULT_SYNONYM_WEIGHTS, type SynonymWeights } from './synonyms.ts';

export interface EngineConfig {
  /** use fiche/Q&A → article propagation (two-stage) */
  propagation: boolean;
  /** index the titles of citing fiches/sections/Q&A with each article (document expansion) */
  docExpansion: boolean;
  /** synonyms (CDTN list + lexicon) */
  synonyms: boolean;
  /** per-source synonym weights (0 = source off) */
  synonymWeights: SynonymWeights;
  /**
   * a lexicon rule fires only for everyday phrases: some term of the phrase occurs in at most this
   * fraction of the articles (1 = always fire)
   */
  lexiconMaxDf: number;
  /** multi-word lexicon phrases ("arrêt maladie") always count as everyday */
  lexiconPhrases: boolean;
  /** weight of the learned association expansion (0 = off) */
  modelWeight: number;
  /** also expand the passage (fiche/Q&A) query with the associations, at this fraction of modelWeight */
  modelOnPassages: number;
  /** weight of question scaffolding that survives stop-word removal ("j'ai le droit", "c'est légal ?") */
  weakTermWeight: number;
  /**
   * pseudo-relevance feedback: the title terms of the best matching passages (fiche sections / Q&A,
   * written in plain language) are added to the article query at this weight (0 = off)
   */
  prfWeight: number;
  prfPassages: number;
  /** correct one-letter typos in words the corpus does not know ("licenciment") */
  spelling: boolean;
  /** weights of the article score's features (articles.ts), used when no learned ranker is loaded */
  articleWeights: ArticleWeights;
  /** rank articles with the learned ranker (model/article-ranker.json) when it is there */
  articleRanker: boolean;
  /** weights of the fiche and answer score's features (documents.ts) */
  documentWeights: DocumentWeights;
  /** how articles, fiches and answers are put in one list (mixing.ts) */
  mixing: MixingWeights;
  /** answer off-topic and nonsense queries with no results (domain.ts) */
  offTopic: boolean;
}

export const DEFAULT_CONFIG: EngineConfig = {
  propagation: true,
  docExpansion: true,
  synonyms: true,
  synonymWeights: DEFAULT_SYNONYM_WEIGHTS,
  lexiconMaxDf: 0.01,
  lexiconPhrases: false,
  modelWeight: 0.25,
  modelOnPassages: 0,
  weakTermWeight: 1,
  prfWeight: 0,
  prfPassages: 3,
  spelling: true,
  // fitted on the everyday tuning half and the dev set (bench/quick.ts), checked on the other half
  articleWeights: { direct: 2.86, prop: 0.5, head: 2.53, pop: 1.71, first: 0.61, legislative: 0.51, model: -1.59, example: 3 },
  articleRanker: true,
  documentWeights: { bm: 1.07, titlePrecision: 1.55, titleCoverage: 0.08, heading: 1.82, ministry: 0.27, articleVote: 1.1, example: 1.5 },
  mixing: { documentScale: 4, articleScale: 6, articleShare: 0.7 },
  offTopic: true,
};

/** A partial config over the defaults (the weight groups merged key by key, so one weight can be overridden alone). */
export function resolveConfig(config: Partial<EngineConfig>): EngineConfig {
  return {
    ...DEFAULT_CONFIG,
    ...config,
    articleWeights: { ...DEFAULT_CONFIG.articleWeights, ...config.articleWeights },
    documentWeights: { ...DEFAULT_CONFIG.documentWeights, ...config.documentWeights },
    mixing: { ...DEFAULT_CONFIG.mixing, ...config.mixing },
  };
}

/**
 * Everyday question scaffolding (folded surface forms): words that frame a question ("est-ce légal",
 * "j'ai le droit", "c'est obligatoire", "quelque chose") rather than say what it is about. Kept in the
 * query (a question may really be about a right or an obligation) at a reduced weight.
 */
export const WEAK_QUERY_TERMS: ReadonlySet<string> = new Set(
  (
    'droit droits legal legale legaux legales legalement illegal illegale obligatoire obligatoires obligatoirement ' +
    'normal normale possible autorise autorisee permis chose choses quelque exactement vraiment juste hier demain aujourd hui rien ' +
    'ok svp merci besoin question aide depuis aucun aucune jamais toujours'
  ).split(' '),
);

/** Final weight of each type when the types are mixed into one list (see mixing.ts). */
export const TYPE_BOOST: Record<DocType, number> = { fiche: 1.0, contribution: 1.0, article: 0.9, convention: 0.5, theme: 0.3 };

/** Longer input is cut: nobody types more, and it bounds the analysis cost of hostile input. */
export const MAX_QUERY_CHARS = 400;
/** Original query terms kept after analysis (bounds the scoring cost of long questions). */
export const MAX_TERMS = 16;
