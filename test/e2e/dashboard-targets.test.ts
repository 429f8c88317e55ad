/**
 * The programme's targets in real Chromium (TG-*): one officer sets a country's target on the
 * dashboard, it reaches the server, and another officer's device, dashboard open, shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE_API_PATHS } from '../../src/shared/people';
import { login } from '../helpers/test-server';
import { AppPage } from './pages/app-page';
import { startBrowserSession, type BrowserSession } from './session';
import { DASHBOARD_PATH } from '../../src/shared/paths';

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

const SECOND_OFFICER = 'second.officer@demo.test';
const PASSWORD = 'Targets-for-Nigeria-2026';

/** A second officer, invited by the first and signed in on a device of their own (PE-1, PE-2). */
async function secondOfficer(): Promise<AppPage> {
  const { server, browser } = session;
  const token = await login(server.url, 'officer@demo.test');
  const invited = await fetch(`${server.url}${PEOPLE_API_PATHS.people}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Second Officer', email: SECOND_OFFICER, role: 'officer' }),
  });
  expect(invited.status).toBe(201);
  const { invitation } = (await invited.json()) as { invitation: { code: string } };
  const accepted = await fetch(`${server.url}${PEOPLE_API_PATHS.acceptInvitation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: invitation.code, password: PASSWORD }),
  });
  expect(accepted.status).toBe(200);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const app = new AppPage(await context.newPage(), server.url);
  await app.signIn(SECOND_OFFICER, PASSWORD);
  await app.waitForOfflineReady();
  await app.expectSyncStatus('All changes synced');
  return app;
}

describe('programme targets', () => {
  it('a target one officer sets is the one another officer’s device shows', async () => {
    const other = await secondOfficer();
    other.page.setDefaultTimeout(30_000);
    await other.openScreen(DASHBOARD_PATH, 'Dashboard');
    await other.page.getByText('Targets of matched experts').click();
    const seen = other.page.getByLabel('Target for Nigeria');
    expect(await seen.inputValue()).toBe('');

    const { app } = await session.signedIn('officer@demo.test');
    const { page } = app;
    page.setDefaultTimeout(30_000);
    await app.openScreen(DASHBOARD_PATH, 'Dashboard');
    await page.getByText('Targets of matched experts').click();
    await expect.poll(() => page.getByText(/on this device only/i).count()).toBe(0);
    await page.getByLabel('Target for Nigeria').fill('37');
    await page.getByRole('button', { name: 'Save targets' }).click();
    await page.getByText(/^Saved\./).waitFor();

    await expect
      .poll(async () => (await session.onServer('targets')).find((doc) => doc.id === 'Nigeria'), {
        timeout: 30_000,
      })
      .toMatchObject({ country: 'Nigeria', matchedExpertsTarget: 37 });
    // Live, on the other officer's open dashboard: the field and the chart.
    await expect.poll(() => seen.inputValue(), { timeout: 30_000 }).toBe('37');
    await other.page
      .getByRole('img', {
        name: /Experts matched against the target, per country\..*Nigeria: \d+ of 37 experts/,
      })
      .waitFor();
    await other.page.context().close();
  });
});
