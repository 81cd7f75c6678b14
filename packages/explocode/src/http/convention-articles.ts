import { Bm25fBuilder, FrenchAnalyzer, snippet, topK, type Bm25fIndex } from '@eig/platform/search';
import type { ConventionArticle } from '../core/types.ts';
import type { ExplocodeRepository } from '../db/repository.ts';

/**
 * Search inside one collective agreement's articles. Agreements are searched one at a time and
 * some hold thousands of articles, so each index is built on first use and a few are kept (LRU)
 * instead of indexing every agreement at start.
 */
const analyzer = new FrenchAnalyzer();
const FIELDS = [
  { name: 'num', weight: 3, b: 0 },
  { name: 'path', weight: 1.5, b: 0.5 },
  { name: 'text', weight: 1, b: 0.75 },
];
const CACHE_SIZE = 8;

interface AgreementIndex {
  articles: ConventionArticle[];
  index: Bm25fIndex;
}

const cache = new Map<string, Promise<AgreementIndex>>();

/** Keyed by dataset too: after a re-ingest, an agreement's articles are read again. */
async function indexFor(repo: ExplocodeRepository, datasetId: number | null, idcc: string): Promise<AgreementIndex> {
  const key = `${datasetId}:${idcc}`;
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // re-insert: most recently used last
  } else {
    entry = repo.conventionArticles(idcc).then((articles) => {
      const builder = new Bm25fBuilder(FIELDS);
      for (const a of articles) {
        builder.add([analyzer.terms(a.num ?? ''), analyzer.terms(a.path.join(' ')), analyzer.terms(a.text)]);
      }
      return { articles, index: builder.build() };
    });
    entry.catch(() => cache.delete(key));
  }
  cache.set(key, entry);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return entry;
}

export interface ConventionArticleHit {
  id: string;
  num: string | null;
  path: string[];
  snippet: string;
  score: number;
}

/** Without a query, the agreement's first articles in its own order. */
export async function searchConventionArticles(
  repo: ExplocodeRepository,
  datasetId: number | null,
  idcc: string,
  q: string,
  limit: number,
): Promise<ConventionArticleHit[]> {
  const { articles, index } = await indexFor(repo, datasetId, idcc);
  const tokens = analyzer.query(q);
  const keys = new Set(tokens.map((t) => t.term));
  const snip = (a: ConventionArticle) =>
    snippet(a.text, keys, { key: (n) => analyzer.stem(n), skip: (n) => analyzer.isStopword(n), length: 240 });
  if (tokens.length === 0) {
    return articles.slice(0, limit).map((a) => ({ id: a.id, num: a.num, path: a.path, snippet: snip(a), score: 0 }));
  }
  const scored = index.score([...keys].map((term) => ({ term, weight: 1 })));
  return topK(scored, limit, undefined, (d) => articles[d].order).map(({ doc, score }) => {
    const a = articles[doc];
    return { id: a.id, num: a.num, path: a.path, snippet: snip(a), score: Math.round(score * 1000) / 1000 };
  });
}
