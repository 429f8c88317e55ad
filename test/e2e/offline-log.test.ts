/**
 * The walking skeleton in real Chromium with the real service worker: an expert signs in, loses
 * the network, reloads (the app still starts), logs a day, sees it pending, regains the network,
 * and the supervisor can read the log on the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { API_PATHS } from '../../src/shared/sync/protocol';
import type { DailyLog } from '../../src/shared/schemas';
import { login, startTestServer, type TestServer } from '../helpers/test-server';
import { BUILT_APP, launchChromium } from './browser';
import { AppPage } from './pages/app-page';
import { networkDown, networkUp } from './network';

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

describe('expert logs a day offline', () => {
  it('starts offline after the first visit and syncs the log when the network returns', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const app = new AppPage(page, server.url);

    await app.signIn('expert1@demo.test');
    await app.waitForOfflineReady();
    await app.expectSyncStatus('All changes synced');

    await networkDown(server, context);
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await app.openAssignment(/Ministry of Energy and Water Resources/);
    const activities = `Offline e2e ${Date.now()}: trained the borehole team on pump repairs.`;
    await app.logToday({ hours: '2.5', activities, location: 'Baidoa' });
    await app.expectSyncStatus('1 unsynced change');

    await networkUp(server, context);
    await app.expectSyncStatus('All changes synced');

    const token = await login(server.url, 'supervisor1@demo.test');
    const response = await fetch(`${server.url}${API_PATHS.pull('logs')}?limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { documents } = (await response.json()) as { documents: DailyLog[] };
    const synced = documents.find((log) => log.activities === activities);
    expect(synced).toMatchObject({ hours: 2.5, location: 'Baidoa', authorId: 'user-expert1' });
    await context.close();
  });
});
