/**
 * Open Justice's operations, shared by the JSON API (routes.ts) and the pages (web/pages.ts): a page
 * shows what an API client gets. Each returns a documented response body or throws HttpError.
 */
import { HttpError, type AuthUser } from '@eig/platform';
import type { OpenJustice } from '../context.ts';
import { engineOverloadedHttpError } from '../engine/pool.ts';
import type { EngineOutcome } from '../engine/types.ts';
import { parseFile, type ParseProblem, type RawDecision } from '../ingest/parse.ts';
import { pseudonymizedText } from '../review/annotations.ts';
import { allowedActions, canEdit, type Action, type Actor } from '../review/workflow.ts';
import { importDecisions } from '../service/imports.ts';
import { exportPage, publishedDecision, type ExportQuery } from '../service/opendata.ts';
import type { ListFilter } from '../service/review.ts';
import { iso, type DecisionRow, type FullDecisionRow } from '../service/rows.ts';
import type { Category } from '../core/categories.ts';
import type * as s from './schemas.ts';

const ENGINE_ERRORS: Record<string, [number, string]> = {
  TEXT_TOO_LONG: [413, 'openjustice.text_too_long'],
  BINARY_INPUT: [400, 'openjustice.binary_input'],
  NOT_TEXT: [400, 'openjustice.not_text'],
};

function unwrap<T>(out: EngineOutcome<T>): T {
  if (out.ok) return out.value;
  const [status, code] = ENGINE_ERRORS[out.code] ?? [400, 'openjustice.bad_input'];
  throw new HttpError(status, out.message, code);
}

export const actorOf = (u: AuthUser): Actor => ({ id: u.id, roles: u.roles });

export class OpenJusticeApi {
  constructor(private readonly oj: OpenJustice) {}

  private get settings() {
    return this.oj.ctx.settings;
  }

  /** Synchronous pseudonymisation, bounded: longer texts go through an import and the job queue. */
  async pseudonymize(body: { text: string; categories?: Category[] }): Promise<s.PseudonymizeResponse> {
    const max = this.settings.OPENJUSTICE_SYNC_MAX_CHARS;
    if (!body.text.trim()) throw new HttpError(400, 'Le texte est vide.', 'openjustice.empty_text');
    if (body.text.length > max)
      throw new HttpError(
        413,
        `Texte trop long pour une réponse immédiate (${body.text.length} caractères, ${max} au plus) : importez-le (POST /api/openjustice/imports), il sera traité en tâche de fond.`,
        'openjustice.text_too_long',
      );
    const r = unwrap(
      await this.oj.engine
        .pseudonymize(body.text, { categories: body.categories })
        .catch((e: unknown) => Promise.reject(engineOverloadedHttpError(e))),
    );
    return {
      entities: r.entities.map((e) => ({
        start: e.start,
        end: e.end,
        category: e.category,
        text: e.text,
        entityId: e.entityId,
        replacement: e.replacement,
        score: e.score,
      })),
      pseudonymized: r.pseudonymized,
      checklist: r.checklist,
      risk: r.risk,
    };
  }

  async labelNer(body: s.LabelNerBody) {
    if (body.text.length > this.settings.OPENJUSTICE_SYNC_MAX_CHARS)
      throw new HttpError(
        413,
        `Texte trop long (${body.text.length} caractères, ${this.settings.OPENJUSTICE_SYNC_MAX_CHARS} au plus).`,
        'openjustice.text_too_long',
      );
    const req = {
      ...body,
      idLabel: body.idLabel === undefined ? undefined : String(body.idLabel),
      idDecision: body.idDecision === undefined ? undefined : String(body.idDecision),
    };
    return unwrap(await this.oj.engine.labelNer(req).catch((e: unknown) => Promise.reject(engineOverloadedHttpError(e))));
  }

  // ---- review

