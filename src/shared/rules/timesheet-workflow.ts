/**
 * The timesheet workflow (docs/sync-protocol.md TS-1 … TS-3) as one table, and what is read from
 * it: the server's check of a pushed timesheet, the device's "may I?", the forms' and the device
 * writes' messages. Hash checks that need the server's logs are the server's (TS-4).
 */
import type { Assignment } from '../schemas/assignment.schema';
import { reason, type Reason } from '../reasons';
import { timesheetId, type Timesheet, type TimesheetStatus } from '../schemas/timesheet.schema';
import { same } from '../sync/merge';
import type { PublicUser } from '../users';
import { timesheetPeriod } from './timesheet-rules';
import {
  actsAs,
  allowedTransitions,
  shapeRefusal,
  transitionBetween,
  transitionRefusal,
  type AssignmentRoles,
  type RuleRefusal,
  type Transition,
  type Workflow,
} from './workflow';

/** A decision someone makes on a timesheet; `create` is only the first write of one. */
export type TimesheetAction = 'submit' | 'approve' | 'return' | 'reopen';
export type TransitionKind = 'create' | TimesheetAction;

const SUPERVISOR_ONLY = reason(/*i18n*/ 'rules.timesheet.supervisorOnly');

export const TIMESHEET_WORKFLOW: Workflow<TimesheetAction, TimesheetStatus, Timesheet> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    by: 'expert',
    forbidden: reason(/*i18n*/ 'rules.timesheet.submit.forbidden'),
    wrongState: /*i18n*/ 'rules.timesheet.submit.wrongState',
    // A returned timesheet keeps its return comment: only the submission changes.
    sets: ['submission'],
    requires: {
      declaration: reason(/*i18n*/ 'rules.timesheet.submit.declaration'),
      fullName: reason(/*i18n*/ 'rules.timesheet.submit.fullName'),
    },
    valuesOf: (next) => ({ declaration: next.submission?.declaration, fullName: next.submission?.fullName }),
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    by: 'supervisor',
    forbidden: SUPERVISOR_ONLY,
    wrongState: /*i18n*/ 'rules.timesheet.approve.wrongState',
    sets: ['approval'],
    requires: { fullName: reason(/*i18n*/ 'rules.timesheet.approve.fullName') },
    valuesOf: (next) => ({ fullName: next.approval?.fullName }),
    // The supervisor signs the days they were shown, never days changed since.
    check: (current, next) =>
      next.approval?.hash === current?.submission?.snapshot.hash
        ? null
        : reason(/*i18n*/ 'rules.timesheet.approve.otherDays'),
  },
  return: {
    from: ['submitted'],
    to: 'returned',
    by: 'supervisor',
    forbidden: SUPERVISOR_ONLY,
    wrongState: /*i18n*/ 'rules.timesheet.return.wrongState',
    sets: ['returned'],
    requires: { comment: reason(/*i18n*/ 'rules.timesheet.return.comment') },
    valuesOf: (next) => ({ comment: next.returned?.comment }),
    // A day comment on another month would point the expert at a day they cannot find.
    check: (_current, next) =>
      next.returned?.dayComments.some((day) => day.date.slice(0, 7) !== next.month)
        ? reason(/*i18n*/ 'rules.timesheet.return.dayOutsideMonth')
        : null,
  },
  reopen: {
    from: ['approved'],
    to: 'returned',
    by: 'officer',
    forbidden: reason(/*i18n*/ 'rules.timesheet.reopen.forbidden'),
    wrongState: /*i18n*/ 'rules.timesheet.reopen.wrongState',
    sets: ['reopened'],
    requires: { reason: reason(/*i18n*/ 'rules.timesheet.reopen.reason') },
    valuesOf: (next) => ({ reason: next.reopened?.reason }),
  },
};

/** What `user` may do with the timesheet (undefined: not started yet, a draft to be). */
export function allowedTimesheetTransitions(
  user: PublicUser,
  assignment: AssignmentRoles,
  current: Pick<Timesheet, 'status'> | null | undefined,
): TimesheetAction[] {
  return allowedTransitions(TIMESHEET_WORKFLOW, user, assignment, current?.status ?? 'draft');
}

/**
 * A refusal says whether the user's role cannot make this change at all ('forbidden') or the
 * change itself breaks a rule ('rule'): the server answers with that code (SP-6).
 */
