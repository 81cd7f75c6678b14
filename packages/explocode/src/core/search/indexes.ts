/**
 * The engine's six BM25F indexes, built from the search corpus (or restored from a snapshot, see
 * snapshot.ts). Field weights and length normalisation (b) are per index: titles weigh most and are
 * barely length-normalised, long bodies the reverse.
 */
import { Bm25fBuilder, type Bm25fIndex, type FrenchAnalyzer } from '@eig/platform/search';
import type { Contribution, Convention, Fiche, Theme } from '../types.ts';
import type { EngineConfig } from './config.ts';
import { cleanHeading } from './model.ts';
import type { SearchCorpus } from './search-corpus.ts';

/** The engine's inverted indexes, e.g. restored from a snapshot (see snapshot.ts). */
export interface PrebuiltIndexes {
  art: Bm25fIndex;
  pass: Bm25fIndex;
  fiche: Bm25fIndex;
  contrib: Bm25fIndex;
  conv: Bm25fIndex;
  theme: Bm25fIndex;
}

/** Each index taken from `prebuilt` when there, built otherwise. */
export function buildIndexes(c: SearchCorpus, an: FrenchAnalyzer, config: EngineConfig, prebuilt?: PrebuiltIndexes): PrebuiltIndexes {
  const pass = prebuilt?.pass ?? buildPassageIndex(c.fiches, c.contributions, an);
  const art = prebuilt?.art ?? buildArticleIndex(c, an, config.docExpansion);
  const fiche = prebuilt?.fiche ?? buildFicheIndex(c.fiches, an);
  const contrib = prebuilt?.contrib ?? buildContributionIndex(c.contributions, an);
  const conv = prebuilt?.conv ?? buildConventionIndex(c.conventions, an);
  const theme = prebuilt?.theme ?? buildThemeIndex(c.themes, an);
  return { art, pass, fiche, contrib, conv, theme };
}

/** Passages (see search-corpus.ts), added in the same order as SearchCorpus.passages. */
export function buildPassageIndex(fiches: Fiche[], contributions: Contribution[], an: FrenchAnalyzer): Bm25fIndex {
  const pb = new Bm25fBuilder([
    { name: 'title', weight: 3, b: 0.3 },
    { name: 'owner', weight: 0.8, b: 0.3 },
    { name: 'text', weight: 0.6, b: 0.75 },
  ]);
  fiches.forEach((f) => {
    pb.add([an.terms(f.title), an.terms(f.breadcrumb.join(' ')), an.terms(`${f.description} ${f.intro}`)]);
    for (const s of f.sections) {
      if (!s.citedArticles.length) continue;
      pb.add([an.terms(s.title), an.terms(f.title), an.terms(s.text)]);
    }
  });
  contributions.forEach((c) => {
    pb.add([an.terms(c.title), [], an.terms(c.generic.text)]);
  });
  return pb.build();
}

/**
 * Articles: number, text, the titles of their sections in the code's plan and, with document
 * expansion, the titles of the passages citing them (everyday wording the Code itself never uses).
 */
export function buildArticleIndex(c: SearchCorpus, an: FrenchAnalyzer, docExpansion: boolean): Bm25fIndex {
  const ab = new Bm25fBuilder([
    { name: 'num', weight: 3, b: 0 },
    { name: 'text', weight: 1, b: 0.75 },
    { name: 'titles', weight: 0.6, b: 0.3 },
    { name: 'cited', weight: 0.35, b: 0.75 },
  ]);
  c.articles.forEach((a, i) => {
    const titles = a.path.map((id) => c.sectionTitle.get(id) ?? '').join(' ');
    const cited = docExpansion ? c.citedBy[i].map((p) => c.passages[p].title).join(' . ') : '';
    ab.add([an.terms(a.num), an.terms(a.text), an.terms(titles), an.terms(cited)]);
  });
  return ab.build();
}

export function buildFicheIndex(fiches: Fiche[], an: FrenchAnalyzer): Bm25fIndex {
  const fb = new Bm25fBuilder([
    { name: 'title', weight: 3, b: 0.3 },
    { name: 'desc', weight: 1, b: 0.5 },
    { name: 'sections', weight: 1, b: 0.5 },
    { name: 'body', weight: 0.3, b: 0.75 },
  ]);
  for (const f of fiches)
    fb.add([
      an.terms(f.title),
      an.terms(`${f.description} ${f.breadcrumb.join(' ')}`),
      an.terms(f.sections.map((s) => s.title).join(' . ')),
      an.terms(f.intro + ' ' + f.sections.map((s) => s.text).join(' ')),
    ]);
  return fb.build();
}

/** Q&A: title and generic answer (the per-agreement answers are not indexed). */
export function buildContributionIndex(contributions: Contribution[], an: FrenchAnalyzer): Bm25fIndex {
  const cb = new Bm25fBuilder([
    { name: 'title', weight: 3, b: 0.3 },
    { name: 'text', weight: 0.5, b: 0.75 },
  ]);
  for (const c of contributions) cb.add([an.terms(c.title), an.terms(c.generic.text)]);
  return cb.build();
}

/** Agreements: short and full titles, and the IDCC in both spellings ("16", "0016") plus the word "idcc". */
export function buildConventionIndex(conventions: Convention[], an: FrenchAnalyzer): Bm25fIndex {
  const vb = new Bm25fBuilder([
    { name: 'short', weight: 3, b: 0.3 },
    { name: 'title', weight: 1, b: 0.5 },
    { name: 'idcc', weight: 3, b: 0 },
  ]);
  for (const c of conventions) vb.add([an.terms(c.shortTitle), an.terms(c.title), [c.idcc, c.idcc.padStart(4, '0'), 'idcc']]);
  return vb.build();
}

/** Themes: own title and the titles of their ancestors, without "Chapitre II :" prefixes. */
export function buildThemeIndex(themes: Theme[], an: FrenchAnalyzer): Bm25fIndex {
  const tb = new Bm25fBuilder([
    { name: 'title', weight: 2, b: 0.5 },
    { name: 'path', weight: 0.3, b: 0.5 },
  ]);
  themes.forEach((t) => {
    tb.add([an.terms(cleanHeading(t.title)), an.terms(t.path.map(cleanHeading).join(' '))]);
  });
  return tb.build();
}
