/**
 * ExploCode search engine: BM25F indexes per document type, presearch router (article numbers,
 * IDCC, agreement names), synonym + learned-association query expansion, two-stage propagation
 * (question → fiche sections / Q&A written in everyday language → the articles they cite),
 * per-type mixing, theme matching/filtering, snippets and explanations.
 */
import {
  Bm25fBuilder,
  Bm25fIndex,
  FrenchAnalyzer,
  fold,
  snippet,
  topK,
  selectTop,
  type ScoreResult,
  type SynonymMap,
  type WeightedTerm,
} from '@eig/platform/search/index.ts';
import type { Article, Contribution, Convention, Corpus, DocType, Fiche, Theme } from '../types.ts';
import type {
  Explanation,
  SearchEngine,
  SearchOptions,
  SearchResponse,
  SearchResult,
  SuggestResponse,
  ThemeHit,
} from '../engine-contract.ts';
import { spThemeId } from '../themes.ts';
import { buildSynonymMap, DEFAULT_SYNONYM_WEIGHTS, type SynonymWeights } from './synonyms.ts';
import { cleanHeading, type SemanticModel } from './model.ts';
import { Suggester } from './suggest.ts';
import { DenseDocs, DenseSpace, tfidfWeights } from './dense.ts';
import { presearch, buildRouterTables, type RouterTables } from './router.ts';

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
  weights: { direct: number; prop: number };
  /** weight of the dense (word-vector) similarity fused into the article scores (0 = off) */
  denseArticles: number;
  /** weight of the dense similarity fused into the passage (fiche section / answer) scores (0 = off) */
  densePassages: number;
  /** articles / passages taken from the dense ranking as extra candidates */
  denseTopK: number;
  /** weight of question scaffolding that survives stop-word removal ("j'ai le droit", "c'est légal ?") */
  weakTermWeight: number;
  /**
   * pseudo-relevance feedback: the title terms of the best matching passages (fiche sections / Q&A,
   * written in plain language) are added to the article query at this weight (0 = off)
   */
  prfWeight: number;
  prfPassages: number;
  /**
   * a passage propagates to the articles it cites in proportion to coverage^propCoverage, where
   * coverage is the idf share of the question's notions it matches (a notion counts as matched
   * through its synonyms too); 0 = relative score only
   */
  propCoverage: number;
}

/**
 * Everyday question scaffolding (folded surface forms): words that frame a question ("est-ce légal",
 * "j'ai le droit", "c'est obligatoire", "quelque chose") rather than say what it is about. Kept in the
 * query (a question may really be about a right or an obligation) at a reduced weight.
 */
const WEAK_QUERY_TERMS: ReadonlySet<string> = new Set(
  (
    'droit droits legal legale legaux legales legalement illegal illegale obligatoire obligatoires obligatoirement ' +
    'normal normale possible autorise autorisee permis chose choses quelque exactement vraiment juste hier demain ' +
    'ok svp merci besoin question aide'
  ).split(' '),
);

export const DEFAULT_CONFIG: EngineConfig = {
  propagation: true,
  docExpansion: true,
  synonyms: true,
  synonymWeights: DEFAULT_SYNONYM_WEIGHTS,
  lexiconMaxDf: 0.01,
  lexiconPhrases: false,
  modelWeight: 0.25,
  modelOnPassages: 0,
  weights: { direct: 1, prop: 1.2 },
  denseArticles: 0,
  densePassages: 0,
  denseTopK: 30,
  weakTermWeight: 1,
  prfWeight: 0,
  prfPassages: 3,
  propCoverage: 0,
};

interface Passage {
  owner: { type: 'fiche' | 'contribution'; idx: number };
  title: string;
  cited: number[]; // article indexes
}

/** The engine's inverted indexes, e.g. restored from a snapshot (see snapshot.ts). */
export interface PrebuiltIndexes {
  art: Bm25fIndex;
  pass: Bm25fIndex;
  fiche: Bm25fIndex;
  contrib: Bm25fIndex;
  conv: Bm25fIndex;
  theme: Bm25fIndex;
}

/** A scored candidate; materialised into a SearchResult only if it lands on the returned page. */
interface Cand {
  type: DocType;
  idx: number;
  score: number;
  mask: number;
  via?: number[]; // passages (articles)
  route?: string;
}

interface Notion {
  bits: number; // mask bits of the terms standing for it
  weight: number;
}

/** Share of the notions' weight matched by a document whose term mask is `mask`, in [0, 1]. */
function notionCoverage(notions: Notion[], mask: number): number {
  let total = 0;
  let got = 0;
  for (const n of notions) {
    total += n.weight;
    if (mask & n.bits) got += n.weight;
  }
  return total > 0 ? got / total : 1;
}

interface QueryPlan {
  terms: WeightedTerm[]; // original first, then synonyms
  /** learned association terms (article index only), set by searchArticles */
  model: WeightedTerm[];
  /** max direct article score (for the semantic share) */
  maxDirect: number;
  /** best passage score (article pool calibration), set by searchArticles */
  maxPassage: number;
  kinds: ('q' | 'syn' | 'model')[];
  surfaces: string[]; // per term: surface (q) or "from→to" label
  synFrom: { from: string; to: string }[]; // per term (syn only)
  nOriginal: number;
  keys: Set<string>; // stems to highlight
}

