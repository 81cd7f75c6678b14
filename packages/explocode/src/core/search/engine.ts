/**
 * ExploCode search engine: wires the pipeline of docs/search.md together. Presearch router (article
 * numbers, IDCC, agreement names) → query plan (query-plan.ts) → one candidate pool per document type
 * (articles: articles.ts, the others straight from their BM25F index) → mixing across types
 * (mixing.ts) → matched themes (theme-match.ts) → the returned page materialised (results.ts).
 * Everything read-only is built once in the constructor; per-search scratch space is reused and
 * cleared after each search.
 */
import { FrenchAnalyzer, topK, type ScoreResult, type SynonymMap } from '@eig/platform/search';
import type { Corpus, DocType } from '../types.ts';
import { normaliseIdcc } from '../idcc.ts';
import type { SearchEngine, SearchOptions, SearchResponse, SuggestResponse } from '../engine-contract.ts';
import { ArticleScorer } from './articles.ts';
import type { Candidate } from './candidate.ts';
import { resolveConfig, type EngineConfig } from './config.ts';
import { DenseSpace } from './dense.ts';
import { buildDenseVectors } from './dense-vectors.ts';
import { buildIndexes, type PrebuiltIndexes } from './indexes.ts';
import { mixPools } from './mixing.ts';
import type { SemanticModel } from './model.ts';
import { buildQueryPlan, buildQuerySynonyms, sanitizeQuery, type QueryPlan } from './query-plan.ts';
import { ResultBuilder } from './results.ts';
import { presearch, buildRouterTables, type RouterTables } from './router.ts';
import { ScoreBuffers } from './score-buffers.ts';
import { findArticleByNumber, prepareSearchCorpus, type SearchCorpus } from './search-corpus.ts';
import { Suggester } from './suggest.ts';
import { ThemeFilter } from './theme-filter.ts';
import { themeDocCount, ThemeMatcher, themeTitle } from './theme-match.ts';

export { DEFAULT_CONFIG, type EngineConfig } from './config.ts';
export type { PrebuiltIndexes } from './indexes.ts';

/** A type's best candidates, and how many of its documents matched at all (for the total). */
interface Pool {
  cands: Candidate[];
  matched: number;
}

function countMatched(r: ScoreResult, allowed: (i: number) => boolean): number {
  let n = 0;
  for (const d of r.touched) if (r.scores[d] > 0 && allowed(d)) n++;
  return n;
}

export class ExplocodeEngine implements SearchEngine {
  readonly an = new FrenchAnalyzer({ stem: 'light' });
  readonly config: EngineConfig;
  private readonly corpus: SearchCorpus;
  private readonly idx: PrebuiltIndexes;
  private readonly syn: SynonymMap;
  private readonly router: RouterTables;
  private readonly suggester: Suggester;
  private readonly buffers = new ScoreBuffers();
  private readonly articles: ArticleScorer;
  private readonly themeFilter: ThemeFilter;
  private readonly themeMatcher: ThemeMatcher;
  private readonly results: ResultBuilder;
  private readonly buildMs: number;
  /** Told about internal errors, which search and suggest turn into empty answers (users see no 500). */
  onError?: (err: unknown) => void;

