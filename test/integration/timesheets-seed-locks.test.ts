/**
 * Timesheets of the demo seed on the real sync server (docs/sync-protocol.md TS-*): the months the
 * seed places in every state, who sees which, and the lock a submitted or approved month puts on
 * its days. Test names cite the rules.
 */
import { describe, expect, it } from 'vitest';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, expectRefused, expert1Log, useApiServer } from '../helpers/api-client';

type TimesheetDoc = SyncDocument<'timesheets'>;

describe('demo seed', () => {
  const f = useApiServer();

  it('TS-5 TS-6: expert1 has M−2 approved and M−1 submitted, expert2 has M−1 returned, all with history', async () => {
    const all = (await f.pull('officer', 'timesheets')).sort((a, b) => a.id.localeCompare(b.id));
    expect(all.map((t) => [t.id, t.status])).toEqual([
      [timesheetId('asg-expert1', f.monthBefore), 'approved'],
      [timesheetId('asg-expert1', f.lastMonth), 'submitted'],
      [timesheetId('asg-expert2', f.lastMonth), 'returned'],
    ]);
    const [approved, submitted, returned] = all as [TimesheetDoc, TimesheetDoc, TimesheetDoc];
    expect(approved.history!.map((h) => [h.byName, h.from, h.to])).toEqual([
      ['Amina Yusuf', 'draft', 'submitted'],
      ['Abdirahman Warsame', 'submitted', 'approved'],
    ]);
    expect(approved.approval!.hash).toBe(approved.submission!.snapshot.hash);
    expect(approved.submission!.snapshot).toEqual(await f.snapshot('asg-expert1', f.monthBefore));
    expect(approved.submission!.snapshot.logs.length).toBeGreaterThanOrEqual(3);
    expect(submitted.history!.map((h) => [h.byName, h.from, h.to])).toEqual([
      ['Amina Yusuf', 'draft', 'submitted'],
    ]);
    expect(submitted.submission!.snapshot).toEqual(await f.snapshot('asg-expert1', f.lastMonth));
    expect(returned.history!.map((h) => [h.byName, h.role, h.from, h.to])).toEqual([
      ['Chidi Okafor', 'expert', 'draft', 'submitted'],
      ['Ngozi Adeyemi', 'supervisor', 'submitted', 'returned'],
    ]);
    expect(returned.returned!.comment).toBe(returned.history![1]!.comment);
    expect(returned.returned!.dayComments).toHaveLength(1);
    expect(returned.returned!.dayComments[0]!.date.slice(0, 7)).toBe(f.lastMonth);
    // History times are in order and never after the seeding.
    for (const t of all) {
      const times = t.history!.map((h) => h.at);
      expect([...times].sort()).toEqual(times);
      expect(times.every((at) => at <= f.clock.now().toISOString())).toBe(true);
    }
  });

  it('TS-6: the current month is open for logging today; the recent week is still there', async () => {
    expect(await f.writeLog(expert1Log(f.today, { hours: 2 }))).toEqual(ACCEPTED);
    const recent = (await f.pull('expert1', 'logs')).filter((l) => l.id.startsWith('log-expert1-'));
    expect(recent).toHaveLength(5);
  });

  it('TS-2: supervisors see what waits for them: supervisor1 the submitted month, supervisor2 none', async () => {
    const forSupervisor1 = await f.pull('supervisor1', 'timesheets');
    expect(forSupervisor1.filter((t) => t.status === 'submitted').map((t) => t.id)).toEqual([
      timesheetId('asg-expert1', f.lastMonth),
    ]);
    expect((await f.pull('supervisor2', 'timesheets')).map((t) => t.status)).toEqual(['returned']);
    expect((await f.pull('expert2', 'timesheets')).every((t) => t.assignmentId === 'asg-expert2')).toBe(true);
  });
});

describe('the lock on the demo months', () => {
  const f = useApiServer();
  const seededLog = async (prefix: string) =>
    (await f.pull('expert1', 'logs')).find((l) => l.id.startsWith(prefix) && !l._deleted)!;

  it('TS-6: a log of the approved month names the approver and the day', async () => {
    const log = await seededLog('log-approved-expert1-');
    const approval = (await f.timesheet(timesheetId('asg-expert1', f.monthBefore)))!.history!.at(-1)!;
    expectRefused(
      await f.writeLog({ ...log, hours: 1 }),
      'rule',
      new RegExp(
        `was approved by Abdirahman Warsame on ${approval.at.slice(0, 10)}; ask your programme officer`,
      ),
    );
    expectRefused(await f.writeLog(expert1Log(log.date, { hours: 1 })), 'rule', /was approved by/);
  });

  it('TS-6: a day cannot be moved out of a locked month, nor into one', async () => {
    const log = await seededLog('log-submitted-expert1-');
    expectRefused(
      await f.writeLog({ ...log, date: f.today }),
      'rule',
      /is submitted and waiting for sign-off/,
    );
    const open = expert1Log(f.today, { hours: 1 });
    expect(await f.writeLog(open)).toEqual(ACCEPTED);
    const stored = (await f.pull('expert1', 'logs')).find((l) => l.id === open.id)!;
    expectRefused(await f.writeLog({ ...stored, date: log.date }), 'rule', /is submitted and waiting/);
  });

  it('TS-6: a returned month stays open to its expert', async () => {
    const log = (await f.pull('expert2', 'logs')).find((l) => l.id.startsWith('log-returned-expert2-'))!;
    expect(
      await f.push('expert2', 'logs', [{ newDocumentState: { ...log, hours: 6 }, assumedMasterState: log }]),
    ).toEqual(ACCEPTED);
  });

  it('TS-1: a month outside the assignment, or an id that is not its assignment and month, is refused', async () => {
    const far: TimesheetDoc = {
      id: 'asg-expert1:2001-01',
      assignmentId: 'asg-expert1',
      month: '2001-01',
      status: 'draft',
      _deleted: false,
    };
    expectRefused(
      await f.push('expert1', 'timesheets', [{ newDocumentState: far }]),
      'rule',
      /January 2001 is outside the assignment/,
    );
    const mismatched = { ...far, id: timesheetId('asg-expert2', f.lastMonth), month: f.thisMonth };
    const response = await f.push('expert1', 'timesheets', [{ newDocumentState: mismatched }]);
    expectRefused(response, 'invalid', /id is its assignment and month/);
    // expert2's timesheet has that id: it is not revealed to expert1.
    expect(response.conflicts).toEqual([{ ...mismatched, _deleted: true }]);
  });
});
