/**
 * Moderation of fiches. A structure proposes or edits its fiches; the change goes first through the
 * structure's manager, then through an admin, before it is published. A published fiche can carry a
 * draft: readers keep seeing the published version while the next one is being written and moderated.
 *
 *   (none) --edit--> draft --submit--> pending_structure --structure_approve--> pending_admin --publish--> published
 *                      ^                   |  structure_reject                     | admin_reject
 *                      +---- rejected <----+---------------------------------------+
 *
 * A fiche with no sponsoring structure (proposed by a caregiver, or by the project) skips the structure step.
 */
import { ROLE_IDS, hasRole, isAdmin, type Actor } from './roles.ts';

export const DRAFT_STATUSES = ['draft', 'pending_structure', 'pending_admin', 'rejected'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export const MODERATION_ACTIONS = [
  'edit',
  'submit',
  'structure_approve',
  'structure_reject',
  'publish',
  'admin_reject',
  'discard_draft',
  'unpublish',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

export interface ModerationState<V> {
  /** Sponsoring structure, null for fiches without one. */
  structure: string | null;
  published: V | null;
  draft: { version: V; status: DraftStatus; author: string; comment: string | null } | null;
  /** Unpublished (withdrawn) fiches keep their last version. */
  withdrawn: boolean;
}

export class ModerationError extends Error {
  constructor(
    readonly code: 'forbidden' | 'invalid_transition' | 'invalid_input',
    message: string,
  ) {
    super(message);
    this.name = 'ModerationError';
  }
}

function memberOf(actor: Actor, structure: string | null): boolean {
  return structure !== null && (actor.structures?.includes(structure) ?? false);
}

/** Who may perform an action on a fiche of this structure (regardless of the current status). */
export function roleAllowsModeration(actor: Actor, action: ModerationAction, structure: string | null, author: string | null): boolean {
  if (isAdmin(actor)) return true;
  const manager = hasRole(actor, ROLE_IDS.structureManager) && memberOf(actor, structure);
  const contributor = hasRole(actor, ROLE_IDS.contributor) && memberOf(actor, structure);
  // Caregivers propose fiches without a structure; they can edit only their own proposals.
  const proposer = hasRole(actor, ROLE_IDS.caregiver) || hasRole(actor, ROLE_IDS.contributor);
  switch (action) {
    case 'edit':
    case 'submit':
      if (structure === null) return proposer && (author === null || author === actor.id);
      return manager || contributor;
    case 'discard_draft':
      return manager || (author !== null && author === actor.id);
    case 'structure_approve':
    case 'structure_reject':
      return manager;
    case 'publish':
    case 'admin_reject':
    case 'unpublish':
      return false; // admins only, handled above
  }
}

export function allowedModerationActions<V>(state: ModerationState<V>, actor: Actor): ModerationAction[] {
  return MODERATION_ACTIONS.filter((a) => {
    try {
      checkTransition(state, a);
    } catch {
      return false;
    }
    return roleAllowsModeration(actor, a, state.structure, state.draft?.author ?? null);
  });
}

function checkTransition<V>(state: ModerationState<V>, action: ModerationAction): void {
  const s = state.draft?.status;
  const ok: Record<ModerationAction, boolean> = {
    edit: s === undefined || s === 'draft' || s === 'rejected',
    submit: s === 'draft' || s === 'rejected',
    structure_approve: s === 'pending_structure',
    structure_reject: s === 'pending_structure',
    publish: s === 'pending_admin',
    admin_reject: s === 'pending_admin',
    discard_draft: s !== undefined,
    unpublish: state.published !== null && !state.withdrawn,
  };
  if (!ok[action]) throw new ModerationError('invalid_transition', `Action « ${action} » impossible dans l'état actuel de la fiche.`);
}

export type ModerationEvent<V> =
  | { action: 'edit'; version: V }
  | { action: 'submit' }
  | { action: 'structure_approve' }
  | { action: 'structure_reject'; comment: string }
  | { action: 'publish' }
  | { action: 'admin_reject'; comment: string }
  | { action: 'discard_draft' }
  | { action: 'unpublish' };

export function applyModeration<V>(state: ModerationState<V>, event: ModerationEvent<V>, actor: Actor): ModerationState<V> {
  checkTransition(state, event.action);
  if (!roleAllowsModeration(actor, event.action, state.structure, state.draft?.author ?? null)) {
    throw new ModerationError('forbidden', "Vous n'avez pas le droit de faire cette action sur cette fiche.");
  }
  const d = state.draft;
  switch (event.action) {
    case 'edit':
      return { ...state, draft: { version: event.version, status: 'draft', author: d?.author ?? actor.id, comment: null } };
    case 'submit':
      return { ...state, draft: { ...d!, status: state.structure === null ? 'pending_admin' : 'pending_structure', comment: null } };
    case 'structure_approve':
      return { ...state, draft: { ...d!, status: 'pending_admin' } };
    case 'structure_reject':
    case 'admin_reject':
      if (!event.comment.trim()) throw new ModerationError('invalid_input', 'Indiquez la raison du refus.');
      return { ...state, draft: { ...d!, status: 'rejected', comment: event.comment.trim() } };
    case 'publish':
      return { ...state, published: d!.version, draft: null, withdrawn: false };
    case 'discard_draft':
      return { ...state, draft: null };
    case 'unpublish':
      return { ...state, withdrawn: true };
  }
}

/** What readers see: the published version unless withdrawn. */
export function publicVersion<V>(state: ModerationState<V>): V | null {
  return state.withdrawn ? null : state.published;
}

/** Label of a fiche's moderation status for staff screens (French). */
export function moderationLabel(state: ModerationState<unknown>): string {
  const base = state.published ? (state.withdrawn ? 'Dépubliée' : 'Publiée') : 'Jamais publiée';
  const draft: Record<DraftStatus, string> = {
    draft: 'brouillon en cours',
    pending_structure: 'en attente de validation par la structure',
    pending_admin: "en attente de validation par l'administration",
    rejected: 'brouillon refusé, à corriger',
  };
  return state.draft ? `${base}, ${draft[state.draft.status]}` : base;
}