  constructor(corpus: Corpus, model?: SemanticModel, config: Partial<EngineConfig> = {}, prebuilt?: PrebuiltIndexes) {
    const t0 = performance.now();
    this.config = resolveConfig(config);
    const an = this.an;
    const c = (this.corpus = prepareSearchCorpus(corpus));
    // inverted indexes: restored from a snapshot, or built
    const idx = (this.idx = buildIndexes(c, an, this.config, prebuilt));
    this.syn = buildQuerySynonyms(an, this.config, idx.art, c.articles.length);
    const dense =
      model?.dense && (this.config.denseArticles > 0 || this.config.densePassages > 0) ? buildDenseVectors(new DenseSpace(model.dense), c, an, idx, this.config) : null;
    // the learned associations are only read when their weight is on (dense vectors are separate)
    const assocModel = this.config.modelWeight > 0 ? model : undefined;
    this.articles = new ArticleScorer(c, an, idx, this.buffers, this.config, assocModel, dense);
    this.themeFilter = new ThemeFilter(c);
    this.themeMatcher = new ThemeMatcher(c, idx.theme, this.buffers);
    this.results = new ResultBuilder(c, an, idx.art, this.config.weights.direct);
    this.router = buildRouterTables(c.conventions, an);
    const themeInputs = c.themes.map((t) => ({
      id: t.id,
      title: themeTitle(t),
      path: t.path,
      count: themeDocCount(t),
      prior: t.source === 'service-public' ? 1 : 0,
    }));
    const titles = [
      ...themeInputs.map((t) => t.title),
      ...c.fiches.map((f) => f.title),
      ...c.fiches.flatMap((f) => f.sections.map((s) => s.title)),
      ...c.contributions.map((ct) => ct.title),
    ];
    this.suggester = new Suggester(themeInputs, titles);
    this.buildMs = performance.now() - t0;
  }

  /** How common a stem is across the indexes people's words are matched against (0 = unknown). */
  private readonly termFrequency = (stem: string): number =>
    this.idx.art.df(stem) + this.idx.pass.df(stem) + this.idx.fiche.df(stem) + this.idx.contrib.df(stem) + this.idx.theme.df(stem);

  /** The built indexes (for snapshots). */
  indexes(): PrebuiltIndexes {
    const { art, pass, fiche, contrib, conv, theme } = this.idx;
    return { art, pass, fiche, contrib, conv, theme };
  }

  stats() {
    const c = this.corpus;
    const n = c.articles.length + c.fiches.length + c.contributions.length + c.conventions.length + c.themes.length;
    const terms = this.idx.art.termCount + this.idx.pass.termCount + this.idx.fiche.termCount + this.idx.contrib.termCount;
    return { documents: n, terms, buildMs: Math.round(this.buildMs) };
  }

  suggest(q: string, limit?: number): SuggestResponse {
    try {
      return this.suggester.suggest(q, limit);
    } catch (err) {
      this.onError?.(err);
      return { themes: [], completions: [] };
    }
  }

  /** Never throws: bad input or an internal error gives an empty response. */
  search(q: string, opts: SearchOptions): SearchResponse {
    const query = sanitizeQuery(q);
    const empty: SearchResponse = { query, route: null, themes: [], results: [], total: 0 };
    try {
      return this.doSearch(query, opts ?? { limit: 10 }) ?? empty;
    } catch (err) {
      this.onError?.(err);
      return empty;
    } finally {
      this.buffers.resetAll();
      this.articles.reset();
    }
  }

