/**
 * Read side of ExploCode's database: everything is read from the active ('ready') dataset.
 * Parameterised SQL only.
 */
import type { Db } from '@eig/platform';
import type {
  Article,
  CodeSection,
  Contribution,
  ContributionAnswer,
  Convention,
  ConventionArticle,
  Corpus,
  Fiche,
  FicheSection,
  Theme,
} from '../core/types.ts';
import { normaliseNum } from '../core/citations.ts';
import { codeThemeId } from '../core/themes.ts';
import { normaliseIdcc } from '../core/idcc.ts';
import { fold } from '@eig/platform/search';

export interface DatasetInfo {
  id: number;
  version: string;
  status: 'loading' | 'ready' | 'failed' | 'retired';
  counts: Record<string, number>;
  error: string | null;
  createdAt: string;
  activatedAt: string | null;
}

export interface ArticleRef {
  id: string;
  num: string;
  order: number;
}

export interface FicheRef {
  id: string;
  source: Fiche['source'];
  title: string;
  url: string;
  breadcrumb: string[];
}

export interface CitingFiche extends FicheRef {
  /** The sections of the fiche that cite the article ([] when only its reference list does). */
  sections: { anchor: string; title: string }[];
}

export interface ContributionRef {
  id: string;
  slug: string;
  title: string;
}

export interface CitingContribution extends ContributionRef {
  /** Answers citing the article: null = generic answer, otherwise the IDCC. */
  idccs: (string | null)[];
}

export interface ThemeRef {
  id: string;
  title: string;
  source: Theme['source'];
  counts: Theme['counts'];
  /** Documents it holds, all kinds together: the same figure as in suggestions and search. */
  count: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface ThemeDetail {
  theme: Theme;
  ancestors: ThemeRef[];
  children: ThemeRef[];
  articles: Page<ArticleRef & { title: string }>;
  fiches: Page<FicheRef>;
  contributions: Page<ContributionRef>;
}

type R = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : String(v));

function rowToArticle(r: R): Article {
  return {
    id: r.id,
    cid: r.cid,
    num: r.num,
    text: r.text,
    html: r.html,
    sectionId: r.section_id,
    path: r.path ?? [],
    order: r.ord,
    legifranceUrl: r.legifrance_url,
    dateDebut: r.date_debut ?? null,
  };
}

function rowToTheme(r: R): Theme {
  return {
    id: r.id,
    source: r.source,
    title: r.title,
    parentId: r.parent_id ?? null,
    path: r.path ?? [],
    counts: { articles: r.articles, fiches: r.fiches, contributions: r.contributions },
  };
}

const themeRef = (r: R): ThemeRef => ({
  id: r.id,
  title: r.title,
  source: r.source,
  counts: { articles: r.articles, fiches: r.fiches, contributions: r.contributions },
  count: r.articles + r.fiches + r.contributions,
});

function rowToDataset(r: R): DatasetInfo {
  return {
    id: r.id,
    version: r.version,
    status: r.status,
    // jsonb comes back parsed from PostgreSQL, as text from some PGlite paths
    counts: typeof r.counts === 'string' ? JSON.parse(r.counts) : (r.counts ?? {}),
    error: r.error ?? null,
    createdAt: iso(r.created_at)!,
    activatedAt: iso(r.activated_at),
  };
}

function rowToFicheSection(x: R): FicheSection {
  return { anchor: x.anchor, title: x.title, text: x.text, html: x.html, citedArticles: x.cited ?? [] };
}

function rowToFiche(r: R, sections: FicheSection[]): Fiche {
  return {
    id: r.id,
    source: r.source,
    title: r.title,
    description: r.description,
    url: r.url,
    breadcrumb: r.breadcrumb ?? [],
    date: r.date ?? null,
    intro: r.intro,
    sections,
    citedArticles: r.cited ?? [],
  };
}