/** Structural headings of the code's plan that say nothing about an article's subject (folded). */
const GENERIC_HEADING =
  /^(?:ordre public|dispositions? (?:suppletives?|generales?|communes?|particulieres?|finales?|transitoires?|diverses|preliminaires?|d application)|champ de la negociation collective|champ d application(?: et definitions?)?|definitions?|chapitre unique|section unique|objet(?: et champ d application)?|principes?|regles? generales?)$/;

const TYPE_BOOST: Record<DocType, number> = { fiche: 1.0, contribution: 1.0, article: 0.9, convention: 0.8, theme: 0.5 };
const MAX_QUERY_CHARS = 400;
const MAX_TERMS = 16;

function sanitize(q: unknown): string {
  if (typeof q !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return q.slice(0, 4 * MAX_QUERY_CHARS).replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, ' ').slice(0, MAX_QUERY_CHARS).trim();
}

export class ExplocodeEngine implements SearchEngine {
  readonly an = new FrenchAnalyzer({ stem: 'light' });
  private readonly syn: SynonymMap;
  private readonly articles: Article[];
  private readonly fiches: Fiche[];
  private readonly contributions: Contribution[];
  private readonly conventions: Convention[];
  private readonly themes: Theme[];
  private readonly artIdx: Bm25fIndex;
  private readonly passIdx: Bm25fIndex;
  private readonly ficheIdx: Bm25fIndex;
  private readonly contribIdx: Bm25fIndex;
  private readonly convIdx: Bm25fIndex;
  private readonly themeIdx: Bm25fIndex;
  private readonly passages: Passage[] = [];
  private readonly artByNum = new Map<string, number>();
  private readonly artLoose = new Map<string, number>();
  private readonly citedBy: number[][]; // article → passages
  private readonly sectionTitle = new Map<string, string>();
  private readonly themeById = new Map<string, number>();
  private readonly themeChildren = new Map<string, string[]>();
  private readonly ficheThemes: Set<string>[]; // sp theme ids of each fiche
  private readonly suggester: Suggester;
  private readonly router: RouterTables;
  private readonly model: SemanticModel | undefined;
  private readonly buf: Record<string, ScoreResult> = {};
  private readonly filterCache = new Map<string, Record<DocType, Set<number>>>();
  private readonly buildMs: number;
  private readonly combined: Float64Array;
  private readonly combTouched: number[] = [];
  private readonly artOrder: Int32Array;
  private readonly dense: { space: DenseSpace; art: DenseDocs | null; pass: DenseDocs | null; artBuf: Float32Array; passBuf: Float32Array } | null = null;
  readonly config: EngineConfig;

  constructor(corpus: Corpus, model?: SemanticModel, config: Partial<EngineConfig> = {}, prebuilt?: PrebuiltIndexes) {
    const t0 = performance.now();
    this.config = { ...DEFAULT_CONFIG, ...config, weights: { ...DEFAULT_CONFIG.weights, ...config.weights } };
    this.model = this.config.modelWeight > 0 ? model : undefined;
    const an = this.an;
    this.articles = corpus.articles;
    this.fiches = dedupe(corpus.fiches, (f) => f.source + fold(f.title));
    this.contributions = corpus.contributions;
    this.conventions = corpus.conventions;
    this.themes = corpus.themes;
    this.combined = new Float64Array(this.articles.length);
    this.artOrder = Int32Array.from(this.articles, (a) => a.order);
    for (const s of corpus.sections) this.sectionTitle.set(s.id, cleanHeading(s.title));
    this.articles.forEach((a, i) => {
      if (!this.artByNum.has(a.num)) this.artByNum.set(a.num, i);
      const loose = a.num.replace('*', '').replace(/\s+/g, '').toUpperCase();
      if (!this.artLoose.has(loose)) this.artLoose.set(loose, i);
    });
    const resolve = (nums: string[]) => {
      const out: number[] = [];
      for (const n of nums) {
        const i = this.artByNum.get(n);
        if (i !== undefined && !out.includes(i)) out.push(i);
      }
      return out;
    };

    // passages: fiche (title+intro, cites the whole reference list), fiche sections, Q&A generic answers
    this.fiches.forEach((f, fi) => {
      this.passages.push({ owner: { type: 'fiche', idx: fi }, title: f.title, cited: resolve(f.citedArticles) });
      for (const s of f.sections) {
        if (!s.citedArticles.length) continue;
        this.passages.push({ owner: { type: 'fiche', idx: fi }, title: s.title === f.title ? f.title : `${f.title} : ${s.title}`, cited: resolve(s.citedArticles) });
      }
    });
    this.contributions.forEach((c, ci) => {
      this.passages.push({ owner: { type: 'contribution', idx: ci }, title: c.title, cited: resolve(c.generic.citedArticles) });
    });
    this.citedBy = this.articles.map(() => []);
    this.passages.forEach((p, pi) => {
      for (const a of p.cited) this.citedBy[a].push(pi);
    });

    // inverted indexes: restored from a snapshot, or built
    const pre = prebuilt;
    this.passIdx = pre?.pass ?? this.buildPassIdx();
    this.artIdx = pre?.art ?? this.buildArtIdx();
    this.ficheIdx = pre?.fiche ?? this.buildFicheIdx();
    this.contribIdx = pre?.contrib ?? this.buildContribIdx();
    this.convIdx = pre?.conv ?? this.buildConvIdx();
    this.themes.forEach((t, i) => {
      this.themeById.set(t.id, i);
      if (t.parentId) {
        const l = this.themeChildren.get(t.parentId);
        if (l) l.push(t.id);
        else this.themeChildren.set(t.parentId, [t.id]);
      }
    });
    this.themeIdx = pre?.theme ?? this.buildThemeIdx();
    const maxDf = this.config.lexiconMaxDf * this.articles.length;
    this.syn = buildSynonymMap(an, { ...DEFAULT_SYNONYM_WEIGHTS, ...this.config.synonymWeights }, (phrase) =>
      {
        const ts = an.terms(phrase);
        return (this.config.lexiconPhrases && ts.length >= 2) || ts.some((t) => this.artIdx.df(t) <= maxDf);
      },
    );

    this.ficheThemes = this.fiches.map((f) => {
      const s = new Set<string>();
      for (let k = 1; k <= f.breadcrumb.length; k++) s.add(spThemeId(f.breadcrumb.slice(0, k)));
      return s;
    });

    if (model?.dense && (this.config.denseArticles > 0 || this.config.densePassages > 0)) this.dense = this.buildDense(new DenseSpace(model.dense));

    this.router = buildRouterTables(this.conventions, an);
    const themeInputs = this.themes.map((t) => ({
      id: t.id,
      title: cleanHeading(t.title) || t.title,
      path: t.path,
      count: t.counts.articles + t.counts.fiches + t.counts.contributions,
      prior: t.source === 'service-public' ? 1 : 0,
    }));
    const titles = [
      ...themeInputs.map((t) => t.title),
      ...this.fiches.map((f) => f.title),
      ...this.fiches.flatMap((f) => f.sections.map((s) => s.title)),
      ...this.contributions.map((c) => c.title),
    ];
    this.suggester = new Suggester(themeInputs, titles);
    this.buildMs = performance.now() - t0;
  }

