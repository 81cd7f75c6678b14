/**
 * ExploCode schema. Plain PostgreSQL that runs identically on PGlite and PostgreSQL.
 *
 * Zero-downtime re-ingest: every content row carries `dataset_id`. An ingest writes a NEW dataset
 * (status 'loading') in batches, then one short transaction marks it 'ready' (the served one) and the
 * previous one 'retired'; retired rows are deleted afterwards. A failed ingest marks its dataset 'failed'
 * and deletes its rows: the previous dataset keeps being served throughout. At most one dataset is
 * 'ready' (partial unique index).
 */
import type { Migration } from '@eig/platform';

export const CONTENT_TABLES = [
  'explocode_sections',
  'explocode_articles',
  'explocode_fiches',
  'explocode_fiche_sections',
  'explocode_contributions',
  'explocode_answers',
  'explocode_conventions',
  'explocode_convention_articles',
  'explocode_themes',
  'explocode_theme_fiches',
  'explocode_citations',
] as const;

export const migrations: Migration[] = [
  {
    id: '001_init',
    sql: `
CREATE TABLE explocode_datasets (
  id serial PRIMARY KEY,
  version text NOT NULL,
  status text NOT NULL CHECK (status IN ('loading', 'ready', 'failed', 'retired')),
  counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_at timestamptz,
  finished_at timestamptz
);
CREATE UNIQUE INDEX explocode_datasets_one_ready ON explocode_datasets ((true)) WHERE status = 'ready';

CREATE TABLE explocode_sections (
  dataset_id int NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  parent_id text,
  depth int NOT NULL,
  ord int NOT NULL,
  PRIMARY KEY (dataset_id, id)
);

CREATE TABLE explocode_articles (
  dataset_id int NOT NULL,
  id text NOT NULL,
  cid text NOT NULL,
  num text NOT NULL,
  text text NOT NULL,
  html text NOT NULL,
  section_id text NOT NULL,
  path text[] NOT NULL,
  ord int NOT NULL,
  legifrance_url text NOT NULL,
  date_debut text,
  PRIMARY KEY (dataset_id, id)
);
CREATE UNIQUE INDEX explocode_articles_num ON explocode_articles (dataset_id, num);
CREATE UNIQUE INDEX explocode_articles_ord ON explocode_articles (dataset_id, ord);
CREATE INDEX explocode_articles_cid ON explocode_articles (dataset_id, cid);

CREATE TABLE explocode_fiches (
  dataset_id int NOT NULL,
  id text NOT NULL,
  source text NOT NULL,
  title text NOT NULL,
  description text NOT NULL,
  url text NOT NULL,
  breadcrumb text[] NOT NULL,
  date text,
  intro text NOT NULL,
  cited text[] NOT NULL,
  ord int NOT NULL,
  PRIMARY KEY (dataset_id, id)
);

CREATE TABLE explocode_fiche_sections (
  dataset_id int NOT NULL,
  fiche_id text NOT NULL,
  idx int NOT NULL,
  anchor text NOT NULL,
  title text NOT NULL,
  text text NOT NULL,
  html text NOT NULL,
  cited text[] NOT NULL,
  PRIMARY KEY (dataset_id, fiche_id, idx)
);

CREATE TABLE explocode_contributions (
  dataset_id int NOT NULL,
  id text NOT NULL,
  slug text NOT NULL,
  title text NOT NULL,
  embedded_fiches text[] NOT NULL,
  ord int NOT NULL,
  PRIMARY KEY (dataset_id, id)
);
CREATE UNIQUE INDEX explocode_contributions_slug ON explocode_contributions (dataset_id, slug);

-- idcc = '' for the generic answer.
CREATE TABLE explocode_answers (
  dataset_id int NOT NULL,
  contribution_id text NOT NULL,
  idcc text NOT NULL,
  text text NOT NULL,
  html text NOT NULL,
  cited text[] NOT NULL,
  PRIMARY KEY (dataset_id, contribution_id, idcc)
);
CREATE INDEX explocode_answers_idcc ON explocode_answers (dataset_id, idcc);

CREATE TABLE explocode_conventions (
  dataset_id int NOT NULL,
  idcc text NOT NULL,
  id text NOT NULL,
  title text NOT NULL,
  short_title text NOT NULL,
  url text NOT NULL,
  effectif int,
  has_full_text boolean NOT NULL,
  article_count int NOT NULL,
  PRIMARY KEY (dataset_id, idcc)
);

CREATE TABLE explocode_convention_articles (
  dataset_id int NOT NULL,
  idcc text NOT NULL,
  ord int NOT NULL,
  id text NOT NULL,
  num text,
  text text NOT NULL,
  path text[] NOT NULL,
  PRIMARY KEY (dataset_id, idcc, ord)
);

-- art_from/art_to: the subtree of a code theme is a contiguous range of articles in code order.
CREATE TABLE explocode_themes (
  dataset_id int NOT NULL,
  id text NOT NULL,
  source text NOT NULL,
  title text NOT NULL,
  parent_id text,
  path text[] NOT NULL,
  ord int NOT NULL,
  articles int NOT NULL,
  fiches int NOT NULL,
  contributions int NOT NULL,
  art_from int,
  art_to int,
  PRIMARY KEY (dataset_id, id)
);
CREATE INDEX explocode_themes_parent ON explocode_themes (dataset_id, parent_id);

-- Fiches under a service-public theme (every level of their breadcrumb).
CREATE TABLE explocode_theme_fiches (
  dataset_id int NOT NULL,
  theme_id text NOT NULL,
  fiche_id text NOT NULL,
  PRIMARY KEY (dataset_id, theme_id, fiche_id)
);

-- "Who cites this article": source_type 'fiche' (part = section anchor, '' = reference list only) or
-- 'contribution' (part = idcc, '' = generic answer).
CREATE TABLE explocode_citations (
  dataset_id int NOT NULL,
  source_type text NOT NULL,
  source_id text NOT NULL,
  part text NOT NULL,
  num text NOT NULL
);
CREATE INDEX explocode_citations_num ON explocode_citations (dataset_id, num);
CREATE INDEX explocode_citations_source ON explocode_citations (dataset_id, source_type, source_id);
`,
  },
  {
    // One ingest at a time, across processes (CLI and servers on one PostgreSQL): a second one cannot
    // start a 'loading' dataset while another is alive. The heartbeat tells a live ingest from one
    // whose process died.
    id: '002_one_loading_dataset',
    sql: `
UPDATE explocode_datasets SET status = 'failed', error = 'ingestion interrompue', finished_at = now() WHERE status = 'loading';
ALTER TABLE explocode_datasets ADD COLUMN heartbeat_at timestamptz;
CREATE UNIQUE INDEX explocode_datasets_one_loading ON explocode_datasets ((true)) WHERE status = 'loading';
`,
  },
  {
    // The job attempt writing a 'loading' dataset: the ingest job is exclusive across processes, so
    // an attempt that starts knows that any dataset another attempt left 'loading' is dead (its
    // process was killed) and cleans it up at once, without waiting for a heartbeat to go stale.
    id: '003_dataset_owner',
    sql: `
ALTER TABLE explocode_datasets ADD COLUMN job_id text, ADD COLUMN attempt int;
`,
  },
];
