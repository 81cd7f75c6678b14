/**
 * Places: a commune name or a postcode typed by the user resolves to its département(s), using the
 * official geography of @etalab/decoupage-administratif (loaded by an adapter and passed in here), and
 * nearby départements are suggested when a search in one finds nothing.
 */
import { DEPARTEMENT_NEIGHBOURS } from './departement-adjacency.ts';

/** The fields we use from @etalab/decoupage-administratif's communes.json. */
export interface CommuneRecord {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  codesPostaux?: string[];
  population?: number;
}
export interface DepartementRecord {
  code: string;
  nom: string;
}

export interface PlaceMatch {
  departement: string;
  departementName: string;
  /** The commune matched, when the query named one. */
  commune: string | null;
  kind: 'departement' | 'postcode' | 'commune';
}

/** "Saint-Étienne-du-Rouvray" and "st etienne du rouvray" both give "saint etienne du rouvray". */
export function normalizePlaceName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/['’\-_.,]/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PlaceIndex {
  departements: Map<string, string>;
  byPostcode: Map<string, { departement: string; commune: string; population: number }[]>;
  byName: Map<string, { departement: string; commune: string; population: number }[]>;
}

export function buildPlaceIndex(communes: readonly CommuneRecord[], departements: readonly DepartementRecord[]): PlaceIndex {
  const index: PlaceIndex = { departements: new Map(), byPostcode: new Map(), byName: new Map() };
  for (const d of departements) index.departements.set(d.code, d.nom);
  const push = <K>(
    m: Map<K, { departement: string; commune: string; population: number }[]>,
    k: K,
    v: { departement: string; commune: string; population: number },
  ) => {
    const list = m.get(k);
    if (!list) m.set(k, [v]);
    else if (!list.some((x) => x.departement === v.departement && x.commune === v.commune)) list.push(v);
  };
  for (const c of communes) {
    // Current communes and Paris/Lyon/Marseille arrondissements; merged ("déléguée") communes keep their
    // name in people's mouths, so they are searchable too.
    if (!c.departement) continue;
    const v = { departement: c.departement, commune: c.nom, population: c.population ?? 0 };
    for (const cp of c.codesPostaux ?? []) push(index.byPostcode, cp, v);
    if (c.type !== 'arrondissement-municipal') push(index.byName, normalizePlaceName(c.nom), v);
  }
  for (const list of [...index.byName.values(), ...index.byPostcode.values()]) list.sort((a, b) => b.population - a.population);
  return index;
}

/**
 * Resolves "33", "2A", "33000", "Bordeaux", "bordeaux 33", "Gironde" to départements, most populous
 * match first. Unknown input gives an empty list (never an exception).
 */
export function resolvePlace(index: PlaceIndex, input: string): PlaceMatch[] {
  const q = input.trim().slice(0, 120);
  if (!q) return [];
  const up = q.toUpperCase();
  if (/^(?:\d{2}|2A|2B|97[1-6])$/.test(up) && index.departements.has(up)) {
    return [{ departement: up, departementName: index.departements.get(up)!, commune: null, kind: 'departement' }];
  }
  if (/^\d{5}$/.test(q)) {
    return (index.byPostcode.get(q) ?? []).map((x) => ({
      departement: x.departement,
      departementName: index.departements.get(x.departement) ?? x.departement,
      commune: x.commune,
      kind: 'postcode' as const,
    }));
  }
  const norm = normalizePlaceName(q);
  // "Lyon 69" or "Saint-Denis (93)": a trailing département narrows the commune.
  const m = /^(.*?)\s*\(?\s*(\d{2}|2a|2b|97[1-6])\s*\)?$/.exec(norm);
  const name = m ? m[1].trim() : norm;
  const dep = m ? m[2].toUpperCase() : null;
  for (const [code, nom] of index.departements) {
    if (normalizePlaceName(nom) === norm) return [{ departement: code, departementName: nom, commune: null, kind: 'departement' }];
  }
  const hits = (index.byName.get(name) ?? []).filter((x) => !dep || x.departement === dep);
  const seen = new Set<string>();
  const out: PlaceMatch[] = [];
  for (const h of hits) {
    if (seen.has(h.departement)) continue;
    seen.add(h.departement);
    out.push({
      departement: h.departement,
      departementName: index.departements.get(h.departement) ?? h.departement,
      commune: h.commune,
      kind: 'commune',
    });
  }
  return out;
}

/** Départements that share a border with `code`, then their neighbours (ring 2), without `code` itself. */
export function nearbyDepartements(code: string, rings = 1): string[] {
  const seen = new Set([code]);
  let frontier = [code];
  const out: string[] = [];
  for (let r = 0; r < rings; r++) {
    const next: string[] = [];
    for (const c of frontier) {
      for (const n of DEPARTEMENT_NEIGHBOURS[c] ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        out.push(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return out;
}
