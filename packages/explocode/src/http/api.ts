/**
 * ExploCode's read operations, shared by the JSON API (routes.ts) and the web pages (web/pages.ts):
 * a page shows exactly what an API client gets, without a round trip through HTTP. Each returns the
 * body of a documented response schema, or throws the platform's HttpError (404, 503).
 */
import { HttpError, overloadedHttpError } from '@eig/platform';
import type { ExplocodeRuntime } from '../runtime.ts';
import { canonicalArticleNum } from '../core/article-number.ts';
import { searchConventionArticles } from './convention-articles.ts';
import type * as s from './schemas.ts';
import type { SearchResponse as EngineSearchResponse } from '../core/engine-contract.ts';
import { EXAMPLE_QUESTIONS } from '../core/examples.ts';
import {
  CalculatorInputError,
  computeNotice,
  computeSeverance,
  type AgreementAnswer,
  type AgreementTopic,
} from '../core/calculators/index.ts';

/**
 * The engine's answer as the API documents it: `direct` only for an unambiguous query, an off-topic
 * or nonsense query as `results: []` and `total: 0` with example questions, theme labels always set.
 */
export function toSearchResponse(r: EngineSearchResponse): s.SearchResponse {
  const outOfScope = r.outOfScope ?? false;
  const route = r.route
    ? { kind: r.route.kind, target: r.route.target, url: r.route.url, unambiguous: r.route.unambiguous ?? false }
    : null;
  const results = outOfScope ? [] : r.results;
  const total = outOfScope ? 0 : r.total;
  return {
    query: r.query,
    route,
    direct: route?.unambiguous && route.url.startsWith('/') ? { kind: route.kind, target: route.target, url: route.url } : null,
    conventions: r.conventions ?? [],
    themes: outOfScope
      ? []
      : r.themes.map((t) => ({ id: t.id, title: t.title, label: t.label ?? t.title, path: t.path, count: t.count, score: t.score })),
    results,
    total,
    outOfScope,
    spellingSuggestions: r.spellingSuggestions ?? [],
    examples: total === 0 && results.length === 0 ? [...EXAMPLE_QUESTIONS] : [],
  };
}

type Query<T> = T extends { parse(v: unknown): infer R } ? R : never;

/** A calculator's input it cannot compute with (dates in the wrong order…) is a 400, said in French. */
function calculate<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof CalculatorInputError) throw new HttpError(400, err.message, 'explocode.calculator_input');
    throw err;
  }
}

export class ExplocodeApi {
  constructor(private readonly runtime: ExplocodeRuntime) {}

  private get repo() {
    return this.runtime.repo;
  }

  /** A 503 that tells how far the first ingest is, until the engine is loaded. */
  private requireReady(): void {
    if (this.runtime.ready) return;
    const p = this.runtime.ingest;
    const pct = p && p.total > 0 ? ` (${Math.round((100 * p.done) / p.total)} %)` : '';
    throw new HttpError(503, `ExploCode prépare ses données${pct}, réessayez dans quelques instants.`, 'explocode.preparing', 10);
  }

  /**
   * Searches run in the search threads; when they are all busy and their queue is full, the answer
   * is a 503 with Retry-After at once rather than a wait of seconds.
   */
  private async engineCall<T>(call: () => Promise<T>): Promise<T> {
    this.requireReady();
    try {
      return await call();
    } catch (err) {
      throw overloadedHttpError(err, 'ExploCode reçoit beaucoup de recherches en ce moment : réessayez dans un instant.', 1);
    }
  }

  async search(q: Query<typeof s.searchQuery>): Promise<s.SearchResponse> {
    const r = await this.engineCall(() =>
      this.runtime.search(q.q, { type: q.type as never, limit: q.limit, offset: q.offset, idcc: q.idcc, themeId: q.theme }),
    );
    return toSearchResponse(r);
  }

  async suggest(q: string, limit: number): Promise<s.SuggestResponse> {
    const r = await this.engineCall(() => this.runtime.suggest(q, limit));
    return { themes: r.themes.map((t) => ({ ...t, query: t.query ?? t.title })), completions: r.completions };
  }

  /** The labour-law themes a worker looks for, most searched first. */
  browseThemes(limit: number): Promise<s.BrowseThemes> {
    return this.engineCall(() => this.runtime.browseThemes(limit));
  }

  /**
   * The agreement's own answer to a calculator's question; null when it has none, and while the engine
   * loads (the legal computation does not need it).
   */
  private async agreementAnswer(idcc: string | undefined, topic: AgreementTopic): Promise<AgreementAnswer | null> {
    if (!idcc || !this.runtime.ready) return null;
    return this.runtime.agreementAnswer(idcc, topic).catch(() => null);
  }

  /** Legal severance pay, step by step (L1234-9, R1234-1 to R1234-4). */
  async severance(input: s.SeveranceInput): Promise<s.SeveranceResponse> {
    const agreement = await this.agreementAnswer(input.idcc, 'severance');
    return calculate(() => computeSeverance(input, agreement));
  }

  /** Notice period of a dismissal (L1234-1) or a resignation (L1237-1), with the agreement's rule when known. */
  async notice(input: s.NoticeInput): Promise<s.NoticeResponse> {
    const agreement = await this.agreementAnswer(input.idcc, input.kind === 'dismissal' ? 'notice-dismissal' : 'notice-resignation');
    return calculate(() => computeNotice(input, agreement));
  }

  async article(rawNum: string): Promise<s.ArticleResponse> {
    const raw = rawNum.trim();
    const key = /^LEGIARTI\d+$/i.test(raw) ? raw.toUpperCase() : (canonicalArticleNum(raw) ?? raw);
    const found = await this.repo.getArticle(key);
    if (!found) throw new HttpError(404, `Article inconnu : ${raw.slice(0, 50)}`, 'explocode.article_not_found');
    const [neighbours, citedBy] = await Promise.all([
      this.repo.articleNeighbours(found.article.order),
      this.repo.citedBy(found.article.num),
    ]);
    return { ...found, ...neighbours, citedBy };
  }

  rootThemes(): Promise<s.ThemeRef[]> {
    return this.repo.rootThemes();
  }

  async theme(id: string, page: { limit: number; offset: number }): Promise<s.ThemeResponse> {
    const theme = await this.repo.getTheme(id, page);
    if (!theme) throw new HttpError(404, 'Thématique inconnue', 'explocode.theme_not_found');
    return theme;
  }

  async fiche(id: string): Promise<s.FicheResponse> {
    const fiche = await this.repo.getFiche(id);
    if (!fiche) throw new HttpError(404, 'Fiche inconnue', 'explocode.fiche_not_found');
    return fiche;
  }

  async contribution(id: string, idcc?: string): Promise<s.ContributionResponse> {
    const found = await this.repo.getContribution(id, idcc);
    if (!found) throw new HttpError(404, 'Question-réponse inconnue', 'explocode.contribution_not_found');
    return found;
  }

  async conventions(q: string | undefined, limit: number): Promise<s.Convention[]> {
    return this.repo.listConventions(q, limit);
  }

  async convention(idcc: string): Promise<s.ConventionResponse> {
    const found = await this.repo.getConvention(idcc);
    if (!found) throw new HttpError(404, `Convention collective inconnue : IDCC ${idcc}`, 'explocode.convention_not_found');
    return found;
  }

  async conventionArticles(idcc: string, q: string, limit: number): Promise<s.ConventionArticlesResponse> {
    await this.convention(idcc);
    return { results: await searchConventionArticles(this.repo, this.runtime.datasetId, idcc, q, limit) };
  }
}
