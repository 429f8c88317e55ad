/**
 * A programme's onboarding end to end in real Chromium (issue 10 §6): an officer adds an expert on
 * the People screen and puts them on a new assignment with the form; the expert opens the
 * invitation on a phone, chooses a password, finds the assignment and logs a day, which reaches
 * the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localIsoDate } from '../../src/shared/dates';
import { AppPage } from './pages/app-page';
import { startBrowserSession, type BrowserSession } from './session';
import { NEW_ASSIGNMENT_PATH } from '../../src/shared/paths';

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

describe('onboarding', () => {
  it('an officer invites an expert and assigns them; the expert signs up on a phone and logs a day', async () => {
    const { app: officer } = await session.signedIn('officer@demo.test');
    const { page } = officer;
    page.setDefaultTimeout(30_000);
    const email = `hodan.${Date.now()}@example.org`;

    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Hodan Abdi');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Expert' });
    await page.getByRole('button', { name: 'Add and invite' }).click();
    const link = await page.getByLabel('Invitation link', { exact: true }).inputValue();
    expect(link).toMatch(/\/welcome\//);

    const today = localIsoDate();
    await officer.openScreen(NEW_ASSIGNMENT_PATH, 'New assignment');
    await page.getByLabel('Expert', { exact: true }).selectOption({ label: 'Hodan Abdi' });
    await page.getByLabel('Host institution', { exact: true }).fill('Benadir Regional Administration');
    await page.getByLabel('Country', { exact: true }).selectOption('Somalia');
    await page.getByLabel('Sector', { exact: true }).selectOption('Local Governance');
    await page.getByRole('checkbox', { name: 'Abdirahman Warsame' }).check();
    await page.getByLabel('Virtual').check();
    await page.getByLabel('Start date', { exact: true }).fill(addDays(today, -5));
    await page.getByLabel('End date', { exact: true }).fill(addDays(today, 40));
    await page.getByLabel('Objectives (terms of reference)').fill('Set up the district budget calendar.');
    await page.getByLabel('Status', { exact: true }).selectOption('active');
    await page.getByRole('button', { name: 'Save assignment' }).click();
    await page.getByRole('heading', { level: 1, name: 'Benadir Regional Administration' }).waitFor();
    await officer.expectSyncStatus('All changes synced');

    const phone = await session.browser.newContext({ viewport: { width: 360, height: 740 } });
    const expert = new AppPage(await phone.newPage(), session.server.url);
    expert.page.setDefaultTimeout(30_000);
    await expert.page.goto(link);
    const password = 'Mogadishu budget calendar 2027';
    await expert.page.getByLabel('New password').fill(password);
    await expert.page.getByLabel('Repeat the password').fill(password);
    await expert.page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expert.page.getByRole('heading', { level: 1, name: 'My assignments' }).waitFor();
    await expert.openAssignment('Benadir Regional Administration');
    await expert.logToday({ hours: '5', activities: 'Mapped the budget steps with the finance unit.' });
    await expert.expectSyncStatus('All changes synced');

    const logs = (await session.onServer('logs')).filter(
      (log) => log.activities === 'Mapped the budget steps with the finance unit.',
    );
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ date: today, hours: 5 });
    expect(await expert.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();
  });
});
