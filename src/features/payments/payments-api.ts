/**
 * The payment batch API (docs/sync-protocol.md PB-*): server calls, not replicated data, so they
 * need the network; kept in the Payments screen's own chunk.
 */
import { apiBaseUrl } from '../../session/FieldbookProvider';
import {
  PAYMENTS_API_PATHS,
  type PaymentBatchListResponse,
  type PaymentBatchResponse,
  type TimesheetPayment,
} from '../../shared/payments';
import { PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { ApiClient, ApiError } from '../../sync/api-client';
import { i18n } from './catalog';
import { errorText } from '../../ui/reasons';

/** The words to show for a failed call: the server's own, or that a connection is needed. */
export function paymentFailure(error: unknown): string {
  if (error instanceof ApiError)
    return error.code === 'network' ? i18n._('payments.error.needConnection') : errorText(error);
  return i18n._('payments.error.unexpected');
}

function client(token: string): ApiClient {
  return new ApiClient({ baseUrl: apiBaseUrl(), token });
}

export function listBatches(token: string): Promise<PaymentBatchListResponse> {
  return client(token).request(PAYMENTS_API_PATHS.batches);
}

export function createBatch(token: string, timesheetIds: string[]): Promise<PaymentBatchResponse> {
  return client(token).request(PAYMENTS_API_PATHS.batches, { method: 'POST', body: { timesheetIds } });
}

export function markPaid(token: string, batchId: string, paidOn: string): Promise<PaymentBatchResponse> {
  return client(token).request(PAYMENTS_API_PATHS.paid(batchId), { method: 'POST', body: { paidOn } });
}

export function timesheetPayment(token: string, timesheetId: string): Promise<TimesheetPayment> {
  return client(token).request(PAYMENTS_API_PATHS.timesheetPayment(timesheetId));
}

/**
 * The batch's CSV through an object URL: the endpoint needs the bearer token. The server writes
 * it, headers included, in Latin digits and ISO dates for the finance team, whatever the language.
 */
export async function downloadBatchCsv(token: string, batchId: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl()}${PAYMENTS_API_PATHS.csv(batchId)}`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
    });
  } catch {
    throw new ApiError(0, 'network', i18n._('payments.error.needConnection'));
  }
  if (!response.ok)
    throw new ApiError(
      response.status,
      'internal',
      i18n._('payments.error.csv', { status: response.status }),
    );
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `fieldbook-payment-${batchId}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
