/**
 * Materialising the returned page: a candidate becomes a SearchResult with its title, breadcrumb,
 * snippet (`<mark>`ed matched forms), URL and explanation (matched terms, synonyms, themes, the
 * passages an article came through, the share of the learned model). Done for the returned page
 * only: candidates are scored cheaply, and those beyond the page are never shown.
 */
import { fold, type Bm25fIndex, type FrenchAnalyzer } from '@eig/platform/search';
import { excerpt, frenchSpacing, restoreElisions } from '../text.ts';
import type { Article } from '../types.ts';
import type { Explanation, SearchResult } from '../engine-contract.ts';
import type { Candidate } from './candidate.ts';
import { cleanHeading } from './model.ts';
import { matchedTerms, type QueryPlan } from './query-plan.ts';
import type { SearchCorpus } from './search-corpus.ts';

/** Structural headings of the code's plan that say nothing about an article's subject (folded). */
const GENERIC_HEADING =
  /^(?:ordre public|dispositions? (?:suppletives?|generales?|communes?|particulieres?|finales?|transitoires?|diverses|preliminaires?|d application)|champ de la negociation collective|champ d application(?: et definitions?)?|definitions?|chapitre unique|section unique|objet(?: et champ d application)?|principes?|regles? generales?)$/;

export class ResultBuilder {
  constructor(
    private readonly c: SearchCorpus,
    private readonly an: FrenchAnalyzer,
    private readonly artIdx: Bm25fIndex,
    /** articleWeights.direct: the semantic share is expressed in combined-score units */
    private readonly directWeight: number,
  ) {}

  /**
   * `themeNames`: the matched themes (id → title); an article lists those of its sections among them.
   * `idcc`: the chosen agreement, whose specific answer a Q&A then shows.
   */
  materialize(c: Candidate, plan: QueryPlan, idcc: string | undefined, themeNames: Map<string, string>): SearchResult {
    const r = this.build(c, plan, idcc);
    // shown to people: French spacing in titles, apostrophes in the lexicon's phrases
    r.title = frenchSpacing(r.title);
    r.explanation.synonyms = r.explanation.synonyms.map((x) => ({ from: x.from, to: restoreElisions(x.to) }));
    if (r.type === 'article' && themeNames.size) {
      const a = this.c.articles[c.idx];
      r.explanation.themes = a.path.filter((p) => themeNames.has('code:' + p)).map((p) => themeNames.get('code:' + p)!);
    }
    return r;
  }

  private build(c: Candidate, plan: QueryPlan, idcc: string | undefined): SearchResult {
    switch (c.type) {
      case 'article':
        return this.articleResult(c.idx, c.score, plan, c.via ?? [], c.route ? 0 : this.semanticShare(plan, c.idx), c.route, c.mask);
      case 'fiche':
        return this.ficheResult(c.idx, c.score, plan, c.mask);
      case 'contribution':
        return this.contributionResult(c.idx, c.score, plan, c.mask, idcc);
      case 'convention':
        return this.conventionResult(c.idx, c.score, plan, c.route, c.mask);
      default:
        return this.themeResult(c.idx, c.score, plan, c.mask);
    }
  }

  /** Share of an article's direct score due to the learned association terms (explanation only). */
  private semanticShare(plan: QueryPlan, i: number): number {
    if (!plan.model.length || !plan.maxDirect) return 0;
    let s = 0;
    for (const t of plan.model) s += this.artIdx.termScore(t.term, t.weight, i);
    return (s / plan.maxDirect) * this.directWeight;
  }

  private articleResult(
    i: number,
    score: number,
    plan: QueryPlan,
    viaPassages: number[],
    semantic: number,
    route?: string,
    mask = 0,
  ): SearchResult {
    const a = this.c.articles[i];
    const { terms, synonyms } = matchedTerms(plan, mask);
    const via: Explanation['via'] = [];
    const seen = new Set<string>();
    for (const p of viaPassages) {
      const o = this.c.passages[p].owner;
      const doc = o.type === 'fiche' ? this.c.fiches[o.idx] : this.c.contributions[o.idx];
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      via.push({ type: o.type, id: doc.id, title: this.c.passages[p].title });
    }
    return {
      type: 'article',
      id: a.id,
      num: a.num,
      title: this.articleTitle(a),
      breadcrumb: a.path.map((id) => this.c.sectionTitle.get(id) ?? '').filter(Boolean),
      snippet: this.snip(a.text, plan),
      url: `/explocode/article/${encodeURIComponent(a.num)}`,
      score: Math.round(score * 1e4) / 1e4,
      explanation: { terms, synonyms, themes: [], via, semantic: Math.round(semantic * 1e4) / 1e4, ...(route ? { route } : {}) },
    };
  }

