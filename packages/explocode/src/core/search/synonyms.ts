/**
 * Synonyms and acronyms read AT RUN TIME from @socialgouv/cdtn-elasticsearch (the list
 * code.travail.gouv.fr's Elasticsearch uses), plus the hand-written everyday lexicon.
 */
import { createRequire } from 'node:module';
import { fold, SynonymMap, type FrenchAnalyzer } from '@eig/platform/search';
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

/** Words an acronym's letters skip ("hôtellerie café ET restauration" → hcr). */
const ACRONYM_SKIPPED = new Set(['a', 'au', 'aux', 'd', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'par', 'pour', 'sur']);

/**
 * The acronyms of the CDTN synonym list (folded acronym → the phrase it stands for): the groups where a
 * short word is spelt by the initials of a phrase of the same group ("compte épargne temps, cet",
 * "système d'information des prestations de service internationale, sipsi"). Being code.travail.gouv.fr's
 * own list, each names a labour-law notion; the initials check keeps out groups of mere synonyms.
 */
export function labourAcronyms(lines: readonly string[] = loadCdtnSynonyms().cdtn): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    if (line.includes('=>')) continue;
    const parts = line
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const short of parts) {
      const acronym = fold(short);
      if (!/^[a-z0-9]{2,6}$/.test(acronym) || out.has(acronym)) continue;
      const phrase = parts.find((p) => p !== short && initials(p) === acronym);
      if (phrase) out.set(acronym, phrase);
    }
  }
  return out;
}

function initials(phrase: string): string {
  return fold(phrase)
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !ACRONYM_SKIPPED.has(w))
    .map((w) => w[0])
    .join('');
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
