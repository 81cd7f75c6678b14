import type { Migration } from '@eig/platform';

/**
 * Open Justice's tables (same SQL on PGlite and PostgreSQL). Decision texts live only in
 * `openjustice_decisions.text` and, pseudonymised, in `openjustice_publications`; the audit trail
 * stores offsets and categories, never words of a decision.
 */
export const migrations: Migration[] = [
  {
    id: '001_init',
    sql: `
      CREATE TABLE openjustice_imports (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by integer,
        origin text NOT NULL CHECK (origin IN ('api', 'cli')),
        files integer NOT NULL DEFAULT 0,
        decisions integer NOT NULL DEFAULT 0,
        duplicates integer NOT NULL DEFAULT 0,
        problems jsonb NOT NULL DEFAULT '[]'
      );

      CREATE TABLE openjustice_decisions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        public_id text NOT NULL UNIQUE,
        import_id bigint REFERENCES openjustice_imports (id),
        source_name text NOT NULL,
        source_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('loaded', 'annotated', 'free', 'pending', 'saved', 'toBeConfirmed', 'done', 'locked')),
        text text NOT NULL,
        text_length integer NOT NULL,
        -- metadata given by the import, then completed by the engine (engine values never overwrite given ones)
        court text, court_type text, chamber text, decision_date text, number text, solution text, ecli text,
        annotations jsonb NOT NULL DEFAULT '[]',
        engine_annotations integer,
        checklist jsonb NOT NULL DEFAULT '[]',
        risk jsonb,
        zones jsonb NOT NULL DEFAULT '[]',
        review_route text CHECK (review_route IN ('simple', 'double')),
        engine_version text,
        assignee integer,
        first_reviewer integer,
        locked_from text,
        version integer NOT NULL DEFAULT 1,
        time_spent_ms bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        annotated_at timestamptz,
        done_at timestamptz,
        UNIQUE (source_name, source_id)
      );
      CREATE INDEX openjustice_decisions_status ON openjustice_decisions (status, id);
      CREATE INDEX openjustice_decisions_assignee ON openjustice_decisions (assignee, status, id);
      CREATE INDEX openjustice_decisions_number ON openjustice_decisions (lower(number));
      CREATE INDEX openjustice_decisions_import ON openjustice_decisions (import_id, status);

      CREATE TABLE openjustice_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        decision_id bigint NOT NULL REFERENCES openjustice_decisions (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor integer,
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'system', 'cli')),
        action text NOT NULL,
        from_status text,
        to_status text,
        before jsonb,
        after jsonb,
        time_spent_ms integer NOT NULL DEFAULT 0
      );
      CREATE INDEX openjustice_audit_decision ON openjustice_audit (decision_id, id);
      CREATE INDEX openjustice_audit_actor ON openjustice_audit (actor, at);

      -- Open data: one row per published decision. update_date is set under a transaction-scoped
      -- advisory lock, so publications commit in update_date order and a harvester that resumes
      -- from its last (update_date, id) never misses a row committed later with an earlier date.
      CREATE TABLE openjustice_publications (
        decision_id bigint PRIMARY KEY REFERENCES openjustice_decisions (id),
        public_id text NOT NULL UNIQUE,
        update_date timestamptz NOT NULL,
        decision_date text,
        document jsonb NOT NULL
      );
      CREATE INDEX openjustice_publications_update ON openjustice_publications (update_date, decision_id);
    `,
  },
];
