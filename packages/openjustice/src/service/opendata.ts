/**
 * Open data reads: the export (incremental by update_date, cursor-paged, bounded), one decision by
 * its public id, and full-text search over published decisions (the platform's BM25F index with the
 * French analyzer, rebuilt in the background when a publication lands).
 */
import { HttpError, type Db, type Logger } from '@eig/platform';
import { TextIndexBuilder, createAnalyzer, type TextIndex } from '@eig/platform/search';
import { decodeCursor, encodeCursor, type PublishedDocument } from './publication.ts';

export const EXPORT_MAX_BATCH = 1000;
/** A page stops growing past this many bytes of JSON (a cursor continues): bounded memory and time. */
export const EXPORT_MAX_BYTES = 16 * 1024 * 1024;

export interface ExportQuery {
  date_start?: string;
  date_end?: string;
  date_type: 'update' | 'creation';
  batch_size: number;
  cursor?: string;
}

/** Accepts `2024-10-01` (whole day, UTC) or a full ISO timestamp. */
export function parseDateBound(s: string, end: boolean): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(`${s}T00:00:00.000Z`);
    if (Number.isNaN(d.getTime())) throw new HttpError(400, `Date invalide : ${s.slice(0, 40)}`, 'openjustice.bad_date');
    if (end) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString();
  }
  const t = Date.parse(s);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(s))
    throw new HttpError(400, `Date invalide : ${s.slice(0, 40)} (AAAA-MM-JJ ou horodatage ISO 8601 attendu)`, 'openjustice.bad_date');
  return new Date(t).toISOString();
}

export interface ExportPage {
  /** JSON text of each document, as stored (not re-serialised). */
  documents: string[];
  total: number;
  nextCursor: string | null;
}

