/**
 * The contributors' side: translation per section (translation memory, diff of the French when it
 * changed), moderation of fiches (structure, then admin), freshness, audit, members and jobs. Shared
 * by the staff API routes and the staff pages; every write is one transaction with its audit line.
 */
import type { FastifyRequest } from 'fastify';
import { HttpError, UserStore, type JobQueue } from '@eig/platform';
import { LANGUAGE_CODES, TARGET_LANGUAGES, isLanguageCode, type LanguageCode } from '../core/languages.ts';
import { ROLE_IDS, hasRole, isAdmin, type Actor } from '../core/roles.ts';
import { sourceUnits, unitHash, unitKeysOf, unitWordCount } from '../core/fiche.ts';
import {
  TRANSLATION_TRANSITIONS,
  WorkflowError,
  applyTranslationEvent,
  canTransition,
  sourceDiff,
  type TranslationAction,
  type TranslationEvent,
} from '../core/translation-workflow.ts';
import { buildTranslationMemory, type TranslationMemory } from '../core/translation-memory.ts';
import { indexTranslations, progressByLanguage, progressOfFiche, wordsByTranslator } from '../core/progress.ts';
import {
  ModerationError,
  allowedModerationActions,
  applyModeration,
  moderationLabel,
  type ModerationEvent,
  type ModerationState,
} from '../core/moderation.ts';
import { dueForReviewByStructure } from '../core/freshness.ts';
import { ficheSchema, type Fiche, type UnitKey, type UnitValue } from '../core/schemas.ts';
import type { Catalog } from '../catalog.ts';
import type { KarfurRuntime } from '../runtime.ts';
import { IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB } from '../runtime.ts';
import { flagChangedUnits, stateOf } from '../db/flagging.ts';
import type { FicheRow } from '../db/repository.ts';
import type * as s from './schemas.ts';

export const STAFF_ROLES = [
  ROLE_IDS.admin,
  ROLE_IDS.karfurAdmin,
  ROLE_IDS.expert,
  ROLE_IDS.translator,
  ROLE_IDS.contributor,
  ROLE_IDS.structureManager,
  ROLE_IDS.caregiver,
];
export const KARFUR_JOBS = [IMPORT_CONTENT_JOB, IMPORT_VDD_JOB, SEARCH_INDEX_JOB];

/**
 * Who acts, for the core's workflows. The suite's `admin` counts as a Karfu'R admin only on a session
 * with a second factor: Karfu'R's own admin role requires TOTP, and so does acting as one.
 */
export async function actorOf(req: FastifyRequest, runtime: KarfurRuntime): Promise<Actor> {
  const user = req.user;
  if (!user) {
    if (req.auth?.restricted)
      throw new HttpError(403, 'Activez d’abord la double authentification de votre compte.', 'totp_enrolment_required');
    throw new HttpError(401, 'Connectez-vous pour contribuer.', 'unauthorized');
  }
  const roles = user.roles.filter((r) => r !== ROLE_IDS.admin || req.auth?.totpEnabled === true);
  if (!roles.some((r) => (STAFF_ROLES as string[]).includes(r)))
    throw new HttpError(403, 'Cet espace est réservé aux contributeurs de Karfu’R.', 'forbidden');
  const m = await runtime.repo.memberships(String(user.id));
  return { id: String(user.id), roles, languages: m.languages.filter(isLanguageCode), structures: m.structures };
}

function workflowError(e: unknown): never {
  if (e instanceof WorkflowError || e instanceof ModerationError) {
    const status = e.code === 'forbidden' ? 403 : e.code === 'invalid_transition' ? 409 : 400;
    throw new HttpError(status, e.message, `karfur.${e.code}`);
  }
  throw e;
}

const iso = (d: Date | string | undefined | null) => (d ? new Date(d).toISOString() : null);

export class KarfurStaff {
  private memory: { version: number; tm: TranslationMemory } | null = null;

  constructor(
    readonly runtime: KarfurRuntime,
    private readonly jobs: JobQueue,
  ) {}

  private get repo() {
    return this.runtime.repo;
  }

  private async ficheRow(id: string): Promise<FicheRow> {
    const row = await this.repo.fiche(id);
    if (!row) throw new HttpError(404, 'Fiche introuvable.', 'karfur.fiche_not_found');
    return row;
  }

