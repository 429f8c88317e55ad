/**
 * The workflow tables (docs/sync-protocol.md TS-2, TS-3, RP-2, RP-3): each transition allowed to
 * its one role and refused to every other, each required value refused with the one message the
 * form, the device's write and the server all give, and the shape checks both sides run.
 */
import { describe, expect, it } from 'vitest';
import { logMoveRefusal } from '../../src/shared/rules/log-rules';
import {
  REPORT_WORKFLOW,
  allowedReportTransitions,
  checkReportChange,
  reportShapeRefusal,
  type ReportAction,
} from '../../src/shared/rules/report-workflow';
import {
  TIMESHEET_WORKFLOW,
  allowedTimesheetTransitions,
  checkTimesheetChange,
  timesheetShapeRefusal,
  type TimesheetAction,
} from '../../src/shared/rules/timesheet-workflow';
import { missingFields, wrongStateReason } from '../../src/shared/rules/workflow';
import { englishOf, worded } from '../helpers/english';
import type { Report, Timesheet } from '../../src/shared/schemas';
import type { ReportStatus } from '../../src/shared/schemas/report.schema';
import type { TimesheetStatus } from '../../src/shared/schemas/timesheet.schema';
import { markerOf } from '../../src/shared/sync/revision';
import type { PublicUser } from '../../src/shared/users';
import { aReport, aTimesheet, anAssignment, expert, officer, supervisor } from '../helpers/builders';

const assignment = anAssignment();
const otherExpert: PublicUser = { ...expert, id: 'expert-2' };
const otherSupervisor: PublicUser = { ...supervisor, id: 'sup-2' };
const PEOPLE = { expert, otherExpert, supervisor, otherSupervisor, officer };
type Person = keyof typeof PEOPLE;
const HASH = 'a'.repeat(64);

/** Which actions each person may take in each state: written out, so a change of a table shows. */
type Allowed<Status extends string, Action> = Record<Status, Partial<Record<Person, Action[]>>>;

/** `offered` (the screens' "may I?") gives each person exactly their actions in each state. */
function expectOffered<Status extends string, Action>(
  allowed: Allowed<Status, Action>,
  offered: (user: PublicUser, status: Status) => Action[],
) {
  for (const status of Object.keys(allowed) as Status[]) {
    for (const [name, user] of Object.entries(PEOPLE)) {
      expect(offered(user, status), `${name}, ${status}`).toEqual(allowed[status][name as Person] ?? []);
    }
  }
}

/** The server's check accepts each transition from its one role and refuses it to every other. */
function expectMadeOnlyByTheirRole<
  Status extends string,
  Action extends string,
  Doc extends { status: Status },
>(
  allowed: Allowed<Status, Action>,
  made: Record<Action, [Doc, Doc]>,
  check: (user: PublicUser, current: Doc, next: Doc) => unknown,
  forbidden: (action: Action) => unknown,
) {
  for (const [action, [current, next]] of Object.entries(made) as [Action, [Doc, Doc]][]) {
    for (const [name, user] of Object.entries(PEOPLE)) {
      const mayMake = allowed[current.status][name as Person]?.includes(action) ?? false;
      expect(worded(check(user, current, next)), `${name}, ${action}`).toEqual(
        mayMake
          ? { ok: true, kind: action }
          : { ok: false, code: 'forbidden', message: worded(forbidden(action)) },
      );
    }
  }
}

