/**
 * Allowance payment batches (docs/sync-protocol.md PB-*): officers put approved months into a
 * batch, download the batch's CSV and mark it paid; a month joins one batch only (PB-2, the
 * database's key decides). Whoever may read a timesheet may ask whether it is paid.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { latestIsoDateOnEarth } from '../../../src/shared/dates';
import {
  checkNewBatch,
  checkPaidOn,
  PAYMENTS_API_PATHS,
  type PaymentBatch,
  type PaymentBatchListResponse,
  type PaymentBatchResponse,
  type TimesheetPayment,
} from '../../../src/shared/payments';
import { canReadAssignment } from '../../../src/shared/rules/access';
import type { Assignment, Timesheet } from '../../../src/shared/schemas';
import { ApiError } from '../errors';
import { toCsv, type CsvCell } from '../export/csv';
import type { StoredPaymentBatch } from '../storage/types';
import { requireAuth, type RequestAuth, type ServerContext } from './context';
import { csvRow, TIMESHEET_CSV_COLUMNS } from './export';

const ROUTES = {
  batch: '/api/payment-batches/:id',
  csv: '/api/payment-batches/:id/csv',
  paid: '/api/payment-batches/:id/paid',
  timesheetPayment: '/api/timesheets/:id/payment',
} as const;

type IdParams = { Params: { id: string } };

function requireOfficer(request: FastifyRequest): RequestAuth {
  const auth = requireAuth(request);
  if (auth.user.role !== 'officer') {
    throw new ApiError('forbidden', 'Only programme officers manage allowance payments.');
  }
  return auth;
}

function toBatch(batch: StoredPaymentBatch): PaymentBatch {
  return {
    id: batch.id,
    createdAt: batch.createdAt.toISOString(),
    createdBy: batch.createdBy,
    paidOn: batch.paidOn,
    paidBy: batch.paidBy,
    timesheetIds: batch.timesheetIds,
  };
}

/** `PB-2026-12-01-3f9a1c`: sorts by date, tells batches of one day apart, and reads aloud. */
function newBatchId(now: Date): string {
  return `PB-${now.toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
}

function listed(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown} and ${ids.length - 5} more` : shown;
}

export function registerPaymentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.post(PAYMENTS_API_PATHS.batches, async (request, reply): Promise<PaymentBatchResponse> => {
    const { user } = requireOfficer(request);
    const checked = checkNewBatch(request.body);
    if (!checked.ok) throw new ApiError('bad_request', checked.message, {}, 'timesheetIds');
    const timesheetIds = checked.value;
    const now = ctx.now();
    const outcome = await ctx.storage.transaction(async (tx) => {
      // PB-3: a push about one of these months (a reopen) holds its expert's scope, as does
      // this: the check below and the batch see every push before them, and every push after
      // them sees the batch.
      const scopes: string[] = [];
      for (const id of timesheetIds) {
        const stored = await tx.getDocument('timesheets', id);
        const assignment = stored && (await tx.getDocument('assignments', stored.assignmentId));
        if (assignment) scopes.push(`expert:${(assignment.data as Assignment).expertId}`);
      }
      await tx.lockScopes(scopes);
      // PB-1: only months a supervisor approved are paid; the rest may still change.
      const notApproved: string[] = [];
      for (const id of timesheetIds) {
        const stored = await tx.getDocument('timesheets', id);
        if (!stored || stored.deleted || (stored.data as Timesheet).status !== 'approved')
          notApproved.push(id);
      }
      if (notApproved.length > 0) return { notApproved, result: null };
      const result = await tx.insertPaymentBatch({
        id: newBatchId(now),
        createdAt: now,
        createdBy: user.id,
        timesheetIds,
      });
      return { notApproved: [], result };
    });
    const { notApproved, result } = outcome;
    if (!result) {
      throw new ApiError(
        'bad_request',
        `Only approved months can be paid; not approved: ${listed(notApproved)}.`,
        {},
        'timesheetIds',
      );
    }
    if (!result.ok) {
      const taken = result.taken.map(({ timesheetId, batchId }) => `${timesheetId} (in ${batchId})`);
      throw new ApiError(
        'conflict',
        `A month is paid once: already in a payment batch: ${listed(taken)}. Nothing was batched.`,
        {},
        'timesheetIds',
      );
    }
    reply.code(201);
    return { batch: toBatch(result.batch) };
  });

  app.get(PAYMENTS_API_PATHS.batches, async (request): Promise<PaymentBatchListResponse> => {
    requireOfficer(request);
    return { batches: (await ctx.storage.listPaymentBatches()).map(toBatch) };
  });

  const batchOrRefuse = async (id: string) => {
    const batch = await ctx.storage.getPaymentBatch(id);
    if (!batch) throw new ApiError('not_found', `There is no payment batch ${id}.`);
    return batch;
  };

  app.get<IdParams>(ROUTES.batch, async (request): Promise<PaymentBatchResponse> => {
    requireOfficer(request);
    return { batch: toBatch(await batchOrRefuse(request.params.id)) };
  });

  app.get<IdParams>(ROUTES.csv, async (request, reply) => {
    requireOfficer(request);
    const batch = await batchOrRefuse(request.params.id);
    const rows: CsvCell[][] = [];
    for (const id of batch.timesheetIds) {
      const timesheet = (await ctx.storage.getDocument('timesheets', id))?.data as Timesheet | undefined;
      const assignment = timesheet && (await ctx.storage.getDocument('assignments', timesheet.assignmentId));
      if (timesheet && assignment) rows.push(await csvRow(ctx.storage, timesheet, assignment.data));
    }
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="fieldbook-payment-${batch.id}.csv"`)
      .header('cache-control', 'no-store')
      .send(`\uFEFF${toCsv(TIMESHEET_CSV_COLUMNS, rows)}`);
  });

  app.post<IdParams>(ROUTES.paid, async (request): Promise<PaymentBatchResponse> => {
    const { user } = requireOfficer(request);
    const checked = checkPaidOn(request.body, latestIsoDateOnEarth(ctx.now()));
    if (!checked.ok) throw new ApiError('bad_request', checked.message, {}, 'paidOn');
    const result = await ctx.storage.markPaymentBatchPaid(
      request.params.id,
      checked.value,
      ctx.now(),
      user.id,
    );
    if (result.ok) return { batch: toBatch(result.batch) };
    if (result.reason === 'not_found')
      throw new ApiError('not_found', `There is no payment batch ${request.params.id}.`);
    const batch = await batchOrRefuse(request.params.id);
    throw new ApiError('conflict', `Batch ${batch.id} was already marked paid on ${batch.paidOn}.`);
  });

  app.get<IdParams>(ROUTES.timesheetPayment, async (request): Promise<TimesheetPayment> => {
    const { user } = requireAuth(request);
    const { id } = request.params;
    const stored = await ctx.storage.getDocument('timesheets', id);
    const assignment = stored && (await ctx.storage.getDocument('assignments', stored.assignmentId));
    // Never says whether a timesheet the user may not read exists (SP-7).
    if (!stored || !assignment || !canReadAssignment(user, assignment.data)) {
      throw new ApiError('not_found', `There is no timesheet ${id}.`);
    }
    const batch = await ctx.storage.batchOfTimesheet(id);
    return { timesheetId: id, batchId: batch?.id ?? null, paidOn: batch?.paidOn ?? null };
  });
}