  /** Built from validated translations, once per content version. */
  private async translationMemory(c: Catalog): Promise<TranslationMemory> {
    if (this.memory?.version !== c.version) this.memory = { version: c.version, tm: buildTranslationMemory(c.list, c.translations) };
    return this.memory.tm;
  }

  // ---- translations

  async editor(actor: Actor, ficheId: string, lang: Exclude<LanguageCode, 'fr'>): Promise<s.TranslationEditor> {
    const row = await this.ficheRow(ficheId);
    const fiche = row.published ?? row.draft;
    if (!fiche) throw new HttpError(404, 'Fiche introuvable.', 'karfur.fiche_not_found');
    const c = await this.runtime.current();
    const tm = await this.translationMemory(c);
    const units = new Map((await this.repo.units(this.repo.db, { fiche: ficheId, lang })).map((u) => [u.unit, u]));
    const src = sourceUnits(fiche);
    return {
      fiche: ficheId,
      title: fiche.title,
      lang,
      units: unitKeysOf(fiche).map((key) => {
        const source = src.get(key)!;
        const row = units.get(key) ?? null;
        const state = stateOf(row);
        const outdated = state.sourceHash !== null && state.sourceHash !== unitHash(source);
        const status = outdated && (state.status === 'validated' || state.status === 'to_validate') ? 'to_review' : state.status;
        const actions = (Object.keys(TRANSLATION_TRANSITIONS[status]) as TranslationAction[]).filter(
          (a) =>
            a !== 'source_changed' &&
            canTransition({ ...state, status }, a, actor, lang) &&
            !(a === 'validate' && state.translator === actor.id && !isAdmin(actor)),
        );
        return {
          unit: key,
          source,
          sourceWords: unitWordCount(source),
          status,
          value: state.value,
          translator: state.translator,
          validator: state.validator,
          comment: state.comment,
          updatedAt: row?.updatedAt ?? null,
          diff: status === 'to_review' && state.sourceValue ? sourceDiff(state.sourceValue, source) : null,
          memory:
            status === 'validated'
              ? []
              : tm.suggestUnit(source, lang, { limit: 3 }).map((x) => ({
                  segment: x.segment,
                  matches: x.matches.map((m) => ({
                    target: m.target,
                    source: m.source,
                    score: Math.round(m.score * 100) / 100,
                    exact: m.exact,
                    fiche: m.fiche,
                  })),
                })),
          actions,
        };
      }),
    };
  }

  async translate(
    actor: Actor,
    ficheId: string,
    lang: Exclude<LanguageCode, 'fr'>,
    unit: UnitKey,
    body: s.TranslationActionBody,
  ): Promise<s.UnitEditor> {
    await this.repo.write(async (tx) => {
      const row = await this.repo.fiche(ficheId, tx, true);
      const fiche = row?.published ?? row?.draft;
      if (!row || !fiche) throw new HttpError(404, 'Fiche introuvable.', 'karfur.fiche_not_found');
      const source = sourceUnits(fiche).get(unit);
      if (source === undefined) throw new HttpError(400, `Cette fiche n’a pas de partie « ${unit} ».`, 'karfur.unknown_unit');
      const current = await this.repo.unit(tx, ficheId, lang, unit, true);
      let state = stateOf(current);
      // A translation made from another French text is "to review" even before the flag is stored.
      if (state.sourceHash && state.sourceHash !== unitHash(source) && (state.status === 'validated' || state.status === 'to_validate')) {
        state = { ...state, status: 'to_review' };
      }
      let event: TranslationEvent;
      switch (body.action) {
        case 'save_draft':
          if (!sameShape(source, body.value))
            throw new HttpError(
              400,
              'La traduction doit avoir la même forme que le français (texte, liste ou paragraphes et étapes).',
              'karfur.shape_mismatch',
            );
          event = { action: 'save_draft', value: body.value, source };
          break;
        case 'reject':
          event = { action: 'reject', comment: body.comment };
          break;
        case 'confirm_review':
          event = { action: 'confirm_review', source };
          break;
        default:
          event = { action: body.action };
      }
      let next;
      try {
        next = applyTranslationEvent(state, event, actor, lang);
      } catch (e) {
        workflowError(e);
      }
      await this.repo.putUnit(tx, {
        fiche: ficheId,
        lang,
        unit,
        status: next.status,
        value: next.value,
        translator: next.translator,
        validator: next.validator,
        sourceHash: next.sourceHash,
        sourceValue: next.sourceValue,
        comment: next.comment,
        provenance: current?.provenance ?? 'Traduit sur la plateforme',
      });
      await this.repo.audit(tx, {
        actor: actor.id,
        action: `translation_${body.action}`,
        fiche: ficheId,
        lang,
        unit,
        detail: { from: state.status, to: next.status },
      });
    });
    await this.runtime.reload();
    if (body.action === 'validate' || body.action === 'confirm_review' || body.action === 'submit') await this.runtime.requestIndex();
    const ed = await this.editor(actor, ficheId, lang);
    return ed.units.find((u) => u.unit === unit)!;
  }