  /**
   * "L3141-16 — Ordre des départs en congé": the number and the innermost section title that says
   * what the article is about (structural headings such as "Ordre public" or "Dispositions
   * supplétives" are skipped in favour of their parent).
   */
  private articleTitle(a: Article): string {
    for (let k = a.path.length - 1; k >= 0; k--) {
      const t = this.c.sectionTitle.get(a.path[k]);
      if (t && !GENERIC_HEADING.test(fold(t))) return `${a.num} — ${t}`;
    }
    return `Article ${a.num}`;
  }

  private snip(text: string, plan: QueryPlan): string {
    return excerpt(text, plan.keys, { key: (n) => this.an.stem(n), skip: (n) => this.an.isStopword(n), length: 220 });
  }

  private ficheResult(i: number, score: number, plan: QueryPlan, mask: number): SearchResult {
    const f = this.c.fiches[i];
    const { terms, synonyms } = matchedTerms(plan, mask);
    // best section for the snippet
    let text = f.description || f.intro;
    let best = 0;
    for (const s of f.sections) {
      let c = 0;
      for (const t of this.an.terms(s.title)) if (plan.keys.has(t)) c++;
      if (c > best) {
        best = c;
        text = s.text;
      }
    }
    return {
      type: 'fiche',
      id: f.id,
      title: f.title,
      breadcrumb: f.breadcrumb,
      snippet: this.snip(text, plan),
      url: `/explocode/fiche/${encodeURIComponent(f.id)}`,
      score,
      explanation: { terms, synonyms, themes: [], via: [], semantic: 0 },
    };
  }

  /** With a chosen agreement that has its own answer, that answer is shown (and linked) instead of the generic one. */
  private contributionResult(doc: number, score: number, plan: QueryPlan, mask: number, idcc?: string): SearchResult {
    const c = this.c.contributions[doc];
    const specific = idcc ? c.byConvention.find((a) => a.idcc === idcc) : undefined;
    const { terms, synonyms } = matchedTerms(plan, mask);
    const conv = specific ? this.c.conventions.find((v) => v.idcc === idcc) : undefined;
    return {
      type: 'contribution' as const,
      id: c.id,
      ...(specific ? { idcc } : {}),
      title: c.title,
      breadcrumb: conv ? [conv.shortTitle] : [],
      snippet: this.snip((specific ?? c.generic).text, plan),
      url: `/explocode/contribution/${encodeURIComponent(c.slug)}${specific ? `?idcc=${idcc}` : ''}`,
      score,
      explanation: { terms, synonyms, themes: [], via: [], semantic: 0 },
    };
  }

  private conventionResult(i: number, score: number, plan: QueryPlan, route?: string, mask = 0): SearchResult {
    const c = this.c.conventions[i];
    const { terms, synonyms } = matchedTerms(plan, mask);
    return {
      type: 'convention',
      id: c.id,
      idcc: c.idcc,
      title: c.shortTitle || c.title,
      breadcrumb: [`IDCC ${c.idcc.padStart(4, '0')}`],
      snippet: this.snip(c.title, plan),
      url: `/explocode/convention/${c.idcc}`,
      score,
      explanation: { terms, synonyms, themes: [], via: [], semantic: 0, ...(route ? { route } : {}) },
    };
  }

  private themeResult(i: number, score: number, plan: QueryPlan, mask: number): SearchResult {
    const t = this.c.themes[i];
    const { terms, synonyms } = matchedTerms(plan, mask);
    return {
      type: 'theme',
      id: t.id,
      title: cleanHeading(t.title) || t.title,
      breadcrumb: t.path,
      snippet: this.snip(t.title, plan),
      url: `/explocode/theme/${encodeURIComponent(t.id)}`,
      score,
      explanation: { terms, synonyms, themes: [t.title], via: [], semantic: 0 },
    };
  }
}
