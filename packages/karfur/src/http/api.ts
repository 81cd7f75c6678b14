/**
 * Karfu'R's public read operations, shared by the JSON API (routes.ts) and the pages (web/pages.ts):
 * a page shows what an API client gets. Everything reads the in-memory catalogue; a search is bounded
 * (query length, terms, candidates) and paged.
 */
import { createHash } from 'node:crypto';
import { HttpError } from '@eig/platform';
import type { Catalog } from '../catalog.ts';
import type { KarfurRuntime } from '../runtime.ts';
import { LANGUAGES, LANGUAGE_CODES, SOURCE_LANGUAGE, directionOf, type LanguageCode } from '../core/languages.ts';
import { localizedLabel, type LocalizedFiche } from '../core/fallback.ts';
import { freshnessOf } from '../core/freshness.ts';
import { matchesFilters, type FicheFilters } from '../core/filters.ts';
import { nearbyDepartements, resolvePlace, type PlaceMatch } from '../core/geo.ts';
import { createJourney, editJourney, JourneyError, sharedView, type Journey, type JourneyEdit } from '../core/journey.ts';
import { translator } from '../core/i18n.ts';
import { stripInline } from '../core/fiche.ts';
import type { Fiche, Structure } from '../core/schemas.ts';
import { karfurPaths } from '../web/paths.ts';
import type * as s from './schemas.ts';

const today = () => new Date();
const hashToken = (t: string) => createHash('sha256').update(t).digest('hex');

export class KarfurApi {
  constructor(readonly runtime: KarfurRuntime) {}

  /** The catalogue, or a 503 while the first import runs. */
  async catalog(): Promise<Catalog> {
    const c = await this.runtime.current();
    if (c.fiches.size === 0)
      throw new HttpError(503, 'Karfu’R importe son contenu : réessayez dans quelques instants.', 'karfur.preparing', 5);
    return c;
  }

  private async t(lang: LanguageCode) {
    const i18n = await this.runtime.i18n();
    return translator(i18n[lang], lang, i18n.fr);
  }

  themeLabels(c: Catalog, ids: readonly string[], lang: LanguageCode) {
    return ids.flatMap((id) => {
      const th = c.taxonomy.themes.find((x) => x.id === id);
      return th ? [{ id, label: localizedLabel(th, lang).label }] : [];
    });
  }

  needLabels(c: Catalog, ids: readonly string[], lang: LanguageCode) {
    return ids.flatMap((id) => {
      const n = c.taxonomy.needs.find((x) => x.id === id);
      return n ? [{ id, label: localizedLabel(n, lang).label }] : [];
    });
  }

  summary(c: Catalog, lf: LocalizedFiche, lang: LanguageCode, snippet: { html: string; lang: LanguageCode } | null = null): s.FicheSummary {
    const f = lf.fiche;
    const fr = freshnessOf(f, today());
    return {
      id: f.id,
      kind: f.kind,
      title: lf.title.value,
      summary: stripInline(lf.summary.value),
      lang: lf.title.lang,
      translated: lf.translated,
      partial: lf.partial,
      coverage: Math.round(lf.coverage * 100) / 100,
      themes: this.themeLabels(c, f.themes, lang),
      needs: f.needs,
      location: f.location,
      source: f.source.kind,
      freshness: fr,
      snippet: snippet?.html ?? null,
      snippetLang: snippet?.lang ?? null,
      url: karfurPaths.fiche(lang, f.id),
    };
  }

  /** "33", "33000", "Bordeaux" → the département; unknown → 400. */
  async place(input: string | undefined): Promise<PlaceMatch | null> {
    if (!input) return null;
    const matches = resolvePlace(await this.runtime.places(), input);
    if (matches.length === 0)
      throw new HttpError(
        400,
        `Lieu inconnu : « ${input.slice(0, 60)} ». Indiquez un numéro de département, un code postal ou une commune.`,
        'karfur.unknown_place',
      );
    return matches[0];
  }

  private checkTaxonomy(c: Catalog, q: { theme?: string; need?: string }) {
    if (q.theme && !c.taxonomy.themes.some((t) => t.id === q.theme))
      throw new HttpError(400, `Thème inconnu : ${q.theme}`, 'karfur.unknown_theme');
    if (q.need && !c.taxonomy.needs.some((n) => n.id === q.need))
      throw new HttpError(400, `Besoin inconnu : ${q.need}`, 'karfur.unknown_need');
  }