function rowToConvention(r: R): Convention {
  return {
    id: r.id,
    idcc: r.idcc,
    title: r.title,
    shortTitle: r.short_title,
    url: r.url,
    effectif: r.effectif ?? null,
    hasFullText: r.has_full_text,
    articleCount: r.article_count,
  };
}

const answer = (r: R): ContributionAnswer => ({
  idcc: r.idcc === '' ? null : r.idcc,
  text: r.text,
  html: r.html,
  citedArticles: r.cited ?? [],
});

function clampPage(p?: { limit?: number; offset?: number }): { limit: number; offset: number } {
  const limit = Math.max(1, Math.min(200, Math.floor(p?.limit ?? 50)));
  const offset = Math.max(0, Math.floor(p?.offset ?? 0));
  return { limit, offset };
}

export class ExplocodeRepository {
  constructor(private readonly db: Db) {}

  async activeDataset(): Promise<DatasetInfo | null> {
    const { rows } = await this.db.query<R>(
      `SELECT id, version, status, counts, error, created_at, activated_at FROM explocode_datasets WHERE status = 'ready' ORDER BY id DESC LIMIT 1`,
    );
    const r = rows[0];
    if (!r) return null;
    return rowToDataset(r);
  }

  /** Every dataset, newest first (administration, tests). */
  async datasets(): Promise<DatasetInfo[]> {
    const { rows } = await this.db.query<R>(
      `SELECT id, version, status, counts, error, created_at, activated_at FROM explocode_datasets ORDER BY id DESC`,
    );
    return rows.map(rowToDataset);
  }

  private async datasetId(): Promise<number | null> {
    const { rows } = await this.db.query<{ id: number }>(
      `SELECT id FROM explocode_datasets WHERE status = 'ready' ORDER BY id DESC LIMIT 1`,
    );
    return rows[0]?.id ?? null;
  }

  /**
   * The whole corpus the search engine indexes, from the active dataset (null when there is none).
   * Read inside one transaction so that a concurrent swap cannot mix two datasets.
   */
  async loadCorpus(): Promise<Corpus | null> {
    return this.db.transaction(async (tx) => {
      const ds = await tx.query<{ id: number; version: string }>(
        `SELECT id, version FROM explocode_datasets WHERE status = 'ready' ORDER BY id DESC LIMIT 1`,
      );
      if (!ds.rows[0]) return null;
      const { id, version } = ds.rows[0];
      const p = [id];
      // Sequential: PGlite has one connection, and a pg transaction client runs queries one at a time.
      const sections = await tx.query<R>(
        `SELECT id, title, parent_id, depth, ord FROM explocode_sections WHERE dataset_id = $1 ORDER BY ord`,
        p,
      );
      const articles = await tx.query<R>(
        `SELECT id, cid, num, text, html, section_id, path, ord, legifrance_url, date_debut FROM explocode_articles WHERE dataset_id = $1 ORDER BY ord`,
        p,
      );
      const fiches = await tx.query<R>(
        `SELECT id, source, title, description, url, breadcrumb, date, intro, cited FROM explocode_fiches WHERE dataset_id = $1 ORDER BY ord`,
        p,
      );
      const fsec = await tx.query<R>(
        `SELECT fiche_id, anchor, title, text, html, cited FROM explocode_fiche_sections WHERE dataset_id = $1 ORDER BY fiche_id, idx`,
        p,
      );
      const contribs = await tx.query<R>(
        `SELECT id, slug, title, embedded_fiches FROM explocode_contributions WHERE dataset_id = $1 ORDER BY ord`,
        p,
      );
      const answers = await tx.query<R>(
        `SELECT contribution_id, idcc, text, html, cited FROM explocode_answers WHERE dataset_id = $1 ORDER BY contribution_id, idcc`,
        p,
      );
      const conventions = await tx.query<R>(`SELECT * FROM explocode_conventions WHERE dataset_id = $1 ORDER BY idcc::int`, p);
      const themes = await tx.query<R>(
        `SELECT id, source, title, parent_id, path, articles, fiches, contributions FROM explocode_themes WHERE dataset_id = $1 ORDER BY ord`,
        p,
      );

      const secByFiche = new Map<string, FicheSection[]>();
      for (const r of fsec.rows) {
        let l = secByFiche.get(r.fiche_id);
        if (!l) secByFiche.set(r.fiche_id, (l = []));
        l.push(rowToFicheSection(r));
      }
      const ansByContrib = new Map<string, ContributionAnswer[]>();
      for (const r of answers.rows) {
        let l = ansByContrib.get(r.contribution_id);
        if (!l) ansByContrib.set(r.contribution_id, (l = []));
        l.push(answer(r));
      }
      const emptyGeneric: ContributionAnswer = { idcc: null, text: '', html: '', citedArticles: [] };
      return {
        version,
        sections: sections.rows.map((r): CodeSection => ({
          id: r.id,
          title: r.title,
          parentId: r.parent_id ?? null,
          depth: r.depth,
          order: r.ord,
        })),
        articles: articles.rows.map(rowToArticle),
        fiches: fiches.rows.map((r) => rowToFiche(r, secByFiche.get(r.id) ?? [])),
        contributions: contribs.rows.map((r): Contribution => {
          const list = ansByContrib.get(r.id) ?? [];
          return {
            id: r.id,
            slug: r.slug,
            title: r.title,
            generic: list.find((a) => a.idcc === null) ?? emptyGeneric,
            byConvention: list.filter((a) => a.idcc !== null).sort((a, b) => Number(a.idcc) - Number(b.idcc)),
            embeddedFiches: r.embedded_fiches ?? [],
          };
        }),
        conventions: conventions.rows.map(rowToConvention),
        themes: themes.rows.map(rowToTheme),
      };
    });
  }

