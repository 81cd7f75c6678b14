/**
 * The review workflow as Label's: statuses, the actions that move a decision between them, and who
 * may take each. Pure: the service checks an action here, then writes it in one transaction with its
 * audit row. See docs/statuses.md (the same table, in prose).
 */
export const STATUSES = ['loaded', 'annotated', 'free', 'pending', 'saved', 'toBeConfirmed', 'done', 'locked'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  loaded: 'Importée',
  annotated: 'Annotée',
  free: 'À traiter',
  pending: 'En cours',
  saved: 'Enregistrée',
  toBeConfirmed: 'À confirmer',
  done: 'Validée',
  locked: 'Verrouillée',
};

export const AGENT_ROLE = 'openjustice.agent';
export const ADMIN_ROLE = 'openjustice.admin';

export interface Actor {
  id: number;
  roles: readonly string[];
}

export interface DecisionState {
  status: Status;
  assignee: number | null;
  firstReviewer: number | null;
  lockedFrom: Status | null;
  reviewRoute: 'simple' | 'double' | null;
}

export type Action = 'release' | 'claim' | 'save' | 'resume' | 'unclaim' | 'validate' | 'confirm' | 'reject' | 'lock' | 'unlock' | 'reopen';

export const ACTION_LABELS: Record<Action, string> = {
  release: 'Mettre à disposition des agents',
  claim: 'Prendre en charge',
  save: 'Enregistrer',
  resume: 'Reprendre',
  unclaim: 'Remettre dans la file',
  validate: 'Valider',
  confirm: 'Confirmer la validation',
  reject: 'Renvoyer en correction',
  lock: 'Verrouiller',
  unlock: 'Déverrouiller',
  reopen: 'Rouvrir pour correction',
};

export class WorkflowError extends Error {
  override name = 'WorkflowError';
  constructor(
    readonly status: 403 | 409,
    message: string,
  ) {
    super(message);
  }
}

const isAdmin = (a: Actor) => a.roles.includes(ADMIN_ROLE);
const isAgent = (a: Actor) => a.roles.includes(AGENT_ROLE) || isAdmin(a);
const owns = (a: Actor, d: DecisionState) => d.assignee === a.id;

interface Rule {
  from: readonly Status[];
  /** Why the actor may not, or null when they may. */
  who(actor: Actor, d: DecisionState): string | null;
  to(d: DecisionState): Status;
}

const ADMIN_ONLY = (a: Actor) => (isAdmin(a) ? null : 'Action réservée aux administrateurs Open Justice.');
const OWNER_OR_ADMIN = (a: Actor, d: DecisionState) =>
  isAdmin(a) || (isAgent(a) && owns(a, d)) ? null : 'Cette décision est attribuée à un autre agent.';

const RULES: Record<Action, Rule> = {
  release: { from: ['annotated'], who: ADMIN_ONLY, to: () => 'free' },
  claim: {
    from: ['free'],
    who: (a, d) =>
      !isAgent(a)
        ? 'Action réservée aux agents.'
        : d.assignee !== null && d.assignee !== a.id && !isAdmin(a)
          ? 'Cette décision est pré-attribuée à un autre agent.'
          : null,
    to: () => 'pending',
  },
  save: { from: ['pending', 'saved'], who: OWNER_OR_ADMIN, to: () => 'saved' },
  resume: { from: ['saved'], who: OWNER_OR_ADMIN, to: () => 'pending' },
  unclaim: { from: ['pending', 'saved'], who: OWNER_OR_ADMIN, to: () => 'free' },
  validate: { from: ['pending', 'saved'], who: OWNER_OR_ADMIN, to: (d) => (d.reviewRoute === 'double' ? 'toBeConfirmed' : 'done') },
  confirm: {
    from: ['toBeConfirmed'],
    who: (a, d) =>
      isAdmin(a)
        ? null
        : !isAgent(a)
          ? 'Action réservée aux agents.'
          : d.firstReviewer === a.id
            ? 'La seconde relecture doit être faite par un autre agent.'
            : null,
    to: () => 'done',
  },
  reject: {
    from: ['toBeConfirmed'],
    who: (a, d) =>
      isAdmin(a) || (isAgent(a) && d.firstReviewer !== a.id) ? null : 'La seconde relecture doit être faite par un autre agent.',
    to: () => 'pending',
  },
  lock: { from: ['loaded', 'annotated', 'free', 'pending', 'saved', 'toBeConfirmed', 'done'], who: ADMIN_ONLY, to: () => 'locked' },
  unlock: { from: ['locked'], who: ADMIN_ONLY, to: (d) => d.lockedFrom ?? 'free' },
  reopen: { from: ['done'], who: ADMIN_ONLY, to: () => 'pending' },
};

/** The status an action leads to, or a WorkflowError (409: not from this status; 403: not this actor). */
export function nextStatus(action: Action, d: DecisionState, actor: Actor): Status {
  const rule = RULES[action];
  if (!rule.from.includes(d.status))
    throw new WorkflowError(409, `Action « ${ACTION_LABELS[action]} » impossible pour une décision « ${STATUS_LABELS[d.status]} ».`);
  const why = rule.who(actor, d);
  if (why) throw new WorkflowError(403, why);
  return rule.to(d);
}

export function allowedActions(d: DecisionState, actor: Actor): Action[] {
  return (Object.keys(RULES) as Action[]).filter((a) => RULES[a].from.includes(d.status) && RULES[a].who(actor, d) === null);
}

/** Who may change the spans now: the agent in charge while pending/saved, the second reviewer while toBeConfirmed. */
export function canEdit(d: DecisionState, actor: Actor): boolean {
  if (d.status === 'pending' || d.status === 'saved') return isAdmin(actor) || (isAgent(actor) && owns(actor, d));
  if (d.status === 'toBeConfirmed') return isAdmin(actor) || (isAgent(actor) && d.firstReviewer !== actor.id);
  return false;
}

/** Pre-assignment: admins only, and not once validated. */
export function checkAssign(d: DecisionState, actor: Actor): void {
  if (!isAdmin(actor)) throw new WorkflowError(403, 'Seuls les administrateurs attribuent les décisions.');
  if (d.status === 'done' || d.status === 'locked')
    throw new WorkflowError(409, `Une décision « ${STATUS_LABELS[d.status]} » ne peut pas être attribuée.`);
}

/** Simple or double review, from the engine's risk score and the court's threshold. */
export function reviewRoute(riskScore: number, threshold: number): 'simple' | 'double' {
  return riskScore >= threshold ? 'double' : 'simple';
}