  private async emails(ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((x): x is number => x !== null))];
    if (!wanted.length) return new Map();
    const { rows } = await this.oj.ctx.db.query<{ id: number; email: string }>(
      'SELECT id, email FROM platform_users WHERE id = ANY($1::int[])',
      [wanted],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }

  private summary(r: DecisionRow, emails: Map<number, string>): s.DecisionSummary {
    return {
      id: Number(r.id),
      publicId: r.public_id,
      sourceName: r.source_name,
      sourceId: r.source_id,
      status: r.status,
      court: r.court,
      chamber: r.chamber,
      date: r.decision_date,
      number: r.number,
      solution: r.solution,
      ecli: r.ecli,
      length: r.text_length,
      risk: r.risk ? { score: r.risk.score, level: r.risk.level } : null,
      reviewRoute: r.review_route,
      assignee: r.assignee,
      assigneeEmail: r.assignee !== null ? (emails.get(r.assignee) ?? null) : null,
      firstReviewer: r.first_reviewer,
      version: r.version,
      timeSpentMs: Number(r.time_spent_ms),
      updatedAt: iso(r.updated_at)!,
    };
  }

  async list(
    q: { status?: s.Status; assignee?: 'me' | 'none' | number; q?: string; import?: number; page: number; page_size: number },
    user: AuthUser,
  ): Promise<s.ListResponse> {
    const filter: ListFilter = {
      status: q.status,
      assignee: q.assignee === 'me' ? user.id : q.assignee,
      q: q.q,
      importId: q.import,
      page: q.page,
      pageSize: q.page_size,
    };
    const { items, total } = await this.oj.review.list(filter);
    const emails = await this.emails(items.map((i) => i.assignee));
    return { items: items.map((r) => this.summary(r, emails)), total, page: q.page, pageSize: q.page_size };
  }

  async detail(id: number, user: AuthUser): Promise<s.DecisionDetail> {
    return this.detailOf(await this.oj.review.get(id), user);
  }

  async detailOf(row: FullDecisionRow, user: AuthUser): Promise<s.DecisionDetail> {
    const emails = await this.emails([row.assignee]);
    const actor = actorOf(user);
    const state = {
      status: row.status,
      assignee: row.assignee,
      firstReviewer: row.first_reviewer,
      lockedFrom: row.locked_from,
      reviewRoute: row.review_route,
    };
    return {
      decision: this.summary(row, emails),
      text: row.text,
      annotations: row.annotations,
      checklist: row.checklist,
      risk: row.risk,
      zones: row.zones,
      actions: allowedActions(state, actor),
      canEdit: canEdit(state, actor),
    };
  }

  async preview(id: number): Promise<{ pseudonymized: string }> {
    const row = await this.oj.review.get(id);
    return { pseudonymized: pseudonymizedText(row.text, row.annotations) };
  }

  async act(id: number, action: Action, user: AuthUser, body: s.ChangeBody) {
    const row = await this.oj.review.act(id, action, actorOf(user), body);
    if (row.status === 'done') this.oj.search.markDirty();
    return { status: row.status, version: row.version, assignee: row.assignee };
  }

  async save(id: number, user: AuthUser, body: s.SaveBody) {
    const row = await this.oj.review.saveAnnotations(id, actorOf(user), body);
    return { status: row.status, version: row.version, assignee: row.assignee };
  }

  async assign(id: number, user: AuthUser, assignee: number | null) {
    const row = await this.oj.review.assign(id, actorOf(user), assignee);
    return { status: row.status, version: row.version, assignee: row.assignee };
  }

  async history(id: number) {
    await this.oj.review.get(id);
    const rows = await this.oj.review.history(id);
    return {
      entries: rows.map((r) => ({
        at: iso(r.at)!,
        actor: r.actor_kind === 'system' ? 'système' : r.actor_kind === 'cli' ? 'ligne de commande' : (r.email ?? `utilisateur ${r.actor}`),
        action: r.action,
        from: r.from_status,
        to: r.to_status,
        before: r.before,
        after: r.after,
        timeSpentMs: r.time_spent_ms,
      })),
    };
  }

  stats() {
    return this.oj.review.stats();
  }

  // ---- imports

  async importRaw(
    raws: RawDecision[],
    problems: ParseProblem[],
    files: number,
    user: AuthUser | null,
    origin: 'api' | 'cli',
  ): Promise<s.ImportResponse> {
    const max = this.settings.OPENJUSTICE_IMPORT_MAX_DECISIONS;
    if (raws.length > max)
      throw new HttpError(
        413,
        `Trop de décisions dans un seul import (${raws.length}, ${max} au plus) : découpez-le.`,
        'openjustice.too_many_decisions',
      );
    if (raws.length === 0)
      throw new HttpError(
        400,
        `Aucune décision lisible${
          problems.length
            ? ` : ${problems
                .slice(0, 3)
                .map((p) => `${p.origin} — ${p.message}`)
                .join(' ; ')}`
            : ''
        }.`,
        'openjustice.nothing_to_import',
      );
    const out = await importDecisions(this.oj.ctx.db, this.oj.ctx.jobs, raws, {
      origin,
      userId: user?.id ?? null,
      files,
      problems,
      batchSize: this.settings.OPENJUSTICE_BATCH_SIZE,
    });
    this.oj.ctx.log.info(
      {
        event: 'import',
        importId: out.importId,
        decisions: out.decisions,
        duplicates: out.duplicates,
        problems: problems.length,
        userId: user?.id,
      },
      'decisions imported',
    );
    return { importId: out.importId, decisions: out.decisions, duplicates: out.duplicates, problems: out.problems, jobs: out.jobs.length };
  }

  importFiles(files: { filename: string; bytes: Uint8Array }[], user: AuthUser): Promise<s.ImportResponse> {
    const raws: RawDecision[] = [];
    const problems: ParseProblem[] = [];
    for (const f of files) {
      const r = parseFile(f.filename, f.bytes, 'import');
      raws.push(...r.decisions);
      problems.push(...r.problems);
    }
    return this.importRaw(raws, problems, files.length, user, 'api');
  }

  importOne(body: s.DecisionImportBody, user: AuthUser): Promise<s.ImportResponse> {
    const text = body.text.replace(/\r\n?/g, '\n');
    const raw: RawDecision = {
      text,
      sourceName: body.sourceName,
      sourceId: body.sourceId ?? null,
      meta: { court: body.court, chamber: body.chamber, date: body.date, number: body.number, solution: body.solution, ecli: body.ecli },
      origin: 'api',
    };
    return this.importRaw([raw], [], 0, user, 'api');
  }

  async imports(limit = 20, id?: number): Promise<s.ImportProgress[]> {
    const { rows } = await this.oj.ctx.db.query<{
      id: string;
      created_at: Date;
      decisions: number;
      duplicates: number;
      problems: ParseProblem[];
      by_status: Record<string, number> | null;
    }>(
      `SELECT i.id, i.created_at, i.decisions, i.duplicates, i.problems,
         (SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM openjustice_decisions d WHERE d.import_id = i.id GROUP BY status) s) AS by_status
       FROM openjustice_imports i ${id ? 'WHERE i.id = $2' : ''} ORDER BY i.id DESC LIMIT $1`,
      id ? [limit, id] : [limit],
    );
    return rows.map((r) => {
      const byStatus = Object.fromEntries(Object.entries(r.by_status ?? {}).map(([k, v]) => [k, Number(v)]));
      const loaded = byStatus.loaded ?? 0;
      return {
        importId: String(r.id),
        createdAt: iso(r.created_at)!,
        decisions: r.decisions,
        duplicates: r.duplicates,
        byStatus,
        annotated: r.decisions - loaded,
        problems: r.problems,
      };
    });
  }

  async importProgress(id: number): Promise<s.ImportProgress> {
    const [found] = await this.imports(1, id);
    if (!found) throw new HttpError(404, 'Import inconnu.', 'openjustice.import_not_found');
    return found;
  }

  // ---- open data

  exportPage(q: ExportQuery) {
    return exportPage(this.oj.ctx.db, q);
  }

  decision(publicId: string) {
    return publishedDecision(this.oj.ctx.db, publicId);
  }

  async search(q: { query: string; page: number; page_size: number }): Promise<s.SearchResponse> {
    const r = await this.oj.search.search(q.query, q.page, q.page_size);
    return { total: r.total, page: q.page, results: r.results };
  }
}
