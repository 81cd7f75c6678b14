/** Collective agreements (kali-data): every agreement by IDCC, and the articles of those with full text. */
import type { Convention, ConventionArticle } from '../core/types.ts';
import { IngestError, PACKAGES, listPackageDir, readPackageJson } from './packages.ts';
import { cleanTitle, htmlToText } from './html.ts';
import { normaliseIdcc } from '../core/idcc.ts';

interface KaliNode {
  type: string;
  data: Record<string, unknown>;
  children?: KaliNode[];
}
interface KaliIndexEntry {
  id: string;
  num: string | number;
  title?: string;
  shortTitle?: string;
  effectif?: number;
  url?: string;
}

const IN_FORCE = /^VIGUEUR/;

export function conventionUrl(id: string): string {
  const base = /^(KALICONT\d{12})/.exec(id)?.[1];
  return base ? `https://www.legifrance.gouv.fr/conv_coll/id/${base}` : 'https://www.legifrance.gouv.fr/liste/idcc';
}

/** Articles in force of one agreement tree, in document order, with their section path. */
export function parseKaliArticles(root: KaliNode, idcc: string): ConventionArticle[] {
  const out: ConventionArticle[] = [];
  const walk = (n: KaliNode, path: string[]) => {
    for (const c of n.children ?? []) {
      if (c.type === 'article') {
        const d = c.data;
        if (d.etat && !IN_FORCE.test(String(d.etat))) continue;
        const text = htmlToText(String(d.content ?? ''));
        if (!text) continue;
        out.push({
          id: String(d.id),
          idcc,
          num: d.num === undefined || d.num === null || d.num === '' ? null : cleanTitle(String(d.num)),
          text,
          path,
          order: out.length,
        });
      } else {
        if (c.data?.etat && !IN_FORCE.test(String(c.data.etat))) continue;
        walk(c, c.data?.title ? [...path, cleanTitle(String(c.data.title))] : path);
      }
    }
  };
  walk(root, []);
  return out;
}

export interface KaliResult {
  conventions: Convention[];
  conventionArticles: ConventionArticle[];
}

export async function loadKali(
  opts: { maxFullText?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<KaliResult> {
  const files = (await listPackageDir(PACKAGES.kali, 'data')).filter((f) => /^KALICONT.*\.json$/.test(f)).sort();
  if (!files.length) throw new IngestError(`${PACKAGES.kali} : aucun fichier de convention (data/KALICONT*.json).`);
  const idx = await readPackageJson(PACKAGES.kali, 'data/index.json');
  const meta = new Map<string, KaliIndexEntry>();
  if (Array.isArray(idx)) for (const e of idx as KaliIndexEntry[]) meta.set(normaliseIdcc(e.num), e);

  const byIdcc = new Map<string, { conv: Convention; articles: ConventionArticle[] }>();
  let fullTextParsed = 0;
  let done = 0;
  // Sequential in small parallel chunks: the files add up to ~175 MB.
  const chunk = 8;
  for (let i = 0; i < files.length; i += chunk) {
    const roots = await Promise.all(
      files.slice(i, i + chunk).map(async (f) => ({ f, root: (await readPackageJson(PACKAGES.kali, `data/${f}`)) as KaliNode })),
    );
    for (const { f, root } of roots) {
      done++;
      const d = root?.data;
      if (!d) throw new IngestError(`${PACKAGES.kali} : fichier de convention illisible : data/${f}.`);
      // A few files are interprofessional agreements without an IDCC: not listed by IDCC.
      if (d.num === undefined || d.num === null || d.num === '') continue;
      const idcc = normaliseIdcc(d.num as string | number);
      const hasChildren = (root.children?.length ?? 0) > 0;
      const existing = byIdcc.get(idcc);
      if (existing && (existing.conv.hasFullText || !hasChildren)) continue;
      let articles: ConventionArticle[] = [];
      if (hasChildren && (opts.maxFullText === undefined || fullTextParsed < opts.maxFullText)) {
        articles = parseKaliArticles(root, idcc);
        fullTextParsed++;
      }
      const m = meta.get(idcc);
      const id = String(d.id ?? f.replace(/\.json$/, ''));
      byIdcc.set(idcc, {
        conv: {
          id,
          idcc,
          // index.json titles carry the usual abbreviations ("(BET, SYNTEC)", "(HCR)"): preferred when present.
          title: cleanTitle(String(m?.title ?? d.title ?? `Convention collective IDCC ${idcc}`)),
          shortTitle: cleanTitle(String(d.shortTitle ?? m?.shortTitle ?? d.title ?? '')),
          url: conventionUrl(id),
          effectif: typeof m?.effectif === 'number' ? m.effectif : null,
          hasFullText: articles.length > 0,
          articleCount: articles.length,
        },
        articles,
      });
    }
    opts.onProgress?.(done, files.length);
  }
  const conventions = [...byIdcc.values()].map((v) => v.conv).sort((a, b) => Number(a.idcc) - Number(b.idcc));
  const conventionArticles = [...byIdcc.values()].flatMap((v) => v.articles);
  return { conventions, conventionArticles };
}