  async fiches(q: s.FichesQuery): Promise<s.FichesResponse> {
    const c = await this.catalog();
    const lang = q.lang;
    this.checkTaxonomy(c, q);
    const place = await this.place(q.departement);
    const filters: FicheFilters = {
      theme: q.theme,
      need: q.need,
      departement: place?.departement,
      age: q.age,
      frenchLevel: q.frenchLevel,
      status: q.status,
      kind: q.kind,
    };
    const allowedBy = (f: FicheFilters) => (id: string) => {
      const fiche = c.fiches.get(id);
      return !!fiche && matchesFilters(fiche, f);
    };
    const text = q.q?.trim() ?? '';
    const engine = this.runtime.search;
    let results: s.FicheSummary[];
    let total: number;
    let corrections: { from: string; to: string }[] = [];
    if (text && engine) {
      const out = engine.search(text, lang, { allowed: allowedBy(filters), limit: q.limit, offset: q.offset });
      corrections = out.corrections;
      total = out.total;
      results = out.hits.flatMap((h) => {
        const lf = c.localized(h.id, lang);
        if (!lf) return [];
        // Snippet in the language the summary is shown in, around that language's matched terms.
        const shownLang = lf.summary.lang;
        const terms = out.queryTerms[shownLang] ?? [];
        const html = terms.length ? engine.snippet(stripInline(lf.summary.value), shownLang, terms, 220) : null;
        return [this.summary(c, lf, lang, html ? { html, lang: shownLang } : null)];
      });
    } else {
      // No query (or the index is still building): the filtered list, translated fiches first.
      const listed = c.list.filter((f) => allowedBy(filters)(f.id) && (!text || this.naiveMatch(c, f, lang, text)));
      const ranked = listed.map((f) => c.localized(f.id, lang)!).sort((a, b) => Number(b.title.translated) - Number(a.title.translated));
      total = ranked.length;
      results = ranked.slice(q.offset, q.offset + q.limit).map((lf) => this.summary(c, lf, lang));
    }
    let suggestions: s.FichesResponse['suggestions'] = null;
    if (total === 0) {
      const themes = c.taxonomy.themes
        .map((t) => ({ id: t.id, label: localizedLabel(t, lang).label, count: c.list.filter((f) => f.themes.includes(t.id)).length }))
        .filter((t) => t.count > 0);
      const nearby: { departement: string; name: string; count: number }[] = [];
      if (place) {
        const places = await this.runtime.places();
        for (const dep of nearbyDepartements(place.departement, 2).slice(0, 12)) {
          const f2 = { ...filters, departement: dep };
          const count =
            text && engine
              ? engine.search(text, lang, { allowed: allowedBy(f2), limit: 1 }).total
              : c.list.filter((f) => matchesFilters(f, f2)).length;
          // National fiches match everywhere: only départements with fiches of their own are worth proposing.
          const local = c.list.filter(
            (f) => f.location.kind === 'departements' && f.location.departements.includes(dep) && matchesFilters(f, f2),
          ).length;
          if (count > 0 && local > 0) nearby.push({ departement: dep, name: places.departements.get(dep) ?? dep, count });
          if (nearby.length >= 5) break;
        }
      }
      suggestions = { themes, nearby };
    }
    return {
      results,
      total,
      limit: q.limit,
      offset: q.offset,
      lang,
      place: place ? { departement: place.departement, name: place.departementName, commune: place.commune, kind: place.kind } : null,
      corrections,
      suggestions,
      searchReady: engine !== null,
    };
  }

