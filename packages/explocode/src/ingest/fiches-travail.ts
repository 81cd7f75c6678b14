/** Ministry fiches (fiches-travail-data), split by section; citations parsed from each section's own HTML. */
import type { Fiche, FicheSection } from '../core/types.ts';
import { findCitations, type ArticleIndex } from '../core/citations.ts';
import { IngestError, PACKAGES, readPackageJson } from './packages.ts';
import { cleanTitle, htmlToText, sanitize, slugify } from './html.ts';

export interface RawFicheTravail {
  pubId?: string;
  title: string;
  description?: string;
  intro?: string;
  date?: string;
  url: string;
  sections: { anchor?: string; title?: string; html?: string; text?: string; description?: string }[];
}

export async function loadFichesTravailRaw(): Promise<RawFicheTravail[]> {
  const data = await readPackageJson(PACKAGES.fichesTravail, 'data/fiches-travail.json');
  if (!Array.isArray(data)) throw new IngestError(`${PACKAGES.fichesTravail} : data/fiches-travail.json n'est pas une liste de fiches.`);
  return data as RawFicheTravail[];
}

/** "13/11/2025" → "2025-11-13". */
function frDate(s: string | undefined): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec((s ?? '').trim());
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
}

function uniq(list: string[]): string[] {
  return [...new Set(list)];
}

export function parseFichesTravail(raw: RawFicheTravail[], index: ArticleIndex): Fiche[] {
  const fiches: Fiche[] = [];
  const ids = new Set<string>();
  for (const r of raw) {
    if (!r || typeof r.title !== 'string' || !Array.isArray(r.sections)) continue;
    let id = slugify((r.url ?? '').split('/').filter(Boolean).pop() ?? '') || slugify(r.title);
    if (ids.has(id)) id = `${id}-${r.pubId ?? fiches.length}`;
    ids.add(id);
    const sections: FicheSection[] = [];
    const anchors = new Set<string>();
    r.sections.forEach((s, i) => {
      const html = s.html ?? '';
      let anchor = s.anchor || (i === 0 ? 'introduction' : slugify(s.title ?? '') || `section-${i}`);
      if (anchors.has(anchor)) anchor = `${anchor}-${i}`;
      anchors.add(anchor);
      sections.push({
        anchor,
        title: cleanTitle(s.title ?? ''),
        html: sanitize(html),
        text: htmlToText(html),
        citedArticles: findCitations(html, index),
      });
    });
    const introHtml = r.intro ?? '';
    fiches.push({
      id,
      source: 'fiches-travail',
      title: cleanTitle(r.title),
      description: cleanTitle(r.description ?? ''),
      url: r.url,
      breadcrumb: [],
      date: frDate(r.date),
      intro: htmlToText(introHtml),
      sections,
      citedArticles: uniq([...findCitations(introHtml, index), ...sections.flatMap((s) => s.citedArticles)]),
    });
  }
  return fiches;
}
