/**
 * The catalogue a process serves from memory: published fiches, their translations as readers see
 * them, structures and the taxonomy, at one content version. Pages and the API read it without a
 * database round trip; it is rebuilt (a few milliseconds for hundreds of fiches) whenever the content
 * version changes, in this process or another.
 */
import { isLanguageCode, LANGUAGE_CODES, type LanguageCode } from './core/languages.ts';
import { resolveFiche, type LocalizedFiche } from './core/fallback.ts';
import type { Fiche, FicheTranslation, Structure, Taxonomy, UnitKey } from './core/schemas.ts';
import type { FicheRow, UnitRow } from './db/repository.ts';
import type { SearchCorpus } from './core/search/build.ts';
import type { SearchKeywords } from './core/search/keywords.ts';

export interface Catalog {
  version: number;
  taxonomy: Taxonomy;
  /** Published and not withdrawn, by id. */
  fiches: Map<string, Fiche>;
  /** Published fiches sorted by French title (stable listing order). */
  list: Fiche[];
  structures: Map<string, Structure>;
  translation(ficheId: string, lang: LanguageCode): FicheTranslation | undefined;
  translations: FicheTranslation[];
  /** Origin of each fiche (starter content, service-public import, contribution). */
  origin: Map<string, FicheRow['origin']>;
  localized(id: string, lang: LanguageCode): LocalizedFiche | null;
  corpus(keywords: SearchKeywords): SearchCorpus;
}

export function buildCatalog(input: {
  version: number;
  taxonomy: Taxonomy;
  fiches: FicheRow[];
  units: UnitRow[];
  structures: Structure[];
}): Catalog {
  const fiches = new Map<string, Fiche>();
  const origin = new Map<string, FicheRow['origin']>();
  for (const r of input.fiches) {
    if (r.published && !r.withdrawn) {
      fiches.set(r.id, r.published);
      origin.set(r.id, r.origin);
    }
  }
  const byKey = new Map<string, FicheTranslation>();
  for (const u of input.units) {
    if (u.value === null || !isLanguageCode(u.lang) || u.lang === 'fr' || !fiches.has(u.fiche) || !u.sourceHash) continue;
    const key = `${u.fiche}\u0000${u.lang}`;
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = { fiche: u.fiche, lang: u.lang, provenance: u.provenance ?? '', units: {} }));
    t.units[u.unit as UnitKey] = {
      value: u.value,
      status: u.status,
      translator: u.translator ?? 'inconnu',
      validator: u.validator,
      sourceHash: u.sourceHash,
      updatedAt: u.updatedAt.slice(0, 10),
    };
  }
  const collator = new Intl.Collator('fr');
  const list = [...fiches.values()].sort((a, b) => collator.compare(a.title, b.title));
  const translation = (id: string, lang: LanguageCode) => byKey.get(`${id}\u0000${lang}`);
  const cache = new Map<string, LocalizedFiche>();
  return {
    version: input.version,
    taxonomy: input.taxonomy,
    fiches,
    list,
    structures: new Map(input.structures.map((s) => [s.id, s])),
    translation,
    translations: [...byKey.values()],
    origin,
    localized(id, lang) {
      const f = fiches.get(id);
      if (!f) return null;
      const k = `${id}\u0000${lang}`;
      let lf = cache.get(k);
      if (!lf) cache.set(k, (lf = resolveFiche(f, translation(id, lang), lang)));
      return lf;
    },
    corpus(keywords) {
      return { fiches: list, translation, taxonomy: input.taxonomy, keywords };
    },
  };
}

export const ALL_LANGUAGES = LANGUAGE_CODES;
