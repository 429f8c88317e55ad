/**
 * The timesheet workflow (docs/sync-protocol.md TS-1 … TS-3) as one table, and what is read from
 * it: the server's check of a pushed timesheet, the device's "may I?", the forms' and the device
 * writes' messages. Hash checks that need the server's logs are the server's (TS-4).
 */
import type { Assignment } from '../schemas/assignment.schema';
import { timesheetId, type Timesheet, type TimesheetStatus } from '../schemas/timesheet.schema';
import { same } from '../sync/merge';
import type { PublicUser } from '../users';
import { monthName, timesheetPeriod } from './timesheet-rules';
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

const SUPERVISOR_ONLY = 'Only the host supervisor of the assignment can approve or return its timesheet.';

export const TIMESHEET_WORKFLOW: Workflow<TimesheetAction, TimesheetStatus, Timesheet> = {
  submit: {
    from: ['draft', 'returned'],
    to: 'submitted',
    by: 'expert',
    forbidden: 'Only the expert on the assignment can submit its timesheet.',
    past: 'submitted',
    // A returned timesheet keeps its return comment: only the submission changes.
    sets: ['submission'],
    requires: {
      declaration: 'Tick the declaration to submit.',
      fullName: 'Type your full name to sign the declaration.',
    },
    valuesOf: (next) => ({ declaration: next.submission?.declaration, fullName: next.submission?.fullName }),
  },
  approve: {
    from: ['submitted'],
    to: 'approved',
    by: 'supervisor',
    forbidden: SUPERVISOR_ONLY,
    past: 'approved',
    sets: ['approval'],
    requires: { fullName: 'Type your full name to approve.' },
    valuesOf: (next) => ({ fullName: next.approval?.fullName }),
    // The supervisor signs the days they were shown, never days changed since.
    check: (current, next) =>
      next.approval?.hash === current?.submission?.snapshot.hash
        ? null
        : 'The approval does not match the days submitted; open the timesheet again.',
  },
  return: {
    from: ['submitted'],
    to: 'returned',
    by: 'supervisor',
    forbidden: SUPERVISOR_ONLY,
    past: 'returned',
    sets: ['returned'],
    requires: { comment: 'Write a comment for the expert.' },
    valuesOf: (next) => ({ comment: next.returned?.comment }),
    // A day comment on another month would point the expert at a day they cannot find.
    check: (_current, next) =>
      next.returned?.dayComments.some((day) => day.date.slice(0, 7) !== next.month)
        ? 'Day comments must be about days of this month.'
        : null,
  },
  reopen: {
    from: ['approved'],
    to: 'returned',
    by: 'officer',
    forbidden: 'Only a programme officer can reopen an approved timesheet.',
    past: 'reopened',
    sets: ['reopened'],
    requires: { reason: 'Write why the timesheet is reopened.' },
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
  { ok: true; kind: TransitionKind | null } | { ok: false; code: 'forbidden' | 'rule'; message: string };

const refuse = (message: string, code: 'forbidden' | 'rule' = 'rule'): TransitionCheck => ({
  ok: false,
  code,
  message,
});

const ID_MESSAGE = 'A timesheet id is its assignment and month.';

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
  if (next.id !== timesheetId(next.assignmentId, next.month)) return refuse(ID_MESSAGE);
  if (!current) {
    if (!actsAs(user, assignment, 'expert')) {
      return refuse('Only the expert on the assignment can start its timesheet.', 'forbidden');
    }
    if (next.status !== 'draft' && next.status !== 'submitted') {
      return refuse('A new timesheet starts as a draft.');
    }
    if (next.approval || next.returned || next.reopened) {
      return refuse('A new timesheet cannot carry a decision.');
    }
    if (next.status === 'draft' && next.submission) {
      return refuse('A draft carries no submission.');
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
      : refuse(`A ${current.status} timesheet cannot be changed without a decision.`);
  }
  const found = transitionBetween(TIMESHEET_WORKFLOW, current.status, next.status);
  if (!found) return refuse(`A timesheet cannot go from ${current.status} to ${next.status}.`);
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
      return refuse(`Field '${field}' cannot change when a timesheet is ${transition.past}.`);
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
    id: next.id === timesheetId(next.assignmentId, next.month) ? null : ID_MESSAGE,
    // The allowance is paid from approved timesheets: their record must stay.
    deleted: deleted ? 'A timesheet cannot be deleted.' : null,
    outside: () =>
      timesheetPeriod(assignment, next.month)
        ? null
        : `${monthName(next.month)} is outside the assignment (${assignment.startDate} to ${assignment.endDate}).`,
  });
}