  async progress(): Promise<s.ProgressResponse> {
    const c = await this.runtime.current();
    const lookup = indexTranslations(c.translations);
    return {
      byLanguage: progressByLanguage(c.list, lookup, TARGET_LANGUAGES),
      byFiche: c.list.map((f) => ({ id: f.id, title: f.title, languages: progressOfFiche(f, lookup, TARGET_LANGUAGES) })),
      translators: wordsByTranslator(c.list, c.translations),
    };
  }

  // ---- moderation

  private stateOf(row: FicheRow): ModerationState<Fiche> {
    return {
      structure: row.structure,
      published: row.published,
      withdrawn: row.withdrawn,
      draft:
        row.draft && row.draftStatus
          ? { version: row.draft, status: row.draftStatus, author: row.draftAuthor ?? 'inconnu', comment: row.draftComment }
          : null,
    };
  }

  async moderationView(actor: Actor, id: string): Promise<s.ModerationView> {
    const row = await this.ficheRow(id);
    const st = this.stateOf(row);
    return {
      id,
      structure: row.structure,
      published: row.published,
      withdrawn: row.withdrawn,
      draft: st.draft ? { fiche: st.draft.version, status: st.draft.status, author: st.draft.author, comment: st.draft.comment } : null,
      label: moderationLabel(st),
      actions: allowedModerationActions(st, actor),
    };
  }

  /** Writes a draft (new fiche, or the next version of a published one). The id in the body must match. */
  async saveDraft(actor: Actor, id: string | null, input: unknown): Promise<s.ModerationView> {
    const parsed = ficheSchema.safeParse(input);
    if (!parsed.success)
      throw new HttpError(
        400,
        `Fiche invalide : ${parsed.error.issues
          .map((i) => `${i.path.join('.')} : ${i.message}`)
          .join(' ; ')
          .slice(0, 600)}`,
        'karfur.invalid_fiche',
      );
    const fiche = parsed.data;
    // Content is a block model, never HTML: markup anywhere (title, summary, conditions, names) is refused.
    if (/<\s*[a-z!/?]/i.test(JSON.stringify(fiche)))
      throw new HttpError(400, 'Fiche invalide : le texte ne doit pas contenir de balises HTML.', 'karfur.invalid_fiche');
    if (id && fiche.id !== id) throw new HttpError(400, 'L’identifiant de la fiche ne correspond pas à l’adresse.', 'karfur.id_mismatch');
    const c = await this.runtime.current();
    if (fiche.sponsor.structure && !c.structures.has(fiche.sponsor.structure))
      throw new HttpError(400, 'Structure inconnue.', 'karfur.unknown_structure');
    for (const t of fiche.themes)
      if (!c.taxonomy.themes.some((x) => x.id === t)) throw new HttpError(400, `Thème inconnu : ${t}`, 'karfur.unknown_theme');
    for (const n of fiche.needs)
      if (!c.taxonomy.needs.some((x) => x.id === n)) throw new HttpError(400, `Besoin inconnu : ${n}`, 'karfur.unknown_need');
    await this.repo.write(async (tx) => {
      let row = await this.repo.fiche(fiche.id, tx, true);
      if (!row) {
        if (id) throw new HttpError(404, 'Fiche introuvable.', 'karfur.fiche_not_found');
        await this.repo.insertFiche(tx, { id: fiche.id, origin: 'contribution', structure: fiche.sponsor.structure, published: null });
        row = (await this.repo.fiche(fiche.id, tx, true))!;
      } else if (!id) throw new HttpError(409, 'Une fiche porte déjà cet identifiant.', 'karfur.fiche_exists');
      // The structure of a published fiche is its own; a draft may not move it elsewhere.
      const state = this.stateOf(row);
      if (row.published && (fiche.sponsor.structure ?? null) !== (row.structure ?? null) && !isAdmin(actor)) {
        throw new HttpError(403, 'Seul un administrateur peut changer la structure d’une fiche.', 'karfur.forbidden');
      }
      if (!row.published) state.structure = fiche.sponsor.structure;
      let next: ModerationState<Fiche>;
      try {
        next = applyModeration(state, { action: 'edit', version: fiche }, actor);
      } catch (e) {
        workflowError(e);
      }
      await this.repo.saveModeration(tx, fiche.id, { ...next, edited: false });
      await this.repo.audit(tx, { actor: actor.id, action: 'draft_saved', fiche: fiche.id, structure: fiche.sponsor.structure });
    });
    await this.runtime.reload();
    return this.moderationView(actor, fiche.id);
  }