  /** While the index builds: a plain case-insensitive match on the shown title and summary. */
  private naiveMatch(c: Catalog, f: Fiche, lang: LanguageCode, text: string): boolean {
    const lf = c.localized(f.id, lang)!;
    const hay = `${lf.title.value} ${lf.summary.value} ${f.title}`.toLocaleLowerCase();
    return text
      .toLocaleLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 2)
      .some((w) => hay.includes(w));
  }

  async fiche(id: string, lang: LanguageCode): Promise<s.FicheResponse> {
    const c = await this.catalog();
    const lf = c.localized(id, lang);
    if (!lf) throw new HttpError(404, 'Fiche introuvable.', 'karfur.fiche_not_found');
    const t = await this.t(lang);
    const f = lf.fiche;
    const places = await this.runtime.places();
    const text = (u: { value: string; lang: LanguageCode; translated: boolean; status: string | null; outdated: boolean }) => ({
      value: u.value,
      lang: u.lang,
      translated: u.translated,
      status: u.status,
      outdated: u.outdated,
    });
    const meta = ({
      lang: l,
      translated,
      status,
      outdated,
    }: {
      lang: LanguageCode;
      translated: boolean;
      status: string | null;
      outdated: boolean;
    }) => ({ lang: l, translated, status, outdated });
    const availableLanguages = LANGUAGE_CODES.filter((l) => l !== SOURCE_LANGUAGE)
      .map((l) => ({ lang: l, coverage: Math.round(c.localized(id, l)!.coverage * 100) / 100 }))
      .filter((x) => x.coverage > 0);
    return {
      id: f.id,
      kind: f.kind,
      lang,
      dir: directionOf(lang),
      translated: lf.translated,
      partial: lf.partial,
      coverage: Math.round(lf.coverage * 100) / 100,
      title: text(lf.title),
      summary: text(lf.summary),
      conditions: lf.conditions ? { ...meta(lf.conditions), items: lf.conditions.value } : null,
      sections: lf.sections.map((sec) => ({ key: sec.key, heading: t(`fiche.section.${sec.key}`), blocks: sec.value, ...meta(sec) })),
      themes: this.themeLabels(c, f.themes, lang),
      needs: this.needLabels(c, f.needs, lang),
      public: f.public,
      age: f.age,
      frenchLevel: f.frenchLevel,
      price: f.price,
      location: f.location,
      departements:
        f.location.kind === 'departements'
          ? f.location.departements.map((code) => ({ code, name: places.departements.get(code) ?? code }))
          : [],
      dates: f.dates,
      sponsor: f.sponsor,
      partners: f.partners,
      links: f.links,
      source: f.source,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      freshness: freshnessOf(f, today()),
      availableLanguages: [{ lang: SOURCE_LANGUAGE, coverage: 1 }, ...availableLanguages],
      url: karfurPaths.fiche(lang, f.id),
    };
  }

  async themes(lang: LanguageCode): Promise<s.ThemesResponse> {
    const c = await this.catalog();
    const count = (pred: (f: Fiche) => boolean) => c.list.filter(pred).length;
    return {
      lang,
      themes: [...c.taxonomy.themes]
        .sort((a, b) => a.order - b.order)
        .map((th) => ({
          id: th.id,
          icon: th.icon,
          ...pick(localizedLabel(th, lang)),
          count: count((f) => f.themes.includes(th.id)),
          needs: c.taxonomy.needs
            .filter((n) => n.theme === th.id)
            .sort((a, b) => a.order - b.order)
            .map((n) => ({ id: n.id, icon: n.icon, ...pick(localizedLabel(n, lang)), count: count((f) => f.needs.includes(n.id)) })),
        })),
    };
  }

  async structures(q: { lang: LanguageCode; departement?: string; need?: string }): Promise<s.StructuresResponse> {
    const c = await this.catalog();
    if (q.need && !c.taxonomy.needs.some((n) => n.id === q.need))
      throw new HttpError(400, `Besoin inconnu : ${q.need}`, 'karfur.unknown_need');
    const place = await this.place(q.departement);
    const t = await this.t(q.lang);
    const places = await this.runtime.places();
    const collator = new Intl.Collator('fr');
    const list = [...c.structures.values()]
      .filter((st) => !place || st.scope === 'national' || st.departements.includes(place.departement))
      .filter((st) => !q.need || st.activities.includes(q.need))
      // Local structures of the place first, then national ones.
      .sort((a, b) => Number(a.scope === 'national') - Number(b.scope === 'national') || collator.compare(a.name, b.name));
    return {
      results: list.map((st) => this.structureSummary(c, st, q.lang, t, places.departements)),
      total: list.length,
      place: place ? { departement: place.departement, name: place.departementName, commune: place.commune, kind: place.kind } : null,
      lang: q.lang,
    };
  }

  structureSummary(
    c: Catalog,
    st: Structure,
    lang: LanguageCode,
    t: (k: string) => string,
    depNames: Map<string, string>,
  ): s.StructureSummary {
    return {
      ...st,
      typeLabel: t(`structures.type.${st.type}`),
      activityLabels: this.needLabels(c, st.activities, lang),
      departementNames: st.departements.map((code) => ({ code, name: depNames.get(code) ?? code })),
      fiches: c.list.filter((f) => f.sponsor.structure === st.id).map((f) => ({ id: f.id, title: c.localized(f.id, lang)!.title.value })),
    };
  }

  async structure(id: string, lang: LanguageCode): Promise<s.StructureSummary> {
    const c = await this.catalog();
    const st = c.structures.get(id);
    if (!st) throw new HttpError(404, 'Structure introuvable.', 'karfur.structure_not_found');
    return this.structureSummary(c, st, lang, await this.t(lang), (await this.runtime.places()).departements);
  }

  async languages() {
    const c = await this.catalog();
    const words = (l: LanguageCode) => {
      let total = 0;
      let done = 0;
      for (const f of c.list) {
        const lf = c.localized(f.id, l)!;
        total += 1;
        done += lf.coverage;
      }
      return total ? Math.round((100 * done) / total) / 100 : 0;
    };
    return {
      languages: LANGUAGE_CODES.map((code) => ({
        code,
        nativeName: LANGUAGES[code].nativeName,
        frenchName: LANGUAGES[code].frenchName,
        dir: LANGUAGES[code].dir,
        coverage: code === 'fr' ? 1 : words(code),
      })),
    };
  }

  // ---- journeys

  async journeyView(j: Omit<Journey, 'editToken'>, lang: LanguageCode): Promise<s.JourneyView> {
    const c = await this.runtime.current();
    const shared = sharedView({ ...j, editToken: '' });
    return {
      token: j.token,
      title: j.title,
      items: j.items.map((i) => {
        const lf = c.localized(i.fiche, lang);
        return { ...i, title: lf?.title.value ?? i.fiche, kind: lf?.kind ?? null, available: !!lf };
      }),
      progress: shared.progress,
      createdAt: j.createdAt,
      updatedAt: j.updatedAt,
      shareUrl: karfurPaths.sharedJourney(lang, j.token),
    };
  }

  private async loadJourney(token: string, tx = this.runtime.repo.db, forUpdate = false): Promise<Journey> {
    const row = await this.runtime.repo.journey(token, tx, forUpdate);
    if (!row) throw new HttpError(404, 'Parcours introuvable : le lien est peut-être incomplet.', 'karfur.journey_not_found');
    return {
      token: row.token,
      editToken: row.editHash,
      title: row.title,
      items: row.items as Journey['items'],
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  async journey(token: string, lang: LanguageCode): Promise<s.JourneyView> {
    return this.journeyView(await this.loadJourney(token), lang);
  }

  async createJourney(lang: LanguageCode, first?: string): Promise<s.JourneyView & { editToken: string }> {
    const j = createJourney(new Date());
    const stored = { ...j, editToken: hashToken(j.editToken) };
    let saved = stored;
    if (first) {
      await this.checkFiche(first);
      saved = editJourney(stored, stored.editToken, { op: 'add', fiche: first }, new Date());
    }
    await this.runtime.repo.saveJourney(this.runtime.repo.db, {
      token: saved.token,
      editHash: saved.editToken,
      title: saved.title,
      items: saved.items,
      createdAt: saved.createdAt,
      updatedAt: saved.updatedAt,
    });
    return { ...(await this.journeyView(saved, lang)), editToken: j.editToken };
  }

  private async checkFiche(id: string) {
    const c = await this.catalog();
    if (!c.fiches.has(id)) throw new HttpError(400, 'Fiche inconnue.', 'karfur.unknown_fiche');
  }

  async editJourney(token: string, editToken: string, edit: JourneyEdit, lang: LanguageCode): Promise<s.JourneyView> {
    if (edit.op === 'add') await this.checkFiche(edit.fiche);
    const repo = this.runtime.repo;
    const j = await repo.db.transaction(async (tx) => {
      const current = await this.loadJourney(token, tx as never, true);
      let next: Journey;
      try {
        next = editJourney(current, hashToken(editToken), edit, new Date());
      } catch (e) {
        if (e instanceof JourneyError) throw new HttpError(e.code === 'forbidden' ? 403 : 400, e.message, `karfur.journey_${e.code}`);
        throw e;
      }
      await repo.saveJourney(tx, {
        token: next.token,
        editHash: next.editToken,
        title: next.title,
        items: next.items,
        createdAt: next.createdAt,
        updatedAt: next.updatedAt,
      });
      return next;
    });
    return this.journeyView(j, lang);
  }

  async deleteJourney(token: string, editToken: string): Promise<void> {
    const j = await this.loadJourney(token);
    if (j.editToken !== hashToken(editToken))
      throw new HttpError(403, 'Ce lien permet de lire le parcours, pas de le supprimer.', 'karfur.journey_forbidden');
    await this.runtime.repo.deleteJourney(token);
  }
}

function pick(l: { label: string; description: string }) {
  return { label: l.label, description: l.description };
}
