/** What waits for an expert and a supervisor's inbox (issue 11 §2), worked out from device documents. */
import { describe, expect, it } from 'vitest';
import {
  dueText,
  expertWaiting,
  supervisorInbox,
  waitingText,
  type ExpertWaitingInput,
} from '../../src/features/assignments/work-waiting';
import type { Report, Timesheet } from '../../src/shared/schemas';
import { newReport } from '../../src/shared/rules/report-rules';
import { anAssignment } from '../helpers/builders';

const assignment = anAssignment({
  id: 'a1',
  expertId: 'expert-1',
  supervisorIds: ['supervisor-1'],
  supervisorNames: ['Sam'],
  startDate: '2026-09-01',
  endDate: '2026-11-30',
});

function input(patch: Partial<ExpertWaitingInput> = {}): ExpertWaitingInput {
  return {
    userId: 'expert-1',
    assignments: [assignment],
    timesheets: [],
    // Every report of the assignment submitted: only what a test adds is waiting.
    reports: (['inception', 'midterm', 'final'] as const).map((kind) => ({
      ...newReport(assignment, kind),
      status: 'submitted' as const,
    })),
    loggedMonths: new Set(),
    today: '2026-11-10',
    ...patch,
  };
}

const submittedMonth = (month: string): Timesheet => ({
  id: `a1:${month}`,
  assignmentId: 'a1',
  month,
  status: 'submitted',
});

describe('expertWaiting', () => {
  it('lists a returned month with its comment and the days named, in date order', () => {
    const returned: Timesheet = {
      id: 'a1:2026-10',
      assignmentId: 'a1',
      month: '2026-10',
      status: 'returned',
      returned: {
        comment: 'Two days need fixing.',
        dayComments: [
          { date: '2026-10-14', comment: 'Hours look high' },
          { date: '2026-10-03', comment: 'Saturday?' },
        ],
      },
    };
    const items = expertWaiting(
      input({ timesheets: [submittedMonth('2026-09'), returned], loggedMonths: new Set(['a1:2026-10']) }),
    );
    expect(items).toEqual([
      {
        kind: 'returned',
        assignment,
        month: '2026-10',
        by: 'return',
        comment: 'Two days need fixing.',
        days: [
          { date: '2026-10-03', comment: 'Saturday?' },
          { date: '2026-10-14', comment: 'Hours look high' },
        ],
      },
    ]);
  });

  it('lists a month that has ended with logs and no submission, not one without logs or still running', () => {
    const items = expertWaiting(
      input({ loggedMonths: new Set(['a1:2026-09', 'a1:2026-11']), timesheets: [] }),
    );
    expect(items.map((item) => item.kind === 'unsubmitted' && item.month)).toEqual(['2026-09']);
  });

  it('lists a report due within 7 days or overdue, not one due later or already submitted', () => {
    const drafts = input({ reports: [] });
    const at = (today: string) =>
      expertWaiting({ ...drafts, today }).flatMap((item) =>
        item.kind === 'report' ? [`${item.reportKind} ${dueText(item.daysLeft)}`] : [],
      );
    // Inception due 15 Sep, mid-term 16 Oct, final 30 Nov.
    expect(at('2026-09-07')).toEqual([]);
    expect(at('2026-09-08')).toEqual(['inception due in 7 days']);
    expect(at('2026-11-03')).toEqual(['inception overdue by 49 days', 'midterm overdue by 18 days']);
  });

  it('lists a report sent back with the supervisor’s comment whatever its due date', () => {
    const sentBack: Report = {
      ...newReport(assignment, 'final'),
      status: 'changes_requested',
      decision: { kind: 'changes_requested', comment: 'Add the interns.' },
    };
    const reports = input().reports.map((report) => (report.kind === 'final' ? sentBack : report));
    const items = expertWaiting(input({ reports }));
    expect(items).toMatchObject([
      { kind: 'report', reportKind: 'final', changesRequested: 'Add the interns.' },
    ]);
  });

  it("ignores other experts' and cancelled assignments", () => {
    const others = [
      { ...assignment, id: 'a2', expertId: 'expert-2' },
      { ...assignment, id: 'a3', status: 'cancelled' as const },
    ];
    expect(
      expertWaiting(
        input({ assignments: others, reports: [], loggedMonths: new Set(['a2:2026-09', 'a3:2026-09']) }),
      ),
    ).toEqual([]);
  });
});

describe('supervisorInbox', () => {
  const history = (at: string) => [
    { at, byUserId: 'expert-1', byName: 'Amina', role: 'expert', from: 'draft', to: 'submitted' },
  ];
  it('puts timesheets and reports in one list, the longest-waiting first, with the days waited', () => {
    const timesheet: Timesheet = {
      ...submittedMonth('2026-10'),
      history: history('2026-11-05T10:00:00.000Z'),
    };
    const report: Report = {
      ...newReport(assignment, 'inception'),
      status: 'submitted',
      history: history('2026-09-20T08:00:00.000Z'),
    };
    const fresh: Timesheet = { ...submittedMonth('2026-09') };
    const items = supervisorInbox({
      timesheets: [fresh, timesheet, { ...submittedMonth('2026-08'), status: 'approved' }],
      reports: [report],
      assignments: [assignment],
      monthName: (month) => `month ${month}`,
      today: '2026-11-10',
    });
    expect(items.map((item) => [item.title, waitingText(item.waitedDays)])).toEqual([
      ['Amina Expert — Inception report', 'waiting 51 days'],
      ['Amina Expert — month 2026-10', 'waiting 5 days'],
      ['Amina Expert — month 2026-09', 'just submitted'],
    ]);
  });
});

describe('words', () => {
  it('says due and waiting times plainly', () => {
    expect([dueText(0), dueText(1), dueText(3), dueText(-1), dueText(-4)]).toEqual([
      'due today',
      'due tomorrow',
      'due in 3 days',
      'overdue by 1 day',
      'overdue by 4 days',
    ]);
    expect([waitingText(0), waitingText(1), waitingText(5)]).toEqual([
      'waiting since today',
      'waiting 1 day',
      'waiting 5 days',
    ]);
  });
});
