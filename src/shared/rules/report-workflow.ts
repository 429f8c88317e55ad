/**
 * The report workflow (docs/sync-protocol.md RP-1 … RP-5) as one table, and what is read from it:
 * the server's check of a pushed report, the device's "may I?", the forms' and the device writes'
 * messages. Only the expert writes sections and submits; only the assignment's supervisor endorses
 * or requests changes; only an officer marks a report reviewed.
 */
import type { Assignment } from '../schemas/assignment.schema';
import { reason, type Reason } from '../reasons';
import { reportId, type Report, type ReportStatus } from '../schemas/report.schema';
import { canonicalJson } from '../sync/merge';
import { markerOf } from '../sync/revision';
import type { PublicUser } from '../users';
import { REPORT_EDITABLE_STATUSES, isReportEditable, reportLockReason, reportsDue } from './report-rules';
import {
  actsAs,
  allowedTransitions,
  shapeRefusal,
  transitionBetween,
  transitionRefusal,
  type AssignmentRoles,
  type RuleRefusal,
  type Workflow,
} from './workflow';

/** A step someone takes on a report; `create` and `edit` are the expert's writes in between. */
export type ReportAction = 'submit' | 'endorse' | 'request_changes' | 'review';
export type ReportTransition = 'create' | 'edit' | ReportAction;

const SUPERVISOR_ONLY = reason(/*i18n*/ 'rules.report.supervisorOnly');

/** A decision covers the text its maker read, never a text resubmitted since (RP-2). */
function decisionReadRefusal(current: Report | undefined, next: Report): Reason | null {
  if (next.decision?.sectionsRevision === undefined) {
    return reason(/*i18n*/ 'rules.report.decision.oldApp');
  }
  return current && next.decision.sectionsRevision === markerOf(current.sections)
    ? null
    : reason(/*i18n*/ 'rules.report.decision.textChanged');
}

/** The decision's comment, when the decision is the one the status says was made. */
const commentOf = (next: Report) => ({
  comment: next.decision?.kind === next.status ? next.decision.comment : undefined,
});

const EXPERT_KEEPS = reason(/*i18n*/ 'rules.report.expertKeeps');
const SUPERVISOR_KEEPS = reason(/*i18n*/ 'rules.report.supervisorKeeps');

/** Each step also says how it refuses a change to a field it does not set. */
export const REPORT_WORKFLOW: Workflow<ReportAction, ReportStatus, Report> &
  Record<ReportAction, { keeps: Reason }> = {
  submit: {
    from: REPORT_EDITABLE_STATUSES,
    to: 'submitted',
    by: 'expert',
    forbidden: reason(/*i18n*/ 'rules.report.submit.forbidden'),
    wrongState: /*i18n*/ 'rules.report.submit.wrongState',
    sets: ['sections'],
    keeps: EXPERT_KEEPS,
    requires: { summary: reason(/*i18n*/ 'rules.report.submit.summary') },
    valuesOf: (next) => ({ summary: next.sections.summary }),
  },
  endorse: {
    from: ['submitted'],
    to: 'endorsed',
    by: 'supervisor',
    forbidden: SUPERVISOR_ONLY,
    wrongState: /*i18n*/ 'rules.report.endorse.wrongState',
    sets: ['decision'],
    keeps: SUPERVISOR_KEEPS,
    requires: { comment: reason(/*i18n*/ 'rules.report.endorse.comment') },
    valuesOf: commentOf,
    check: decisionReadRefusal,
  },
  request_changes: {
    from: ['submitted'],
    to: 'changes_requested',
    by: 'supervisor',
    forbidden: SUPERVISOR_ONLY,
    wrongState: /*i18n*/ 'rules.report.requestChanges.wrongState',
    sets: ['decision'],
    keeps: SUPERVISOR_KEEPS,
    requires: { comment: reason(/*i18n*/ 'rules.report.requestChanges.comment') },
    valuesOf: commentOf,
    check: decisionReadRefusal,
  },
  review: {
    from: ['endorsed'],
    to: 'reviewed',
    by: 'officer',
    forbidden: reason(/*i18n*/ 'rules.report.review.forbidden'),
    wrongState: /*i18n*/ 'rules.report.review.wrongState',
    sets: ['review'],
    keeps: reason(/*i18n*/ 'rules.report.review.keeps'),
    // The comment is optional.
    requires: {},
    valuesOf: () => ({}),
  },
};

