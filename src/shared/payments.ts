/**
 * Allowance payment batches (docs/sync-protocol.md PB-*): officers put approved months into a batch,
 * download its CSV and mark it paid. A month joins one batch only, so it cannot be paid twice.
 * Shared by the People-style API client on the device and the server.
 */
import { reason, type Reason } from './reasons';
import { isIsoDate } from './dates';

export const PAYMENTS_API_PATHS = {
  batches: '/api/payment-batches',
  batch: (id: string) => `/api/payment-batches/${encodeURIComponent(id)}`,
  csv: (id: string) => `/api/payment-batches/${encodeURIComponent(id)}/csv`,
  paid: (id: string) => `/api/payment-batches/${encodeURIComponent(id)}/paid`,
  timesheetPayment: (timesheetId: string) => `/api/timesheets/${encodeURIComponent(timesheetId)}/payment`,
} as const;

/** Months one batch may hold: a month's approved timesheets of the whole programme, with room. */
export const MAX_BATCH_MONTHS = 1000;

export interface PaymentBatch {
  id: string;
  /** ISO timestamp. */
  createdAt: string;
  createdBy: string;
  /** The date the officer says the money went out (ISO date), once marked paid. */
  paidOn: string | null;
  paidBy: string | null;
  timesheetIds: string[];
}

export interface PaymentBatchResponse {
  batch: PaymentBatch;
}

export interface PaymentBatchListResponse {
  batches: PaymentBatch[];
}

/** What a timesheet's expert, supervisor or an officer may know of its payment. */
export interface TimesheetPayment {
  timesheetId: string;
  batchId: string | null;
  paidOn: string | null;
}

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** The body of a new batch: `{timesheetIds: [...]}`, each id once. */
export function checkNewBatch(body: unknown): Check<string[]> {
  const ids = (body as { timesheetIds?: unknown } | null)?.timesheetIds;
  if (!Array.isArray(ids) || ids.length === 0) {
    return { ok: false, message: 'Send {"timesheetIds": [...]} with at least one approved month.' };
  }
  if (ids.length > MAX_BATCH_MONTHS) {
    return { ok: false, message: `A batch holds at most ${MAX_BATCH_MONTHS} months.` };
  }
  if (!ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 100)) {
    return { ok: false, message: 'Each timesheet id is a string of 1 to 100 characters.' };
  }
  if (new Set(ids).size !== ids.length) return { ok: false, message: 'A month is named twice.' };
  return { ok: true, value: ids as string[] };
}

/** The body of marking paid: `{paidOn: "YYYY-MM-DD"}`, not after `latest` (today on Earth). */
export function checkPaidOn(body: unknown, latest: string): Check<string> {
  const paidOn = (body as { paidOn?: unknown } | null)?.paidOn;
  if (typeof paidOn !== 'string' || !isIsoDate(paidOn)) {
    return { ok: false, message: 'Send {"paidOn": "YYYY-MM-DD"}: the date the payment went out.' };
  }
  if (paidOn > latest) return { ok: false, message: `The payment date ${paidOn} is in the future.` };
  if (paidOn < '2000-01-01') return { ok: false, message: `The payment date ${paidOn} is too early.` };
  return { ok: true, value: paidOn };
}

/** PB-3: why an approved month in a batch cannot be reopened or deleted. */
export function batchedMonthReason(batchId: string): Reason {
  return reason(/*i18n*/ 'rules.timesheet.batched', { batchId });
}
