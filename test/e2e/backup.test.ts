/**
 * The backup file in real Chromium: a log that never reached the server is saved to a file on one
 * phone, the phone is gone, and the file brings the log back on another phone, which syncs it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyLog } from '../../src/shared/schemas';
import { waitUntil } from '../helpers/devices';
import { startBrowserSession, type BrowserSession } from './session';

let session: BrowserSession;
beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

describe('backup file of unsynced changes', () => {
  it('round-trips an unsynced log from a lost phone to a new one and on to the server', async () => {
    const activities = `Backup e2e ${Date.now()}: calibrated the flow meters at Afgooye.`;
    const onServer = async () =>
      (await session.onServer('logs')).some(
        (log: DailyLog & { _deleted: boolean }) => log.activities === activities,
      );

    const oldPhone = await session.signedIn('expert1@demo.test');
    await oldPhone.app.openAssignment(/Ministry of Energy and Water Resources/);
    // The server is out of reach: the log stays on this phone only.
    await session.server.stop();
    await oldPhone.app.logToday({ hours: '1.25', activities });
    await oldPhone.app.expectSyncStatus('1 unsynced change');
    await oldPhone.app.page.getByRole('link', { name: 'Fieldbook' }).click();
    const [download] = await Promise.all([
      oldPhone.app.page.waitForEvent('download'),
      oldPhone.app.page.getByRole('button', { name: 'Save a backup file' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fieldbook-backup-.*\.json$/);
    const file = join(mkdtempSync(join(tmpdir(), 'fieldbook-backup-')), download.suggestedFilename());
    await download.saveAs(file);
    await oldPhone.context.close();

    await session.server.restart();
    expect(await onServer()).toBe(false);
    const newPhone = await session.signedIn('expert1@demo.test');
    await newPhone.app.page.getByLabel('Import a backup file').setInputFiles(file);
    await newPhone.app.page.getByText('1 change restored').waitFor();
    await waitUntil(onServer, 'the restored log on the server', 30_000);
    await newPhone.app.expectSyncStatus('All changes synced');
  });
});