describe('timesheet workflow', () => {
  const ALLOWED: Allowed<TimesheetStatus, TimesheetAction> = {
    draft: { expert: ['submit'] },
    returned: { expert: ['submit'] },
    submitted: { supervisor: ['approve', 'return'] },
    approved: { officer: ['reopen'] },
  };

  const submission = { declaration: true as const, fullName: 'Amina', snapshot: { logs: [], hash: HASH } };
  const draft = aTimesheet();
  const submitted = aTimesheet({ status: 'submitted', submission });
  const approved = aTimesheet({ status: 'approved', submission, approval: { fullName: 'Sam', hash: HASH } });
  /** Each transition from a state it starts from, with every value it needs. */
  const MADE: Record<TimesheetAction, [Timesheet, Timesheet]> = {
    submit: [draft, { ...draft, status: 'submitted', submission }],
    approve: [submitted, approved],
    return: [submitted, { ...submitted, status: 'returned', returned: { comment: 'Fix', dayComments: [] } }],
    reopen: [approved, { ...approved, status: 'returned', reopened: { reason: 'Wrong rate' } }],
  };

  it('TS-2: allowedTransitions offers each state’s transitions to their one role only', () => {
    expectOffered(ALLOWED, (user, status) => allowedTimesheetTransitions(user, assignment, { status }));
    // A month not started yet is a draft to be: only its expert may submit it.
    expect(allowedTimesheetTransitions(expert, assignment, undefined)).toEqual(['submit']);
    expect(allowedTimesheetTransitions(supervisor, assignment, null)).toEqual([]);
  });

  it('TS-2: the server allows each transition to that role and refuses it to every other', () => {
    expectMadeOnlyByTheirRole(
      ALLOWED,
      MADE,
      (user, current, next) => checkTimesheetChange(user, assignment, current, next),
      (action) => TIMESHEET_WORKFLOW[action].forbidden,
    );
  });

  it('TS-2: a pair of states the table does not join is no transition for anyone', () => {
    for (const user of Object.values(PEOPLE)) {
      expect(worded(checkTimesheetChange(user, assignment, draft, { ...approved }))).toEqual({
        ok: false,
        code: 'rule',
        message: 'A timesheet cannot go from draft to approved.',
      });
    }
  });

  it('TS-3: each required value has one message, for the form and the server alike', () => {
    expect(worded(TIMESHEET_WORKFLOW.submit.requires)).toEqual({
      declaration: 'Tick the declaration to submit.',
      fullName: 'Type your full name to sign the declaration.',
    });
    expect(worded(TIMESHEET_WORKFLOW.approve.requires)).toEqual({
      fullName: 'Type your full name to approve.',
    });
    expect(worded(TIMESHEET_WORKFLOW.return.requires)).toEqual({
      comment: 'Write a comment for the expert.',
    });
    expect(worded(TIMESHEET_WORKFLOW.reopen.requires)).toEqual({
      reason: 'Write why the timesheet is reopened.',
    });

    // The form: each blank field with its message, the filled ones without.
    expect(missingFields(TIMESHEET_WORKFLOW.submit, { declaration: false, fullName: '  ' })).toEqual(
      TIMESHEET_WORKFLOW.submit.requires,
    );
    expect(worded(missingFields(TIMESHEET_WORKFLOW.submit, { declaration: true, fullName: '' }))).toEqual({
      fullName: 'Type your full name to sign the declaration.',
    });
    expect(missingFields(TIMESHEET_WORKFLOW.approve, { fullName: 'Sam' })).toEqual({});

    // The server: the same words for the same blank value.
    const blank: Record<TimesheetAction, Timesheet> = {
      submit: { ...MADE.submit[1], submission: { ...submission, fullName: ' ' } },
      approve: { ...approved, approval: { fullName: ' ', hash: HASH } },
      return: { ...MADE.return[1], returned: { comment: ' ', dayComments: [] } },
      reopen: { ...MADE.reopen[1], reopened: { reason: ' ' } },
    };
    const user: Record<TimesheetAction, PublicUser> = {
      submit: expert,
      approve: supervisor,
      return: supervisor,
      reopen: officer,
    };
    for (const action of Object.keys(blank) as TimesheetAction[]) {
      const reason = Object.values(TIMESHEET_WORKFLOW[action].requires).at(-1);
      expect(checkTimesheetChange(user[action], assignment, MADE[action][0], blank[action])).toEqual({
        ok: false,
        code: 'rule',
        reason,
      });
    }
  });

  it('the device refuses a decision its timesheet is in no state for, naming the states', () => {
    expect(englishOf(wrongStateReason(TIMESHEET_WORKFLOW.reopen, 'submitted'))).toBe(
      'Only an approved timesheet can be reopened; this one is submitted.',
    );
    expect(englishOf(wrongStateReason(TIMESHEET_WORKFLOW.submit, 'approved'))).toBe(
      'Only a draft or returned timesheet can be submitted; this one is approved.',
    );
  });
});

