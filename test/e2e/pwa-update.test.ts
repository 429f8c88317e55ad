/**
 * Updates in real Chromium with the real service worker: a new version is offered, it waits
 * while a form holds unsaved input (no reload under the user's fingers), it is applied once the
 * entry is saved, and the updated app still starts with no network. Also: persistent storage is
 * requested when the first entry is saved.
 */
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { BUILT_APP, launchChromium } from './browser';
import { AppPage } from './pages/app-page';

let server: TestServer;
let browser: Browser;
let staticDir: string;

beforeAll(async () => {
  // A copy of the build that the test can "deploy" a new version into.
  staticDir = mkdtempSync(join(tmpdir(), 'fieldbook-dist-'));
  cpSync(BUILT_APP, staticDir, { recursive: true });
  server = await startTestServer({ staticDir });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('app updates', () => {
  it('offers a new version, holds it while a form has unsaved input, then applies it and still starts offline', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.addInitScript(() => {
      const calls = ((window as unknown as { persistCalls: number }).persistCalls = 0);
      void calls;
      const original = navigator.storage.persist.bind(navigator.storage);
      navigator.storage.persist = async () => {
        (window as unknown as { persistCalls: number }).persistCalls += 1;
        return original();
      };
    });
    const page = await context.newPage();
    const app = new AppPage(page, server.url);
    await app.signIn('expert1@demo.test');
    await app.waitForOfflineReady();
    await app.expectSyncStatus('All changes synced');
    await app.openAssignment(/Ministry of Energy and Water Resources/);

    // Half-fill today's log.
    await page
      .getByRole('link', { name: 'Log today' })
      .or(page.getByRole('button', { name: 'Log today' }))
      .first()
      .click();
    await page.getByLabel('Hours', { exact: true }).fill('1.5');
    await page.getByLabel('Activities', { exact: true }).fill('Half-written when the update arrived');
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    // Deploy a new version: a changed service worker script.
    appendFileSync(join(staticDir, 'sw.js'), '\n// new version\n');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await page
      .getByRole('heading', { name: 'A new version of Fieldbook is ready' })
      .waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByRole('alert').filter({ hasText: 'not saved yet' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    await expect(page.getByLabel('Activities', { exact: true }).inputValue()).resolves.toBe(
      'Half-written when the update arrived',
    );

    await page.getByRole('button', { name: 'Save log' }).click();
    await page.getByText('Half-written when the update arrived').first().waitFor();
    // Asked once the entry counts as unsynced, which may follow the list's update by a moment.
    await page.waitForFunction(() => (window as unknown as { persistCalls: number }).persistCalls > 0);

    await page.getByRole('button', { name: 'Update' }).click();
    await page.waitForFunction(
      () => !(window as unknown as { sameDocument?: boolean }).sameDocument,
      undefined,
      {
        timeout: 30_000,
      },
    );
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    const scriptUrl = await page.evaluate(
      async () => (await navigator.serviceWorker.ready).active?.scriptURL,
    );
    expect(scriptUrl).toBe(`${server.url}/sw.js`);

    await context.setOffline(true);
    await page.goto(server.url);
    await app.openAssignment(/Ministry of Energy and Water Resources/);
    await page.getByText('Half-written when the update arrived').first().waitFor();
    await context.close();
  });
});
