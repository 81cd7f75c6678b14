/**
 * Open data: a validated decision becomes a document close to Judilibre's (`/decision`, `/export`):
 * pseudonymised text, zones (offsets into that text), metadata. Written in the transaction that
 * validates it, under an advisory lock so that `update_date` values commit in increasing order
 * (a harvester resuming from its last update_date never misses a later commit with an earlier date).
 */
import type { Queryable } from '@eig/platform';
import { mapOffset, pseudonymizedText } from '../review/annotations.ts';
import type { FullDecisionRow } from './rows.ts';

/** Arbitrary, fixed: the key of the publication lock (pg_advisory_xact_lock). */
const PUBLICATION_LOCK = 0x4f4a5055; // "OJPU"

const JURISDICTION: Record<string, string> = { cass: 'cc', ca: 'ca', tj: 'tj', tcom: 'tcom', cph: 'cph', ta: 'ta', caa: 'caa', ce: 'ce' };

export interface PublishedDocument {
  id: string;
  source: string;
  jurisdiction: string | null;
  jurisdiction_name: string | null;
  chamber: string | null;
  number: string | null;
  numbers: string[];
  ecli: string | null;
  decision_date: string | null;
  update_date: string;
  solution: string | null;
  text: string;
  zones: Record<string, { start: number; end: number }[]>;
  pseudonymisation: { engine_version: string | null; masked: number; review: 'simple' | 'double' | null };
}

export function buildDocument(row: FullDecisionRow, updateDate: string): PublishedDocument {
  const text = pseudonymizedText(row.text, row.annotations);
  const map = mapOffset(row.text, row.annotations);
  const zones: PublishedDocument['zones'] = {};
  for (const z of row.zones) (zones[z.zone] ??= []).push({ start: map(z.start), end: map(z.end) });
  return {
    id: row.public_id,
    source: row.source_name,
    jurisdiction: row.court_type ? (JURISDICTION[row.court_type] ?? row.court_type) : null,
    jurisdiction_name: row.court,
    chamber: row.chamber,
    number: row.number,
    numbers: row.number ? [row.number] : [],
    ecli: row.ecli,
    decision_date: row.decision_date,
    update_date: updateDate,
    solution: row.solution,
    text,
    zones,
    pseudonymisation: {
      engine_version: row.engine_version,
      masked: row.annotations.filter((a) => a.category !== 'professionnelMagistratGreffier' && a.category !== 'professionnelAvocat').length,
      review: row.review_route,
    },
  };
}

/** Publishes (or re-publishes) inside the caller's transaction. */
export async function publish(tx: Queryable, row: FullDecisionRow): Promise<string> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [PUBLICATION_LOCK]);
  const now = await tx.query<{ t: Date | string }>('SELECT clock_timestamp() AS t');
  const updateDate = new Date(now.rows[0].t).toISOString();
  const doc = buildDocument(row, updateDate);
  await tx.query(
    `INSERT INTO openjustice_publications (decision_id, public_id, update_date, decision_date, document) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (decision_id) DO UPDATE SET update_date = EXCLUDED.update_date, decision_date = EXCLUDED.decision_date, document = EXCLUDED.document`,
    [row.id, row.public_id, updateDate, row.decision_date, JSON.stringify(doc)],
  );
  await tx.query(`SELECT pg_notify('openjustice_published', $1)`, [row.public_id]);
  return updateDate;
}

/** Export cursor: the (update_date, decision id) of the last document sent, opaque to clients. */
export function encodeCursor(updateDate: string, id: string): string {
  return Buffer.from(`${updateDate}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { updateDate: string; id: string } | null {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)\|(\d{1,19})$/.exec(raw);
  return m && !Number.isNaN(Date.parse(m[1])) ? { updateDate: m[1], id: m[2] } : null;
}
