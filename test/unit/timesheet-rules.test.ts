/** The shared timesheet rules (docs/sync-protocol.md TS-*), as the device and the server run them. */
import { describe, expect, it } from 'vitest';
import { mayEverWrite, writeRefusal } from '../../src/shared/rules/access';
import {
  assignmentMonths,
  isLocked,
  logLockReason,
  monthName,
  snapshotBasis,
  snapshotHash,
  snapshotLogs,
  timesheetPeriod,
  timesheetTotals,
} from '../../src/shared/rules/timesheet-rules';
import { checkTimesheetChange } from '../../src/shared/rules/timesheet-workflow';
import type { DailyLog, Timesheet } from '../../src/shared/schemas';
import { timesheetId, type TimesheetStatus } from '../../src/shared/schemas/timesheet.schema';
import { revisionOf } from '../../src/shared/sync/revision';
import type { PublicUser, Role } from '../../src/shared/users';
import { englishOf, inEnglish } from '../helpers/english';

const user = (id: string, role: Role): PublicUser => ({ id, role, email: `${id}@demo.test`, name: id });
const expert1 = user('user-expert1', 'expert');
const expert2 = user('user-expert2', 'expert');
const supervisor1 = user('user-supervisor1', 'supervisor');
const supervisor2 = user('user-supervisor2', 'supervisor');
const officer = user('user-officer', 'officer');
const assignment = {
  id: 'asg-1',
  expertId: 'user-expert1',
  supervisorIds: ['user-supervisor1'],
  startDate: '2026-05-20',
  endDate: '2026-08-10',
};
const HASH = 'a'.repeat(64);
const OTHER_HASH = 'b'.repeat(64);

function log(id: string, date: string, patch: Partial<DailyLog> = {}): DailyLog {
  return {
    id,
    assignmentId: 'asg-1',
    date,
    hours: 6,
    workMode: 'on_site',
    location: 'Mogadishu',
    activities: 'Work',
    ktActivities: [],
    notes: '',
    updatedAt: '2026-06-30T10:00:00.000Z',
    ...patch,
  };
}

const submission = (hash = HASH): Timesheet['submission'] => ({
  declaration: true,
  fullName: 'Amina Yusuf',
  snapshot: { logs: [{ id: 'l1', date: '2026-06-02', hours: 6, workMode: 'on_site', version: 'v1' }], hash },
});

function sheet(status: TimesheetStatus, patch: Partial<Timesheet> = {}): Timesheet {
  const base: Timesheet = {
    id: timesheetId('asg-1', '2026-06'),
    assignmentId: 'asg-1',
    month: '2026-06',
    status,
  };
  if (status !== 'draft') base.submission = submission();
  if (status === 'approved') base.approval = { fullName: 'Supervisor One', hash: HASH };
  return { ...base, ...patch };
}

const submitted = sheet('submitted');
const approved = sheet('approved');
const returned = sheet('returned', { returned: { comment: 'Check 2 June', dayComments: [] } });