  /** Candidates are scored cheaply; only the returned page is materialised (snippets, explanations). */
  private doSearch(query: string, opts: SearchOptions): SearchResponse | null {
    const limit = Math.max(1, Math.min(100, Math.floor(Number(opts.limit) || 10)));
    const offset = Math.max(0, Math.min(1000, Math.floor(Number(opts.offset) || 0)));
    const want = offset + limit;
    const type = opts.type;
    const filter = opts.themeId ? this.themeFilter.members(opts.themeId) : null;
    if (opts.themeId && !filter) return { query, route: null, themes: [], results: [], total: 0 };
    const idcc = opts.idcc ? normaliseIdcc(opts.idcc) : undefined;

    const route = presearch(query, this.router, (num) => findArticleByNumber(this.corpus, num));
    const plan = buildQueryPlan(route?.rest ?? query, this.an, this.syn, this.config, this.termFrequency);
    const allowed = (t: DocType, i: number) => !filter || filter[t].has(i);
    const results: Candidate[] = [];
    const wantType = (t: DocType) => !type || type === t;

    // routed target first
    if (route?.kind === 'article' && wantType('article') && allowed('article', route.idx)) {
      results.push({ type: 'article', idx: route.idx, score: 1e6, mask: 0, via: [], route: "numéro d'article reconnu" });
    }
    if (route?.kind === 'convention' && wantType('convention')) {
      results.push({ type: 'convention', idx: route.idx, score: 1e6, mask: 0, route: route.why });
    }

    // a few more candidates than the page needs per type (k = want + 5); `matched` counts every match
    const pools: Candidate[][] = [];
    let matched = 0;
    const add = (pool: Pool) => {
      pools.push(pool.cands);
      matched += pool.matched;
      return pool.cands;
    };
    let themePool: Candidate[] | null = null;
    if (plan.terms.length > 0) {
      if (wantType('article')) {
        const cands = this.articles.search(plan, want + 5, (i) => allowed('article', i));
        add({ cands, matched: this.articles.matched });
      }
      if (wantType('fiche')) add(this.searchSimple('fiche', plan, want + 5, (i) => allowed('fiche', i)));
      if (wantType('contribution')) add(this.searchContributions(plan, want + 5, (i) => allowed('contribution', i), idcc));
      // agreements are not narrowed by themes (no theme holds them)
      if (wantType('convention')) add(this.searchSimple('convention', plan, want + 5, () => true));
      if (wantType('theme')) themePool = add(this.searchSimple('theme', plan, want + 5, (i) => allowed('theme', i)));
    } else if (idcc && wantType('contribution')) {
      add(this.searchContributions(plan, want, (i) => allowed('contribution', i), idcc));
    }
    const routed = results.length;
    const seen = new Set(results.map((r) => r.type + r.idx));
    let duplicates = 0;
    for (const r of mixPools(pools, plan, this.idx, this.corpus, idcc)) {
      const k = r.type + r.idx;
      if (seen.has(k)) {
        duplicates++;
        continue;
      }
      seen.add(k);
      results.push(r);
    }

    const themes = this.themeMatcher.match(plan, results, themePool !== null);
    const names = new Map(themes.map((t) => [t.id, t.title]));
    const page = results.slice(offset, offset + limit).map((c) => this.results.materialize(c, plan, idcc, names));
    return {
      query,
      route: route ? { kind: route.kind, target: route.target, url: route.url } : null,
      themes,
      results: page,
      total: routed + matched - duplicates,
    };
  }

  /** Fiches, agreements and themes: their BM25F index alone. */
  private searchSimple(type: 'fiche' | 'convention' | 'theme', plan: QueryPlan, k: number, allowed: (i: number) => boolean): Pool {
    const idx = type === 'fiche' ? this.idx.fiche : type === 'convention' ? this.idx.conv : this.idx.theme;
    const r = idx.score(plan.terms, this.buffers.get(type, idx));
    const cands = topK(r, k, allowed).map(({ doc, score, mask }) => ({ type, idx: doc, score, mask }));
    return { cands, matched: countMatched(r, allowed) };
  }

  /** Q&A. With no query terms but an `idcc`, also the Q&A that have an answer specific to that agreement. */
  private searchContributions(plan: QueryPlan, k: number, allowed: (i: number) => boolean, idcc?: string): Pool {
    const idx = this.idx.contrib;
    const r = idx.score(plan.terms, this.buffers.get('contrib', idx));
    const hits = topK(r, k, allowed);
    let matched = countMatched(r, allowed);
    if (idcc && plan.terms.length === 0) {
      this.corpus.contributions.forEach((c, i) => {
        if (c.byConvention.some((a) => a.idcc === idcc) && allowed(i)) hits.push({ doc: i, score: 1, mask: 0 });
      });
      matched = hits.length;
    }
    return { cands: hits.map(({ doc, score, mask }) => ({ type: 'contribution' as const, idx: doc, score, mask })), matched };
  }
}

export function buildEngine(corpus: Corpus, model?: SemanticModel | null, config?: Partial<EngineConfig>, prebuilt?: PrebuiltIndexes): ExplocodeEngine {
  return new ExplocodeEngine(corpus, model ?? undefined, config, prebuilt);
}