  /** Dense vectors of articles (text + section titles + citing titles) and passages (title + text). */
  private buildDense(space: DenseSpace) {
    const an = this.an;
    const artIdf = (t: string) => this.artIdx.idf(t);
    const passIdf = (t: string) => this.passIdx.idf(t);
    const art =
      this.config.denseArticles > 0
        ? new DenseDocs(
            space,
            this.articles.map((a, i) => {
              const titles = a.path.slice(-2).map((id) => this.sectionTitle.get(id) ?? '').join(' ');
              const cited = this.citedBy[i].map((p) => this.passages[p].title).join(' . ');
              return tfidfWeights([...an.terms(titles), ...an.terms(titles), ...an.terms(a.text), ...an.terms(cited)], artIdf);
            }),
          )
        : null;
    const passText = (p: Passage): string => {
      const o = p.owner;
      if (o.type === 'contribution') return this.contributions[o.idx].generic.text;
      const f = this.fiches[o.idx];
      const s = f.sections.find((x) => p.title.endsWith(x.title) && p.title !== f.title);
      return s ? s.text : `${f.description} ${f.intro}`;
    };
    const pass =
      this.config.densePassages > 0
        ? new DenseDocs(
            space,
            this.passages.map((p) => {
              const t = an.terms(p.title);
              return tfidfWeights([...t, ...t, ...t, ...an.terms(passText(p))], passIdf);
            }),
          )
        : null;
    return { space, art, pass, artBuf: new Float32Array(art?.n ?? 0), passBuf: new Float32Array(pass?.n ?? 0) };
  }

  /** Query vector terms: original and synonym terms, weighted by their idf in `idx`. */
  private denseQuery(plan: QueryPlan, docs: DenseDocs, idx: Bm25fIndex): Float32Array | null {
    if (!this.dense) return null;
    return docs.encode(
      this.dense.space,
      plan.terms.map((t) => [t.term, t.weight * idx.idf(t.term)]),
    );
  }

  private buildPassIdx(): Bm25fIndex {
    const an = this.an;
    const pb = new Bm25fBuilder([
      { name: 'title', weight: 3, b: 0.3 },
      { name: 'owner', weight: 0.8, b: 0.3 },
      { name: 'text', weight: 0.6, b: 0.75 },
    ]);
    this.fiches.forEach((f) => {
      pb.add([an.terms(f.title), an.terms(f.breadcrumb.join(' ')), an.terms(`${f.description} ${f.intro}`)]);
      for (const s of f.sections) {
        if (!s.citedArticles.length) continue;
        pb.add([an.terms(s.title), an.terms(f.title), an.terms(s.text)]);
      }
    });
    this.contributions.forEach((c) => {
      pb.add([an.terms(c.title), [], an.terms(c.generic.text)]);
    });
    return pb.build();
  }

  private buildArtIdx(): Bm25fIndex {
    const an = this.an;
    const ab = new Bm25fBuilder([
      { name: 'num', weight: 3, b: 0 },
      { name: 'text', weight: 1, b: 0.75 },
      { name: 'titles', weight: 0.6, b: 0.3 },
      { name: 'cited', weight: 0.35, b: 0.75 },
    ]);
    this.articles.forEach((a, i) => {
      const titles = a.path.map((id) => this.sectionTitle.get(id) ?? '').join(' ');
      const cited = this.config.docExpansion ? this.citedBy[i].map((p) => this.passages[p].title).join(' . ') : '';
      ab.add([an.terms(a.num), an.terms(a.text), an.terms(titles), an.terms(cited)]);
    });
    return ab.build();
  }

