/**
 * IA Flash's operations, called by the JSON routes, the page loaders, the jobs and the CLI alike:
 * analyse a photo, batches of cases, the review of flags, the registry, the model. Photos and
 * plates never reach a log line.
 */
import { mkdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { HttpError, type AuthUser, type Queryable } from '@eig/platform';
import type { IaFlash } from '../context.ts';
import { parsePlate, plateKey } from '../core/plate-format.ts';
import { comparePlates } from '../core/plate-check.ts';
import { normalizeRegistry } from '../core/registry/normalize.ts';
import { toMatchvec, type MatchvecObject } from '../core/matchvec.ts';
import type { AnalysisResult } from '../core/analysis.ts';
import { IaflashError } from '../io/errors.ts';
import { readZip, type ZipEntry } from '../io/zip.ts';
import { readCasesCsv, readRegistryCsv } from '../io/cases-csv.ts';
import { mapErrors } from './errors.ts';
import { activePlateReaderDir } from '../plates/api.ts';
import { readPlateReaderRecord } from '../plates/reader.ts';
import { photoSize, thumbnail } from './photos.ts';
import { CHECK_JOB, MODEL_CHANNEL, TRAIN_JOB } from './jobs.ts';
import type * as s from '../http/schemas.ts';

export const AGENT_ROLE = 'iaflash.agent';
export const ADMIN_ROLE = 'iaflash.admin';

export const isStaff = (u: AuthUser | null | undefined) => Boolean(u && (u.roles.includes(AGENT_ROLE) || u.roles.includes(ADMIN_ROLE)));
export const isAdmin = (u: AuthUser | null | undefined) => Boolean(u && u.roles.includes(ADMIN_ROLE));

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const yes = (v: string | undefined) => v === 'true' || v === '1' || v === 'on';
const PHOTO_RE = /\.(jpe?g|png)$/i;
export const FLAGS_PAGE_SIZE = 25;

interface AnalysisDbRow {
  id: string;
  item: string | null;
  status: 'pending' | 'done' | 'failed';
  plate: string | null;
  registered_raw: string | null;
  registered_make: string | null;
  registered_model: string | null;
  registered_status: 'OK' | 'UNDETERMINED' | null;
  decision: s.DecisionValue | null;
  score: number | null;
  top_make: string | null;
  top_model: string | null;
  top_prob: number | null;
  error: string | null;
  flag_id: string | null;
  flag_status: s.FlagStatus | null;
  reason: string | null;
  plate_disagreement: string | null;
}

const ANALYSIS_COLUMNS = `a.id, a.item, a.status, a.plate, a.registered_raw, a.registered_make, a.registered_model, a.registered_status,
  a.decision, a.score, a.top_make, a.top_model, a.top_prob, a.error, f.id AS flag_id, f.status AS flag_status,
  a.result #>> '{check,reasons,0,message}' AS reason,
  jsonb_path_query_first(a.result, '$.check.reasons[*] ? (@.code == "PLATE_DISAGREES").message') #>> '{}' AS plate_disagreement`;

function analysisRow(r: AnalysisDbRow): s.AnalysisRow {
  return {
    id: Number(r.id),
    item: r.item,
    status: r.status,
    plate: r.plate,
    registeredRaw: r.registered_raw,
    registered: r.registered_status
      ? { make: r.registered_make ?? '', model: r.registered_model ?? '', status: r.registered_status }
      : null,
    decision: r.decision,
    score: num(r.score),
    top: r.top_make ? { make: r.top_make, model: r.top_model ?? '', prob: Number(r.top_prob) } : null,
    error: r.error,
    reason: r.reason ?? null,
    plateDisagreement: r.plate_disagreement ?? null,
    flagId: num(r.flag_id),
    flagStatus: r.flag_status,
  };
}

export interface AnalyzeOutcome extends s.AnalyzeResponse {
  /** Re-encoded thumbnail for the page (never in the JSON API). */
  thumbnail?: Buffer | null;
}

export class IaflashService {
  constructor(readonly ia: IaFlash) {}

  private get ctx() {
    return this.ia.ctx;
  }
  private get db() {
    return this.ia.ctx.db;
  }

  // ---- one photo

  async analyze(
    photo: Buffer,
    fields: s.AnalyzeFields,
    user: AuthUser | null,
    opts: { thumbnail?: boolean; plateImage?: Buffer } = {},
  ): Promise<AnalyzeOutcome> {
    const store = yes(fields.store);
    if (store && !isStaff(user))
      throw new HttpError(403, 'Seuls les agents IA Flash peuvent conserver une analyse.', 'iaflash.store_forbidden');
    const plate = fields.plate?.trim() ? parsePlate(fields.plate) : null;
    let make = fields.registeredMake?.trim() || undefined;
    let modelName = fields.registeredModel?.trim() || undefined;
    let registryFound = false;
    if (plate && !make && !modelName) {
      const reg = await this.lookupPlate(plate.text);
      if (reg) {
        registryFound = true;
        make = reg.make_raw;
        modelName = reg.model_raw;
      }
    }
    const active = await this.ia.model();
    const result = await mapErrors(() =>
      this.ia.gate(async () => (await this.ia.analyzer()).analyze(photo, { registeredMake: make, registeredModel: modelName })),
    );
    // The case file's plate always wins: a reading of another plate only adds a reason (core/plate-check.ts).
    const reading = opts.plateImage ? await this.readPlate(opts.plateImage) : undefined;
    const compared = reading ? comparePlates(plate?.text ?? null, reading) : undefined;
    if (compared?.reason && result.check) result.check.reasons.push(compared.reason);
    const [image, thumb] = await Promise.all([photoSize(photo), opts.thumbnail ? thumbnail(photo) : Promise.resolve(undefined)]);
    const out: AnalyzeOutcome = {
      vehicles: result.vehicles.map((v) => ({ box: [...v.box], score: v.score, label: v.label, classes: v.classes })),
      ...(result.check ? { check: result.check } : {}),
      ...(reading && compared ? { plateReading: { ...reading, agreement: compared.agreement } } : {}),
      ...(image ? { image } : {}),
      ...(plate ? { plate: { text: plate.text, format: plate.format, valid: plate.valid, registryFound } } : {}),
      model: { id: active.id, name: active.name },
      ...(thumb !== undefined ? { thumbnail: thumb } : {}),
    };
    if (store) {
      const ids = await this.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO iaflash_analyses (created_by, status, plate, model_id) VALUES ($1, 'pending', $2, $3) RETURNING id`,
          [user!.id, plate?.text ?? null, active.id],
        );
        const id = Number(rows[0].id);
        await tx.query(`INSERT INTO iaflash_photos (analysis_id, bytes, expires_at) VALUES ($1, $2, now() + make_interval(days => $3))`, [
          id,
          photo,
          this.ctx.settings.IAFLASH_RETENTION_DAYS,
        ]);
        const flagId = await this.saveResult(tx, id, [make, modelName].filter(Boolean).join(' ') || null, result, active.id);
        return { id, flagId };
      });
      out.analysisId = ids.id;
      if (ids.flagId) out.flagId = ids.flagId;
    }
    return out;
  }

  async matchvec(photo: Buffer): Promise<MatchvecObject[][]> {
    const result = await mapErrors(() => this.ia.gate(async () => (await this.ia.analyzer()).analyze(photo, {})));
    return [toMatchvec(result)];
  }

  normalize(raw: string): s.Registered {
    return normalizeRegistry(raw);
  }

  async readPlate(image: Buffer): Promise<{ text: string; confidence: number; format: 'SIV' | 'FNI' | 'UNKNOWN' }> {
    const reader = await this.ia.plateReader();
    const r = await mapErrors(() => this.ia.gate(() => reader.readPlate(image)));
    return { text: r.text, confidence: r.confidence, format: r.format };
  }

  private async lookupPlate(plate: string, q: Queryable = this.db) {
    const { rows } = await q.query<{ make_raw: string; model_raw: string }>(
      `SELECT make_raw, model_raw FROM iaflash_registry WHERE plate = $1`,
      [plateKey(plate)],
    );
    return rows[0] ?? null;
  }

  /** Writes an analysis' outcome; opens a flag for a MISMATCH. Returns the flag's id, if one was opened. */
  private async saveResult(
    tx: Queryable,
    id: number,
    registeredRaw: string | null,
    result: AnalysisResult,
    modelId: number | null,
  ): Promise<number | null> {
    const reg = result.check?.registered ?? (registeredRaw ? normalizeRegistry(registeredRaw) : null);
    const top = result.vehicles[0]?.classes[0] ?? null;
    await tx.query(
      `UPDATE iaflash_analyses SET status = 'done', registered_raw = $2, registered_make = $3, registered_model = $4, registered_status = $5,
         decision = $6, score = $7, top_make = $8, top_model = $9, top_prob = $10, result = $11, model_id = $12, analyzed_at = now(),
         error = NULL, error_code = NULL
       WHERE id = $1`,
      [
        id,
        registeredRaw,
        reg?.make ?? null,
        reg?.model ?? null,
        reg?.status ?? null,
        result.check?.decision ?? null,
        result.check?.score ?? null,
        top?.make ?? null,
        top?.model ?? null,
        top?.prob ?? null,
        JSON.stringify({ vehicles: result.vehicles, check: result.check ?? null }),
        modelId,
      ],
    );
    if (result.check?.decision !== 'MISMATCH') return null;
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO iaflash_flags (analysis_id, status) VALUES ($1, 'open') ON CONFLICT (analysis_id) DO NOTHING RETURNING id`,
      [id],
    );
    if (!rows[0]) return null;
    await tx.query(`INSERT INTO iaflash_flag_audit (flag_id, action) VALUES ($1, 'created')`, [rows[0].id]);
    return Number(rows[0].id);
  }

  // ---- batches

  /**
   * A batch: the photos (a zip, or files already read by the CLI) and the cases CSV. Everything is
   * checked and stored before anything is analysed; the analyses run as jobs of a few photos each,
   * shared by every process that works jobs.
   */
  async submitBatch(input: {
    name: string;
    origin: 'api' | 'web' | 'cli';
    user: AuthUser | null;
    casesCsv: Buffer;
    zip?: Buffer;
    files?: { name: string; read(): Buffer | Promise<Buffer> }[];
    enqueue?: boolean;
  }): Promise<{ batch: s.BatchSummary; jobs: string[]; ids: number[] }> {
    const st = this.ctx.settings;
    const cases = readCasesCsv(input.casesCsv, st.IAFLASH_MAX_BATCH_PHOTOS);
    const entries: { name: string; read(): Buffer | Promise<Buffer> }[] =
      input.files ??
      readZip(input.zip ?? Buffer.alloc(0), {
        maxEntries: st.IAFLASH_MAX_BATCH_PHOTOS * 2 + 10,
        maxEntryBytes: st.IAFLASH_MAX_PHOTO_BYTES,
        maxTotalBytes: st.IAFLASH_MAX_ZIP_BYTES * 2,
      }).filter((e: ZipEntry) => PHOTO_RE.test(e.name));
    const byName = new Map<string, (typeof entries)[number]>();
    for (const e of entries) {
      byName.set(e.name.toLowerCase(), e);
      const base = e.name.split('/').pop()!.toLowerCase();
      if (!byName.has(base)) byName.set(base, e);
    }
    const entryFor = (name: string) => byName.get(name.toLowerCase()) ?? byName.get(name.split('/').pop()!.toLowerCase());
    const problems: string[] = [];
    const problem = (text: string) => problems.length < 100 && problems.push(text);
    const found = cases.filter((c) => {
      const ok = entryFor(c.file) !== undefined;
      if (!ok) problem(`Ligne ${c.line} : photo absente de l’archive (${c.file.slice(0, 100)}).`);
      // A missing plate image loses only the plate check: the case is still analysed.
      else if (c.plateFile && !entryFor(c.plateFile))
        problem(`Ligne ${c.line} : image de plaque absente de l’archive (${c.plateFile.slice(0, 100)}), plaque non lue.`);
      return ok;
    });
    if (found.length === 0) throw new HttpError(400, 'Aucune photo du fichier CSV ne se trouve dans l’archive.', 'iaflash.batch_empty');
    const expiry = st.IAFLASH_RETENTION_DAYS;
    const ids: number[] = [];
    const batchId = await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO iaflash_batches (created_by, origin, name, total, problems) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [input.user?.id ?? null, input.origin, input.name.slice(0, 200) || 'Lot', found.length, JSON.stringify(problems)],
      );
      const id = Number(rows[0].id);
      for (const c of found) {
        const bytes = await entryFor(c.file)!.read();
        const plateEntry = c.plateFile ? entryFor(c.plateFile) : undefined;
        const plateBytes = plateEntry ? await plateEntry.read() : null;
        let raw = [c.make, c.model].filter(Boolean).join(' ') || null;
        const plate = c.plate ? parsePlate(c.plate).text : null;
        if (!raw && plate) {
          const reg = await this.lookupPlate(plate, tx);
          if (reg) raw = `${reg.make_raw} ${reg.model_raw}`;
        }
        const reg = raw ? normalizeRegistry(raw) : null;
        const a = await tx.query<{ id: string }>(
          `INSERT INTO iaflash_analyses (created_by, batch_id, item, status, plate, registered_raw, registered_make, registered_model, registered_status)
           VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8) RETURNING id`,
          [input.user?.id ?? null, id, c.file.slice(0, 300), plate, raw, reg?.make ?? null, reg?.model ?? null, reg?.status ?? null],
        );
        const aid = Number(a.rows[0].id);
        ids.push(aid);
        await tx.query(
          `INSERT INTO iaflash_photos (analysis_id, bytes, plate_bytes, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
          [aid, bytes, plateBytes, expiry],
        );
      }
      return id;
    });
    const jobs: string[] = [];
    if (input.enqueue !== false)
      for (let i = 0; i < ids.length; i += st.IAFLASH_JOB_CHUNK)
        jobs.push(await this.ctx.jobs.enqueue(CHECK_JOB, { batchId, ids: ids.slice(i, i + st.IAFLASH_JOB_CHUNK) }));
    return { batch: await this.batch(batchId), jobs, ids };
  }

  /** Analyses the pending cases among `ids` (idempotent: done ones are skipped), `parallel` at a time. */
  async processPending(
    ids: number[],
    opts: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void; parallel?: number } = {},
  ) {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM iaflash_analyses WHERE id = ANY($1::bigint[]) AND status = 'pending' ORDER BY id`,
      [ids],
    );
    const todo = rows.map((r) => Number(r.id));
    const analyzer = await this.ia.analyzer();
    const active = await this.ia.model();
    let done = 0;
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
        const id = todo[next++];
        const { rows: r } = await this.db.query<{
          bytes: Uint8Array | null;
          plate_bytes: Uint8Array | null;
          plate: string | null;
          registered_raw: string | null;
        }>(
          `SELECT p.bytes, p.plate_bytes, a.plate, a.registered_raw FROM iaflash_analyses a LEFT JOIN iaflash_photos p ON p.analysis_id = a.id WHERE a.id = $1`,
          [id],
        );
        const row = r[0];
        if (!row) continue;
        try {
          if (!row.bytes) throw new IaflashError('IMAGE_EMPTY', 'La photo n’est plus disponible (durée de conservation dépassée).');
          const result = await analyzer.analyze(Buffer.from(row.bytes), { registeredMake: row.registered_raw ?? undefined });
          if (row.plate_bytes) {
            // An unreadable plate image loses only the plate check, not the case's analysis.
            const reader = await this.ia.plateReader();
            const reading = await reader.readPlate(Buffer.from(row.plate_bytes)).catch((err: unknown) => {
              if (err instanceof IaflashError) return null;
              throw err;
            });
            const reason = reading && comparePlates(row.plate, reading).reason;
            if (reason && result.check) result.check.reasons.push(reason);
          }
          await this.db.transaction((tx) => this.saveResult(tx, id, row.registered_raw, result, active.id));
        } catch (err) {
          if (!(err instanceof IaflashError)) throw err;
          await this.db.query(
            `UPDATE iaflash_analyses SET status = 'failed', error_code = $2, error = $3, analyzed_at = now() WHERE id = $1`,
            [id, err.code, err.message],
          );
        }
        opts.onProgress?.(++done, todo.length);
      }
    };
    const parallel = Math.max(1, opts.parallel ?? this.ctx.settings.IAFLASH_THREADS);
    await Promise.all(Array.from({ length: Math.min(parallel, todo.length) }, worker));
    return { processed: done };
  }

  async batch(id: number): Promise<s.BatchSummary> {
    const list = await this.batchesWhere('WHERE b.id = $1', [id]);
    if (!list[0]) throw new HttpError(404, 'Lot inconnu.', 'iaflash.batch_not_found');
    return list[0];
  }

  async batches(limit = 50): Promise<s.BatchSummary[]> {
    return this.batchesWhere(`ORDER BY b.id DESC LIMIT ${Math.min(Math.max(1, limit), 500)}`, []);
  }

  private async batchesWhere(where: string, params: unknown[]): Promise<s.BatchSummary[]> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT b.id, b.name, b.created_at, b.total, b.problems,
         count(a.id) FILTER (WHERE a.status = 'done') AS done,
         count(a.id) FILTER (WHERE a.status = 'failed') AS failed,
         count(a.id) FILTER (WHERE a.status = 'pending') AS pending,
         count(a.id) FILTER (WHERE a.decision = 'CONSISTENT') AS consistent,
         count(a.id) FILTER (WHERE a.decision = 'MISMATCH') AS mismatch,
         count(a.id) FILTER (WHERE a.decision = 'UNDETERMINED') AS undetermined
       FROM iaflash_batches b LEFT JOIN iaflash_analyses a ON a.batch_id = b.id
       ${where.startsWith('WHERE') ? where : ''} GROUP BY b.id ${where.startsWith('ORDER') ? where : ''}`,
      params,
    );
    return rows.map((r) => ({
      id: Number(r.id),
      name: String(r.name),
      createdAt: iso(r.created_at),
      total: Number(r.total),
      done: Number(r.done),
      failed: Number(r.failed),
      pending: Number(r.pending),
      decisions: { CONSISTENT: Number(r.consistent), MISMATCH: Number(r.mismatch), UNDETERMINED: Number(r.undetermined) },
      problems: (typeof r.problems === 'string' ? JSON.parse(r.problems) : r.problems) as string[],
    }));
  }

  async results(id: number, q: s.ResultsQuery): Promise<s.ResultsResponse> {
    const batch = await this.batch(id);
    const where = ['a.batch_id = $1'];
    const params: unknown[] = [id];
    if (q.decision) where.push(`a.decision = $${params.push(q.decision)}`);
    if (q.status) where.push(`a.status = $${params.push(q.status)}`);
    const cond = where.join(' AND ');
    const [{ rows: count }, { rows }] = await Promise.all([
      this.db.query<{ n: string }>(`SELECT count(*) AS n FROM iaflash_analyses a WHERE ${cond}`, params),
      this.db.query<AnalysisDbRow>(
        `SELECT ${ANALYSIS_COLUMNS} FROM iaflash_analyses a LEFT JOIN iaflash_flags f ON f.analysis_id = a.id WHERE ${cond}
         ORDER BY a.id LIMIT ${q.page_size} OFFSET ${(q.page - 1) * q.page_size}`,
        params,
      ),
    ]);
    return { batch, total: Number(count[0].n), page: q.page, results: rows.map(analysisRow) };
  }

  /** The whole batch as CSV (semicolons, for spreadsheets in French), filtered like the table. */
  async resultsCsv(id: number, q: Pick<s.ResultsQuery, 'decision' | 'status'>): Promise<string> {
    const lines = [
      'fichier;plaque;registre;registre_normalise;decision;raison;score;modele_reconnu;probabilite;alerte;erreur;plaque_lue_differente',
    ];
    const cell = (v: unknown) => {
      const t = v === null || v === undefined ? '' : String(v);
      // Spreadsheet formulas are neutralised (=, +, -, @ at the start of a cell).
      const safe = /^[=+\-@]/.test(t) ? `'${t}` : t;
      return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    for (let page = 1; ; page++) {
      const r = await this.results(id, { ...q, page, page_size: 500 });
      for (const a of r.results)
        lines.push(
          [
            a.item,
            a.plate,
            a.registeredRaw,
            a.registered ? `${a.registered.make} ${a.registered.model}` : '',
            a.decision ?? (a.status === 'pending' ? 'EN_ATTENTE' : 'ECHEC'),
            a.reason,
            a.score === null ? '' : a.score.toFixed(4),
            a.top ? `${a.top.make} ${a.top.model}` : '',
            a.top ? a.top.prob.toFixed(4) : '',
            a.flagStatus ?? '',
            a.error,
            a.plateDisagreement,
          ]
            .map(cell)
            .join(';'),
        );
      if (page * 500 >= r.total) break;
    }
    return '\ufeff' + lines.join('\r\n') + '\r\n';
  }

  // ---- review

  async flags(status: s.FlagStatus, page: number): Promise<s.FlagsResponse> {
    const [{ rows: counts }, { rows }] = await Promise.all([
      this.db.query<{ status: s.FlagStatus; n: string }>(`SELECT status, count(*) AS n FROM iaflash_flags GROUP BY status`),
      this.db.query<Record<string, unknown>>(
        `${FLAG_SELECT} WHERE f.status = $1 ORDER BY f.id ${status === 'open' ? 'ASC' : 'DESC'} LIMIT ${FLAGS_PAGE_SIZE} OFFSET ${(page - 1) * FLAGS_PAGE_SIZE}`,
        [status],
      ),
    ]);
    const c = { open: 0, confirmed: 0, dismissed: 0 };
    for (const r of counts) c[r.status] = Number(r.n);
    return { total: c[status], page, pageSize: FLAGS_PAGE_SIZE, counts: c, flags: rows.map(flagSummary) };
  }

  async flag(id: number): Promise<s.FlagDetail> {
    const { rows } = await this.db.query<Record<string, unknown>>(
      `${FLAG_SELECT.replace('SELECT', 'SELECT a.result, f.comment, (p.analysis_id IS NOT NULL) AS has_photo,')}
       LEFT JOIN iaflash_photos p ON p.analysis_id = a.id WHERE f.id = $1`,
      [id],
    );
    const r = rows[0];
    if (!r) throw new HttpError(404, 'Alerte inconnue.', 'iaflash.flag_not_found');
    const result = (typeof r.result === 'string' ? JSON.parse(r.result) : r.result) as {
      vehicles: s.AnalyzeResponse['vehicles'];
      check: s.CheckOut | null;
    } | null;
    const { rows: audit } = await this.db.query<{ at: Date; user_email: string | null; action: string; comment: string | null }>(
      `SELECT at, user_email, action, comment FROM iaflash_flag_audit WHERE flag_id = $1 ORDER BY id`,
      [id],
    );
    let image: { width: number; height: number } | null = null;
    if (r.has_photo) {
      const { rows: p } = await this.db.query<{ bytes: Uint8Array }>(`SELECT bytes FROM iaflash_photos WHERE analysis_id = $1`, [
        r.analysis_id,
      ]);
      image = p[0] ? await photoSize(p[0].bytes) : null;
    }
    return {
      flag: flagSummary(r),
      vehicles: (result?.vehicles ?? []).map((v) => ({ box: v.box, score: v.score, label: v.label, classes: v.classes })),
      check: result?.check ?? null,
      image,
      photo: Boolean(r.has_photo),
      comment: (r.comment as string | null) ?? null,
      audit: audit.map((a) => ({ at: iso(a.at), user: a.user_email, action: a.action, comment: a.comment })),
    };
  }

  /** The flag's photo, re-encoded (thumbnail), for agents; null once the retention period has passed. */
  async flagPhoto(id: number): Promise<Buffer | null> {
    const { rows } = await this.db.query<{ bytes: Uint8Array }>(
      `SELECT p.bytes FROM iaflash_flags f JOIN iaflash_photos p ON p.analysis_id = f.analysis_id WHERE f.id = $1`,
      [id],
    );
    return rows[0] ? thumbnail(rows[0].bytes, 1280) : null;
  }

  /**
   * An agent's decision on a flag, with the audit trail. Confirming a doubt sends the case to the usual
   * human procedure; it never sends nor cancels a fine by itself.
   */
  async decide(
    id: number,
    body: { action: 'confirm' | 'dismiss' | 'reopen'; comment?: string; version?: number },
    user: AuthUser,
  ): Promise<s.FlagSummary> {
    if (!isStaff(user)) throw new HttpError(403, 'Réservé aux agents IA Flash.', 'forbidden');
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ status: s.FlagStatus; version: number }>(
        `SELECT status, version FROM iaflash_flags WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const f = rows[0];
      if (!f) throw new HttpError(404, 'Alerte inconnue.', 'iaflash.flag_not_found');
      if (body.version !== undefined && body.version !== Number(f.version))
        throw new HttpError(409, 'L’alerte a été traitée entre-temps : rechargez la page.', 'iaflash.stale');
      const ok = body.action === 'reopen' ? f.status !== 'open' : f.status === 'open';
      if (!ok) throw new HttpError(409, 'Cette action n’est pas possible dans l’état actuel de l’alerte.', 'iaflash.bad_transition');
      if (body.action === 'reopen' && !isAdmin(user))
        throw new HttpError(403, 'Seuls les administrateurs IA Flash peuvent rouvrir une alerte.', 'iaflash.reopen_forbidden');
      const status = body.action === 'confirm' ? 'confirmed' : body.action === 'dismiss' ? 'dismissed' : 'open';
      const comment = body.comment?.trim().slice(0, 2000) || null;
      await tx.query(
        `UPDATE iaflash_flags SET status = $2, decided_by = $3, decided_at = CASE WHEN $2 = 'open' THEN NULL ELSE now() END, comment = $4, version = version + 1 WHERE id = $1`,
        [id, status, status === 'open' ? null : user.id, comment],
      );
      await tx.query(`INSERT INTO iaflash_flag_audit (flag_id, user_id, user_email, action, comment) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        user.id,
        user.email,
        body.action,
        comment,
      ]);
    });
    return (await this.flag(id)).flag;
  }

  async stats(days = 30): Promise<s.StatsResponse> {
    const [{ rows: d }, { rows: c }] = await Promise.all([
      this.db.query<Record<string, unknown>>(
        `SELECT to_char(date_trunc('day', a.created_at), 'YYYY-MM-DD') AS day, count(*) AS analyses,
           count(*) FILTER (WHERE a.decision = 'MISMATCH') AS mismatches,
           count(f.id) FILTER (WHERE f.status = 'confirmed') AS confirmed, count(f.id) FILTER (WHERE f.status = 'dismissed') AS dismissed
         FROM iaflash_analyses a LEFT JOIN iaflash_flags f ON f.analysis_id = a.id
         WHERE a.created_at > now() - make_interval(days => $1) GROUP BY 1 ORDER BY 1 DESC`,
        [days],
      ),
      this.db.query<Record<string, unknown>>(
        `SELECT a.registered_make AS make, a.registered_model AS model, count(*) AS analyses,
           count(*) FILTER (WHERE a.decision = 'MISMATCH') AS mismatches, count(f.id) FILTER (WHERE f.status = 'confirmed') AS confirmed
         FROM iaflash_analyses a LEFT JOIN iaflash_flags f ON f.analysis_id = a.id
         WHERE a.registered_status = 'OK' GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 100`,
      ),
    ]);
    return {
      days: d.map((r) => ({
        day: String(r.day),
        analyses: Number(r.analyses),
        mismatches: Number(r.mismatches),
        confirmed: Number(r.confirmed),
        dismissed: Number(r.dismissed),
      })),
      classes: c.map((r) => ({
        make: String(r.make),
        model: String(r.model),
        analyses: Number(r.analyses),
        mismatches: Number(r.mismatches),
        confirmed: Number(r.confirmed),
      })),
    };
  }

  // ---- registry

  async importRegistry(csv: Buffer): Promise<s.RegistryImportResponse> {
    const rows = readRegistryCsv(csv);
    let undetermined = 0;
    let invalidPlates = 0;
    const CHUNK = 500;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        const values: unknown[] = [];
        const tuples = chunk.map((r) => {
          const p = parsePlate(r.plate);
          if (!p.valid) invalidPlates++;
          const n = normalizeRegistry(`${r.make} ${r.model}`);
          if (n.status !== 'OK') undetermined++;
          const b = values.length;
          values.push(plateKey(r.plate), r.make, r.model, n.make, n.model, n.status);
          return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, now())`;
        });
        await tx.query(
          `INSERT INTO iaflash_registry (plate, make_raw, model_raw, make, model, status, imported_at) VALUES ${tuples.join(', ')}
           ON CONFLICT (plate) DO UPDATE SET make_raw = excluded.make_raw, model_raw = excluded.model_raw, make = excluded.make,
             model = excluded.model, status = excluded.status, imported_at = excluded.imported_at`,
          values,
        );
      }
    });
    return { imported: rows.length, undetermined, invalidPlates };
  }

  // ---- model

  async modelInfo(): Promise<s.ModelInfo> {
    const active = await this.ia.model();
    const m = active.manifest;
    const { rows } = await this.db.query<Record<string, unknown>>(
      `SELECT id, name, status, active, created_at, manifest, error, job_id FROM iaflash_models ORDER BY id DESC LIMIT 50`,
    );
    const models = rows.map((r): s.ModelSummary => {
      const man = (typeof r.manifest === 'string' ? JSON.parse(r.manifest) : r.manifest) as typeof m | null;
      return {
        id: Number(r.id),
        name: String(r.name),
        status: r.status as s.ModelSummary['status'],
        active: Boolean(r.active),
        createdAt: iso(r.created_at),
        classes: man?.classes.length ?? 0,
        trainImages: man?.trainImages ?? null,
        top1: man?.validation?.top1 ?? null,
        top5: man?.validation?.top5 ?? null,
        error: (r.error as string | null) ?? null,
        jobId: (r.job_id as string | null) ?? null,
      };
    });
    const threshold = this.ctx.settings.IAFLASH_THRESHOLD ?? m.policy.threshold;
    const training = models.find((x) => x.status === 'training') ?? null;
    let trainingOut: s.ModelInfo['training'] = null;
    if (training) {
      const job = training.jobId ? await this.ctx.jobs.get(training.jobId) : undefined;
      trainingOut = {
        modelId: training.id!,
        jobId: training.jobId,
        state: job?.state ?? 'queued',
        done: job?.progress.done ?? 0,
        total: job?.progress.total ?? 0,
        message: job?.progress.message || 'En attente',
      };
    }
    return {
      active: {
        id: active.id,
        name: active.name,
        status: 'ready',
        active: true,
        createdAt: m.trainedAt ?? null,
        classes: m.classes.length,
        trainImages: m.trainImages ?? null,
        top1: m.validation?.top1 ?? null,
        top5: m.validation?.top5 ?? null,
        error: null,
        jobId: null,
        classList: m.classes,
        threshold,
        targetFalseAlarmRate: m.policy.targetFalseAlarmRate,
        temperature: m.temperature,
        validation: m.validation,
        trainedAt: m.trainedAt ?? null,
      },
      models,
      plateReader: this.plateReaderInfo(active.dir),
      training: trainingOut,
    };
  }

  private plateReaderInfo(modelDir: string): s.ModelInfo['plateReader'] {
    const record = readPlateReaderRecord(activePlateReaderDir(this.ctx.config.dataDir, modelDir));
    return { tunedAt: record?.tunedAt ?? null, trainPlates: record?.trainPlates ?? null, validation: record?.validation ?? null };
  }

  /**
   * Starts a training from a zip of photos and a labels CSV (`file,make,model[,group]`, paths relative
   * to the CSV; or a .csv inside the zip). The files are written under DATA_DIR/iaflash/training/<id>;
   * the training job reads them there (the web process's machine, or a worker sharing that folder).
   */
  async startTraining(input: {
    zip: Buffer;
    labelsCsv?: Buffer | null;
    name?: string;
    user: AuthUser | null;
  }): Promise<{ modelId: number; jobId: string }> {
    const st = this.ctx.settings;
    const { rows: busy } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM iaflash_models WHERE status = 'training'`);
    if (Number(busy[0].n) > 0) throw new HttpError(409, 'Un entraînement est déjà en cours.', 'iaflash.training_running');
    const entries = readZip(input.zip, {
      maxEntries: 100_000,
      maxEntryBytes: st.IAFLASH_MAX_PHOTO_BYTES,
      maxTotalBytes: st.IAFLASH_MAX_ZIP_BYTES * 2,
    });
    const csvEntry = entries.find((e) => /\.csv$/i.test(e.name));
    if (!input.labelsCsv && !csvEntry)
      throw new HttpError(
        400,
        'Fichier d’étiquettes absent : joignez un CSV « file,make,model » ou placez-le dans l’archive.',
        'iaflash.labels_missing',
      );
    const { rows } = await this.db.query<{ id: string }>(
      `INSERT INTO iaflash_models (created_by, name, status) VALUES ($1, $2, 'training') RETURNING id`,
      [input.user?.id ?? null, (input.name ?? '').trim().slice(0, 200) || `Modèle du ${new Date().toLocaleDateString('fr-FR')}`],
    );
    const modelId = Number(rows[0].id);
    const dir = path.join(this.ctx.config.dataDir, 'iaflash', 'training', String(modelId));
    try {
      await rm(dir, { recursive: true, force: true });
      for (const e of entries) {
        if (!PHOTO_RE.test(e.name) && e !== csvEntry) continue;
        const dest = path.join(dir, e.name);
        await mkdir(path.dirname(dest), { recursive: true });
        await writeFile(dest, e.read());
      }
      let labels = csvEntry ? path.join(dir, csvEntry.name) : '';
      if (input.labelsCsv) {
        labels = path.join(dir, 'labels.csv');
        await writeFile(labels, input.labelsCsv);
      }
      const jobId = await this.ctx.jobs.enqueue(TRAIN_JOB, { modelId, labelsCsv: labels });
      await this.db.query(`UPDATE iaflash_models SET job_id = $2 WHERE id = $1`, [modelId, jobId]);
      return { modelId, jobId };
    } catch (err) {
      await this.db.query(`UPDATE iaflash_models SET status = 'failed', error = $2 WHERE id = $1`, [modelId, 'Préparation impossible']);
      throw err;
    }
  }

  /** Makes a trained model the active one, in every process (NOTIFY). */
  async activate(modelId: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ status: string }>(`SELECT status FROM iaflash_models WHERE id = $1`, [modelId]);
      if (!rows[0]) throw new HttpError(404, 'Modèle inconnu.', 'iaflash.model_not_found');
      if (rows[0].status !== 'ready') throw new HttpError(409, 'Ce modèle n’est pas prêt.', 'iaflash.model_not_ready');
      await tx.query(`UPDATE iaflash_models SET active = false WHERE active`);
      await tx.query(`UPDATE iaflash_models SET active = true WHERE id = $1`, [modelId]);
    });
    await this.ia.reloadModel();
    await this.db.notify(MODEL_CHANNEL, String(modelId)).catch(() => undefined);
  }

  // ---- retention

  /** Deletes the photos past their retention (except under an open flag) and the plates of old analyses. */
  async purge(): Promise<{ photos: number; plates: number }> {
    const days = this.ctx.settings.IAFLASH_RETENTION_DAYS;
    const { rows: photos } = await this.db.query<{ analysis_id: string }>(
      `DELETE FROM iaflash_photos p WHERE p.expires_at < now()
         AND NOT EXISTS (SELECT 1 FROM iaflash_flags f WHERE f.analysis_id = p.analysis_id AND f.status = 'open')
       RETURNING p.analysis_id`,
    );
    const { rows: plates } = await this.db.query<{ id: string }>(
      `UPDATE iaflash_analyses a SET plate = NULL WHERE a.plate IS NOT NULL AND a.created_at < now() - make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM iaflash_flags f WHERE f.analysis_id = a.id AND f.status = 'open')
       RETURNING a.id`,
      [days],
    );
    return { photos: photos.length, plates: plates.length };
  }
}