  /** An article by num (any spelling: "L. 1234-9", "l1234-9") or LEGIARTI id (current version or cid). */
  async getArticle(numOrId: string): Promise<{ article: Article; breadcrumb: { id: string; title: string }[] } | null> {
    const ds = await this.datasetId();
    if (ds === null) return null;
    const key = numOrId.trim();
    let r: R | undefined;
    if (/^LEGIARTI\d+$/i.test(key)) {
      const { rows } = await this.db.query<R>(
        `SELECT * FROM explocode_articles WHERE dataset_id = $1 AND (id = $2 OR cid = $2) ORDER BY (id = $2) DESC LIMIT 1`,
        [ds, key.toUpperCase()],
      );
      r = rows[0];
    } else {
      const n = normaliseNum(key);
      const { rows } = await this.db.query<R>(
        `SELECT * FROM explocode_articles WHERE dataset_id = $1 AND num IN ($2, $3, $4) ORDER BY (num = $2) DESC LIMIT 1`,
        [ds, n, n.toUpperCase(), n.replace(/^([LRD])(\d)/i, '$1*$2').toUpperCase()],
      );
      r = rows[0];
    }
    if (!r) return null;
    const article = rowToArticle(r);
    const { rows: secs } = await this.db.query<R>(
      `SELECT id, title FROM explocode_sections WHERE dataset_id = $1 AND id = ANY($2::text[])`,
      [ds, article.path],
    );
    const byId = new Map(secs.map((s) => [s.id, s.title as string]));
    // Breadcrumb ids are theme ids, usable as such with /themes/:id.
    return {
      article,
      breadcrumb: article.path.filter((id) => byId.has(id)).map((id) => ({ id: codeThemeId(id), title: byId.get(id)! })),
    };
  }