  private buildFicheIdx(): Bm25fIndex {
    const an = this.an;
    const fb = new Bm25fBuilder([
      { name: 'title', weight: 3, b: 0.3 },
      { name: 'desc', weight: 1, b: 0.5 },
      { name: 'sections', weight: 1, b: 0.5 },
      { name: 'body', weight: 0.3, b: 0.75 },
    ]);
    for (const f of this.fiches)
      fb.add([
        an.terms(f.title),
        an.terms(`${f.description} ${f.breadcrumb.join(' ')}`),
        an.terms(f.sections.map((s) => s.title).join(' . ')),
        an.terms(f.intro + ' ' + f.sections.map((s) => s.text).join(' ')),
      ]);
    return fb.build();
  }

  private buildContribIdx(): Bm25fIndex {
    const an = this.an;
    const cb = new Bm25fBuilder([
      { name: 'title', weight: 3, b: 0.3 },
      { name: 'text', weight: 0.5, b: 0.75 },
    ]);
    for (const c of this.contributions) cb.add([an.terms(c.title), an.terms(c.generic.text)]);
    return cb.build();
  }

  private buildConvIdx(): Bm25fIndex {
    const an = this.an;
    const vb = new Bm25fBuilder([
      { name: 'short', weight: 3, b: 0.3 },
      { name: 'title', weight: 1, b: 0.5 },
      { name: 'idcc', weight: 3, b: 0 },
    ]);
    for (const c of this.conventions) vb.add([an.terms(c.shortTitle), an.terms(c.title), [c.idcc, c.idcc.padStart(4, '0'), 'idcc']]);
    return vb.build();
  }

  private buildThemeIdx(): Bm25fIndex {
    const an = this.an;
    const tb = new Bm25fBuilder([
      { name: 'title', weight: 2, b: 0.5 },
      { name: 'path', weight: 0.3, b: 0.5 },
    ]);
    this.themes.forEach((t) => {
      tb.add([an.terms(cleanHeading(t.title)), an.terms(t.path.map(cleanHeading).join(' '))]);
    });
    return tb.build();
  }

  /** The built indexes (for snapshots). */
  indexes(): PrebuiltIndexes {
    return { art: this.artIdx, pass: this.passIdx, fiche: this.ficheIdx, contrib: this.contribIdx, conv: this.convIdx, theme: this.themeIdx };
  }

  stats() {
    const n = this.articles.length + this.fiches.length + this.contributions.length + this.conventions.length + this.themes.length;
    const terms = this.artIdx.termCount + this.passIdx.termCount + this.ficheIdx.termCount + this.contribIdx.termCount;
    return { documents: n, terms, buildMs: Math.round(this.buildMs) };
  }

  suggest(q: string, limit?: number): SuggestResponse {
    try {
      return this.suggester.suggest(q, limit);
    } catch {
      return { themes: [], completions: [] };
    }
  }

  private buffer(name: string, idx: Bm25fIndex): ScoreResult {
    let b = this.buf[name];
    if (!b) b = this.buf[name] = { scores: new Float32Array(idx.n), masks: new Int32Array(idx.n), touched: [] };
    return b;
  }

  private plan(q: string): QueryPlan {
    const toks = this.an.query(q, MAX_TERMS);
    const terms: WeightedTerm[] = [];
    const kinds: QueryPlan['kinds'] = [];
    const surfaces: string[] = [];
    const synFrom: QueryPlan['synFrom'] = [];
    const seen = new Map<string, number>();
    for (const t of toks) {
      if (seen.has(t.term)) continue;
      seen.set(t.term, terms.length);
      terms.push({ term: t.term, weight: WEAK_QUERY_TERMS.has(t.norm) ? this.config.weakTermWeight : 1 });
      kinds.push('q');
      surfaces.push(t.surface);
      synFrom.push({ from: '', to: '' });
    }
    const nOriginal = terms.length;
    if (this.config.synonyms && toks.length) {
      const matches = this.syn.expand(
        toks.map((t) => t.term),
        toks.map((t) => t.surface),
      );
      for (const m of matches.slice(0, 12)) {
        for (const st of m.terms) {
          if (seen.has(st)) continue;
          seen.set(st, terms.length);
          terms.push({ term: st, weight: m.weight / Math.sqrt(m.terms.length) });
          kinds.push('syn');
          surfaces.push(m.to);
          synFrom.push({ from: m.from, to: m.to });
        }
      }
    }
    const keys = new Set(terms.map((t) => t.term));
    return { terms, model: [], maxDirect: 0, maxPassage: 0, kinds, surfaces, synFrom, nOriginal, keys };
  }

