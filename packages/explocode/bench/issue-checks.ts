/**
 * The examples issue 11 names, checked on the full corpus (the unit tests check the same behaviours on
 * a small corpus): each prints ✓ or ✗ with what the engine answered.
 */
import type { SearchEngine } from '../src/core/engine-contract.ts';

export interface Check {
  name: string;
  run(e: SearchEngine): { ok: boolean; got: string };
}

const first = (e: SearchEngine, q: string, type?: 'article' | 'fiche') => e.search(q, { limit: 10, ...(type ? { type } : {}) }).results;

export const ISSUE_CHECKS: Check[] = [
  ...['commerce', 'transport', 'banque', 'pharmacie', 'coiffure', 'sport', 'boulangerie'].map((q) => ({
    name: `"${q}" does not jump (no unambiguous route) and lists the matching agreements`,
    run: (e: SearchEngine) => {
      const r = e.search(q, { limit: 10 });
      return {
        ok: !r.route?.unambiguous && (r.conventions?.length ?? 0) >= 1,
        got: `route ${r.route ? `${r.route.target}${r.route.unambiguous ? ' (unambiguous)' : ''}` : 'none'}, agreements ${(r.conventions ?? []).map((c) => c.idcc).join(' ')}`,
      };
    },
  })),
  ...['1486', 'idcc 1486', 'syntec', 'L1234-9', 'article L. 1234-9'].map((q) => ({
    name: `"${q}" is an unambiguous route`,
    run: (e: SearchEngine) => {
      const r = e.search(q, { limit: 3 });
      return {
        ok: !!r.route?.unambiguous,
        got: r.route ? `${r.route.kind} ${r.route.target} unambiguous=${r.route.unambiguous}` : 'no route',
      };
    },
  })),
  ...['ggggg', 'recette de la tarte aux pommes', 'horaires de la piscine'].map((q) => ({
    name: `"${q}" gets an empty answer`,
    run: (e: SearchEngine) => {
      const r = e.search(q, { limit: 10 });
      return { ok: r.results.length === 0 && r.total === 0, got: `${r.total} results${r.outOfScope ? ', out of scope' : ''}` };
    },
  })),
  {
    name: '"heures sup" → first result is the fiche "Heures supplémentaires d\'un salarié du secteur privé"',
    run: (e) => {
      const r = first(e, 'heures sup');
      return {
        ok: r[0]?.type === 'fiche' && /^Heures supplémentaires d.un salarié du secteur privé$/.test(r[0].title),
        got: `${r[0]?.type}: ${r[0]?.title}`,
      };
    },
  },
  {
    name: '"mon patron peut-il refuser mes congés ?" does not list L5422-1 first (articles nor mixed)',
    run: (e) => {
      const a = first(e, 'mon patron peut-il refuser mes congés ?', 'article');
      const m = first(e, 'mon patron peut-il refuser mes congés ?');
      return {
        ok: a[0]?.num !== 'L5422-1' && m[0]?.num !== 'L5422-1',
        got: `first article ${a[0]?.num}, first result ${m[0]?.type}: ${m[0]?.title}`,
      };
    },
  },
  {
    name: '"convention 1486" shows no "Rupture conventionnelle" theme',
    run: (e) => {
      const r = e.search('convention 1486', { limit: 5 });
      return {
        ok: !r.themes.some((t) => /rupture conventionnelle/i.test(t.title)),
        got: r.themes.map((t) => t.title).join(' | ') || 'no themes',
      };
    },
  },
  {
    name: 'side-panel themes of "licenciement économique" are de-duplicated',
    run: (e) => {
      const t = e.search('licenciement économique', { limit: 10 }).themes.map((x) => x.label ?? x.title);
      return { ok: new Set(t).size === t.length, got: t.join(' | ') };
    },
  },
  {
    name: 'no suggestion of "licenciement éco" is a fragment ending on a number; a chosen theme replaces the fragment',
    run: (e) => {
      const s = e.suggest('licenciement éco');
      return {
        ok: s.completions.every((c) => !/\d$/.test(c)) && s.themes.every((t) => t.query === t.title),
        got: `${s.completions.slice(0, 4).join(' | ')} / themes ${s.themes
          .slice(0, 3)
          .map((t) => t.query)
          .join(' | ')}`,
      };
    },
  },
  {
    name: '"browse by theme" holds only labour-law themes (no "Loisirs", no Code structure)',
    run: (e) => {
      const b = e.browseThemes(12);
      return { ok: b.length > 0 && b.every((t) => t.id.startsWith('sp:travail/')), got: b.map((t) => t.title).join(' | ') };
    },
  },
];

export function runIssueChecks(e: SearchEngine): { passed: number; lines: string[] } {
  let passed = 0;
  const lines = ISSUE_CHECKS.map((c) => {
    const { ok, got } = c.run(e);
    if (ok) passed++;
    return `  ${ok ? '✓' : '✗'} ${c.name} — ${got}`;
  });
  return { passed, lines };
}
