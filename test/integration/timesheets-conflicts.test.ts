/**
 * Timesheets decided on two devices at once (docs/sync-protocol.md TS-7): the first decision that
 * reaches the server wins and the later one gets the stored version back. Test names cite the rules.
 */
import { describe, expect, it } from 'vitest';
import { timesheetId } from '../../src/shared/schemas/timesheet.schema';
import type { SyncDocument } from '../../src/shared/sync/protocol';
import { ACCEPTED, expert1Log, useApiServer } from '../helpers/api-client';
import { login } from '../helpers/test-server';

type TimesheetDoc = SyncDocument<'timesheets'>;

describe('first decision wins', () => {
  const f = useApiServer();

  it('TS-1 TS-7: two devices that create the same month offline make one timesheet; the second gets a conflict', async () => {
    const todayLog = expert1Log(f.today);
    expect(await f.writeLog(todayLog)).toEqual(ACCEPTED);
    const id = timesheetId('asg-expert1', f.thisMonth);
    const draft: TimesheetDoc = {
      id,
      assignmentId: 'asg-expert1',
      month: f.thisMonth,
      status: 'draft',
      _deleted: false,
    };
    expect(await f.push('expert1', 'timesheets', [{ newDocumentState: draft }])).toEqual(ACCEPTED);
    const onServer = (await f.timesheet(id))!;
    // The tablet also started the month offline and submitted it there.
    const tablet = {
      ...draft,
      status: 'submitted' as const,
      submission: {
        declaration: true as const,
        fullName: 'Amina Yusuf',
        snapshot: await f.snapshot('asg-expert1', f.thisMonth),
      },
    };
    const response = await f.push('expert1', 'timesheets', [{ newDocumentState: tablet }]);
    expect(response).toEqual({ conflicts: [onServer], rejections: [] });
    // The same create again is only a replay (SP-4): nothing written, the stored version back.
    expect(await f.push('expert1', 'timesheets', [{ newDocumentState: draft }])).toEqual({
      conflicts: [onServer],
      rejections: [],
    });
    const ofMonth = (await f.pull('officer', 'timesheets')).filter((t) => t.month === f.thisMonth);
    expect(ofMonth).toEqual([onServer]);
    // Rebased on the server's version, the tablet's submission goes through.
    expect(
      await f.push('expert1', 'timesheets', [{ newDocumentState: tablet, assumedMasterState: onServer }]),
    ).toEqual(ACCEPTED);
  });

  it('TS-7: a supervisor approving on a second session after the first returned it gets a conflict with the returned version', async () => {
    const secondSession = await login(f.server.url, 'supervisor1@demo.test');
    const id = timesheetId('asg-expert1', f.lastMonth);
    const submitted = (await f.timesheet(id))!;
    expect(submitted.status).toBe('submitted');
    const returning = {
      ...submitted,
      status: 'returned' as const,
      returned: { comment: 'Missing the 12th.', dayComments: [] },
    };
    expect(
      await f.push('supervisor1', 'timesheets', [
        { newDocumentState: returning, assumedMasterState: submitted },
      ]),
    ).toEqual(ACCEPTED);
    const returned = (await f.timesheet(id))!;

    const approving = {
      ...submitted,
      status: 'approved' as const,
      approval: { fullName: 'Abdirahman Warsame', hash: submitted.submission!.snapshot.hash },
    };
    const response = await f.push(secondSession, 'timesheets', [
      { newDocumentState: approving, assumedMasterState: submitted },
    ]);
    expect(response).toEqual({ conflicts: [returned], rejections: [] });
    expect(returned.history!.at(-1)).toMatchObject({ byName: 'Abdirahman Warsame', to: 'returned' });
    expect(await f.timesheet(id)).toEqual(returned);
  });
});