  /** Model expansion terms (article index only). */
  private modelTerms(plan: QueryPlan): WeightedTerm[] {
    const out: WeightedTerm[] = [];
    if (!this.model) return out;
    const acc = new Map<string, number>();
    const have = new Set(plan.terms.map((t) => t.term));
    for (let i = 0; i < plan.nOriginal; i++) {
      const a = this.model.assoc[plan.terms[i].term];
      if (!a) continue;
      for (const [d, w] of a) if (!have.has(d)) acc.set(d, (acc.get(d) ?? 0) + w);
    }
    const lambda = this.config.modelWeight / Math.max(1, Math.sqrt(plan.nOriginal));
    for (const [d, w] of [...acc.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 24))
      out.push({ term: d, weight: lambda * Math.min(1.5, w) });
    return out;
  }

  private filterFor(themeId: string): Record<DocType, Set<number>> | null {
    const cached = this.filterCache.get(themeId);
    if (cached) return cached;
    const ti = this.themeById.get(themeId);
    if (ti === undefined) return null;
    const sub = new Set<string>();
    const stack = [themeId];
    while (stack.length) {
      const id = stack.pop()!;
      if (sub.has(id)) continue;
      sub.add(id);
      for (const c of this.themeChildren.get(id) ?? []) stack.push(c);
    }
    const f: Record<DocType, Set<number>> = { article: new Set(), fiche: new Set(), contribution: new Set(), convention: new Set(), theme: new Set() };
    for (const id of sub) f.theme.add(this.themeById.get(id)!);
    if (themeId.startsWith('code:')) {
      const sec = themeId.slice(5);
      this.articles.forEach((a, i) => {
        if (a.path.includes(sec)) f.article.add(i);
      });
    } else {
      this.fiches.forEach((_, i) => {
        if (this.ficheThemes[i].has(themeId)) f.fiche.add(i);
      });
      for (const fi of f.fiche) for (const n of this.fiches[fi].citedArticles) {
        const a = this.artByNum.get(n);
        if (a !== undefined) f.article.add(a);
      }
    }
    const arts = new Set([...f.article].map((i) => this.articles[i].num));
    if (themeId.startsWith('code:'))
      this.fiches.forEach((fc, i) => {
        if (fc.citedArticles.some((n) => arts.has(n))) f.fiche.add(i);
      });
    this.contributions.forEach((c, i) => {
      if (c.generic.citedArticles.some((n) => arts.has(n))) f.contribution.add(i);
    });
    if (this.filterCache.size > 200) this.filterCache.clear();
    this.filterCache.set(themeId, f);
    return f;
  }

  search(q: string, opts: SearchOptions): SearchResponse {
    const query = sanitize(q);
    const empty: SearchResponse = { query, route: null, themes: [], results: [], total: 0 };
    try {
      return this.doSearch(query, opts ?? { limit: 10 }) ?? empty;
    } catch {
      return empty;
    } finally {
      for (const b of Object.values(this.buf)) Bm25fIndex.reset(b);
      this.resetCombined();
    }
  }

