/**
 * Training questions for the learned article ranker, derived from the corpus itself (no evaluation
 * file involved): each fiche's title, each fiche section's title (prefixed with the fiche's title when
 * the section title alone says little, as the dev set does), each question-réponse's question; the
 * relevant articles are those the text cites. Used by scripts/train-ranker.ts only.
 *
 * Documents can be left out (the bench's dev set is derived the same way from some documents: those
 * are excluded so that it stays a held-out check), and the rest is split by document, never by query,
 * into a fitting part and a validation part (a stable hash of the document id).
 */
import type { Corpus } from '../types.ts';

export interface TrainingQuery {
  id: string;
  query: string;
  /** the fiche id or the question-réponse id the question comes from (the split and the exclusion are by document) */
  doc: string;
  kind: 'fiche-title' | 'section' | 'question';
  articles: { num: string }[];
}

/** A query citing more articles than this says little about each (the dev set drops them too). */
export const MAX_RELEVANT = 15;
/** Section titles that are boilerplate, not questions (reference lists, contacts, reading lists, videos). */
const BOILERPLATE =
  /^(?:textes? de r[ée]f[ée]rence|sources? r[ée]glementaires?|services? en ligne|qui contacter|[àa] lire|pour en savoir plus|vid[ée]os?|r[ée]f[ée]rences?|voir aussi|et aussi)\b/i;
/** A section title of at most this many words gets the fiche title before it ("Quelle est la durée du mandat ?"). */
const SHORT_SECTION_WORDS = 6;

/** FNV-1a hash of a string, in [0, 1): a stable, platform-independent split key. */
export function stableUnit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 4294967296;
}

/** Whether a document goes to the validation part (share `validShare` of documents, by hash). */
export const isValidationDoc = (doc: string, validShare: number) => stableUnit(`ranker:${doc}`) < validShare;

/**
 * The derived questions of every document not in `exclude`, in corpus order. `known(num)` says whether
 * an article number is in the corpus (citations of articles not in force are dropped).
 */
export function deriveTrainingQueries(
  corpus: Pick<Corpus, 'fiches' | 'contributions'>,
  known: (num: string) => boolean,
  exclude: ReadonlySet<string> = new Set(),
): TrainingQuery[] {
  const out: TrainingQuery[] = [];
  const seen = new Set<string>();
  const push = (doc: string, kind: TrainingQuery['kind'], query: string, nums: string[]) => {
    const q = query.replace(/\s+/g, ' ').trim();
    const arts = [...new Set(nums.map((n) => n.trim()))].filter(known);
    if (!q || !arts.length || arts.length > MAX_RELEVANT) return;
    const key = q.toLowerCase();
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ id: `${doc}#${out.length}`, query: q, doc, kind, articles: arts.map((num) => ({ num })) });
  };
  for (const f of corpus.fiches) {
    if (exclude.has(f.id)) continue;
    push(f.id, 'fiche-title', f.title, f.citedArticles);
    for (const s of f.sections) {
      const title = s.title.trim();
      if (!title || title === f.title || BOILERPLATE.test(title)) continue;
      const words = (title.match(/[\p{L}\p{N}]+/gu) ?? []).length;
      push(f.id, 'section', words <= SHORT_SECTION_WORDS ? `${f.title} : ${title}` : title, s.citedArticles);
    }
  }
  for (const c of corpus.contributions) {
    if (exclude.has(c.id) || exclude.has(c.slug)) continue;
    push(c.id, 'question', c.title, c.generic.citedArticles);
  }
  return out;
}
