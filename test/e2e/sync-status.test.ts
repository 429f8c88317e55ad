/**
 * The sync bar tells the truth about the connection (issue 11 §1 defect 2): it says "No network" as
 * soon as the phone loses it (it used to say "Online · All changes synced" until a save failed,
 * 42 s and more), "Server unreachable" when the network is there but the server is not, and
 * "Online" again once it syncs; after an offline start it still says when the phone last synced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
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

/** Waits until the whole bar (connection, pending count, last sync) matches; fails with what it said. */
async function expectBar(page: Page, pattern: RegExp, timeoutMs = 5_000): Promise<void> {
  const bar = page.getByRole('region', { name: 'Sync status' });
  const deadline = Date.now() + timeoutMs;
  let said = '';
  while (Date.now() < deadline) {
    said = (await bar.textContent()) ?? '';
    if (pattern.test(said)) return;
    await page.waitForTimeout(50);
  }
  expect(said, 'the sync bar').toMatch(pattern);
}

describe('sync bar', () => {
  it('tells no network, an unreachable server and online apart, and keeps the last sync after an offline start', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const app = new AppPage(page, server.url);
    await app.signIn('expert1@demo.test');
    await app.waitForOfflineReady();
    await app.expectSyncStatus('All changes synced');
    await expectBar(page, /^Online/);

    // The live stream is open and silent: only the browser can say the network is gone.
    await context.setOffline(true);
    await expectBar(page, /No network/, 3_000);
    expect(await page.getByRole('region', { name: 'Sync status' }).textContent()).not.toContain('Online');

    await server.stop();
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await expectBar(page, /No network.*No unsynced changes.*Last synced/);

    // The network is back, the server is not.
    await context.setOffline(false);
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expectBar(page, /Server unreachable.*Last synced/, 15_000);

    await server.restart();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expectBar(page, /^Online.*All changes synced/, 30_000);
    await context.close();
  });
});
