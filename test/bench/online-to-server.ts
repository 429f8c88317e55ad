/**
 * How long a log saved offline takes to reach the server once the device is back online, in real
 * Chromium with the built PWA: from the moment the network returns until the server holds the log.
 */
import type { Browser } from 'playwright-core';
import { API_PATHS } from '../../src/shared/sync/protocol';
import type { DailyLog } from '../../src/shared/schemas';
import { login, type TestServer } from '../helpers/test-server';
import { AppPage } from '../e2e/pages/app-page';

export async function measureOnlineToServer(
  browser: Browser,
  server: TestServer,
  runs: number,
): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const app = new AppPage(page, server.url);
  await app.signIn('expert1@demo.test');
  await app.waitForOfflineReady();
  await app.expectSyncStatus('All changes synced');
  await app.openAssignment(/Ministry of Energy and Water Resources/);
  const assignmentUrl = page.url();
  const token = await login(server.url, 'supervisor1@demo.test');
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    await page.goto(assignmentUrl);
    await context.setOffline(true);
    const activities = `bench run ${run} ${Date.now()}`;
    await app.logToday({ hours: '0.25', activities });
    await app.expectSyncStatus('1 unsynced change');
    const started = performance.now();
    await context.setOffline(false);
    await waitForServer(server, token, (logs) => logs.some((log) => log.activities === activities));
    timings.push(performance.now() - started);
    // Remove the log again so every run logs today with the same remaining hours.
    await page
      .getByRole('link', { name: /^Edit log of/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Delete log' }).click();
    await page.getByRole('button', { name: 'Yes, delete' }).click();
    await waitForServer(server, token, (logs) => !logs.some((log) => log.activities === activities));
    await app.expectSyncStatus('All changes synced');
  }
  await context.close();
  return timings;
}

async function waitForServer(
  server: TestServer,
  token: string,
  done: (logs: DailyLog[]) => boolean,
): Promise<void> {
  for (;;) {
    const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { documents } = (await response.json()) as { documents: (DailyLog & { _deleted: boolean })[] };
    if (done(documents.filter((log) => !log._deleted))) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
