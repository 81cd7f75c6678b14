/** Code du travail (legi-data LEGITEXT000006072050): sections and articles in force. */
import type { Article, CodeSection } from '../core/types.ts';
import { normaliseNum, type CitableArticle } from '../core/citations.ts';
import { IngestError, PACKAGES, readPackageJson } from './packages.ts';
import { cleanTitle, htmlToText, sanitize } from './html.ts';

export const CODE_DU_TRAVAIL = 'LEGITEXT000006072050';

interface LegiNode {
  type: string;
  data: Record<string, unknown>;
  children?: LegiNode[];
}

export interface LegiResult {
  sections: CodeSection[];
  articles: Article[];
  /** Articles with every LEGIARTI id of their versions, for citation resolution. */
  citable: CitableArticle[];
  /** The date the tree is taken at (ISO). */
  date: string;
}

export async function loadLegi(): Promise<LegiResult> {
  const root = (await readPackageJson(PACKAGES.legi, `data/${CODE_DU_TRAVAIL}.json`)) as LegiNode;
  return parseLegi(root);
}

function toIsoDate(ms: unknown): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses the code tree. Articles "in force" = validity interval contains the tree's version date. */
export function parseLegi(root: LegiNode, opts: { sanitizeHtml?: boolean } = {}): LegiResult {
  if (!root || root.type !== 'code' || !Array.isArray(root.children)) {
    throw new IngestError(`Arbre du Code du travail illisible dans ${PACKAGES.legi} (${CODE_DU_TRAVAIL}.json).`);
  }
  const doSanitize = opts.sanitizeHtml ?? true;
  const date = String(root.data.dateDebutVersion ?? root.data.dateModif ?? new Date().toISOString().slice(0, 10));
  const at = Date.parse(`${date}T00:00:00Z`);
  const sections: CodeSection[] = [];
  const articles: Article[] = [];
  const citable: CitableArticle[] = [];
  let order = 0;

  const walk = (node: LegiNode, parentId: string | null, depth: number, path: string[]) => {
    for (const child of node.children ?? []) {
      if (child.type === 'section') {
        const id = String(child.data.id);
        sections.push({ id, title: cleanTitle(String(child.data.title ?? '')), parentId, depth, order: order++ });
        walk(child, id, depth + 1, [...path, id]);
      } else if (child.type === 'article') {
        const d = child.data;
        const debut = typeof d.dateDebut === 'number' ? d.dateDebut : -Infinity;
        const fin = typeof d.dateFin === 'number' ? d.dateFin : Infinity;
        if (!(debut <= at && at < fin)) continue;
        const id = String(d.id);
        const rawHtml = String(d.texteHtml ?? '');
        const versions = Array.isArray(d.articleVersions) ? (d.articleVersions as { id: string }[]).map((v) => v.id) : [];
        articles.push({
          id,
          cid: String(d.cid ?? id),
          num: normaliseNum(String(d.num ?? id)),
          text: rawHtml ? htmlToText(rawHtml) : String(d.texte ?? '').trim(),
          html: doSanitize ? sanitize(rawHtml) : rawHtml,
          sectionId: parentId ?? '',
          path,
          order: order++,
          legifranceUrl: `https://www.legifrance.gouv.fr/codes/article_lc/${id}`,
          dateDebut: toIsoDate(d.dateDebut),
        });
        citable.push({ id, cid: String(d.cid ?? id), num: '', versionIds: versions });
      }
    }
  };
  walk(root, null, 1, []);

  // Unique nums: annexes share "Annexe I"… → suffix the num of the preceding article in code order.
  const count = new Map<string, number>();
  for (const a of articles) count.set(a.num, (count.get(a.num) ?? 0) + 1);
  let prev = '';
  for (const a of articles) {
    if ((count.get(a.num) ?? 0) > 1) a.num = `${a.num} (${prev || a.id})`;
    else if (!/^Annexe/i.test(a.num)) prev = a.num;
  }
  // Renumber article order so articles are 0..n-1 in code order (sections keep their own order).
  articles.forEach((a, i) => {
    a.order = i;
    citable[i].num = a.num;
  });
  sections.forEach((s, i) => (s.order = i));
  return { sections, articles, citable, date };
}