const FLAG_SELECT = `SELECT f.id, f.analysis_id, f.created_at, f.status, f.decided_at, f.version, u.email AS decided_by_email,
    a.plate, a.item, a.registered_make, a.registered_model, a.registered_status, a.top_make, a.top_model, a.top_prob, a.score
  FROM iaflash_flags f JOIN iaflash_analyses a ON a.id = f.analysis_id
  LEFT JOIN (SELECT DISTINCT ON (flag_id) flag_id, user_email AS email FROM iaflash_flag_audit WHERE action IN ('confirm', 'dismiss') ORDER BY flag_id, id DESC) u
    ON u.flag_id = f.id AND f.status <> 'open'`;

function flagSummary(r: Record<string, unknown>): s.FlagSummary {
  return {
    id: Number(r.id),
    analysisId: Number(r.analysis_id),
    createdAt: iso(r.created_at),
    status: r.status as s.FlagStatus,
    plate: (r.plate as string | null) ?? null,
    item: (r.item as string | null) ?? null,
    registered: r.registered_status
      ? {
          make: String(r.registered_make ?? ''),
          model: String(r.registered_model ?? ''),
          status: r.registered_status as 'OK' | 'UNDETERMINED',
        }
      : null,
    top: r.top_make ? { make: String(r.top_make), model: String(r.top_model ?? ''), prob: Number(r.top_prob) } : null,
    score: num(r.score),
    decidedBy: (r.decided_by_email as string | null) ?? null,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    version: Number(r.version),
  };
}
