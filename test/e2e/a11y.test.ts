/**
 * Every main screen at 360 px (a cheap Android phone) passes axe-core with no serious or
 * critical violation: WCAG 2.1 A/AA rules and axe's best practices, in real Chromium with the
 * built app and the demo data, and every text on them against the colour actually behind it
 * (./contrast.ts), which axe cannot always work out. Every dialog too, opened.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src/shared/dates';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { BUILT_APP, launchChromium } from './browser';
import { lowContrastTexts } from './contrast';
import { AppPage } from './pages/app-page';
import {
  assignmentPath,
  DASHBOARD_PATH,
  HOME_PATH,
  NEW_ASSIGNMENT_PATH,
  newLogPath,
  PAYMENTS_PATH,
  PEOPLE_PATH,
  reportPath,
  SIGN_IN_PATH,
  timesheetPath,
  TO_SIGN_PATH,
  welcomePath,
} from '../../src/shared/paths';

let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startTestServer({ staticDir: BUILT_APP });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

/**
 * A signed-in phone per user, reused by that user's screens (sign-in and first sync once). `own`
 * gives a test a phone of its own, for what it leaves behind (a draft, a changed person).
 */
const signedIn = new Map<string, AppPage>();
async function phone(email?: string, own?: string): Promise<AppPage> {
  const key = `${email ?? 'signed out'}${own ? ` (${own})` : ''}`;
  const existing = signedIn.get(key);
  if (existing) return existing;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  contexts.push(context);
  const app = new AppPage(await context.newPage(), server.url);
  if (email) {
    await app.signIn(email);
    await app.expectSyncStatus('All changes synced');
  }
  signedIn.set(key, app);
  return app;
}

/** One line per failing element: rule, impact, what is wrong, where. */
function describeViolations(violations: Result[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map(
        (node) =>
          `[${violation.impact}] ${violation.id}: ${violation.help}\n` +
          `    at ${node.target.join(' ')}\n` +
          `    ${node.failureSummary?.replace(/\n/g, '\n    ') ?? ''}\n` +
          `    ${violation.helpUrl}`,
      ),
    )
    .join('\n');
}

