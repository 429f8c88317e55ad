/**
 * Background sync in real Chromium: a log saved offline is pushed by the service worker after
 * the app's page is closed, when the sync event fires (dispatched here through the DevTools
 * Protocol, as the browser does when connectivity returns).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { API_PATHS } from '../../src/shared/sync/protocol';
import type { DailyLog } from '../../src/shared/schemas';
import { waitUntil } from '../helpers/devices';
import { login, startTestServer, type TestServer } from '../helpers/test-server';
import { launchChromium } from './browser';
import { AppPage } from './pages/app-page';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ staticDir: 'dist' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function serverHasLog(activities: string): Promise<boolean> {
  const token = await login(server.url, 'supervisor1@demo.test');
  const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const { documents } = (await response.json()) as { documents: DailyLog[] };
  return documents.some((log) => log.activities === activities);
}

describe('background sync', () => {
  it('pushes a log saved offline after the page is closed', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const app = new AppPage(page, server.url);
    await app.signIn('expert1@demo.test');
    await app.waitForOfflineReady();
    await app.expectSyncStatus('All changes synced');
    await app.openAssignment(/Ministry of Energy and Water Resources/);

    // The server is out of reach (stopped) rather than the network emulated away: DevTools'
    // offline emulation of service workers stalls their requests instead of failing them.
    await server.stop();
    const activities = `Background sync ${Date.now()}: handover notes for the pump crew.`;
    await app.logToday({ hours: '1', activities });
    await app.expectSyncStatus('1 unsynced change');
    // The failed push registers a sync with the browser.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await waitUntil(
      () =>
        page.evaluate(async () => {
          const registration = await navigator.serviceWorker.ready;
          const tags = await (
            registration as unknown as { sync: { getTags(): Promise<string[]> } }
          ).sync.getTags();
          return tags.includes('fieldbook-sync');
        }),
      'a background sync registration',
    );

    // No window of the app is open from here on: only the service worker can push the log.
    await page.close();
    await server.restart();
    expect(await serverHasLog(activities)).toBe(false);

    // A page of another origin drives the DevTools Protocol; no window of the app is open.
    const driver = await context.newPage();
    const cdp = await context.newCDPSession(driver);
    const registrations: { registrationId: string; scopeURL: string }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => registrations.push(...event.registrations));
    await cdp.send('ServiceWorker.enable');
    const registration = await waitUntil(
      () => registrations.find((entry) => entry.scopeURL.startsWith(server.url)),
      'the app’s service worker registration',
    );
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: server.url,
      registrationId: registration.registrationId,
      tag: 'fieldbook-sync',
      lastChance: false,
    });

    await waitUntil(() => serverHasLog(activities), 'the log on the server', 30_000);
    await context.close();
  });
});