export type TransitionCheck =
  { ok: true; kind: TransitionKind | null } | { ok: false; code: 'forbidden' | 'rule'; reason: Reason };

const refuse = (why: Reason, code: 'forbidden' | 'rule' = 'rule'): TransitionCheck => ({
  ok: false,
  code,
  reason: why,
});

const ID_REASON = reason(/*i18n*/ 'rules.timesheet.id');

const CONTENT_FIELDS: readonly (keyof Timesheet)[] = [
  'assignmentId',
  'month',
  'submission',
  'approval',
  'returned',
  'reopened',
];

/**
 * Whether `user` may turn `current` (undefined: not on the server yet) into `next`. Hash checks
 * that need the server's logs are the server's; everything else is here.
 */
export function checkTimesheetChange(
  user: PublicUser,
  assignment: AssignmentRoles,
  current: Timesheet | undefined,
  next: Timesheet,
): TransitionCheck {
  if (next.id !== timesheetId(next.assignmentId, next.month)) return refuse(ID_REASON);
  if (!current) {
    if (!actsAs(user, assignment, 'expert')) {
      return refuse(reason(/*i18n*/ 'rules.timesheet.create.forbidden'), 'forbidden');
    }
    if (next.status !== 'draft' && next.status !== 'submitted') {
      return refuse(reason(/*i18n*/ 'rules.timesheet.create.draft'));
    }
    if (next.approval || next.returned || next.reopened) {
      return refuse(reason(/*i18n*/ 'rules.timesheet.create.decision'));
    }
    if (next.status === 'draft' && next.submission) {
      return refuse(reason(/*i18n*/ 'rules.timesheet.create.submission'));
    }
    // Created already submitted: a submission made before the first sync.
    return next.status === 'submitted'
      ? checkTransition('create', TIMESHEET_WORKFLOW.submit, current, next)
      : { ok: true, kind: 'create' };
  }
  if (current.status === next.status) {
    const changed = CONTENT_FIELDS.filter((field) => !same(current[field], next[field]));
    return changed.length === 0
      ? { ok: true, kind: null }
      : refuse(reason(/*i18n*/ 'rules.timesheet.changedWithoutDecision', { status: current.status }));
  }
  const found = transitionBetween(TIMESHEET_WORKFLOW, current.status, next.status);
  if (!found) {
    return refuse(reason(/*i18n*/ 'rules.timesheet.noTransition', { from: current.status, to: next.status }));
  }
  const [kind, transition] = found;
  if (!actsAs(user, assignment, transition.by)) return refuse(transition.forbidden, 'forbidden');
  return checkTransition(kind, transition, current, next);
}

function checkTransition(
  kind: TransitionKind,
  transition: Transition<TimesheetStatus, Timesheet>,
  current: Timesheet | undefined,
  next: Timesheet,
): TransitionCheck {
  for (const field of CONTENT_FIELDS) {
    if (transition.sets.includes(field)) continue;
    if (
      field === 'assignmentId' || field === 'month'
        ? current && !same(current[field], next[field])
        : !same(current?.[field], next[field])
    ) {
      return refuse(reason(/*i18n*/ 'rules.timesheet.fieldKept', { field, action: kind }));
    }
  }
  const refused = transitionRefusal(transition, current, next);
  return refused ? refuse(refused) : { ok: true, kind };
}

/**
 * What a timesheet must be whatever the decision (TS-1): its id is its assignment and month, the
 * month touches the assignment, and it is never deleted. The server checks it before the conflict
 * check, so a conflict never answers with a document of another assignment; the device before it
 * writes one.
 */
export function timesheetShapeRefusal(
  next: Pick<Timesheet, 'id' | 'assignmentId' | 'month'>,
  deleted: boolean,
  assignment: Pick<Assignment, 'startDate' | 'endDate'>,
): RuleRefusal | null {
  return shapeRefusal({
    id: next.id === timesheetId(next.assignmentId, next.month) ? null : ID_REASON,
    // The allowance is paid from approved timesheets: their record must stay.
    deleted: deleted ? reason(/*i18n*/ 'rules.timesheet.deleted') : null,
    outside: () =>
      timesheetPeriod(assignment, next.month)
        ? null
        : reason(/*i18n*/ 'rules.timesheet.outsideAssignment', {
            month: next.month,
            start: assignment.startDate,
            end: assignment.endDate,
          }),
  });
}
