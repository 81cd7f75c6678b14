import { describe, expect, it } from 'vitest';
import { allowedActions, canEdit, checkAssign, nextStatus, reviewRoute, WorkflowError, type DecisionState } from './workflow.ts';

const agent = { id: 1, roles: ['openjustice.agent'] };
const other = { id: 2, roles: ['openjustice.agent'] };
const admin = { id: 3, roles: ['openjustice.admin'] };
const nobody = { id: 4, roles: ['explocode.x'] };
const d = (over: Partial<DecisionState> = {}): DecisionState => ({
  status: 'free',
  assignee: null,
  firstReviewer: null,
  lockedFrom: null,
  reviewRoute: 'simple',
  ...over,
});
const fails = (fn: () => unknown, status: 403 | 409) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowError);
    expect((e as WorkflowError).status).toBe(status);
    return;
  }
  throw new Error('expected a WorkflowError');
};

describe('review workflow', () => {
  it('goes free → pending → saved → done for a simple review, toBeConfirmed for a double one', () => {
    expect(nextStatus('claim', d(), agent)).toBe('pending');
    expect(nextStatus('save', d({ status: 'pending', assignee: 1 }), agent)).toBe('saved');
    expect(nextStatus('validate', d({ status: 'saved', assignee: 1 }), agent)).toBe('done');
    expect(nextStatus('validate', d({ status: 'saved', assignee: 1, reviewRoute: 'double' }), agent)).toBe('toBeConfirmed');
    expect(nextStatus('confirm', d({ status: 'toBeConfirmed', assignee: 1, firstReviewer: 1 }), other)).toBe('done');
    expect(nextStatus('reject', d({ status: 'toBeConfirmed', assignee: 1, firstReviewer: 1 }), other)).toBe('pending');
  });

  it('checks who: owner, pre-assignment, second reviewer, admins', () => {
    fails(() => nextStatus('claim', d(), nobody), 403);
    fails(() => nextStatus('claim', d({ assignee: 2 }), agent), 403);
    expect(nextStatus('claim', d({ assignee: 2 }), admin)).toBe('pending');
    fails(() => nextStatus('validate', d({ status: 'pending', assignee: 2 }), agent), 403);
    fails(() => nextStatus('confirm', d({ status: 'toBeConfirmed', firstReviewer: 1 }), agent), 403);
    fails(() => nextStatus('lock', d(), agent), 403);
    fails(() => nextStatus('release', d({ status: 'annotated' }), agent), 403);
    fails(() => checkAssign(d(), agent), 403);
    fails(() => checkAssign(d({ status: 'done' }), admin), 409);
  });

  it('checks from which status: nothing moves a locked decision but unlock, back to where it was', () => {
    fails(() => nextStatus('validate', d(), agent), 409);
    fails(() => nextStatus('claim', d({ status: 'locked', lockedFrom: 'free' }), admin), 409);
    expect(nextStatus('unlock', d({ status: 'locked', lockedFrom: 'saved' }), admin)).toBe('saved');
    expect(nextStatus('reopen', d({ status: 'done' }), admin)).toBe('pending');
    expect(allowedActions(d({ status: 'done' }), agent)).toEqual([]);
    expect(allowedActions(d(), agent)).toEqual(['claim']);
  });

  it('lets the owner edit while pending/saved, the second reviewer while toBeConfirmed', () => {
    expect(canEdit(d({ status: 'pending', assignee: 1 }), agent)).toBe(true);
    expect(canEdit(d({ status: 'pending', assignee: 1 }), other)).toBe(false);
    expect(canEdit(d({ status: 'toBeConfirmed', firstReviewer: 1 }), agent)).toBe(false);
    expect(canEdit(d({ status: 'toBeConfirmed', firstReviewer: 1 }), other)).toBe(true);
    expect(canEdit(d({ status: 'done' }), admin)).toBe(false);
    expect(reviewRoute(0.3, 0.3)).toBe('double');
    expect(reviewRoute(0.29, 0.3)).toBe('simple');
  });
});