export async function exportPage(db: Db, q: ExportQuery): Promise<ExportPage> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (q.date_type === 'update') {
    if (q.date_start) where.push(`update_date >= ${p(parseDateBound(q.date_start, false))}`);
    if (q.date_end) where.push(`update_date < ${p(parseDateBound(q.date_end, /^\d{4}-\d{2}-\d{2}$/.test(q.date_end)))}`);
  } else {
    if (q.date_start) where.push(`decision_date >= ${p(q.date_start.slice(0, 10))}`);
    if (q.date_end) where.push(`decision_date <= ${p(q.date_end.slice(0, 10))}`);
  }
  const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = Number(
    (await db.query<{ n: string }>(`SELECT count(*) AS n FROM openjustice_publications ${countWhere}`, params)).rows[0].n,
  );
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    if (!c) throw new HttpError(400, 'Curseur invalide : reprenez le « next_cursor » d’une réponse précédente.', 'openjustice.bad_cursor');
    where.push(`(update_date, decision_id) > (${p(c.updateDate)}::timestamptz, ${p(c.id)}::bigint)`);
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const documents: string[] = [];
  let bytes = 0;
  let last: { update: string; id: string } | null = null;
  let more = false;
  // Read in chunks so that a page of large documents stops at the byte bound without loading the rest.
  const CHUNK = 50;
  for (let offset = 0; documents.length < q.batch_size; offset += CHUNK) {
    const limit = Math.min(CHUNK, q.batch_size - documents.length) + 1;
    const { rows } = await db.query<{ decision_id: string; update_date: Date | string; doc: string }>(
      `SELECT decision_id, update_date, document::text AS doc FROM openjustice_publications ${w}
       ORDER BY update_date, decision_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    );
    let i = 0;
    for (; i < rows.length && i < limit - 1; i++) {
      const r = rows[i];
      if (documents.length > 0 && bytes + r.doc.length > EXPORT_MAX_BYTES) {
        more = true;
        break;
      }
      documents.push(r.doc);
      bytes += r.doc.length;
      last = { update: new Date(r.update_date).toISOString(), id: String(r.decision_id) };
    }
    if (more) break;
    if (rows.length < limit) break;
    if (documents.length >= q.batch_size) {
      more = true;
      break;
    }
  }
  return { documents, total, nextCursor: more && last ? encodeCursor(last.update, last.id) : null };
}

export async function publishedDecision(db: Db, publicId: string): Promise<PublishedDocument> {
  const { rows } = await db.query<{ document: PublishedDocument }>('SELECT document FROM openjustice_publications WHERE public_id = $1', [
    publicId.toLowerCase(),
  ]);
  if (!rows[0]) throw new HttpError(404, 'Aucune décision publiée sous cet identifiant.', 'openjustice.decision_not_found');
  return rows[0].document;
}

export interface SearchHit {
  id: string;
  jurisdiction: string | null;
  chamber: string | null;
  number: string | null;
  decision_date: string | null;
  solution: string | null;
  update_date: string;
  score: number;
  /** Escaped HTML, matched words in <mark>. */
  highlight: string;
}

interface IndexedDoc {
  id: string;
  jurisdiction: string | null;
  chamber: string | null;
  number: string | null;
  decision_date: string | null;
  solution: string | null;
  update_date: string;
}

/** The search index over published decisions, rebuilt (off the request path, yielding) when publications change. */
export class PublishedSearch {
  private index: TextIndex | null = null;
  private docs: IndexedDoc[] = [];
  private building: Promise<void> | null = null;
  private dirty = true;
  private readonly analyzer = createAnalyzer('fr');

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  markDirty(): void {
    this.dirty = true;
  }

  private async rebuild(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const t0 = Date.now();
      const builder = new TextIndexBuilder(this.analyzer, [{ name: 'meta', weight: 3 }, { name: 'text' }]);
      const docs: IndexedDoc[] = [];
      let after = '0';
      for (;;) {
        const { rows } = await this.db.query<{ decision_id: string; document: PublishedDocument }>(
          'SELECT decision_id, document FROM openjustice_publications WHERE decision_id > $1 ORDER BY decision_id LIMIT 200',
          [after],
        );
        for (const [i, r] of rows.entries()) {
          const d = r.document;
          builder.add({ meta: [d.jurisdiction_name, d.chamber, d.number, d.solution, d.ecli].filter(Boolean).join(' '), text: d.text });
          docs.push({
            id: d.id,
            jurisdiction: d.jurisdiction_name ?? d.jurisdiction,
            chamber: d.chamber,
            number: d.number,
            decision_date: d.decision_date,
            solution: d.solution,
            update_date: d.update_date,
          });
          // Let requests through between documents: analysing a long decision takes milliseconds.
          if (i % 10 === 9) await new Promise((r2) => setImmediate(r2));
        }
        if (rows.length < 200) break;
        after = rows[rows.length - 1].decision_id;
      }
      this.index = builder.build();
      this.docs = docs;
      this.log.info({ documents: docs.length, ms: Date.now() - t0 }, 'open data search index built');
    }
  }

  async ready(): Promise<TextIndex> {
    if (this.dirty || !this.index) {
      this.building ??= this.rebuild().finally(() => (this.building = null));
      await this.building;
    }
    return this.index!;
  }

  async search(query: string, page: number, pageSize: number): Promise<{ total: number; results: SearchHit[] }> {
    const index = await this.ready();
    const r = index.search(query, { limit: pageSize, offset: (page - 1) * pageSize });
    const results: SearchHit[] = [];
    for (const h of r.hits) {
      const d = this.docs[h.doc];
      const doc = await this.db.query<{ text: string }>(
        `SELECT document->>'text' AS text FROM openjustice_publications WHERE public_id = $1`,
        [d.id],
      );
      results.push({ ...d, score: Math.round(h.score * 1000) / 1000, highlight: index.snippet(doc.rows[0]?.text ?? '', r, 300) });
    }
    return { total: r.total, results };
  }
}
