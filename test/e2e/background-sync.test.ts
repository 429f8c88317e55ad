/**
 * Background sync in real Chromium: a log saved offline is pushed by the service worker after
 * the app's page is closed, when the sync event fires (dispatched here through the DevTools
 * Protocol, as the browser does when connectivity returns).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { API_PATHS } from '../../src/shared/sync/protocol';
import { waitUntil } from '../helpers/devices';
import { serverReader, startTestServer, type TestServer } from '../helpers/test-server';
import { databaseName } from '../../src/db/database';
import { syncLockName } from '../../src/sync/sync-lock';
import { BUILT_APP, launchChromium } from './browser';
import { AppPage } from './pages/app-page';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ staticDir: BUILT_APP });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let supervisorReads: ReturnType<typeof serverReader> | undefined;
/** Polled while a sync runs: one sign-in, not one per look (the server limits sign-ins). */
async function serverHasLog(activities: string): Promise<boolean> {
  supervisorReads ??= serverReader(server.url, 'supervisor1@demo.test');
  return (await supervisorReads('logs')).some((log) => log.activities === activities);
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

  it('holds back a window while a background pass has the sync lock, then lets it sync', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const app = new AppPage(await context.newPage(), server.url);
    await app.signIn('expert1@demo.test');
    await app.waitForOfflineReady();
    await app.expectSyncStatus('All changes synced');

    // Another page of the origin stands in for the service worker's pass: it asks for the lock
    // exclusively, which it gets once the app's window lets go of it, on reload.
    const pass = await context.newPage();
    await pass.goto(`${server.url}${API_PATHS.health}`);
    const granted = pass.evaluate(
      (name) =>
        new Promise<void>((resolve) => {
          void navigator.locks.request(name, () => {
            resolve();
            return new Promise<void>((release) => {
              (window as unknown as { releaseLock: () => void }).releaseLock = release;
            });
          });
        }),
      syncLockName(databaseName('user-expert1')),
    );
    await app.page.reload();
    await granted;

    const activities = `Lock ${Date.now()}: the window waits for the background pass.`;
    await app.openAssignment(/Ministry of Energy and Water Resources/);
    await app.logToday({ hours: '2', activities });
    await app.expectSyncStatus('1 unsynced change');
    await app.page.waitForTimeout(2_000);
    expect(await serverHasLog(activities)).toBe(false);

    await pass.evaluate(() => (window as unknown as { releaseLock: () => void }).releaseLock());
    await waitUntil(() => serverHasLog(activities), 'the log on the server once the pass ends', 30_000);
    await app.expectSyncStatus('All changes synced');
    await context.close();
  });
});
