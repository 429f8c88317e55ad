/**
 * Allowance payments in real Chromium (PB-2): two officers have the same approved month on their
 * screens; the first batches it, the second's attempt is refused with the reason, and the month
 * is in one batch only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENTS_API_PATHS, type PaymentBatchListResponse } from '../../src/shared/payments';
import { login } from '../helpers/test-server';
import { startBrowserSession, type BrowserSession } from './session';
import { PAYMENTS_PATH } from '../../src/shared/paths';

let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
});
afterAll(async () => {
  await session?.close();
});

describe('allowance payments', () => {
  it('a month batched by one officer is refused to another whose screen still offers it', async () => {
    const first = (await session.signedIn('officer@demo.test')).app;
    const second = (await session.signedIn('officer@demo.test')).app;
    for (const officer of [first, second]) {
      officer.page.setDefaultTimeout(30_000);
      await officer.openScreen(PAYMENTS_PATH, 'Allowance payments');
      await officer.page.getByRole('button', { name: /Choose all 1 shown/ }).click();
    }
    await first.page.getByRole('button', { name: /Create payment batch \(1 months/ }).click();
    await first.page.getByText(/^Batch PB-.* holds 1 months\.$/).waitFor();

    await second.page.getByRole('button', { name: /Create payment batch \(1 months/ }).click();
    await second.page.getByRole('alert').filter({ hasText: 'A month is paid once' }).waitFor();
    // The second screen now shows what the server holds: nothing left to batch.
    await second.page.getByText('No approved month waits for payment.').waitFor();

    const token = await login(session.server.url, 'officer@demo.test');
    const response = await fetch(`${session.server.url}${PAYMENTS_API_PATHS.batches}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { batches } = (await response.json()) as PaymentBatchListResponse;
    expect(batches).toHaveLength(1);
    expect(batches[0]!.timesheetIds).toHaveLength(1);
  });
});