describe('period and months', () => {
  it('TS-1: a month is clipped to the assignment at both ends', () => {
    expect(timesheetPeriod(assignment, '2026-05')).toEqual({ start: '2026-05-20', end: '2026-05-31' });
    expect(timesheetPeriod(assignment, '2026-06')).toEqual({ start: '2026-06-01', end: '2026-06-30' });
    expect(timesheetPeriod(assignment, '2026-08')).toEqual({ start: '2026-08-01', end: '2026-08-10' });
    expect(timesheetPeriod({ startDate: '2028-01-15', endDate: '2028-03-01' }, '2028-02')).toEqual({
      start: '2028-02-01',
      end: '2028-02-29',
    });
  });

  it('TS-1: a month outside the assignment, or not a month at all, has no period', () => {
    expect(timesheetPeriod(assignment, '2026-04')).toBeNull();
    expect(timesheetPeriod(assignment, '2026-09')).toBeNull();
    const wide = { startDate: '2025-12-01', endDate: '2027-02-01' };
    expect(timesheetPeriod(wide, '2026-00')).toBeNull();
    expect(timesheetPeriod(wide, '2026-13')).toBeNull();
  });

  it('TS-1: the months of an assignment, across a year end', () => {
    expect(assignmentMonths(assignment)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08']);
    expect(assignmentMonths({ startDate: '2026-11-20', endDate: '2027-01-05' })).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
  });

  it('TS-1: an assignment stored with impossible dates has no months (and does not hang the screen)', () => {
    expect(assignmentMonths({ startDate: '2026-13-01', endDate: '2027-03-01' })).toEqual([]);
    expect(assignmentMonths({ startDate: '2026-05-01', endDate: '9999-12-31' })).toEqual([]);
  });

  it('TS-6: month names are English whatever the locale', () => {
    expect(monthName('2026-06')).toBe('June 2026');
    expect(monthName('2026-11')).toBe('November 2026');
  });
});

describe('snapshot and hash', () => {
  const period = { start: '2026-06-01', end: '2026-06-30' };
  const logs = [
    log('b', '2026-06-03'),
    log('a', '2026-06-03', { workMode: 'remote' }),
    log('c', '2026-06-01'),
    log('out', '2026-07-01'),
    log('other', '2026-06-02', { assignmentId: 'asg-2' }),
  ];

  it('TS-4: the snapshot holds the period’s logs of the assignment, by date then id, versioned by their content', () => {
    const [c, a, b] = [logs[2]!, logs[1]!, logs[0]!];
    expect(snapshotLogs(logs, 'asg-1', period)).toEqual([
      { id: 'c', date: '2026-06-01', hours: 6, workMode: 'on_site', version: revisionOf(c) },
      { id: 'a', date: '2026-06-03', hours: 6, workMode: 'remote', version: revisionOf(a) },
      { id: 'b', date: '2026-06-03', hours: 6, workMode: 'on_site', version: revisionOf(b) },
    ]);
  });

  it('TS-4: a device computes the server’s snapshot offline: server stamps and RxDB meta do not count', async () => {
    // As the device holds the logs before they are pushed: no stamps, RxDB's own fields.
    const onDevice = logs.map(({ updatedAt: _stamp, ...l }) => ({ ...l, _deleted: false, _rev: '1-x' }));
    // As the server holds them after the push: stamped with the server's time and author.
    const onServer = logs.map((l) => ({
      ...l,
      authorId: 'user-expert1',
      createdAt: '2026-07-01T09:00:00.000Z',
      updatedAt: '2026-07-01T09:00:00.000Z',
    }));
    const hashOf = async (items: DailyLog[]) =>
      snapshotHash('asg-1', '2026-06', snapshotLogs(items, 'asg-1', period));
    expect(await hashOf(onDevice)).toBe(await hashOf(onServer));
  });

  it('TS-4: the basis is read from the versions; a month signed on updatedAt is recomputed on it', () => {
    const content = snapshotLogs(logs, 'asg-1', period);
    expect(snapshotBasis({ logs: content })).toBe('content');
    expect(snapshotBasis({ logs: [] })).toBe('content');
    const legacy = snapshotLogs(logs, 'asg-1', period, 'updatedAt');
    expect(legacy.map((l) => l.version)).toEqual(Array(3).fill('2026-06-30T10:00:00.000Z'));
    expect(snapshotBasis({ logs: legacy })).toBe('updatedAt');
    // A log the server had not stamped yet was versioned '' on the old basis.
    expect(snapshotBasis({ logs: [{ ...content[0]!, version: '' }, ...content.slice(1)] })).toBe('updatedAt');
  });

  it('TS-4: the hash does not depend on the order the logs come in, and is SHA-256 hex', async () => {
    const forward = await snapshotHash('asg-1', '2026-06', snapshotLogs(logs, 'asg-1', period));
    const backward = await snapshotHash(
      'asg-1',
      '2026-06',
      snapshotLogs([...logs].reverse(), 'asg-1', period),
    );
    expect(forward).toMatch(/^[0-9a-f]{64}$/);
    expect(backward).toBe(forward);
  });

  it('TS-4: the hash changes when any content of a log, the logs, the month or the assignment change', async () => {
    const hashOf = (items: DailyLog[], month = '2026-06', assignmentId = 'asg-1') =>
      snapshotHash(assignmentId, month, snapshotLogs(items, 'asg-1', period));
    const base = await hashOf(logs);
    const edit = (patch: Partial<DailyLog>) => logs.map((l) => (l.id === 'a' ? { ...l, ...patch } : l));
    expect(await hashOf(edit({ hours: 6.25 }))).not.toBe(base);
    expect(await hashOf(edit({ workMode: 'travel' }))).not.toBe(base);
    // Text the supervisor reads but the snapshot does not list: the version carries it.
    expect(await hashOf(edit({ activities: 'Other work' }))).not.toBe(base);
    expect(await hashOf(edit({ notes: 'Borehole 7' }))).not.toBe(base);
    expect(await hashOf(edit({ location: 'Kismayo' }))).not.toBe(base);
    expect(await hashOf(edit({ ktActivities: [{ type: 'training', peopleReached: 1 }] }))).not.toBe(base);
    expect(await hashOf(logs.filter((l) => l.id !== 'a'))).not.toBe(base);
    expect(await hashOf([...logs, log('d', '2026-06-04')])).not.toBe(base);
    expect(await hashOf(logs, '2026-07')).not.toBe(base);
    expect(await hashOf(logs, '2026-06', 'asg-2')).not.toBe(base);
    // A new server write of the same content is the same day as far as the signature goes.
    expect(await hashOf(edit({ updatedAt: '2026-07-01T08:00:00.000Z', authorId: 'x' }))).toBe(base);
    expect(await hashOf(logs)).toBe(base);
  });
});

describe('totals and allowance', () => {
  const physical = { mode: 'physical' as const, institution: { country: 'Somalia' as const } };

  it('TS-8: remote days do not count for the allowance; a day counts once however many logs it has', () => {
    const totals = timesheetTotals(
      [
        { date: '2026-06-01', hours: 4, workMode: 'on_site' },
        { date: '2026-06-01', hours: 3, workMode: 'travel' },
        { date: '2026-06-02', hours: 5.5, workMode: 'remote' },
        { date: '2026-06-03', hours: 8, workMode: 'travel' },
        { date: '2026-06-04', hours: 2, workMode: 'remote' },
        { date: '2026-06-04', hours: 1, workMode: 'on_site' },
        { date: '2026-06-05', hours: 0, workMode: 'on_site' },
      ],
      physical,
    );
    expect(totals).toEqual({
      hours: 23.5,
      daysWorked: 4,
      allowanceDays: 3,
      dailyRateEur: 125,
      allowanceEur: 375,
    });
  });

  it('TS-8: a virtual (remote-only) assignment earns no allowance, even on a day logged on site or travelling', () => {
    const logs = [
      { date: '2026-06-01', hours: 8, workMode: 'on_site' as const },
      { date: '2026-06-02', hours: 6, workMode: 'travel' as const },
      { date: '2026-06-03', hours: 7, workMode: 'remote' as const },
    ];
    expect(timesheetTotals(logs, { ...physical, mode: 'virtual' })).toMatchObject({
      daysWorked: 3,
      allowanceDays: 0,
      allowanceEur: 0,
    });
    expect(timesheetTotals(logs, { ...physical, mode: 'hybrid' })).toMatchObject({
      allowanceDays: 2,
      allowanceEur: 250,
    });
  });

  it('TS-8: the rate is the country’s, and a custom configuration is followed', () => {
    const logs = [{ date: '2026-06-01', hours: 8, workMode: 'remote' as const }];
    const nigeria = { mode: 'physical' as const, institution: { country: 'Nigeria' as const } };
    expect(timesheetTotals(logs, nigeria).allowanceEur).toBe(0);
    const config = {
      countingModes: ['remote'] as const,
      payingAssignmentModes: ['physical'] as const,
      dailyRateEur: { Afghanistan: 1, Iraq: 2, Nigeria: 3, Somalia: 4 },
    };
    expect(timesheetTotals(logs, nigeria, config)).toMatchObject({ allowanceDays: 1, allowanceEur: 3 });
  });

  it('TS-8 AS-7: an assignment’s own daily rate replaces the country’s, 0 included', () => {
    const logs = [
      { date: '2026-06-01', hours: 8, workMode: 'on_site' as const },
      { date: '2026-06-02', hours: 6, workMode: 'travel' as const },
    ];
    expect(timesheetTotals(logs, { ...physical, dailyRateEur: 140 })).toMatchObject({
      dailyRateEur: 140,
      allowanceEur: 280,
    });
    expect(timesheetTotals(logs, { ...physical, dailyRateEur: 0 }).allowanceEur).toBe(0);
  });
});

describe('the lock on logs', () => {
  it('TS-6: submitted and approved months are locked; draft and returned ones are not', () => {
    expect(isLocked('submitted')).toBe(true);
    expect(isLocked('approved')).toBe(true);
    expect(isLocked('draft')).toBe(false);
    expect(isLocked('returned')).toBe(false);
    expect(isLocked(undefined)).toBe(false);
  });

  it('TS-6: the lock message names the month, and for an approval who approved it and when', () => {
    const history = [
      {
        at: '2026-07-01T08:00:00.000Z',
        byUserId: 'e',
        byName: 'Amina Yusuf',
        role: 'expert',
        from: 'draft',
        to: 'submitted',
      },
      {
        at: '2026-07-02T09:30:00.000Z',
        byUserId: 's',
        byName: 'Hassan Ali',
        role: 'supervisor',
        from: 'submitted',
        to: 'approved',
      },
    ];
    expect(englishOf(logLockReason({ ...approved, history })!)).toBe(
      'June 2026 was approved by Hassan Ali on 2026-07-02; ask your programme officer to reopen it to change its days.',
    );
    expect(englishOf(logLockReason({ ...submitted, history: history.slice(0, 1) })!)).toMatch(
      /^June 2026 is submitted and waiting for sign-off by your supervisor/,
    );
    expect(logLockReason(returned)).toBeNull();
  });
});

describe('access to timesheets', () => {
  it('TS-2: every role may push timesheets; whoever reads the assignment may write its timesheet rows', () => {
    for (const role of ['expert', 'supervisor', 'officer'] as const)
      expect(mayEverWrite(role, 'timesheets')).toBe(true);
    expect(mayEverWrite('supervisor', 'logs')).toBe(false);
    for (const someone of [expert1, supervisor1, officer]) {
      expect(writeRefusal(someone, 'timesheets', assignment)).toBeNull();
    }
    expect(englishOf(writeRefusal(expert2, 'timesheets', assignment)!)).toMatch(
      /assignments you work on or supervise/,
    );
    expect(englishOf(writeRefusal(supervisor2, 'timesheets', assignment)!)).toMatch(
      /assignments you work on or supervise/,
    );
    expect(englishOf(writeRefusal(expert1, 'timesheets', undefined)!)).toMatch(/timesheet does not exist/);
  });
});

describe('transitions (TS-2) and fields (TS-3)', () => {
  const check = (who: PublicUser, current: Timesheet | undefined, next: Timesheet) =>
    checkTimesheetChange(who, assignment, current, next);
  const refused = (who: PublicUser, current: Timesheet | undefined, next: Timesheet) => {
    const result = check(who, current, next);
    if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
    return inEnglish(result);
  };

  it('TS-2: the expert creates a draft or a submitted timesheet; nobody else creates one', () => {
    expect(check(expert1, undefined, sheet('draft'))).toEqual({ ok: true, kind: 'create' });
    expect(check(expert1, undefined, submitted)).toEqual({ ok: true, kind: 'create' });
    for (const someone of [expert2, supervisor1, supervisor2, officer]) {
      expect(refused(someone, undefined, sheet('draft'))).toMatchObject({ code: 'forbidden' });
    }
  });

  it('TS-2: a new timesheet cannot start approved or returned, nor carry a decision', () => {
    expect(refused(expert1, undefined, approved)).toMatchObject({
      code: 'rule',
      message: /starts as a draft/,
    });
    expect(refused(expert1, undefined, returned).message).toMatch(/starts as a draft/);
    const withApproval = { ...submitted, approval: { fullName: 'Me', hash: HASH } };
    expect(refused(expert1, undefined, withApproval).message).toMatch(/cannot carry a decision/);
    expect(refused(expert1, undefined, sheet('draft', { submission: submission() })).message).toMatch(
      /draft carries no submission/,
    );
  });

  it('TS-1: the id must be the assignment and month', () => {
    expect(refused(expert1, undefined, { ...sheet('draft'), id: 'asg-1:2026-07' }).message).toMatch(
      /id is its assignment and month/,
    );
  });

  it('TS-2: only the expert submits, from draft or returned', () => {
    expect(check(expert1, sheet('draft'), submitted)).toEqual({ ok: true, kind: 'submit' });
    const resubmitted = { ...returned, status: 'submitted' as const, submission: submission(OTHER_HASH) };
    expect(check(expert1, returned, resubmitted)).toEqual({ ok: true, kind: 'submit' });
    for (const someone of [expert2, supervisor1, officer]) {
      expect(refused(someone, sheet('draft'), submitted)).toMatchObject({
        code: 'forbidden',
        message: /Only the expert/,
      });
    }
    expect(refused(expert1, sheet('draft'), { ...sheet('draft'), status: 'submitted' }).message).toMatch(
      'Tick the declaration to submit.',
    );
  });

  it('TS-2: only a supervisor of the assignment approves or returns a submitted timesheet', () => {
    const approving = {
      ...submitted,
      status: 'approved' as const,
      approval: { fullName: 'S One', hash: HASH },
    };
    const returning = {
      ...submitted,
      status: 'returned' as const,
      returned: { comment: 'Fix 2 June', dayComments: [] },
    };
    expect(check(supervisor1, submitted, approving)).toEqual({ ok: true, kind: 'approve' });
    expect(check(supervisor1, submitted, returning)).toEqual({ ok: true, kind: 'return' });
    for (const someone of [expert1, expert2, supervisor2, officer]) {
      expect(refused(someone, submitted, approving)).toMatchObject({
        code: 'forbidden',
        message: /host supervisor/,
      });
      expect(refused(someone, submitted, returning).code).toBe('forbidden');
    }
  });

  it('TS-2: only an officer reopens an approved timesheet, with a reason', () => {
    const reopening = { ...approved, status: 'returned' as const, reopened: { reason: 'Wrong rate month' } };
    expect(check(officer, approved, reopening)).toEqual({ ok: true, kind: 'reopen' });
    for (const someone of [expert1, supervisor1, supervisor2]) {
      expect(refused(someone, approved, reopening)).toMatchObject({
        code: 'forbidden',
        message: /programme officer/,
      });
    }
    expect(refused(officer, approved, { ...reopening, reopened: { reason: '   ' } }).message).toBe(
      'Write why the timesheet is reopened.',
    );
    expect(refused(officer, approved, { ...approved, status: 'returned' }).message).toBe(
      'Write why the timesheet is reopened.',
    );
  });

  it('TS-2: transitions that do not exist are refused as rules', () => {
    const cases: [Timesheet, TimesheetStatus, PublicUser][] = [
      [sheet('draft'), 'approved', supervisor1],
      [sheet('draft'), 'returned', supervisor1],
      [submitted, 'draft', expert1],
      [approved, 'submitted', expert1],
      [approved, 'draft', officer],
      [returned, 'approved', supervisor1],
      [returned, 'draft', expert1],
    ];
    for (const [current, to, who] of cases) {
      expect(refused(who, current, { ...current, status: to })).toMatchObject({
        code: 'rule',
        message: `A timesheet cannot go from ${current.status} to ${to}.`,
      });
    }
  });

  it('TS-3: without a transition nothing may change; unchanged is fine', () => {
    expect(check(supervisor1, submitted, submitted)).toEqual({ ok: true, kind: null });
    const edited = { ...submitted, submission: submission(OTHER_HASH) };
    expect(refused(expert1, submitted, edited).message).toMatch(/submitted timesheet cannot be changed/);
    expect(refused(supervisor1, submitted, edited).message).toMatch(/cannot be changed without a decision/);
    expect(refused(officer, approved, { ...approved, approval: { fullName: 'Else', hash: HASH } }).code).toBe(
      'rule',
    );
  });

  it('TS-3: an approval must not touch the submission and must carry the submitted hash', () => {
    const approving = {
      ...submitted,
      status: 'approved' as const,
      approval: { fullName: 'S One', hash: HASH },
    };
    expect(
      refused(supervisor1, submitted, { ...approving, submission: submission(OTHER_HASH) }).message,
    ).toBe("Field 'submission' cannot change when a timesheet is approved.");
    expect(
      refused(supervisor1, submitted, { ...approving, approval: { fullName: 'S One', hash: OTHER_HASH } })
        .message,
    ).toMatch(/does not match the days submitted/);
    expect(refused(supervisor1, submitted, { ...submitted, status: 'approved' }).message).toMatch(
      /full name/,
    );
    expect(
      refused(supervisor1, submitted, { ...approving, returned: { comment: 'x', dayComments: [] } }).message,
    ).toMatch(/'returned' cannot change/);
  });

  it('TS-3: a return needs a comment, and its day comments are days of the month', () => {
    const returning = (r: Timesheet['returned']) => ({
      ...submitted,
      status: 'returned' as const,
      returned: r,
    });
    expect(refused(supervisor1, submitted, returning({ comment: ' ', dayComments: [] })).message).toMatch(
      'Write a comment for the expert.',
    );
    expect(
      refused(
        supervisor1,
        submitted,
        returning({ comment: 'See days', dayComments: [{ date: '2026-07-01', comment: 'x' }] }),
      ).message,
    ).toMatch(/days of this month/);
    expect(
      check(
        supervisor1,
        submitted,
        returning({ comment: 'See days', dayComments: [{ date: '2026-06-02', comment: 'x' }] }),
      ),
    ).toEqual({ ok: true, kind: 'return' });
    expect(
      refused(supervisor1, submitted, {
        ...returning({ comment: 'ok', dayComments: [] }),
        approval: { fullName: 'S', hash: HASH },
      }).message,
    ).toMatch(/'approval' cannot change/);
  });

  it('TS-3: a resubmission keeps the earlier return comment and cannot add a decision', () => {
    const resubmit = { ...returned, status: 'submitted' as const, submission: submission(OTHER_HASH) };
    expect(refused(expert1, returned, { ...resubmit, returned: undefined }).message).toMatch(
      /'returned' cannot change/,
    );
    expect(
      refused(expert1, returned, { ...resubmit, approval: { fullName: 'Me', hash: OTHER_HASH } }).message,
    ).toMatch(/'approval' cannot change/);
    expect(
      refused(expert1, sheet('draft'), { ...submitted, month: '2026-07', id: 'asg-1:2026-07' }).message,
    ).toMatch(/'month' cannot change/);
  });

  it('TS-3: a reopening sets only its reason', () => {
    const reopening = { ...approved, status: 'returned' as const, reopened: { reason: 'Wrong month' } };
    expect(refused(officer, approved, { ...reopening, approval: undefined }).message).toMatch(
      /'approval' cannot change/,
    );
    expect(
      refused(officer, approved, { ...reopening, returned: { comment: 'x', dayComments: [] } }).message,
    ).toMatch(/'returned' cannot change/);
  });
});