  /** Previous and next articles in code order. */
  async articleNeighbours(order: number): Promise<{ previous: ArticleRef | null; next: ArticleRef | null }> {
    const ds = await this.datasetId();
    if (ds === null) return { previous: null, next: null };
    const { rows } = await this.db.query<R>(`SELECT id, num, ord FROM explocode_articles WHERE dataset_id = $1 AND ord IN ($2, $3)`, [
      ds,
      order - 1,
      order + 1,
    ]);
    const ref = (r: R | undefined): ArticleRef | null => (r ? { id: r.id, num: r.num, order: r.ord } : null);
    return { previous: ref(rows.find((r) => r.ord === order - 1)), next: ref(rows.find((r) => r.ord === order + 1)) };
  }

  /** The fiches (with the sections that cite it) and contributions citing an article. */
  async citedBy(num: string): Promise<{ fiches: CitingFiche[]; contributions: CitingContribution[] }> {
    const ds = await this.datasetId();
    if (ds === null) return { fiches: [], contributions: [] };
    const { rows: f } = await this.db.query<R>(
      `SELECT f.id, f.source, f.title, f.url, f.breadcrumb, f.ord, c.part, s.title AS section_title, s.idx
         FROM explocode_citations c
         JOIN explocode_fiches f ON f.dataset_id = c.dataset_id AND f.id = c.source_id
         LEFT JOIN explocode_fiche_sections s ON s.dataset_id = c.dataset_id AND s.fiche_id = c.source_id AND s.anchor = c.part AND c.part <> ''
        WHERE c.dataset_id = $1 AND c.num = $2 AND c.source_type = 'fiche'
        ORDER BY f.ord, s.idx`,
      [ds, num],
    );
    const fiches = new Map<string, CitingFiche>();
    for (const r of f) {
      let e = fiches.get(r.id);
      if (!e)
        fiches.set(r.id, (e = { id: r.id, source: r.source, title: r.title, url: r.url, breadcrumb: r.breadcrumb ?? [], sections: [] }));
      if (r.part && r.section_title !== null && !e.sections.some((s) => s.anchor === r.part))
        e.sections.push({ anchor: r.part, title: r.section_title });
    }
    const { rows: c } = await this.db.query<R>(
      `SELECT k.id, k.slug, k.title, k.ord, c.part
         FROM explocode_citations c
         JOIN explocode_contributions k ON k.dataset_id = c.dataset_id AND k.id = c.source_id
        WHERE c.dataset_id = $1 AND c.num = $2 AND c.source_type = 'contribution'
        ORDER BY k.ord, c.part`,
      [ds, num],
    );
    const contribs = new Map<string, CitingContribution>();
    for (const r of c) {
      let e = contribs.get(r.id);
      if (!e) contribs.set(r.id, (e = { id: r.id, slug: r.slug, title: r.title, idccs: [] }));
      e.idccs.push(r.part === '' ? null : r.part);
    }
    return { fiches: [...fiches.values()], contributions: [...contribs.values()] };
  }

  /** Top-level themes: the parts of the code and the service-public roots. */
  async rootThemes(): Promise<ThemeRef[]> {
    const ds = await this.datasetId();
    if (ds === null) return [];
    const { rows } = await this.db.query<R>(
      `SELECT id, title, source, articles, fiches, contributions FROM explocode_themes WHERE dataset_id = $1 AND parent_id IS NULL ORDER BY ord`,
      [ds],
    );
    return rows.map(themeRef);
  }

