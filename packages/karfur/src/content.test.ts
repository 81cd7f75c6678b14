import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadStarterContent, type StarterContent } from './content.ts';
import { contentProblems } from './core/content-checks.ts';
import { LANGUAGE_CODES, TARGET_LANGUAGES, directionOf } from './core/languages.ts';
import { resolveFiche } from './core/fallback.ts';
import { indexTranslations, progressByLanguage } from './core/progress.ts';
import { unitKeysOf } from './core/fiche.ts';
import type { I18nResource } from './core/schemas.ts';

let c: StarterContent;
beforeAll(async () => {
  c = await loadStarterContent();
});

function flatten(r: I18nResource, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(r)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const PLURAL = /_(zero|one|two|few|many|other)$/;

describe('starter content', () => {
  it('validates and cross-references cleanly', () => {
    expect(contentProblems(c)).toEqual([]);
  });

  it('has the promised size', () => {
    expect(c.taxonomy.themes.length).toBeGreaterThanOrEqual(10);
    expect(c.taxonomy.needs.length).toBeGreaterThanOrEqual(50);
    expect(c.fiches.length).toBeGreaterThanOrEqual(40);
    expect(c.fiches.filter((f) => f.kind === 'dispositif').length).toBeGreaterThanOrEqual(15);
    expect(c.fiches.filter((f) => f.kind === 'demarche').length).toBeGreaterThanOrEqual(15);
    const deps = new Set(c.structures.flatMap((s) => s.departements));
    for (const d of ['75', '93', '69', '13', '33', '59', '67', '31', '44', '35']) expect(deps, d).toContain(d);
    // Every theme has fiches.
    for (const t of c.taxonomy.themes)
      expect(
        c.fiches.some((f) => f.themes.includes(t.id)),
        t.id,
      ).toBe(true);
  });

  it('uses only icons of the DSFR icon set', async () => {
    const require = createRequire(import.meta.url);
    const css = await readFile(require.resolve('@codegouvfr/react-dsfr/dsfr/utility/icons/icons.min.css'), 'utf8');
    const icons = new Set(css.match(/fr-icon-[a-z0-9-]+/g));
    for (const e of [...c.taxonomy.themes, ...c.taxonomy.needs]) expect(icons, `${e.id}: ${e.icon}`).toContain(e.icon);
  });

  it('marks invented structures as demo data, with example.org contacts only', () => {
    for (const s of c.structures) {
      if (s.demo) {
        expect(s.contact.website).toBeNull();
        expect(s.contact.phone).toBeNull();
        expect(s.contact.email).toBeNull();
        expect(s.contact.contactForm ?? '').toMatch(/^https:\/\/example\.org\//);
      } else {
        expect(s.contact.website).toMatch(/\.(gouv\.fr|fr)$/);
      }
    }
    for (const f of c.fiches) {
      const s = c.structures.find((x) => x.id === f.sponsor.structure);
      if (s?.demo) expect(f.sponsor.name, f.id).toMatch(/démonstration/);
    }
  });

  it('links only to official https sites', () => {
    for (const f of c.fiches) {
      for (const l of f.links)
        expect(new URL(l.url).hostname, `${f.id}: ${l.url}`).toMatch(
          /(\.gouv\.fr|service-public\.fr|ofii\.fr|ofpra\.gouv\.fr|francetravail\.fr|caf\.fr|ameli\.fr|afpa\.fr|france-education-international\.fr|banque-france\.fr|cnda\.fr|justice\.fr|monenfant\.fr|pass\.culture\.fr)$/,
        );
    }
  });
});

describe('translations', () => {
  it('covers at least 15 fiches fully in en, ar, fa, ru, uk and 8 in ps, ti, and leaves some partial', () => {
    const lookup = indexTranslations(c.translations);
    for (const lang of TARGET_LANGUAGES) {
      const full = c.fiches.filter((f) => resolveFiche(f, lookup(f.id, lang), lang).translated).length;
      const partial = c.fiches.filter((f) => resolveFiche(f, lookup(f.id, lang), lang).partial).length;
      expect(full, lang).toBeGreaterThanOrEqual(lang === 'ps' || lang === 'ti' ? 8 : 15);
      expect(partial, lang).toBeGreaterThan(0);
      expect(full + partial, lang).toBeLessThan(c.fiches.length + 1);
    }
    const progress = progressByLanguage(c.fiches, lookup);
    for (const lang of TARGET_LANGUAGES)
      expect(progress[lang].ratio + progress[lang].inProgressWords / progress[lang].words, lang).toBeGreaterThan(0.2);
  });

  it('translates the section structure faithfully (same blocks, lists and steps)', () => {
    const byId = new Map(c.fiches.map((f) => [f.id, f]));
    for (const t of c.translations) {
      const f = byId.get(t.fiche)!;
      const keys = new Set(unitKeysOf(f));
      for (const [key, unit] of Object.entries(t.units)) {
        expect(keys.has(key as never), `${t.lang}/${t.fiche}/${key}`).toBe(true);
        const src =
          key === 'title'
            ? f.title
            : key === 'summary'
              ? f.summary
              : key === 'conditions'
                ? f.conditions
                : f.sections.find((s) => s.key === key)!.body;
        const shape = (v: unknown): unknown =>
          typeof v === 'string'
            ? 's'
            : Array.isArray(v)
              ? v.map(shape)
              : 'list' in (v as object)
                ? { list: (v as { list: unknown[] }).list.length }
                : { steps: (v as { steps: unknown[] }).steps.length };
        expect(shape(unit!.value), `${t.lang}/${t.fiche}/${key}`).toEqual(shape(src));
      }
    }
  });

  it('writes right-to-left languages in their script', () => {
    for (const t of c.translations.filter((x) => directionOf(x.lang as never) === 'rtl')) {
      expect(t.units.title?.value as string, `${t.lang}/${t.fiche}`).toMatch(/[\u0600-\u06FF]/);
    }
  });
});

describe('interface strings (i18next resources)', () => {
  it('has every French key in every language, with the plural forms each language needs', () => {
    const fr = flatten(c.i18n.fr);
    const bases = new Set([...fr.keys()].map((k) => k.replace(PLURAL, '')));
    const plurals = new Set([...fr.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')));
    for (const lang of LANGUAGE_CODES) {
      const l = flatten(c.i18n[lang]);
      const lb = new Set([...l.keys()].map((k) => k.replace(PLURAL, '')));
      expect(
        [...bases].filter((k) => !lb.has(k)),
        `${lang} missing`,
      ).toEqual([]);
      expect(
        [...lb].filter((k) => !bases.has(k)),
        `${lang} extra`,
      ).toEqual([]);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const p of plurals) for (const cat of categories) expect(l.has(`${p}_${cat}`), `${lang}: ${p}_${cat}`).toBe(true);
      for (const v of l.values()) expect(v.trim().length).toBeGreaterThan(0);
    }
  });

  it('keeps the same interpolation variables in every language', () => {
    const vars = (s: string) =>
      [...s.matchAll(/\{\{(\w+)\}\}/g)]
        .map((m) => m[1])
        .sort()
        .join(',');
    const fr = flatten(c.i18n.fr);
    for (const lang of LANGUAGE_CODES) {
      for (const [k, v] of flatten(c.i18n[lang])) {
        const frKey = fr.has(k) ? k : `${k.replace(PLURAL, '')}_other`;
        // Arabic "zero/one/two" forms may spell the number out instead of {{count}}.
        if (lang === 'ar' && /_(zero|one|two)$/.test(k)) continue;
        expect(vars(v), `${lang}: ${k}`).toBe(vars(fr.get(frKey)!));
      }
    }
  });
});
