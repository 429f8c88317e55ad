/**
 * Timesheet sign-off in real Chromium, two people on two devices: the expert submits while
 * offline, the supervisor returns the month with a comment, the expert fixes a day and
 * resubmits, the supervisor approves, and the expert sees the month approved and its days locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/shared/dates';
import type { DailyLog, Timesheet } from '../../src/shared/schemas';
import { waitUntil } from '../helpers/devices';
import type { TestServer } from '../helpers/test-server';
import { startBrowserSession, type BrowserSession } from './session';
import { TimesheetPage } from './pages/timesheet-page';
import { assignmentPath } from '../../src/shared/paths';

let session: BrowserSession;
let server: TestServer;

beforeAll(async () => {
  session = await startBrowserSession();
  server = session.server;
});
afterAll(async () => {
  await session?.close();
});

async function signedIn(email: string) {
  const { context, app } = await session.signedIn(email);
  return { context, page: app.page, app, timesheet: new TimesheetPage(app.page, server.url) };
}

async function serverTimesheet(id: string): Promise<Timesheet | undefined> {
  return (await session.onServer('timesheets')).find((doc) => doc.id === id);
}

async function serverHasLog(match: (log: DailyLog) => boolean): Promise<boolean> {
  const logs = await session.onServer('logs');
  return logs.some((log) => !log._deleted && log.assignmentId === 'asg-expert1' && match(log));
}

const statusOnServer = (id: string, status: Timesheet['status']) =>
  waitUntil(
    async () => (await serverTimesheet(id))?.status === status,
    `the timesheet ${status} on the server`,
    60_000,
  );

describe('timesheet sign-off across two devices', () => {
  it('submits offline, returns with a comment, resubmits, approves and locks the days', async () => {
    const today = localIsoDate();
    const month = today.slice(0, 7);
    const id = `asg-expert1:${month}`;
    const expert = await signedIn('expert1@demo.test');

    // A day of this month, so the month has something to submit whatever today's date is.
    await expert.app.openAssignment(/Ministry of Energy and Water Resources/);
    await expert.app.logToday({ hours: '2', activities: 'Timesheet e2e: reviewed the pump logbook.' });
    await waitUntil(
      () => serverHasLog((log) => log.hours === 2 && log.date === today),
      'the new day on the server',
    );
    await expert.app.expectSyncStatus('All changes synced');

    await expert.context.setOffline(true);
    await expert.timesheet.open('asg-expert1', month);
    await expert.timesheet.submit('Amina Yusuf');
    await expert.timesheet.text('Waiting to sync').waitFor();
    await expert.app.expectSyncStatus('1 unsynced change');
    await expert.context.setOffline(false);
    await statusOnServer(id, 'submitted');

    const supervisor = await signedIn('supervisor1@demo.test');
    await supervisor.page.getByRole('link', { name: /To sign/ }).click();
    await supervisor.page.getByRole('heading', { name: 'To sign' }).waitFor();
    await supervisor.timesheet.open('asg-expert1', month);
    await supervisor.timesheet.returnToExpert('Please split the workshop hours from the travel hours.');
    await statusOnServer(id, 'returned');

    // The return reaches the expert's open screen through the live stream.
    await expert.timesheet
      .text('Please split the workshop hours from the travel hours.')
      .waitFor({ timeout: 30_000 });
    await expert.timesheet.text('Returned — action needed').waitFor();

    await expert.page.goto(`${server.url}${assignmentPath('asg-expert1')}`);
    await expert.page
      .getByRole('link', { name: `Edit log of ${today}` })
      .first()
      .click();
    await expert.page.getByLabel('Hours', { exact: true }).fill('3');
    await expert.page.getByRole('button', { name: 'Save log' }).click();
    await waitUntil(
      () => serverHasLog((log) => log.hours === 3 && log.date === today),
      'the fixed day on the server',
    );
    await expert.app.expectSyncStatus('All changes synced');
    await expert.timesheet.open('asg-expert1', month);
    await expert.timesheet.submit('Amina Yusuf');
    await statusOnServer(id, 'submitted');

    await supervisor.timesheet.open('asg-expert1', month);
    await supervisor.timesheet.approve('Hassan Ali');
    await statusOnServer(id, 'approved');
    const approved = await serverTimesheet(id);
    expect(approved?.history?.map((entry) => entry.to)).toEqual([
      'submitted',
      'returned',
      'submitted',
      'approved',
    ]);
    expect(approved?.approval?.hash).toBe(approved?.submission?.snapshot.hash);

    await expert.timesheet.text(/Approved by/).waitFor({ timeout: 30_000 });
    await expert.timesheet.text('The days still match what was approved').waitFor();
    await expert.page.goto(`${server.url}${assignmentPath('asg-expert1')}`);
    await expert.page
      .getByText(/was approved by .*; ask your programme officer to reopen it/)
      .first()
      .waitFor();
    await expect(
      expert.page
        .getByRole('button', { name: `Edit log of ${today}` })
        .first()
        .isDisabled(),
    ).resolves.toBe(true);
  });
});