  async moderate(actor: Actor, id: string, action: s.ModerationView['actions'][number], comment?: string): Promise<s.ModerationView> {
    let published = false;
    await this.repo.write(async (tx) => {
      const row = await this.repo.fiche(id, tx, true);
      if (!row) throw new HttpError(404, 'Fiche introuvable.', 'karfur.fiche_not_found');
      const state = this.stateOf(row);
      if (action === 'edit') throw new HttpError(400, 'Pour modifier une fiche, envoyez son brouillon.', 'karfur.use_draft');
      const event = (
        action === 'structure_reject' || action === 'admin_reject' ? { action, comment: comment ?? '' } : { action }
      ) as ModerationEvent<Fiche>;
      let next: ModerationState<Fiche>;
      try {
        next = applyModeration(state, event, actor);
      } catch (e) {
        workflowError(e);
      }
      if (action === 'publish') {
        // Published French changed: translations made from the old text go "to review".
        const stamped = { ...next.published!, updatedAt: new Date().toISOString().slice(0, 10) };
        next = { ...next, published: stamped };
        await this.repo.saveModeration(tx, id, { ...next, edited: true });
        await flagChangedUnits(this.repo, tx, row.published, stamped, actor.id);
        published = true;
      } else await this.repo.saveModeration(tx, id, { ...next, edited: action === 'unpublish' });
      await this.repo.audit(tx, {
        actor: actor.id,
        action: `moderation_${action}`,
        fiche: id,
        structure: row.structure,
        detail: comment ? { comment: comment.slice(0, 500) } : null,
      });
    });
    await this.runtime.reload();
    if (published || action === 'unpublish') await this.runtime.requestIndex();
    return this.moderationView(actor, id);
  }

  /** Drafts waiting for this person: their structures' pending ones, and (admins) those waiting for an admin. */
  async queue(actor: Actor): Promise<s.ModerationQueue> {
    const rows = (await this.repo.fiches()).filter((r) => r.draftStatus);
    const mine = rows.filter(
      (r) => isAdmin(actor) || (r.structure !== null && actor.structures?.includes(r.structure)) || r.draftAuthor === actor.id,
    );
    return {
      items: mine.map((r) => ({
        id: r.id,
        title: r.draft?.title ?? r.published?.title ?? r.id,
        structure: r.structure,
        status: r.draftStatus!,
        author: r.draftAuthor,
        label: moderationLabel(this.stateOf(r)),
      })),
    };
  }

  /** Fiches this person may edit (their structures'; every fiche for admins). */
  async editable(actor: Actor): Promise<{ id: string; title: string; structure: string | null; label: string }[]> {
    const rows = await this.repo.fiches();
    return rows
      .filter((r) => isAdmin(actor) || (r.structure !== null && actor.structures?.includes(r.structure)) || r.draftAuthor === actor.id)
      .map((r) => ({
        id: r.id,
        title: r.draft?.title ?? r.published?.title ?? r.id,
        structure: r.structure,
        label: moderationLabel(this.stateOf(r)),
      }));
  }

