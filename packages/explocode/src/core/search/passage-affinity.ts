/**
 * How much each article a passage cites is what the passage is about. A fiche section titled
 * "Quelle est la durée du préavis ?" may cite ten articles; the one whose own words (text and the
 * titles of its two innermost sections) share the heading's rarest terms is the one the section is
 * about. Computed once per engine, query-independent: affinity(p, a) ∈ [0, 1] = idf mass of the
 * heading's terms found in the article over the heading's idf mass, then scaled so that the best
 * cited article of each passage has 1 (a passage whose heading matches none of its articles gets 1
 * everywhere: nothing to tell them apart).
 */
import type { Bm25fIndex, FrenchAnalyzer } from '@eig/platform/search';
import type { SearchCorpus } from './search-corpus.ts';

/** Characters of an article's text read for its affinity (long articles list details after the rule). */
const OPENING_CHARS = 1200;

/** Per passage, the affinity of each of its cited articles (same order as `passage.cited`). */
export function passageAffinities(c: SearchCorpus, an: FrenchAnalyzer, artIdx: Bm25fIndex): Float32Array[] {
  const own = new Map<number, Set<string>>();
  const termsOf = (a: number): Set<string> => {
    let s = own.get(a);
    if (!s) {
      const art = c.articles[a];
      const titles = art.path
        .slice(-2)
        .map((id) => c.sectionTitle.get(id) ?? '')
        .join(' ');
      // the rule is stated first: the opening of a long article says what it is about
      own.set(a, (s = new Set(an.terms(`${art.text.slice(0, OPENING_CHARS)} ${titles}`))));
    }
    return s;
  };
  return c.passages.map((p) => {
    const out = new Float32Array(p.cited.length).fill(1);
    if (p.cited.length < 2) return out;
    const heading = [...new Set(an.terms(p.heading))];
    const w = heading.map((t) => artIdx.idf(t));
    const total = w.reduce((x, y) => x + y, 0);
    if (!total) return out;
    let max = 0;
    p.cited.forEach((a, k) => {
      const s = termsOf(a);
      let got = 0;
      heading.forEach((t, i) => {
        if (s.has(t)) got += w[i];
      });
      out[k] = got / total;
      if (out[k] > max) max = out[k];
    });
    if (max === 0) return out.fill(1);
    for (let k = 0; k < out.length; k++) out[k] /= max;
    return out;
  });
}
