/**
 * The translation workflow, per section (unit) and language:
 *
 *   to_translate -> draft -> to_validate -> validated
 *                     ^          |             |
 *                     +--reject--+             | French source changes
 *                     +------ edit ------- to_review -> validated (expert confirms: no change needed)
 *
 * Translators draft and submit in their languages; experts validate, reject and confirm reviews; admins
 * may do everything. When a French unit changes, every translation made from the old text is flagged
 * "to review" and keeps the French text it was made from, so the editor can show what changed.
 */
import { diffWordsWithSpace, type Change } from 'diff';
import type { LanguageCode } from './languages.ts';
import { plainText, unitHash } from './fiche.ts';
import { ROLE_IDS, hasRole, isAdmin, type Actor } from './roles.ts';
import type { TranslationStatus, UnitValue } from './schemas.ts';

export type TranslationAction = 'save_draft' | 'submit' | 'validate' | 'reject' | 'source_changed' | 'confirm_review';

export class WorkflowError extends Error {
  constructor(
    readonly code: 'forbidden' | 'invalid_transition' | 'invalid_input',
    message: string,
  ) {
    super(message);
    this.name = 'WorkflowError';
  }
}

/** Allowed transitions: from each status, the actions and where they lead. */
export const TRANSLATION_TRANSITIONS: Readonly<Record<TranslationStatus, Partial<Record<TranslationAction, TranslationStatus>>>> = {
  to_translate: { save_draft: 'draft' },
  draft: { save_draft: 'draft', submit: 'to_validate', source_changed: 'draft' },
  to_validate: { validate: 'validated', reject: 'draft', save_draft: 'draft', source_changed: 'to_review' },
  validated: { source_changed: 'to_review', save_draft: 'draft' },
  to_review: { save_draft: 'draft', confirm_review: 'validated', source_changed: 'to_review' },
};

/** Actions by role; a translator or expert must also work in the language. */
function roleAllows(actor: Actor, action: TranslationAction, lang: LanguageCode): boolean {
  if (action === 'source_changed') return true; // system event, raised by the fiche's moderation
  if (isAdmin(actor)) return true;
  const inLanguage = actor.languages?.includes(lang) ?? false;
  const expert = hasRole(actor, ROLE_IDS.expert) && inLanguage;
  const translator = (hasRole(actor, ROLE_IDS.translator) || hasRole(actor, ROLE_IDS.expert)) && inLanguage;
  switch (action) {
    case 'save_draft':
    case 'submit':
      return translator;
    case 'validate':
    case 'reject':
    case 'confirm_review':
      return expert;
  }
}

/** State of one unit translation as the workflow sees it. */
export interface UnitWorkflowState {
  status: TranslationStatus;
  value: UnitValue | null;
  translator: string | null;
  validator: string | null;
  /** Hash of the French it was made from. */
  sourceHash: string | null;
  /** French text it was made from, kept to show the diff when the source changes. */
  sourceValue: UnitValue | null;
  /** Reason given by the expert on reject. */
  comment: string | null;
}

export const EMPTY_UNIT: UnitWorkflowState = {
  status: 'to_translate',
  value: null,
  translator: null,
  validator: null,
  sourceHash: null,
  sourceValue: null,
  comment: null,
};

export type TranslationEvent =
  | { action: 'save_draft'; value: UnitValue; source: UnitValue }
  | { action: 'submit' }
  | { action: 'validate' }
  | { action: 'reject'; comment: string }
  | { action: 'source_changed'; source: UnitValue }
  | { action: 'confirm_review'; source: UnitValue };

export function canTransition(state: UnitWorkflowState, action: TranslationAction, actor: Actor, lang: LanguageCode): boolean {
  return TRANSLATION_TRANSITIONS[state.status][action] !== undefined && roleAllows(actor, action, lang);
}

/** Applies an event, or throws a WorkflowError (forbidden / invalid transition) that the API maps to 403/409. */
export function applyTranslationEvent(
  state: UnitWorkflowState,
  event: TranslationEvent,
  actor: Actor,
  lang: LanguageCode,
): UnitWorkflowState {
  const next = TRANSLATION_TRANSITIONS[state.status][event.action];
  if (!next) throw new WorkflowError('invalid_transition', `Action « ${event.action} » impossible depuis le statut « ${state.status} ».`);
  if (!roleAllows(actor, event.action, lang))
    throw new WorkflowError('forbidden', "Vous n'avez pas le droit de faire cette action dans cette langue.");
  switch (event.action) {
    case 'save_draft':
      if (!plainText(event.value).trim()) throw new WorkflowError('invalid_input', 'La traduction est vide.');
      return {
        ...state,
        status: next,
        value: event.value,
        translator: actor.id,
        validator: null,
        sourceHash: unitHash(event.source),
        sourceValue: event.source,
        comment: null,
      };
    case 'submit':
      return { ...state, status: next };
    case 'validate':
      // Four eyes: an expert does not validate their own translation, unless admin.
      if (state.translator === actor.id && !isAdmin(actor)) {
        throw new WorkflowError('forbidden', 'Une traduction doit être validée par une autre personne que son auteur.');
      }
      return { ...state, status: next, validator: actor.id, comment: null };
    case 'reject':
      if (!event.comment.trim()) throw new WorkflowError('invalid_input', 'Indiquez la raison du refus.');
      return { ...state, status: next, validator: null, comment: event.comment.trim() };
    case 'source_changed':
      // Same text again (e.g. a whitespace edit): nothing to review.
      if (state.sourceHash === unitHash(event.source)) return state;
      // sourceValue keeps the French this translation was made from: the diff is from there.
      return { ...state, status: next };
    case 'confirm_review':
      return { ...state, status: next, validator: actor.id, sourceHash: unitHash(event.source), sourceValue: event.source };
  }
}

export interface SourceDiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level diff between the French a translation was made from and today's French, for the review screen. */
export function sourceDiff(before: UnitValue, after: UnitValue): SourceDiffPart[] {
  const changes: Change[] = diffWordsWithSpace(plainText(before), plainText(after));
  return changes.map((c) => ({ kind: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}

/** Units whose French changed: for each unit of each language still tied to another source hash. */
export function unitsToFlag(
  units: Iterable<{ key: string; lang: LanguageCode; state: UnitWorkflowState }>,
  currentSource: ReadonlyMap<string, UnitValue>,
): { key: string; lang: LanguageCode }[] {
  const out: { key: string; lang: LanguageCode }[] = [];
  for (const u of units) {
    const src = currentSource.get(u.key);
    if (!src || u.state.status === 'to_translate' || u.state.sourceHash === null) continue;
    if (u.state.sourceHash !== unitHash(src) && u.state.status !== 'to_review') out.push({ key: u.key, lang: u.lang });
  }
  return out;
}