  /** A theme with its ancestors, children and members (articles, fiches, contributions), paginated. */
  async getTheme(id: string, page?: { limit?: number; offset?: number }): Promise<ThemeDetail | null> {
    const ds = await this.datasetId();
    if (ds === null) return null;
    const { limit, offset } = clampPage(page);
    const { rows } = await this.db.query<R>(`SELECT * FROM explocode_themes WHERE dataset_id = $1 AND id = $2`, [ds, id]);
    const t = rows[0];
    if (!t) return null;
    const theme = rowToTheme(t);
    // Ancestors: walk up parent ids (depth ≤ ~10).
    const ancestors: ThemeRef[] = [];
    let parent = theme.parentId;
    while (parent) {
      const { rows: pr } = await this.db.query<R>(
        `SELECT id, title, source, parent_id, articles, fiches, contributions FROM explocode_themes WHERE dataset_id = $1 AND id = $2`,
        [ds, parent],
      );
      if (!pr[0]) break;
      ancestors.unshift(themeRef(pr[0]));
      parent = pr[0].parent_id;
    }
    const { rows: ch } = await this.db.query<R>(
      `SELECT id, title, source, articles, fiches, contributions FROM explocode_themes WHERE dataset_id = $1 AND parent_id = $2 ORDER BY ord`,
      [ds, id],
    );
    let articles: Page<ArticleRef & { title: string }>;
    let fiches: Page<FicheRef>;
    let contributions: Page<ContributionRef>;
    const ficheCols = `f.id, f.source, f.title, f.url, f.breadcrumb`;
    if (theme.source === 'code') {
      const from = t.art_from ?? 0;
      const to = t.art_to ?? -1;
      const a = await this.db.query<R>(
        `SELECT a.id, a.num, a.ord, left(a.text, 160) AS title FROM explocode_articles a
          WHERE a.dataset_id = $1 AND a.ord BETWEEN $2 AND $3 ORDER BY a.ord LIMIT $4 OFFSET $5`,
        [ds, from, to, limit, offset],
      );
      articles = {
        items: a.rows.map((r) => ({ id: r.id, num: r.num, order: r.ord, title: r.title })),
        total: Math.max(0, to - from + 1),
        limit,
        offset,
      };
      const citing = `SELECT DISTINCT c.source_id FROM explocode_citations c
          JOIN explocode_articles a ON a.dataset_id = c.dataset_id AND a.num = c.num
         WHERE c.dataset_id = $1 AND c.source_type = $4 AND a.ord BETWEEN $2 AND $3`;
      const f = await this.db.query<R>(
        `SELECT ${ficheCols}, count(*) OVER () AS total FROM explocode_fiches f
          WHERE f.dataset_id = $1 AND f.id IN (${citing}) ORDER BY f.ord LIMIT $5 OFFSET $6`,
        [ds, from, to, 'fiche', limit, offset],
      );
      fiches = { items: f.rows.map(ficheRef), total: Number(f.rows[0]?.total ?? theme.counts.fiches), limit, offset };
      const k = await this.db.query<R>(
        `SELECT k.id, k.slug, k.title, count(*) OVER () AS total FROM explocode_contributions k
          WHERE k.dataset_id = $1 AND k.id IN (${citing}) ORDER BY k.ord LIMIT $5 OFFSET $6`,
        [ds, from, to, 'contribution', limit, offset],
      );
      contributions = {
        items: k.rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title })),
        total: Number(k.rows[0]?.total ?? theme.counts.contributions),
        limit,
        offset,
      };
    } else {
      const f = await this.db.query<R>(
        `SELECT ${ficheCols}, count(*) OVER () AS total FROM explocode_fiches f
           JOIN explocode_theme_fiches tf ON tf.dataset_id = f.dataset_id AND tf.fiche_id = f.id
          WHERE f.dataset_id = $1 AND tf.theme_id = $2 ORDER BY f.ord LIMIT $3 OFFSET $4`,
        [ds, id, limit, offset],
      );
      fiches = { items: f.rows.map(ficheRef), total: Number(f.rows[0]?.total ?? 0), limit, offset };
      const a = await this.db.query<R>(
        `SELECT a.id, a.num, a.ord, left(a.text, 160) AS title, count(*) OVER () AS total FROM explocode_articles a
          WHERE a.dataset_id = $1 AND a.num IN (
            SELECT c.num FROM explocode_citations c JOIN explocode_theme_fiches tf
              ON tf.dataset_id = c.dataset_id AND tf.fiche_id = c.source_id AND c.source_type = 'fiche'
             WHERE c.dataset_id = $1 AND tf.theme_id = $2)
          ORDER BY a.ord LIMIT $3 OFFSET $4`,
        [ds, id, limit, offset],
      );
      articles = {
        items: a.rows.map((r) => ({ id: r.id, num: r.num, order: r.ord, title: r.title })),
        total: Number(a.rows[0]?.total ?? 0),
        limit,
        offset,
      };
      const k = await this.db.query<R>(
        `SELECT k.id, k.slug, k.title, count(*) OVER () AS total FROM explocode_contributions k
          WHERE k.dataset_id = $1 AND EXISTS (
            SELECT 1 FROM explocode_theme_fiches tf WHERE tf.dataset_id = $1 AND tf.theme_id = $2 AND tf.fiche_id = ANY(k.embedded_fiches))
          ORDER BY k.ord LIMIT $3 OFFSET $4`,
        [ds, id, limit, offset],
      );
      contributions = {
        items: k.rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title })),
        total: Number(k.rows[0]?.total ?? 0),
        limit,
        offset,
      };
    }
    return { theme, ancestors, children: ch.map(themeRef), articles, fiches, contributions };
  }

  async getFiche(id: string): Promise<Fiche | null> {
    const ds = await this.datasetId();
    if (ds === null) return null;
    const { rows } = await this.db.query<R>(`SELECT * FROM explocode_fiches WHERE dataset_id = $1 AND id = $2`, [ds, id]);
    const r = rows[0];
    if (!r) return null;
    const { rows: s } = await this.db.query<R>(
      `SELECT anchor, title, text, html, cited FROM explocode_fiche_sections WHERE dataset_id = $1 AND fiche_id = $2 ORDER BY idx`,
      [ds, id],
    );
    return rowToFiche(r, s.map(rowToFicheSection));
  }

  /**
   * A contribution by uuid or slug, with every answer; `answer` is the one for `idcc` when given
   * (null when that convention has no specific answer), otherwise the generic one.
   */
  async getContribution(
    idOrSlug: string,
    idcc?: string,
  ): Promise<{ contribution: Contribution; answer: ContributionAnswer | null; convention: Convention | null } | null> {
    const ds = await this.datasetId();
    if (ds === null) return null;
    const { rows } = await this.db.query<R>(
      `SELECT id, slug, title, embedded_fiches FROM explocode_contributions WHERE dataset_id = $1 AND (id = $2 OR slug = $2) LIMIT 1`,
      [ds, idOrSlug],
    );
    const r = rows[0];
    if (!r) return null;
    const { rows: a } = await this.db.query<R>(
      `SELECT idcc, text, html, cited FROM explocode_answers WHERE dataset_id = $1 AND contribution_id = $2`,
      [ds, r.id],
    );
    const all = a.map(answer);
    const generic = all.find((x) => x.idcc === null) ?? { idcc: null, text: '', html: '', citedArticles: [] };
    const contribution: Contribution = {
      id: r.id,
      slug: r.slug,
      title: r.title,
      generic,
      byConvention: all.filter((x) => x.idcc !== null).sort((x, y) => Number(x.idcc) - Number(y.idcc)),
      embeddedFiches: r.embedded_fiches ?? [],
    };
    if (!idcc) return { contribution, answer: generic, convention: null };
    const key = normaliseIdcc(idcc);
    const convention = await this.getConventionRow(ds, key);
    return { contribution, answer: contribution.byConvention.find((x) => x.idcc === key) ?? null, convention };
  }

  private async getConventionRow(ds: number, idcc: string): Promise<Convention | null> {
    const { rows } = await this.db.query<R>(`SELECT * FROM explocode_conventions WHERE dataset_id = $1 AND idcc = $2`, [ds, idcc]);
    return rows[0] ? rowToConvention(rows[0]) : null;
  }

  /** Agreements by IDCC (exact or prefix) or name (accent- and case-insensitive words), biggest first. */
  async listConventions(q?: string, limit = 20): Promise<Convention[]> {
    const ds = await this.datasetId();
    if (ds === null) return [];
    const lim = Math.max(1, Math.min(100, Math.floor(limit)));
    const query = (q ?? '').trim();
    if (!query) {
      const { rows } = await this.db.query<R>(
        `SELECT * FROM explocode_conventions WHERE dataset_id = $1 ORDER BY effectif DESC NULLS LAST, idcc::int LIMIT $2`,
        [ds, lim],
      );
      return rows.map(rowToConvention);
    }
    const digits = /^(?:idcc\s*)?0*(\d{1,4})$/i.exec(query)?.[1];
    if (digits) {
      const { rows } = await this.db.query<R>(
        `SELECT * FROM explocode_conventions WHERE dataset_id = $1 AND idcc LIKE $2 || '%'
          ORDER BY (idcc = $2) DESC, effectif DESC NULLS LAST, idcc::int LIMIT $3`,
        [ds, digits, lim],
      );
      return rows.map(rowToConvention);
    }
    // Name: every word must appear in the title or short title (folded in JS: no unaccent extension on PGlite).
    const { rows } = await this.db.query<R>(`SELECT * FROM explocode_conventions WHERE dataset_id = $1`, [ds]);
    const words = fold(query)
      .split(/[^a-z0-9]+/)
      .filter(
        (w) =>
          w.length > 1 && !['convention', 'collective', 'de', 'des', 'du', 'la', 'le', 'les', 'et', 'cc', 'ccn', 'nationale'].includes(w),
      );
    if (!words.length) return [];
    const scored = rows
      .map((r) => {
        const short = fold(r.short_title ?? '');
        const hay = `${short} ${fold(r.title)}`;
        const all = words.every((w) => hay.includes(w));
        return { r, ok: all, score: (all ? 10 : 0) + words.filter((w) => short.includes(w)).length };
      })
      .filter((x) => x.ok)
      .sort((a, b) => b.score - a.score || (b.r.effectif ?? -1) - (a.r.effectif ?? -1));
    return scored.slice(0, lim).map((x) => rowToConvention(x.r));
  }

  /** An agreement and the contributions with an answer specific to it. */
  async getConvention(idcc: string): Promise<{ convention: Convention; answers: (ContributionRef & { text: string })[] } | null> {
    const ds = await this.datasetId();
    if (ds === null) return null;
    const key = normaliseIdcc(idcc);
    const convention = await this.getConventionRow(ds, key);
    if (!convention) return null;
    const { rows } = await this.db.query<R>(
      `SELECT k.id, k.slug, k.title, left(a.text, 300) AS text FROM explocode_answers a
         JOIN explocode_contributions k ON k.dataset_id = a.dataset_id AND k.id = a.contribution_id
        WHERE a.dataset_id = $1 AND a.idcc = $2 ORDER BY k.ord`,
      [ds, key],
    );
    return { convention, answers: rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, text: r.text })) };
  }

  /** The articles in force of an agreement's full text, in document order. */
  async conventionArticles(idcc: string): Promise<ConventionArticle[]> {
    const ds = await this.datasetId();
    if (ds === null) return [];
    const key = normaliseIdcc(idcc);
    const { rows } = await this.db.query<R>(
      `SELECT idcc, ord, id, num, text, path FROM explocode_convention_articles WHERE dataset_id = $1 AND idcc = $2 ORDER BY ord`,
      [ds, key],
    );
    return rows.map((r) => ({ id: r.id, idcc: r.idcc, num: r.num ?? null, text: r.text, path: r.path ?? [], order: r.ord }));
  }

  /** Row counts of the active dataset (recorded at activation). */
  async counts(): Promise<Record<string, number>> {
    const ds = await this.activeDataset();
    return ds?.counts ?? {};
  }
}

function ficheRef(r: R): FicheRef {
  return { id: r.id, source: r.source, title: r.title, url: r.url, breadcrumb: r.breadcrumb ?? [] };
}
