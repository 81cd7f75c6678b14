/**
 * The corpus as the engine reads it: the documents plus the lookup tables every stage shares
 * (article by number, section titles, passages and who cites which article, themes by id). Built once
 * per engine from the corpus alone, so that the index builders, scorers and result builders take one
 * explicit input instead of reaching into the engine.
 */
import { fold } from '@eig/platform/search';
import type { Article, Contribution, Convention, Corpus, Fiche, Theme } from '../types.ts';
import { cleanHeading } from './model.ts';

/**
 * A unit of plain-language text that cites articles: a fiche (title + intro, citing its whole reference
 * list), a fiche section that cites articles, or a Q&A's generic answer. Passage i is document i of the
 * passage index (indexes.ts adds them in the same order).
 */
export interface Passage {
  owner: { type: 'fiche' | 'contribution'; idx: number };
  title: string;
  /** what the passage itself is about: the section's own title, or the fiche's / answer's title */
  heading: string;
  cited: number[]; // article indexes
}

export interface SearchCorpus {
  articles: Article[];
  /** fiches of one source with the same (folded) title are kept once */
  fiches: Fiche[];
  contributions: Contribution[];
  conventions: Convention[];
  themes: Theme[];
  /** section id → title without its "Chapitre II :" prefix */
  sectionTitle: Map<string, string>;
  /** exact article number → article index (first one wins) */
  artByNum: Map<string, number>;
  /** normalised article number (see looseArticleNumber) → article index */
  artLoose: Map<string, number>;
  passages: Passage[];
  /** article index → indexes of the passages citing it */
  citedBy: number[][];
  /** each article's position in the code's plan (tie-break between equal scores) */
  artOrder: Int32Array;
  themeById: Map<string, number>;
}

/** "R*3231-1", "L1453-1 A" → "R3231-1", "L1453-1A": tolerant of how a number was typed. */
const looseArticleNumber = (num: string) => num.replace('*', '').replace(/\s+/g, '').toUpperCase();

export function prepareSearchCorpus(corpus: Corpus): SearchCorpus {
  const articles = corpus.articles;
  const fiches = dedupe(corpus.fiches, (f) => f.source + fold(f.title));
  const contributions = corpus.contributions;
  const sectionTitle = new Map<string, string>();
  for (const s of corpus.sections) sectionTitle.set(s.id, cleanHeading(s.title));
  const artByNum = new Map<string, number>();
  const artLoose = new Map<string, number>();
  articles.forEach((a, i) => {
    if (!artByNum.has(a.num)) artByNum.set(a.num, i);
    const loose = looseArticleNumber(a.num);
    if (!artLoose.has(loose)) artLoose.set(loose, i);
  });
  const resolve = (nums: string[]) => {
    const out: number[] = [];
    for (const n of nums) {
      const i = artByNum.get(n);
      if (i !== undefined && !out.includes(i)) out.push(i);
    }
    return out;
  };

  const passages: Passage[] = [];
  fiches.forEach((f, fi) => {
    passages.push({ owner: { type: 'fiche', idx: fi }, title: f.title, heading: f.title, cited: resolve(f.citedArticles) });
    for (const s of f.sections) {
      if (!s.citedArticles.length) continue;
      passages.push({
        owner: { type: 'fiche', idx: fi },
        title: s.title === f.title ? f.title : `${f.title} : ${s.title}`,
        heading: s.title,
        cited: resolve(s.citedArticles),
      });
    }
  });
  contributions.forEach((c, ci) => {
    passages.push({ owner: { type: 'contribution', idx: ci }, title: c.title, heading: c.title, cited: resolve(c.generic.citedArticles) });
  });
  const citedBy: number[][] = articles.map(() => []);
  passages.forEach((p, pi) => {
    for (const a of p.cited) citedBy[a].push(pi);
  });

  const themeById = new Map<string, number>();
  corpus.themes.forEach((t, i) => themeById.set(t.id, i));

  return {
    articles,
    fiches,
    contributions,
    conventions: corpus.conventions,
    themes: corpus.themes,
    sectionTitle,
    artByNum,
    artLoose,
    passages,
    citedBy,
    artOrder: Int32Array.from(articles, (a) => a.order),
    themeById,
  };
}

/** The article with this number, typed exactly or loosely ("r*3231-1", "L1453-1 A"). */
export function findArticleByNumber(c: SearchCorpus, num: string): number | undefined {
  return c.artByNum.get(num) ?? c.artLoose.get(looseArticleNumber(num));
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
