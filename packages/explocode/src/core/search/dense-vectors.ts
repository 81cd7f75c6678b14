/**
 * Dense (word-vector) representations of the engine's articles and passages, for the optional dense
 * similarity fused into their BM25F scores (`denseArticles`, `densePassages`; off by default). The
 * vector space itself is trained offline (dense.ts).
 */
import type { Bm25fIndex, FrenchAnalyzer } from '@eig/platform/search';
import type { EngineConfig } from './config.ts';
import { DenseDocs, type DenseSpace, tfidfWeights } from './dense.ts';
import type { QueryPlan } from './query-plan.ts';
import type { Passage, SearchCorpus } from './search-corpus.ts';

export interface DenseVectors {
  space: DenseSpace;
  art: DenseDocs | null;
  pass: DenseDocs | null;
  /** reused score arrays (one per search) */
  artBuf: Float32Array;
  passBuf: Float32Array;
}

/** Dense vectors of articles (text + section titles + citing titles) and passages (title + text). */
export function buildDenseVectors(
  space: DenseSpace,
  c: SearchCorpus,
  an: FrenchAnalyzer,
  idx: { art: Bm25fIndex; pass: Bm25fIndex },
  config: EngineConfig,
): DenseVectors {
  const artIdf = (t: string) => idx.art.idf(t);
  const passIdf = (t: string) => idx.pass.idf(t);
  // titles say what a text is about: counted twice (articles), three times (passages)
  const art =
    config.denseArticles > 0
      ? new DenseDocs(
          space,
          c.articles.map((a, i) => {
            const titles = a.path.slice(-2).map((id) => c.sectionTitle.get(id) ?? '').join(' ');
            const cited = c.citedBy[i].map((p) => c.passages[p].title).join(' . ');
            return tfidfWeights([...an.terms(titles), ...an.terms(titles), ...an.terms(a.text), ...an.terms(cited)], artIdf);
          }),
        )
      : null;
  const passText = (p: Passage): string => {
    const o = p.owner;
    if (o.type === 'contribution') return c.contributions[o.idx].generic.text;
    const f = c.fiches[o.idx];
    const s = f.sections.find((x) => p.title.endsWith(x.title) && p.title !== f.title);
    return s ? s.text : `${f.description} ${f.intro}`;
  };
  const pass =
    config.densePassages > 0
      ? new DenseDocs(
          space,
          c.passages.map((p) => {
            const t = an.terms(p.title);
            return tfidfWeights([...t, ...t, ...t, ...an.terms(passText(p))], passIdf);
          }),
        )
      : null;
  return { space, art, pass, artBuf: new Float32Array(art?.n ?? 0), passBuf: new Float32Array(pass?.n ?? 0) };
}

/** Query vector terms: original and synonym terms, weighted by their idf in `idx`. */
export function denseQueryVector(dense: DenseVectors, plan: QueryPlan, docs: DenseDocs, idx: Bm25fIndex): Float32Array | null {
  return docs.encode(
    dense.space,
    plan.terms.map((t) => [t.term, t.weight * idx.idf(t.term)]),
  );
}
