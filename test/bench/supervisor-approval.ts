/**
 * What a supervisor's phone spends to receive one submitted month and send back the approval:
 * HTTP requests that leave the phone (not those its service worker answers) and bytes on the wire
 * in both directions, the live stream's included, from the moment the expert submits until the
 * approval is back on the expert's device.
 */
import type { Browser } from 'playwright-core';
import { localIsoDate } from '../../src/shared/dates';
import type { Assignment } from '../../src/shared/schemas';
import { submitTimesheet } from '../../src/db/timesheets';
import { saveLog } from '../../src/db/logs';
import { openTestDevice, waitUntil } from '../helpers/devices';
import { login, type TestServer } from '../helpers/test-server';
import { AppPage } from '../e2e/pages/app-page';
import { TimesheetPage } from '../e2e/pages/timesheet-page';

export interface WireCost {
  requests: number;
  bytes: number;
}

export async function measureSupervisorApproval(browser: Browser, server: TestServer): Promise<WireCost> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const app = new AppPage(page, server.url);
  await app.signIn('supervisor1@demo.test');
  await app.expectSyncStatus('All changes synced');

  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let requests = 0;
  let bytes = 0;
  cdp.on('Network.requestWillBeSent', (event) => {
    requests += 1;
    bytes += event.request.postData?.length ?? 0;
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (event) => {
    bytes += Object.entries(event.headers).reduce(
      (sum, [name, value]) => sum + name.length + String(value).length + 4,
      0,
    );
  });
  cdp.on('Network.dataReceived', (event) => (bytes += event.encodedDataLength));
  // Answered by the service worker or the memory cache: no radio involved.
  const local = new Set<string>();
  const servedLocally = (requestId: string) => {
    if (!local.has(requestId)) requests -= 1;
    local.add(requestId);
  };
  cdp.on('Network.responseReceived', (event) => {
    if (event.response.fromServiceWorker || event.response.fromDiskCache) servedLocally(event.requestId);
  });
  cdp.on('Network.requestServedFromCache', (event) => servedLocally(event.requestId));
  cdp.on('Network.responseReceivedExtraInfo', (event) => (bytes += event.headersText?.length ?? 0));

  // The expert submits this month from their own device.
  const expert = await openTestDevice('user-expert1', server.url);
  const sync = expert.startSync(await login(server.url, 'expert1@demo.test'));
  const assignment = await waitUntil(
    async () =>
      (await expert.device.db.assignments.findOne('asg-expert1').exec())?.toJSON() as Assignment | undefined,
    'the assignment on the expert device',
  );
  const today = localIsoDate();
  await saveLog(expert.device, {
    id: crypto.randomUUID(),
    assignmentId: assignment.id,
    date: today,
    hours: 1,
    workMode: 'on_site',
    location: '',
    activities: 'bench: supervisor approval',
    ktActivities: [],
    notes: '',
  });
  await waitUntil(() => sync.state.pendingCount === 0, 'the log on the server');
  requests = 0;
  bytes = 0;
  await submitTimesheet(expert.device, assignment, today.slice(0, 7), 'Amina Yusuf');

  const month = today.slice(0, 7);
  const timesheetId = `asg-expert1:${month}`;
  const onSupervisor = new TimesheetPage(page, server.url);
  await page.getByRole('link', { name: /To sign \(2\)/ }).waitFor({ timeout: 30_000 });
  // In-app navigation, as the supervisor would tap: no page load.
  await page.getByRole('link', { name: /To sign \(2\)/ }).click();
  await page.locator(`a[href="/assignments/asg-expert1/timesheets/${month}"]`).click();
  await onSupervisor.approve('Hassan Ali');
  await waitUntil(async () => {
    const documents = (await expert.device.db.timesheets.findOne(timesheetId).exec())?.toJSON();
    return documents?.status === 'approved';
  }, 'the approval back on the expert device');
  const cost = { requests, bytes };
  await expert.close();
  await context.close();
  return cost;
}
