/**
 * Synonyms and acronyms read AT RUN TIME from @socialgouv/cdtn-elasticsearch (the list
 * code.travail.gouv.fr's Elasticsearch uses), plus the hand-written everyday lexicon.
 */
import { createRequire } from 'node:module';
import { SynonymMap, type FrenchAnalyzer } from '@eig/platform/search';
import { EVERYDAY_LEXICON } from './lexicon.ts';

interface TessEntry {
  term: string;
  equivalent: string;
}

export interface SynonymWeights {
  cdtn: number;
  thesaurus: number;
  lexicon: number;
}

export const DEFAULT_SYNONYM_WEIGHTS: SynonymWeights = { cdtn: 0.7, thesaurus: 0.3, lexicon: 0.6 };

export function loadCdtnSynonyms(): { cdtn: string[]; thesaurus: TessEntry[] } {
  const require = createRequire(import.meta.url);
  // the dataset module only requires JSON files (the package's main pulls an ES client: avoided)
  const ds = require('@socialgouv/cdtn-elasticsearch/src/dataset/synonyms/index.js') as {
    cdtnSynonyms: string[];
    thesaurus: TessEntry[];
  };
  return { cdtn: ds.cdtnSynonyms, thesaurus: ds.thesaurus };
}

/**
 * `everyday(phrase)`: whether a lexicon source phrase is everyday language rather than the code's own
 * wording. Lexicon rules only fire for everyday phrases: a rule rewriting a word the code itself uses
 * ("congé", "contrat", "refuser") only dilutes the query.
 */
export function buildSynonymMap(
  analyzer: FrenchAnalyzer,
  w: SynonymWeights = DEFAULT_SYNONYM_WEIGHTS,
  everyday: (phrase: string) => boolean = () => true,
): SynonymMap {
  const map = new SynonymMap(analyzer);
  const { cdtn, thesaurus } = loadCdtnSynonyms();
  for (const line of w.cdtn > 0 ? cdtn : []) {
    const [lhs, rhs] = line.split('=>');
    const left = lhs
      .split(/[,/]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (rhs !== undefined) {
      // "a, b => c": c is often an internal token (c_e, covid_19): then treat the group as equivalents
      const target = rhs.trim();
      if (/_/.test(target)) map.addGroup(left, w.cdtn);
      else map.addGroup(left, w.cdtn, [target]);
    } else map.addGroup(left, w.cdtn);
  }
  for (const { term, equivalent } of w.thesaurus > 0 ? thesaurus : []) {
    if (!term || !equivalent || Number.isInteger(parseInt(equivalent, 10))) continue;
    map.addGroup([term, equivalent], w.thesaurus);
  }
  if (w.lexicon > 0)
    for (const [from, to] of EVERYDAY_LEXICON) {
      const src = from.filter(everyday);
      if (src.length) map.addGroup(src, w.lexicon, to);
    }
  return map;
}