describe('report workflow', () => {
  const ALLOWED: Allowed<ReportStatus, ReportAction> = {
    draft: { expert: ['submit'] },
    changes_requested: { expert: ['submit'] },
    submitted: { supervisor: ['endorse', 'request_changes'] },
    endorsed: { officer: ['review'] },
    reviewed: {},
  };

  const draft = aReport();
  const written = { ...draft, sections: { ...draft.sections, summary: 'Trained the unit.' } };
  const submitted: Report = { ...written, status: 'submitted' };
  const decision = (kind: 'endorsed' | 'changes_requested', comment: string) => ({
    kind,
    comment,
    sectionsRevision: markerOf(submitted.sections),
  });
  const endorsed: Report = { ...submitted, status: 'endorsed', decision: decision('endorsed', 'Good.') };
  const MADE: Record<ReportAction, [Report, Report]> = {
    submit: [written, submitted],
    endorse: [submitted, endorsed],
    request_changes: [
      submitted,
      { ...submitted, status: 'changes_requested', decision: decision('changes_requested', 'Add numbers.') },
    ],
    review: [endorsed, { ...endorsed, status: 'reviewed', review: { comment: '' } }],
  };

  it('RP-2: allowedTransitions offers each state’s transitions to their one role only', () => {
    expectOffered(ALLOWED, (user, status) => allowedReportTransitions(user, assignment, { status }));
  });

  it('RP-2: the server allows each transition to that role and refuses it to every other', () => {
    expectMadeOnlyByTheirRole(
      ALLOWED,
      MADE,
      (user, current, next) => checkReportChange(user, assignment, current, next),
      (action) => REPORT_WORKFLOW[action].forbidden,
    );
  });

  it('RP-3: a step that changes a field it does not set is refused in its own words', () => {
    const rewritten = { ...endorsed, sections: { ...endorsed.sections, summary: 'My own words.' } };
    expect(worded(checkReportChange(supervisor, assignment, submitted, rewritten))).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'A supervisor cannot change the report text.',
    });
    const selfEndorsed = { ...submitted, decision: decision('endorsed', 'Mine.') };
    expect(worded(checkReportChange(expert, assignment, written, selfEndorsed))).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'The expert cannot write a decision.',
    });
  });

  it('RP-2: each required value has one message, for the form and the server alike', () => {
    expect(worded(REPORT_WORKFLOW.submit.requires)).toEqual({
      summary: 'Write a summary before submitting the report.',
    });
    expect(worded(REPORT_WORKFLOW.endorse.requires)).toEqual({
      comment: 'Write a comment to endorse the report.',
    });
    expect(worded(REPORT_WORKFLOW.request_changes.requires)).toEqual({
      comment: 'Write what the expert should change.',
    });
    expect(missingFields(REPORT_WORKFLOW.review, { comment: '' })).toEqual({});

    const blank: Record<Exclude<ReportAction, 'review'>, [PublicUser, Report, Report]> = {
      submit: [expert, draft, { ...draft, status: 'submitted' }],
      endorse: [supervisor, submitted, { ...endorsed, decision: decision('endorsed', ' ') }],
      request_changes: [
        supervisor,
        submitted,
        { ...MADE.request_changes[1], decision: decision('changes_requested', ' ') },
      ],
    };
    for (const [action, [user, current, next]] of Object.entries(blank)) {
      const transition = REPORT_WORKFLOW[action as ReportAction];
      const [field, reason] = Object.entries(transition.requires)[0]!;
      expect(missingFields(transition, { [field]: ' ' })).toEqual({ [field]: reason });
      expect(checkReportChange(user, assignment, current, next)).toEqual({
        ok: false,
        code: 'rule',
        reason,
      });
    }
  });

  it('the device refuses a step its report is in no state for, naming the states', () => {
    expect(englishOf(wrongStateReason(REPORT_WORKFLOW.request_changes, 'endorsed'))).toBe(
      'Only a submitted report can be sent back; this one is endorsed.',
    );
  });
});

describe('shape, whatever the transition (TS-1, RP-1), for the device and the server', () => {
  const short = anAssignment({ endDate: '2025-06-10' });
  const SHAPES = [
    {
      noun: 'timesheet',
      refusal: timesheetShapeRefusal,
      doc: aTimesheet(),
      deleted: 'A timesheet cannot be deleted.',
      outside: [
        aTimesheet({ month: '2025-09' }),
        'September 2025 is outside the assignment (2025-05-20 to 2025-06-10).',
      ],
      wrongId: { ...aTimesheet(), id: 'assignment-1:2025-07' },
      idMessage: 'A timesheet id is its assignment and month.',
    },
    {
      noun: 'report',
      refusal: reportShapeRefusal,
      doc: aReport(),
      deleted: 'A report cannot be deleted.',
      outside: [
        aReport({ kind: 'midterm' }),
        'This assignment has no mid-term report: it is only asked of assignments longer than six weeks.',
      ],
      wrongId: { ...aReport(), id: 'assignment-1:final' },
      idMessage: 'A report id is its assignment and kind.',
    },
  ] as const;

  it.each(SHAPES)('a $noun: its id, no deletion, a place in its assignment', (shape) => {
    const refusal = shape.refusal as (doc: unknown, deleted: boolean, of: typeof short) => unknown;
    expect(refusal(shape.doc, false, short)).toBeNull();
    expect(worded(refusal(shape.doc, true, short))).toEqual({ code: 'rule', message: shape.deleted });
    expect(worded(refusal(shape.outside[0], false, short))).toEqual({
      code: 'rule',
      message: shape.outside[1],
    });
    expect(worded(refusal(shape.wrongId, false, short))).toEqual({
      code: 'invalid',
      message: shape.idMessage,
    });
  });
});

describe('logs', () => {
  it('SP-6: a stored log cannot move to another assignment; a new one goes anywhere', () => {
    expect(worded(logMoveRefusal({ assignmentId: 'a' }, { assignmentId: 'b' }))).toEqual({
      code: 'forbidden',
      message: 'A log cannot move to another assignment.',
    });
    expect(logMoveRefusal({ assignmentId: 'a' }, { assignmentId: 'a' })).toBeNull();
    expect(logMoveRefusal(undefined, { assignmentId: 'b' })).toBeNull();
  });
});
