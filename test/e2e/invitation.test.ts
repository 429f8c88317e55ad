/**
 * An invitation in real Chromium at 360 px (PE-2, PE-3): an officer adds an expert through the
 * people API, the expert opens the link on a phone, chooses a password and is signed in; the same
 * link then says plainly that it was used and whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { HOME_PATH } from '../../src/shared/paths';
import { INVITATION_REFUSALS, PEOPLE_API_PATHS, type InvitedPersonResponse } from '../../src/shared/people';
import { login, startTestServer, type TestServer } from '../helpers/test-server';
import { BUILT_APP, launchChromium } from './browser';
import { englishOf } from '../helpers/english';

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

async function invite(email: string): Promise<InvitedPersonResponse> {
  const token = await login(server.url, 'officer@demo.test');
  const response = await fetch(`${server.url}${PEOPLE_API_PATHS.people}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Farah Warsame', email, role: 'expert', language: 'so' }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as InvitedPersonResponse;
}

describe('invitation', () => {
  it('opens on a phone, sets the password, signs the person in; the link cannot be used twice', async () => {
    const email = `farah.${Date.now()}@demo.test`;
    const { invitation } = await invite(email);
    expect(invitation.url.startsWith(server.url)).toBe(true);

    const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await phone.newPage();
    await page.goto(invitation.url);
    await page.getByRole('heading', { name: 'Welcome to Fieldbook' }).waitFor();
    await page.getByLabel('New password').fill('password123');
    await page.getByLabel('Repeat the password').fill('password123');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'one of the most common ones' }).waitFor();

    const password = 'Baidoa wells, dry season 2026';
    await page.getByLabel('New password').fill(password);
    await page.getByLabel('Repeat the password').fill(password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    // The officer invited Farah in Somali: once signed in, the app is in Somali (issue 13).
    await page.getByRole('button', { name: 'Ka bax', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('so');
    expect(new URL(page.url()).pathname).toBe(HOME_PATH);
    // Nothing is cut or covered at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await phone.close();

    const again = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const second = await again.newPage();
    await second.goto(invitation.url);
    await second.getByLabel('New password').fill(password);
    await second.getByLabel('Repeat the password').fill(password);
    await second.getByRole('button', { name: 'Set password and sign in' }).click();
    await second
      .getByRole('alert')
      .filter({ hasText: englishOf(INVITATION_REFUSALS.used) })
      .waitFor();
    await again.close();
    // The password chosen on the phone is the account's from now on.
    await expect(login(server.url, email, password)).resolves.toMatch(/\S/);
  });
});
