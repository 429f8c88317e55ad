/** Page object for the Fieldbook PWA: what a user does, in the words the screens use. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { SIGN_IN_PATH } from '../../../src/shared/paths';

export class AppPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async signIn(email: string, password = 'fieldbook-demo'): Promise<void> {
    await this.page.goto(`${this.baseUrl}${SIGN_IN_PATH}`);
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** Waits until the service worker controls the page, so a reload works with no network. */
  async waitForOfflineReady(): Promise<void> {
    await this.page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await this.page.evaluate(() => navigator.serviceWorker.controller !== null))) {
      await this.page.reload();
      await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    }
  }

  syncStatus() {
    return this.page.getByRole('status').filter({ hasText: /unsynced change|All changes synced/ });
  }

  /** Waits until the sync status says `text`; fails with what it said instead. */
  async expectSyncStatus(text: string | RegExp, timeoutMs = 30_000): Promise<void> {
    const status = this.syncStatus();
    const deadline = Date.now() + timeoutMs;
    let said = '';
    while (Date.now() < deadline) {
      said = (await status.textContent()) ?? '';
      if (typeof text === 'string' ? said.includes(text) : text.test(said)) return;
      await this.page.waitForTimeout(50);
    }
    expect(said, 'the sync status').toMatch(text);
  }

  /** What the screen tells the user about sync and errors: for a failing test's message. */
  async describeState(): Promise<string> {
    // Refused changes and field errors too: they are on the screen without an alert role.
    const texts = await this.page
      .locator('[role="status"], [role="alert"], .refusals h2, .refusal-reason, .field-error')
      .allTextContents();
    return (
      texts
        .map((text) => text.trim())
        .filter(Boolean)
        .join(' | ') || '(nothing)'
    );
  }

  /**
   * Opens `path` as a fresh page load and waits until the screen's main heading is there and
   * nothing on it is still loading.
   */
  async openScreen(path: string, heading: string | RegExp): Promise<void> {
    await this.page.goto(`${this.baseUrl}${path}`);
    await this.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await this.page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
  }

  async openAssignment(name: string | RegExp): Promise<void> {
    await this.page.getByRole('link', { name }).first().click();
  }

  async logToday(fields: { hours: string; activities: string; location?: string }): Promise<void> {
    await this.page
      .getByRole('link', { name: 'Log today' })
      .or(this.page.getByRole('button', { name: 'Log today' }))
      .first()
      .click();
    await this.page.getByLabel('Hours', { exact: true }).fill(fields.hours);
    if (fields.location) await this.page.getByLabel('Location').fill(fields.location);
    await this.page.getByLabel('Activities', { exact: true }).fill(fields.activities);
    await this.page.getByRole('button', { name: 'Save log' }).click();
  }
}
