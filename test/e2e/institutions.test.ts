/**
 * Host institutions in real Chromium (IN-*, AS-8): an officer adds one on the Institutions
 * screen, it reaches the server, and a new assignment picks it from the device's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserSession, type BrowserSession } from './session';
import { NEW_ASSIGNMENT_PATH } from '../../src/shared/paths';

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

const NAME = 'Kabul University of Medical Sciences';

describe('host institutions', () => {
  it('an officer adds an institution, and an assignment picks it', async () => {
    const { app } = await session.signedIn('officer@demo.test');
    const { page } = app;
    page.setDefaultTimeout(30_000);
    await page.getByRole('link', { name: 'Institutions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Host institutions' }).waitFor();
    // The demo's institutions came with the officer's sync.
    await page.getByRole('link', { name: 'Ministry of Public Health, Kabul' }).waitFor();
    await page.getByRole('link', { name: 'New institution' }).click();
    await page.getByRole('heading', { level: 1, name: 'New host institution' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(NAME);
    await page.getByLabel('Country', { exact: true }).selectOption('Afghanistan');
    await page.getByLabel('Sector', { exact: true }).selectOption('Health');
    await page.getByLabel('City (optional)', { exact: true }).fill('Kabul');
    await page.getByRole('button', { name: 'Save institution' }).click();
    await page.getByRole('link', { name: NAME }).waitFor();
    await app.expectSyncStatus('All changes synced');
    const institution = (await session.onServer('institutions')).find((doc) => doc.name === NAME);
    expect(institution).toMatchObject({ country: 'Afghanistan', sector: 'Health', city: 'Kabul' });

    await app.openScreen(NEW_ASSIGNMENT_PATH, 'New assignment');
    await page.getByLabel('Expert', { exact: true }).selectOption({ label: 'Chidi Okafor' });
    await page.getByLabel('Host institution from the list', { exact: true }).selectOption(institution!.id);
    expect(await page.getByLabel('Host institution', { exact: true }).inputValue()).toBe(NAME);
    // No supervisor: the demo's belong to other institutions (PE-11, AS-8).
    await page.getByLabel('Virtual').check();
    await page.getByLabel('Start date', { exact: true }).fill('2027-09-01');
    await page.getByLabel('End date', { exact: true }).fill('2027-10-31');
    await page.getByLabel('Objectives (terms of reference)', { exact: true }).fill('Coach the faculty.');
    await page.getByRole('button', { name: 'Save assignment' }).click();
    await page.getByRole('heading', { level: 1, name: NAME }).waitFor();
    await app.expectSyncStatus('All changes synced');
    const stored = (await session.onServer('assignments')).find(
      (doc) => doc.institutionId === institution!.id,
    );
    expect(stored).toMatchObject({
      institution: { name: NAME, country: 'Afghanistan', sector: 'Health' },
      expertId: 'user-expert2',
    });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });
});