  /** Candidates are scored cheaply; only the returned page is materialised (snippets, explanations). */
  private doSearch(query: string, opts: SearchOptions): SearchResponse | null {
    const limit = Math.max(1, Math.min(100, Math.floor(Number(opts.limit) || 10)));
    const offset = Math.max(0, Math.min(1000, Math.floor(Number(opts.offset) || 0)));
    const want = offset + limit;
    const type = opts.type;
    const filter = opts.themeId ? this.filterFor(opts.themeId) : null;
    if (opts.themeId && !filter) return { query, route: null, themes: [], results: [], total: 0 };
    const idcc = opts.idcc ? String(opts.idcc).replace(/^0+/, '') : undefined;

    const route = presearch(query, this.router, (num) => this.lookupNum(num));
    const plan = this.plan(route?.rest ?? query);
    const allowed = (t: DocType, i: number) => !filter || filter[t].has(i);
    const results: Cand[] = [];
    const wantType = (t: DocType) => !type || type === t;

    // routed target first
    if (route?.kind === 'article' && wantType('article') && allowed('article', route.idx)) {
      results.push({ type: 'article', idx: route.idx, score: 1e6, mask: 0, via: [], route: "numéro d'article reconnu" });
    }
    if (route?.kind === 'convention' && wantType('convention')) {
      results.push({ type: 'convention', idx: route.idx, score: 1e6, mask: 0, route: route.why });
    }

    const pools: Cand[][] = [];
    let themePool: Cand[] | null = null;
    if (plan.terms.length > 0) {
      if (wantType('article')) pools.push(this.searchArticles(plan, want + 5, (i) => allowed('article', i)));
      if (wantType('fiche')) pools.push(this.searchSimple('fiche', this.ficheIdx, plan, want + 5, (i) => allowed('fiche', i)));
      if (wantType('contribution')) pools.push(this.searchContributions(plan, want + 5, (i) => allowed('contribution', i), idcc));
      if (wantType('convention')) pools.push(this.searchSimple('convention', this.convIdx, plan, want + 5, () => true));
      if (wantType('theme')) pools.push((themePool = this.searchSimple('theme', this.themeIdx, plan, want + 5, (i) => allowed('theme', i))));
    } else if (idcc && wantType('contribution')) {
      pools.push(this.searchContributions(plan, want, (i) => allowed('contribution', i), idcc));
    }
    // per-type calibration: relative score within the type × how well the type's best document
    // covers the question (its raw BM25F score over the ideal score of the question in that index),
    // then type boosts. Keeps real differences across types (no ties between the types' best hits).
    const merged: Cand[] = [];
    for (const pool of pools) {
      let max = 0;
      for (const r of pool) if (r.score > max) max = r.score;
      max ||= 1;
      const quality = pool.length ? this.poolQuality(pool[0].type, plan, max) : 1;
      for (const r of pool) {
        const conv = idcc && this.candIdcc(r, idcc) === idcc ? 2 : 0;
        merged.push({ ...r, score: Math.round(((r.score / max) * quality * TYPE_BOOST[r.type] + conv) * 1e4) / 1e4 });
      }
    }
    merged.sort((a, b) => b.score - a.score || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    const seen = new Set(results.map((r) => r.type + r.idx));
    for (const r of merged) {
      const k = r.type + r.idx;
      if (seen.has(k)) continue;
      seen.add(k);
      results.push(r);
    }

    const themes = this.matchThemes(plan, results, themePool !== null);
    const names = new Map(themes.map((t) => [t.id, t.title]));
    const page = results.slice(offset, offset + limit).map((c) => {
      const r = this.materialize(c, plan, idcc);
      if (r.type === 'article' && names.size) {
        const a = this.articles[c.idx];
        r.explanation.themes = a.path.filter((p) => names.has('code:' + p)).map((p) => names.get('code:' + p)!);
      }
      return r;
    });
    return {
      query,
      route: route ? { kind: route.kind, target: route.target, url: route.url } : null,
      themes,
      results: page,
      total: results.length,
    };
  }

  /** Ideal BM25F score of the question's own terms in an index (every term matched, saturated tf). */
  private idealScore(idx: Bm25fIndex, plan: QueryPlan): number {
    let s = 0;
    for (let i = 0; i < plan.nOriginal; i++) {
      const t = plan.terms[i];
      if (idx.has(t.term)) s += t.weight * idx.idf(t.term) * (idx.k1 + 1);
    }
    return s;
  }

  /** How well the best document of a type covers the question, in (0, 1]. */
  private poolQuality(type: DocType, plan: QueryPlan, max: number): number {
    const cov = (raw: number, idx: Bm25fIndex) => {
      const ideal = this.idealScore(idx, plan);
      return ideal > 0 ? raw / ideal : 0;
    };
    let q: number;
    switch (type) {
      case 'article':
        q = Math.max(cov(plan.maxDirect, this.artIdx), cov(plan.maxPassage, this.passIdx));
        break;
      case 'fiche':
        q = cov(max, this.ficheIdx);
        break;
      case 'contribution':
        q = cov(max, this.contribIdx);
        break;
      case 'convention':
        q = cov(max, this.convIdx);
        break;
      default:
        q = cov(max, this.themeIdx);
    }
    // squashed into [0.2, 1]: coverage beyond the ideal (synonyms) does not count twice
    return 0.2 + 0.8 * Math.min(1, Math.sqrt(Math.max(0, q)));
  }

  private candIdcc(c: Cand, idcc: string): string | undefined {
    if (c.type === 'convention') return this.conventions[c.idx].idcc;
    if (c.type === 'contribution') return this.contributions[c.idx].byConvention.some((a) => a.idcc === idcc) ? idcc : undefined;
    return undefined;
  }

  private materialize(c: Cand, plan: QueryPlan, idcc: string | undefined): SearchResult {
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
    return (s / plan.maxDirect) * this.config.weights.direct;
  }

  private lookupNum(num: string): number | undefined {
    return this.artByNum.get(num) ?? this.artLoose.get(num.replace('*', '').replace(/\s+/g, '').toUpperCase());
  }

  private matchedTerms(plan: QueryPlan, mask: number): { terms: string[]; synonyms: { from: string; to: string }[] } {
    const terms: string[] = [];
    const synonyms: { from: string; to: string }[] = [];
    const seenSyn = new Set<string>();
    for (let i = 0; i < plan.terms.length && i < 31; i++) {
      if (!(mask & (1 << i))) continue;
      if (plan.kinds[i] === 'q') terms.push(plan.surfaces[i]);
      else if (plan.kinds[i] === 'syn') {
        const k = plan.synFrom[i].from + '→' + plan.synFrom[i].to;
        if (!seenSyn.has(k)) {
          seenSyn.add(k);
          synonyms.push(plan.synFrom[i]);
        }
      }
    }
    return { terms, synonyms };
  }

  private searchArticles(plan: QueryPlan, k: number, allowed: (i: number) => boolean): Cand[] {
    const mterms = this.modelTerms(plan);
    plan.model = mterms;
    const prf = this.config.propagation && this.config.prfWeight > 0 ? this.prfTerms(plan) : [];
    const dterms = mterms.length || prf.length ? [...plan.terms, ...mterms, ...prf] : plan.terms;
    const direct = this.artIdx.score(dterms, this.buffer('art', this.artIdx));
    let maxD = 0;
    for (const d of direct.touched) if (direct.scores[d] > maxD) maxD = direct.scores[d];
    plan.maxDirect = maxD;
    const comb = this.combined;
    const touched = this.combTouched;
    const wd = this.config.weights.direct / (maxD || 1);
    for (const d of direct.touched) {
      if (!allowed(d)) continue;
      comb[d] = wd * direct.scores[d];
      touched.push(d);
    }
    const dense = this.dense;
    const wa = this.config.denseArticles;
    if (dense?.art && wa > 0) {
      const qv = this.denseQuery(plan, dense.art, this.artIdx);
      if (qv) {
        dense.art.scores(qv, dense.artBuf);
        if (this.config.denseTopK === 0) for (const d of touched) comb[d] += wa * Math.max(0, dense.artBuf[d]);
        const cands: number[] = [];
        for (let i = 0; i < dense.art.n; i++) if (dense.artBuf[i] > 0) cands.push(i);
        for (const d of selectTop(cands, dense.artBuf, this.config.denseTopK, (x) => this.artOrder[x], allowed)) {
          if (comb[d] === 0) touched.push(d);
          comb[d] += wa * dense.artBuf[d];
        }
      }
    }
    const via = new Map<number, { p: number; s: number }[]>();
    if (this.config.propagation) {
      const pf = this.config.modelOnPassages;
      const pterms = pf > 0 && mterms.length ? [...plan.terms, ...mterms.map((t) => ({ term: t.term, weight: t.weight * pf }))] : plan.terms;
      const pr = this.passIdx.score(pterms, this.buffer('pass', this.passIdx));
      const dense = this.dense;
      const wp = this.config.densePassages;
      if (dense?.pass && wp > 0 && pr.touched.length) {
        const qv = this.denseQuery(plan, dense.pass, this.passIdx);
        if (qv) {
          dense.pass.scores(qv, dense.passBuf);
          let maxB = 0;
          for (const d of pr.touched) if (pr.scores[d] > maxB) maxB = pr.scores[d];
          // fused passage score, in BM25 units: bm25 + wp·maxBM25·cos (dense top-k join the candidates)
          const cands: number[] = [];
          for (let i = 0; i < dense.pass.n; i++) if (dense.passBuf[i] > 0) cands.push(i);
          const extra = selectTop(cands, dense.passBuf, this.config.denseTopK);
          for (const d of pr.touched) pr.scores[d] += wp * maxB * Math.max(0, dense.passBuf[d]);
          for (const d of extra)
            if (pr.scores[d] === 0) {
              pr.touched.push(d);
              pr.scores[d] = wp * maxB * dense.passBuf[d];
            }
        }
      }
      const top = topK(pr, 15);
      const maxP = top[0]?.score ?? 1;
      plan.maxPassage = top[0]?.score ?? 0;
      // coverage of the question by the best passage: a weak match should propagate little
      const notions = this.config.propCoverage > 0 ? this.queryNotions(plan, this.passIdx) : null;
      for (const { doc, score, mask } of top) {
        const p = this.passages[doc];
        if (!p.cited.length) continue;
        const rel = score / maxP;
        if (rel < 0.4) continue;
        const cov = notions ? Math.pow(notionCoverage(notions, mask), this.config.propCoverage) : 1;
        const share = (this.config.weights.prop * rel * rel * cov) / Math.pow(p.cited.length, 0.35);
        for (const a of p.cited) {
          if (!allowed(a)) continue;
          if (comb[a] === 0) touched.push(a);
          comb[a] += share;
          const l = via.get(a);
          if (l) l.push({ p: doc, s: share });
          else via.set(a, [{ p: doc, s: share }]);
        }
      }
    }
    const order = this.artOrder;
    const top = selectTop(touched, comb, k, (d) => order[d]);
    return top.map((i) => {
      const v = (via.get(i) ?? []).sort((a, b) => b.s - a.s).slice(0, 3);
      return { type: 'article' as const, idx: i, score: comb[i], mask: direct.masks[i], via: v.map((x) => x.p) };
    });
  }

  /**
   * The question's notions: each original term with the bits of the terms that stand for it (itself
   * and its synonyms), weighted by its idf in `idx` (capped, so a word the corpus never uses — typical
   * of everyday wording — does not outweigh everything once a synonym has covered it).
   */
  private queryNotions(plan: QueryPlan, idx: Bm25fIndex): Notion[] {
    const cap = Math.log(1 + idx.n / 10);
    const notions: Notion[] = [];
    for (let i = 0; i < plan.nOriginal && i < 31; i++) {
      let bits = 1 << i;
      const surface = fold(plan.surfaces[i]);
      for (let j = plan.nOriginal; j < plan.terms.length && j < 31; j++) {
        if (plan.kinds[j] === 'syn' && fold(plan.synFrom[j].from).split(/\s+/).includes(surface)) bits |= 1 << j;
      }
      notions.push({ bits, weight: Math.min(cap, idx.idf(plan.terms[i].term)) * plan.terms[i].weight });
    }
    return notions;
  }

  /** PRF terms: title terms of the top passages for the question, weighted by their relative score. */
  private prfTerms(plan: QueryPlan): WeightedTerm[] {
    const pr = this.passIdx.score(plan.terms, this.buffer('prf', this.passIdx));
    const top = topK(pr, this.config.prfPassages);
    const maxP = top[0]?.score ?? 0;
    if (!maxP) return [];
    const have = new Set(plan.terms.map((t) => t.term));
    const acc = new Map<string, number>();
    for (const { doc, score } of top) {
      const rel = score / maxP;
      if (rel < 0.5) continue;
      const ts = [...new Set(this.an.terms(this.passages[doc].title))].filter((t) => !have.has(t));
      for (const t of ts) acc.set(t, (acc.get(t) ?? 0) + rel);
    }
    const n = this.config.prfPassages;
    return [...acc.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([term, w]) => ({ term, weight: (this.config.prfWeight * w) / n }));
  }

  private resetCombined(): void {
    for (const d of this.combTouched) this.combined[d] = 0;
    this.combTouched.length = 0;
  }

  private articleResult(i: number, score: number, plan: QueryPlan, viaPassages: number[], semantic: number, route?: string, mask = 0): SearchResult {
    const a = this.articles[i];
    const { terms, synonyms } = this.matchedTerms(plan, mask);
    const via: Explanation['via'] = [];
    const seen = new Set<string>();
    for (const p of viaPassages) {
      const o = this.passages[p].owner;
      const doc = o.type === 'fiche' ? this.fiches[o.idx] : this.contributions[o.idx];
      if (seen.has(doc.id)) continue;
      seen.add(doc.id);
      via.push({ type: o.type, id: doc.id, title: this.passages[p].title });
    }
    return {
      type: 'article',
      id: a.id,
      num: a.num,
      title: this.articleTitle(a),
      breadcrumb: a.path.map((id) => this.sectionTitle.get(id) ?? '').filter(Boolean),
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
      const t = this.sectionTitle.get(a.path[k]);
      if (t && !GENERIC_HEADING.test(fold(t))) return `${a.num} — ${t}`;
    }
    return `Article ${a.num}`;
  }

  private snip(text: string, plan: QueryPlan): string {
    return snippet(text, plan.keys, { key: (n) => this.an.stem(n), skip: (n) => this.an.isStopword(n), length: 220 });
  }

  private searchSimple(type: 'fiche' | 'convention' | 'theme', idx: Bm25fIndex, plan: QueryPlan, k: number, allowed: (i: number) => boolean): Cand[] {
    const r = idx.score(plan.terms, this.buffer(type, idx));
    return topK(r, k, allowed).map(({ doc, score, mask }) => ({ type, idx: doc, score, mask }));
  }

  private ficheResult(i: number, score: number, plan: QueryPlan, mask: number): SearchResult {
    const f = this.fiches[i];
    const { terms, synonyms } = this.matchedTerms(plan, mask);
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

  private searchContributions(plan: QueryPlan, k: number, allowed: (i: number) => boolean, idcc?: string): Cand[] {
    const r = this.contribIdx.score(plan.terms, this.buffer('contrib', this.contribIdx));
    const hits = topK(r, k, allowed);
    if (idcc && plan.terms.length === 0) {
      this.contributions.forEach((c, i) => {
        if (c.byConvention.some((a) => a.idcc === idcc) && allowed(i)) hits.push({ doc: i, score: 1, mask: 0 });
      });
    }
    return hits.map(({ doc, score, mask }) => ({ type: 'contribution' as const, idx: doc, score, mask }));
  }

  private contributionResult(doc: number, score: number, plan: QueryPlan, mask: number, idcc?: string): SearchResult {
    const c = this.contributions[doc];
    const specific = idcc ? c.byConvention.find((a) => a.idcc === idcc) : undefined;
    const { terms, synonyms } = this.matchedTerms(plan, mask);
    const conv = specific ? this.conventions.find((v) => v.idcc === idcc) : undefined;
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
    const c = this.conventions[i];
    const { terms, synonyms } = this.matchedTerms(plan, mask);
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
    const t = this.themes[i];
    const { terms, synonyms } = this.matchedTerms(plan, mask);
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

  /** Themes the question maps to: title matches, reinforced by the code sections of the top articles. */
  private matchThemes(plan: QueryPlan, results: Cand[], themeScored: boolean): ThemeHit[] {
    if (!plan.terms.length) return [];
    // the theme pool, when searched, already holds these (unfiltered) scores
    const r = themeScored ? this.buffer('theme', this.themeIdx) : this.themeIdx.score(plan.terms, this.buffer('themeM', this.themeIdx));
    const score = new Map<number, number>();
    const top = topK(r, 30);
    const max = top[0]?.score || 1;
    for (const { doc, score: s } of top) score.set(doc, s / max);
    // evidence from the top articles: their chapter-level sections
    let rank = 0;
    for (const res of results) {
      if (res.type !== 'article') continue;
      if (++rank > 10) break;
      const a = this.articles[res.idx];
      for (const sec of a.path.slice(2)) {
        const ti = this.themeById.get('code:' + sec);
        if (ti !== undefined) score.set(ti, (score.get(ti) ?? 0) + 0.15 / rank);
      }
    }
    return [...score.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 5)
      .map(([i, s]) => {
        const t = this.themes[i];
        return {
          id: t.id,
          title: cleanHeading(t.title) || t.title,
          path: t.path,
          count: t.counts.articles + t.counts.fiches + t.counts.contributions,
          score: Math.round(s * 1e4) / 1e4,
        };
      });
  }
}

function dedupe<T>(xs: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function buildEngine(corpus: Corpus, model?: SemanticModel | null, config?: Partial<EngineConfig>, prebuilt?: PrebuiltIndexes): ExplocodeEngine {
  return new ExplocodeEngine(corpus, model ?? undefined, config, prebuilt);
}
