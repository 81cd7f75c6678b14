/**
 * Cross-reference checks of a content set (schemas check each file; these check that files agree):
 * themes and needs exist, structures exist, translations belong to a fiche and to its current French.
 * Returns human-readable problems (French) for the import CLI and the tests.
 */
import { sourceUnits, unitHash } from './fiche.ts';
import type { Fiche, FicheTranslation, Structure, Taxonomy } from './schemas.ts';

export function contentProblems(c: {
  taxonomy: Taxonomy;
  fiches: readonly Fiche[];
  structures: readonly Structure[];
  translations: readonly FicheTranslation[];
}): string[] {
  const problems: string[] = [];
  const themes = new Set(c.taxonomy.themes.map((t) => t.id));
  const needs = new Map(c.taxonomy.needs.map((n) => [n.id, n]));
  const structures = new Set(c.structures.map((s) => s.id));
  const dup = (ids: string[], what: string) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id)) problems.push(`${what} en double : ${id}`);
      seen.add(id);
    }
  };
  dup(
    c.taxonomy.themes.map((t) => t.id),
    'thème',
  );
  dup(
    c.taxonomy.needs.map((n) => n.id),
    'besoin',
  );
  dup(
    c.fiches.map((f) => f.id),
    'fiche',
  );
  dup(
    c.structures.map((s) => s.id),
    'structure',
  );
  for (const n of c.taxonomy.needs) if (!themes.has(n.theme)) problems.push(`besoin ${n.id} : thème inconnu ${n.theme}`);
  for (const f of c.fiches) {
    for (const t of f.themes) if (!themes.has(t)) problems.push(`fiche ${f.id} : thème inconnu ${t}`);
    for (const n of f.needs) if (!needs.has(n)) problems.push(`fiche ${f.id} : besoin inconnu ${n}`);
    if (f.sponsor.structure && !structures.has(f.sponsor.structure))
      problems.push(`fiche ${f.id} : structure inconnue ${f.sponsor.structure}`);
  }
  for (const s of c.structures)
    for (const a of s.activities) if (!needs.has(a)) problems.push(`structure ${s.id} : activité inconnue ${a}`);
  const fiches = new Map(c.fiches.map((f) => [f.id, f]));
  const seenTr = new Set<string>();
  for (const t of c.translations) {
    const key = `${t.fiche}/${t.lang}`;
    if (seenTr.has(key)) problems.push(`traduction en double : ${key}`);
    seenTr.add(key);
    const f = fiches.get(t.fiche);
    if (!f) {
      problems.push(`traduction ${key} : fiche inconnue`);
      continue;
    }
    const src = sourceUnits(f);
    for (const [unit, tu] of Object.entries(t.units)) {
      const s = src.get(unit as never);
      if (!s) problems.push(`traduction ${key} : section ${unit} absente de la fiche`);
      else if (tu && tu.sourceHash !== unitHash(s) && tu.status !== 'to_review')
        problems.push(`traduction ${key} : ${unit} faite sur un autre texte français (à marquer « à revoir »)`);
    }
  }
  return problems;
}