  async freshness(actor: Actor): Promise<s.FreshnessResponse> {
    const c = await this.runtime.current();
    const due = dueForReviewByStructure(c.list, new Date());
    const out: s.FreshnessResponse['structures'] = [];
    for (const [id, fiches] of due) {
      if (!isAdmin(actor) && !actor.structures?.includes(id)) continue;
      out.push({ id, name: c.structures.get(id)?.name ?? id, fiches });
    }
    return { structures: out.sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
  }

  async audit(actor: Actor, q: { fiche?: string; limit: number; offset: number }): Promise<s.AuditResponse> {
    if (!isAdmin(actor) && !hasRole(actor, ROLE_IDS.expert) && !hasRole(actor, ROLE_IDS.structureManager)) {
      throw new HttpError(403, 'Le journal est réservé aux administrateurs, experts et responsables de structure.', 'forbidden');
    }
    return this.repo.auditLog(q);
  }

  // ---- administration

  requireAdmin(actor: Actor): void {
    if (!isAdmin(actor))
      throw new HttpError(403, 'Action réservée aux administrateurs de Karfu’R (avec double authentification).', 'forbidden');
  }

  async setMember(actor: Actor, body: { email: string; kind: 'structure' | 'language'; value: string; present: boolean }): Promise<void> {
    this.requireAdmin(actor);
    const user = await new UserStore(this.repo.db).find(body.email);
    if (!user) throw new HttpError(404, 'Aucun compte pour cette adresse.', 'karfur.unknown_account');
    if (body.kind === 'language' && !(LANGUAGE_CODES as readonly string[]).includes(body.value))
      throw new HttpError(400, 'Langue inconnue.', 'karfur.unknown_language');
    if (body.kind === 'structure' && !(await this.runtime.current()).structures.has(body.value))
      throw new HttpError(400, 'Structure inconnue.', 'karfur.unknown_structure');
    await this.repo.db.transaction(async (tx) => {
      await this.repo.setMember(tx, String(user.id), body.kind, body.value, body.present);
      await this.repo.audit(tx, {
        actor: actor.id,
        action: body.present ? 'member_added' : 'member_removed',
        structure: body.kind === 'structure' ? body.value : null,
        lang: body.kind === 'language' ? body.value : null,
        detail: { user: String(user.id) },
      });
    });
  }

  async members(): Promise<{ userId: string; email: string; kind: string; value: string }[]> {
    const users = new Map((await new UserStore(this.repo.db).list()).map((u) => [String(u.id), u.email]));
    return (await this.repo.allMembers()).map((m) => ({ ...m, email: users.get(m.userId) ?? '?' }));
  }

  async startJob(actor: Actor, name: string): Promise<string> {
    this.requireAdmin(actor);
    const pending = (await this.jobs.list({ name, limit: 5 })).find((j) => j.state === 'queued' || j.state === 'running');
    if (pending) throw new HttpError(409, 'Cette tâche est déjà en attente ou en cours.', 'karfur.job_pending');
    const id = await this.jobs.enqueue(name, {});
    await this.repo.audit(this.repo.db, { actor: actor.id, action: 'job_started', detail: { job: name, id } });
    return id;
  }

  async jobsList(): Promise<s.JobsResponse> {
    const lists = await Promise.all(KARFUR_JOBS.map((name) => this.jobs.list({ name, limit: 10 })));
    return {
      jobs: lists
        .flat()
        .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
        .slice(0, 20)
        .map((j) => ({
          id: j.id,
          name: j.name,
          state: j.state,
          progress: j.progress,
          error: j.error ?? null,
          createdAt: iso(j.createdAt)!,
          finishedAt: iso(j.finishedAt),
        })),
    };
  }
}

function sameShape(a: UnitValue, b: UnitValue): boolean {
  if (typeof a === 'string' || typeof b === 'string') return typeof a === typeof b;
  const isBlocks = (v: unknown[]) => v.some((x) => typeof x === 'object');
  if (isBlocks(a) !== isBlocks(b as unknown[])) return false;
  return true;
}
