/**
 * A knowledge-transfer report in real Chromium: the expert writes offline and reloads (the text
 * is still there), goes online and submits; the supervisor requests changes; the expert revises
 * and resubmits; the supervisor endorses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/shared/schemas';
import { waitUntil } from '../helpers/devices';
import type { TestServer } from '../helpers/test-server';
import { startBrowserSession, type BrowserSession } from './session';
import { ReportPage } from './pages/report-page';
import { networkDown, networkUp } from './network';
import type { AppPage } from './pages/app-page';

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
  screens.push({ who: email, app });
  return { context, page: app.page, app, report: new ReportPage(app.page, server.url) };
}

async function serverReport(id: string): Promise<Report | undefined> {
  return (await session.onServer('reports')).find((doc) => doc.id === id);
}

/** Screens whose state a failing wait describes (what each user would see). */
const screens: { who: string; app: AppPage }[] = [];

const onServer = (id: string, check: (report: Report) => boolean, what: string) =>
  waitUntil(
    async () => {
      const report = await serverReport(id);
      return report && check(report);
    },
    what,
    30_000,
  ).catch(async (error: Error) => {
    const said = await Promise.all(
      screens.map(async ({ who, app }) => `${who}: ${await app.describeState()}`),
    );
    throw new Error(
      `${error.message}; the server has ${JSON.stringify(await serverReport(id))}; ${said.join('; ')}`,
    );
  });

describe('knowledge-transfer report', () => {
  it('is written offline, survives a reload, and goes through changes requested to endorsed', async () => {
    const id = 'asg-expert1:final';
    const summary = 'Set up preventive maintenance for 40 boreholes with the rural water unit.';
    const expert = await signedIn('expert1@demo.test');

    await networkDown(server, expert.context);
    await expert.report.open('asg-expert1', 'final');
    await expert.report.write('Summary', summary);
    await expert.page.reload();
    await expect(expert.report.section('Summary').inputValue()).resolves.toBe(summary);
    await expert.app.expectSyncStatus('1 unsynced change');

    await networkUp(server, expert.context);
    await onServer(id, (report) => report.sections.summary === summary, 'the summary on the server');
    await expert.report.submit();
    await onServer(id, (report) => report.status === 'submitted', 'the report submitted');

    const supervisor = await signedIn('supervisor1@demo.test');
    await supervisor.report.open('asg-expert1', 'final');
    await supervisor.report.decide('Request changes', 'Please add the challenges with the generator supply.');
    await onServer(id, (report) => report.status === 'changes_requested', 'changes requested');

    await expert.page
      .getByText('Please add the challenges with the generator supply.')
      .first()
      .waitFor({ timeout: 30_000 });
    await expert.report.write('Challenges', 'Fuel for the Baidoa generator arrived late twice.');
    await onServer(id, (report) => report.sections.challenges.includes('Fuel'), 'the revision on the server');
    await expert.report.submit();
    await onServer(id, (report) => report.status === 'submitted', 'the report resubmitted');

    await supervisor.page.reload();
    await supervisor.report.decide('Endorse', 'A faithful account of the work with our unit.');
    const endorsed = await onServer(
      id,
      (report) => report.status === 'endorsed',
      'the report endorsed',
    ).catch(async (error: Error) => {
      throw new Error(
        `${error.message}; the supervisor's screen says: ${await supervisor.app.describeState()}`,
      );
    });
    expect(endorsed).toBe(true);
    const final = await serverReport(id);
    expect(final?.history?.map((entry) => entry.to)).toEqual([
      'submitted',
      'changes_requested',
      'submitted',
      'endorsed',
    ]);
    expect(final?.sections.summary).toBe(summary);
  });
});