/** What `user` may do with the report now, asking nothing of what they have yet to type. */
export function allowedReportTransitions(
  user: PublicUser,
  assignment: AssignmentRoles,
  current: Pick<Report, 'status'>,
): ReportAction[] {
  return allowedTransitions(REPORT_WORKFLOW, user, assignment, current.status);
}

export type ReportCheck =
  { ok: true; kind: ReportTransition | null } | { ok: false; code: 'forbidden' | 'rule'; reason: Reason };

const refuse = (code: 'forbidden' | 'rule', why: Reason): ReportCheck => ({ ok: false, code, reason: why });

const ID_REASON = reason(/*i18n*/ 'rules.report.id');

/** The fields the workflow guards: who may write which is the table's `sets`. */
const WORKFLOW_FIELDS = ['sections', 'decision', 'review'] as const;

/** Whether `user` may turn `current` (undefined: not on the server yet) into `next` (RP-2, RP-3). */
export function checkReportChange(
  user: PublicUser,
  assignment: AssignmentRoles,
  current: Report | undefined,
  next: Report,
): ReportCheck {
  if (next.id !== reportId(next.assignmentId, next.kind)) return refuse('rule', ID_REASON);
  if (current && (current.assignmentId !== next.assignmentId || current.kind !== next.kind)) {
    return refuse('rule', reason(/*i18n*/ 'rules.report.moved'));
  }
  const from: ReportStatus = current?.status ?? 'draft';
  const to = next.status;
  const changed = WORKFLOW_FIELDS.filter(
    (field) => canonicalJson(current?.[field]) !== canonicalJson(next[field]),
  );

  if (from === to) {
    // Not a transition: the expert writing sections while the report is with them.
    if (changed.length === 0) return { ok: true, kind: current ? null : 'create' };
    if (!actsAs(user, assignment, 'expert')) {
      return refuse('forbidden', reason(/*i18n*/ 'rules.report.edit.forbidden'));
    }
    if (changed.some((field) => field !== 'sections')) {
      return refuse('forbidden', EXPERT_KEEPS);
    }
    if (!isReportEditable(from)) return refuse('rule', reportLockReason(from));
    return { ok: true, kind: current ? 'edit' : 'create' };
  }

  const found = transitionBetween(REPORT_WORKFLOW, from, to);
  if (!found) {
    return refuse('rule', reason(/*i18n*/ 'rules.report.noTransition', { from, to }));
  }
  const [kind, transition] = found;
  if (!actsAs(user, assignment, transition.by)) return refuse('forbidden', transition.forbidden);
  if (changed.some((field) => !transition.sets.includes(field))) {
    return refuse('forbidden', REPORT_WORKFLOW[kind].keeps);
  }
  const refused = transitionRefusal(transition, current, next);
  return refused ? refuse('rule', refused) : { ok: true, kind };
}

/**
 * What a report must be whatever the transition (RP-1): its id is its assignment and kind, the
 * assignment asks for a report of this kind, and it is never deleted. The server checks it before
 * the conflict check, so a conflict never answers with a report of another assignment; the device
 * before it writes one.
 */
export function reportShapeRefusal(
  next: Pick<Report, 'id' | 'assignmentId' | 'kind'>,
  deleted: boolean,
  assignment: Pick<Assignment, 'startDate' | 'endDate'>,
): RuleRefusal | null {
  return shapeRefusal({
    id: next.id === reportId(next.assignmentId, next.kind) ? null : ID_REASON,
    // The programme's record of what was transferred: a report only ever moves forward.
    deleted: deleted ? reason(/*i18n*/ 'rules.report.deleted') : null,
    outside: () =>
      reportsDue(assignment).some((due) => due.kind === next.kind)
        ? null
        : reason(/*i18n*/ 'rules.report.notAsked', { kind: next.kind }),
  });
}