async function expectNoSeriousViolations(app: AppPage): Promise<void> {
  const results = await new AxeBuilder({ page: app.page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  // Compared as short lines so the diff stays readable; the message has the details.
  expect(
    serious.map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.length} element(s)`),
    `axe on ${app.page.url()}:\n${describeViolations(serious)}`,
  ).toEqual([]);
  expect(await lowContrastTexts(app.page, 'body'), `texts on ${app.page.url()}`).toEqual([]);
}

const month = localIsoDate().slice(0, 7);

describe('accessibility of the main screens at 360 px', () => {
  it('sign-in', async () => {
    const app = await phone();
    await app.openScreen(SIGN_IN_PATH, 'Fieldbook');
    await expectNoSeriousViolations(app);
  });

  it('welcome (an invitation link), with a refused password showing', async () => {
    const app = await phone();
    await app.openScreen(welcomePath('some-invitation-code'), 'Welcome to Fieldbook');
    await app.page.getByLabel('New password').fill('short');
    await app.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await app.page.getByRole('alert').waitFor();
    await expectNoSeriousViolations(app);
  });

  it("officer's People, with a new person's invitation and QR code showing", async () => {
    const app = await phone('officer@demo.test');
    await app.openScreen(PEOPLE_PATH, 'People');
    await app.page.getByText('expert1@demo.test').first().waitFor();
    await app.page.getByRole('button', { name: 'Add a person' }).click();
    await app.page.getByLabel('Name', { exact: true }).fill('Farah Warsame');
    await app.page.getByLabel('Email', { exact: true }).fill(`farah.${Date.now()}@demo.test`);
    await app.page.getByRole('button', { name: 'Add and invite' }).click();
    await app.page.getByRole('img', { name: /QR code of the invitation link/ }).waitFor();
    await expectNoSeriousViolations(app);
  });

  it("officer's home with its filters, the assignment form, the dashboard and the payments", async () => {
    const app = await phone('officer@demo.test');
    await app.openScreen(HOME_PATH, 'All assignments');
    await app.page.getByLabel('Search institution or expert').waitFor();
    await expectNoSeriousViolations(app);
    await app.openScreen(NEW_ASSIGNMENT_PATH, 'New assignment');
    await app.page.getByRole('button', { name: 'Save assignment' }).click();
    await app.page.getByRole('alert').first().waitFor();
    await expectNoSeriousViolations(app);
    await app.openScreen(DASHBOARD_PATH, /dashboard/i);
    await app.page.getByRole('img').first().waitFor();
    await expectNoSeriousViolations(app);
    await app.openScreen(PAYMENTS_PATH, 'Allowance payments');
    await app.page.getByRole('button', { name: /Create payment batch/ }).waitFor();
    await expectNoSeriousViolations(app);
  });

  it('home: my assignments', async () => {
    const app = await phone('expert1@demo.test');
    await app.openScreen(HOME_PATH, 'My assignments');
    await app.page.getByRole('link', { name: /Ministry of Energy and Water Resources/ }).waitFor();
    await expectNoSeriousViolations(app);
  });

  it('assignment page', async () => {
    const app = await phone('expert1@demo.test');
    await app.openScreen(assignmentPath('asg-expert1'), /Ministry of Energy and Water Resources/);
    await app.page.locator('article.log-card').first().waitFor();
    await expectNoSeriousViolations(app);
  });

  it('log form (Log today)', async () => {
    const app = await phone('expert1@demo.test');
    await app.openScreen(newLogPath('asg-expert1'), 'Log today');
    await app.page.getByLabel('Hours', { exact: true }).waitFor();
    await expectNoSeriousViolations(app);
  });

  it('timesheet of the current month', async () => {
    const app = await phone('expert1@demo.test');
    await app.openScreen(timesheetPath('asg-expert1', month), /^Timesheet/);
    await expectNoSeriousViolations(app);
  });

  it('inception report', async () => {
    const app = await phone('expert1@demo.test');
    await app.openScreen(reportPath('asg-expert1', 'inception'), /Inception/i);
    await expectNoSeriousViolations(app);
  });

  it("supervisor's To sign inbox", async () => {
    const app = await phone('supervisor1@demo.test');
    await app.openScreen(TO_SIGN_PATH, 'To sign');
    // A link to any month's timesheet of the assignment.
    await app.page
      .locator(`a[href^="${timesheetPath('asg-expert1', '')}"]`)
      .first()
      .waitFor();
    await expectNoSeriousViolations(app);
  });
});

/**
 * The dialog named `name` is open: axe passes with it open, every text in it can be read against
 * what is behind it, and it holds the keyboard (Tab stays inside). Closed with Escape, focus goes
 * back to `opener`.
 */
async function expectReadableDialog(app: AppPage, name: string | RegExp, opener: Locator): Promise<void> {
  const dialog = app.page.getByRole('dialog', { name });
  await dialog.waitFor();
  await expectNoSeriousViolations(app);
  expect(
    await lowContrastTexts(app.page, '[role="dialog"]'),
    `texts of the dialog “${String(name)}”`,
  ).toEqual([]);
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await app.page.keyboard.press(key);
    expect(
      await dialog.evaluate((element) => element.contains(document.activeElement)),
      `focus stays in the open dialog after ${key}`,
    ).toBe(true);
  }
  await app.page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  expect(
    await opener.evaluate((element) => element === document.activeElement),
    'focus back on the opener',
  ).toBe(true);
}

describe('accessibility of every dialog, open, at 360 px', () => {
  it("an expert's dialogs: sign out (nothing at risk), delete a log, submit a report, sign out with a change at risk", async () => {
    const app = await phone('expert1@demo.test', 'dialogs');
    const page = app.page;
    const signOut = page.getByRole('button', { name: 'Sign out' });

    await app.openScreen(assignmentPath('asg-expert1'), /Ministry of Energy and Water Resources/);
    await signOut.click();
    await expectReadableDialog(app, 'Sign out of Fieldbook?', signOut);

    // A log that may still be changed (on the 1st of a month, yesterday's is in a locked month).
    const editLinks = page.getByRole('link', { name: /^Edit log of/ });
    await page.locator('article.log-card').first().waitFor();
    if ((await editLinks.count()) === 0) {
      await app.logToday({ hours: '2', activities: 'Met the water directorate' });
      await editLinks.first().waitFor();
    }
    await editLinks.first().click();
    const deleteLog = page.getByRole('button', { name: 'Delete log' });
    await deleteLog.click();
    await expectReadableDialog(app, /^Delete the log of/, deleteLog);

    await app.openScreen(reportPath('asg-expert1', 'midterm'), /Mid-term report/);
    // The demo's mid-term draft has its summary: it may be submitted.
    const submit = page.getByRole('button', { name: 'Submit report' });
    await submit.click();
    await expectReadableDialog(app, 'Submit this report?', submit);

    // Typed and not saved: signing out would delete it, and the dialog must say so legibly.
    await app.openScreen(newLogPath('asg-expert1'), 'Log today');
    await page.getByLabel('Activities', { exact: true }).fill('Drafted the borehole survey plan');
    await signOut.click();
    await expectReadableDialog(app, '1 change is not on the server', signOut);
  });

  it("an officer's dialogs: new invitation, deactivate, print the invitation sheet", async () => {
    const app = await phone('officer@demo.test', 'dialogs');
    const page = app.page;
    await app.openScreen(PEOPLE_PATH, 'People');
    const expert2 = page.getByRole('listitem').filter({ hasText: 'expert2@demo.test' });
    await expert2.waitFor();

    const invite = expert2.getByRole('button', { name: 'New invitation' });
    await invite.click();
    await expectReadableDialog(app, 'Send Chidi Okafor a new invitation?', invite);
    const deactivate = expert2.getByRole('button', { name: 'Deactivate' });
    await deactivate.click();
    await expectReadableDialog(app, 'Deactivate Chidi Okafor?', deactivate);

    // The sheet is for invited people: add one, tick everyone invited, and ask for the sheet.
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Farah Warsame');
    await page.getByLabel('Email', { exact: true }).fill(`farah.dialog.${Date.now()}@demo.test`);
    await page.getByRole('button', { name: 'Add and invite' }).click();
    await page.getByRole('img', { name: /QR code of the invitation link/ }).waitFor();
    await page.getByLabel(/^All invited people shown/).check();
    const print = page.getByRole('button', { name: 'Print invitation sheet' });
    await print.click();
    await expectReadableDialog(app, /^Make new invitations for/, print);
  });
});
