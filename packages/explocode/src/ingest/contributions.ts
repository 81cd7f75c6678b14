/** Contributions (contributions-data): the question, its generic answer and per-convention answers. */
import type { Contribution, ContributionAnswer } from '../core/types.ts';
import { findCitations, findCitationsInText, type ArticleIndex } from '../core/citations.ts';
import { IngestError, PACKAGES, readPackageJson } from './packages.ts';
import { cleanTitle, escapeHtml, htmlToText, markdownToHtml, sanitize, slugify } from './html.ts';
import { normaliseIdcc } from '../core/idcc.ts';

interface RawReference {
  title?: string;
  url?: string | null;
  category?: string | null;
}
interface RawAnswer {
  markdown?: string;
  text?: string;
  idcc?: string;
  references?: RawReference[];
}
export interface RawContribution {
  id: string;
  index?: number;
  title: string;
  answers: { generic?: RawAnswer; conventions?: RawAnswer[] };
}

/** Resolves an embedded service-public fiche id ("F317") to its title and Code du travail citations. */
export type EmbeddedFicheResolver = (id: string) => Promise<{ title: string; url: string; citedArticles: string[] } | null>;

export async function loadContributionsRaw(): Promise<RawContribution[]> {
  const data = await readPackageJson(PACKAGES.contributions, 'data/contributions.json');
  if (!Array.isArray(data)) throw new IngestError(`${PACKAGES.contributions} : data/contributions.json n'est pas une liste.`);
  return data as RawContribution[];
}

const CONTENT_RE = /<Content\s+href\s*=\s*["']([^"']*)["'][^>]*>\s*(?:<\/Content>)?/gi;

async function parseAnswer(
  raw: RawAnswer,
  idcc: string | null,
  index: ArticleIndex,
  resolveFiche: EmbeddedFicheResolver,
): Promise<ContributionAnswer> {
  let md = raw.markdown ?? raw.text ?? '';
  const cited: string[] = [];
  const add = (list: string[]) => {
    for (const n of list) if (!cited.includes(n)) cited.push(n);
  };
  // Embedded service-public fiches.
  const embeds: { match: string; html: string }[] = [];
  for (const m of md.matchAll(CONTENT_RE)) {
    const fid = /\/(F\d+)\b/.exec(m[1])?.[1];
    const fiche = fid ? await resolveFiche(fid) : null;
    if (fiche) add(fiche.citedArticles);
    const label = fiche ? fiche.title : 'la fiche service-public';
    const href = fiche?.url ?? m[1];
    embeds.push({ match: m[0], html: `<p>Voir la fiche service-public : <a href="${escapeHtml(href)}">${escapeHtml(label)}</a></p>` });
  }
  for (const e of embeds) md = md.replace(e.match, `\n${e.html}\n`);
  md = md
    .replace(/<Tab\s+title\s*=\s*["']([^"']*)["'][^>]*>/gi, (_m, t: string) => `\n<h3>${escapeHtml(t)}</h3>\n`)
    .replace(/<\/?Tab>/gi, '\n')
    .replace(/<\/?HDN>/gi, '\n');
  add(findCitations(md, index));
  for (const r of raw.references ?? []) {
    if (r.category === 'labor_code' || /LEGIARTI/.test(r.url ?? '')) {
      add(findCitations(`${r.url ? `<a href="${r.url}">` : ''}${escapeHtml(r.title ?? '')}</a>`, index));
      if (!r.url) add(findCitationsInText(r.title ?? '', index));
    }
  }
  const html = sanitize(markdownToHtml(md));
  return { idcc, text: htmlToText(html), html, citedArticles: cited };
}

export async function parseContributions(
  raw: RawContribution[],
  index: ArticleIndex,
  resolveFiche: EmbeddedFicheResolver,
): Promise<Contribution[]> {
  const out: Contribution[] = [];
  const slugs = new Set<string>();
  for (const c of raw) {
    if (!c || typeof c.id !== 'string' || typeof c.title !== 'string' || !c.answers) continue;
    let slug = slugify(c.title).slice(0, 90).replace(/-+$/, '');
    if (slugs.has(slug)) slug = `${slug}-${c.index ?? out.length}`;
    slugs.add(slug);
    const generic = await parseAnswer(c.answers.generic ?? {}, null, index, resolveFiche);
    const byConvention: ContributionAnswer[] = [];
    for (const a of c.answers.conventions ?? []) {
      if (!a || a.idcc === undefined) continue;
      byConvention.push(await parseAnswer(a, normaliseIdcc(a.idcc), index, resolveFiche));
    }
    const md = [c.answers.generic?.markdown ?? '', ...(c.answers.conventions ?? []).map((a) => a?.markdown ?? '')].join('\n');
    const embeddedFiches = [
      ...new Set([...md.matchAll(CONTENT_RE)].map((m) => /\/(F\d+)\b/.exec(m[1])?.[1]).filter((x): x is string => !!x)),
    ];
    out.push({ id: c.id, slug, title: cleanTitle(c.title), generic, byConvention, embeddedFiches });
  }
  return out;
}
