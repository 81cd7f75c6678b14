import type { Migration } from '@eig/platform';

/**
 * IA Flash's tables (same SQL on PGlite and PostgreSQL). Photos live only in `iaflash_photos`, each
 * with its expiry (the retention purge deletes them); plates only in `iaflash_analyses.plate` and the
 * imported registry. The audit trail of flags stores who decided what and when, never a photo.
 */
export const migrations: Migration[] = [
  {
    id: '001_init',
    sql: `
      CREATE TABLE iaflash_models (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by integer,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('training', 'ready', 'failed')),
        active boolean NOT NULL DEFAULT false,
        dir text,
        manifest jsonb,
        job_id text,
        error text,
        finished_at timestamptz
      );
      CREATE UNIQUE INDEX iaflash_models_one_active ON iaflash_models (active) WHERE active;

      CREATE TABLE iaflash_batches (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by integer,
        origin text NOT NULL CHECK (origin IN ('api', 'web', 'cli')),
        name text NOT NULL,
        total integer NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]'
      );

      CREATE TABLE iaflash_analyses (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by integer,
        batch_id bigint REFERENCES iaflash_batches (id) ON DELETE CASCADE,
        item text,
        status text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
        plate text,
        registered_raw text,
        registered_make text,
        registered_model text,
        registered_status text,
        decision text CHECK (decision IN ('CONSISTENT', 'MISMATCH', 'UNDETERMINED')),
        score real,
        top_make text,
        top_model text,
        top_prob real,
        result jsonb,
        error_code text,
        error text,
        model_id bigint,
        analyzed_at timestamptz
      );
      CREATE INDEX iaflash_analyses_batch ON iaflash_analyses (batch_id, status, id);
      CREATE INDEX iaflash_analyses_created ON iaflash_analyses (created_at);

      CREATE TABLE iaflash_photos (
        analysis_id bigint PRIMARY KEY REFERENCES iaflash_analyses (id) ON DELETE CASCADE,
        bytes bytea NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX iaflash_photos_expiry ON iaflash_photos (expires_at);

      CREATE TABLE iaflash_flags (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        analysis_id bigint NOT NULL UNIQUE REFERENCES iaflash_analyses (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed')),
        decided_by integer,
        decided_at timestamptz,
        comment text,
        version integer NOT NULL DEFAULT 1
      );
      CREATE INDEX iaflash_flags_status ON iaflash_flags (status, id);

      CREATE TABLE iaflash_flag_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        flag_id bigint NOT NULL REFERENCES iaflash_flags (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        user_id integer,
        user_email text,
        action text NOT NULL CHECK (action IN ('created', 'confirm', 'dismiss', 'reopen')),
        comment text
      );
      CREATE INDEX iaflash_flag_audit_flag ON iaflash_flag_audit (flag_id, id);

      CREATE TABLE iaflash_registry (
        plate text PRIMARY KEY,
        make_raw text NOT NULL,
        model_raw text NOT NULL,
        make text,
        model text,
        status text NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    // The plate's image of a batch case, when the operator sends one: it lives and expires with the photo.
    id: '002_plate_images',
    sql: `ALTER TABLE iaflash_photos ADD COLUMN plate_bytes bytea;`,
  },
];
