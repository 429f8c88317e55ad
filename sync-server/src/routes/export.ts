/**
 * The officers' export of approved timesheets for paying daily allowances (docs/sync-protocol.md
 * TS-8). Totals are computed from the snapshot the supervisor approved, never from the current
 * logs, so a later edit cannot change what is paid.
 */
import type { FastifyInstance } from 'fastify';
import { timesheetPeriod, timesheetTotals } from '../../../src/shared/rules/timesheet-rules';
import type { Assignment, Timesheet } from '../../../src/shared/schemas';
import { API_PATHS, MAX_PULL_LIMIT } from '../../../src/shared/sync/protocol';
import { ApiError } from '../errors';
import { toCsv, type CsvCell } from '../export/csv';
import type { Storage } from '../storage/types';
import { requireAuth, type ServerContext } from './context';
import { isIsoMonth } from '../../../src/shared/dates';

export const TIMESHEET_CSV_COLUMNS = [
  'timesheet_id',
  'assignment_id',
  'expert_name',
  'country',
  'sector',
  'host_institution',
  'month',
  'period_start',
  'period_end',
  'days_worked',
  'hours',
  'allowance_days',
  'daily_rate_eur',
  'allowance_eur',
  'approved_by',
  'approved_at',
  'hash',
] as const;

/** Every stored timesheet, page by page in seq order. */
async function allTimesheets(storage: Storage): Promise<Timesheet[]> {
  const timesheets: Timesheet[] = [];
  for (let afterSeq = 0; ;) {
    const page = await storage.pullDocuments({
      collection: 'timesheets',
      afterSeq,
      assignmentIds: 'all',
      limit: MAX_PULL_LIMIT,
    });
    for (const doc of page) if (!doc.deleted) timesheets.push(doc.data as Timesheet);
    const last = page.at(-1);
    if (!last) return timesheets;
    afterSeq = last.seq;
  }
}

export async function csvRow(
  storage: Storage,
  timesheet: Timesheet,
  assignment: Assignment,
): Promise<CsvCell[]> {
  const period = timesheetPeriod(assignment, timesheet.month);
  const totals = timesheetTotals(timesheet.submission?.snapshot.logs ?? [], assignment);
  const approval = timesheet.history?.findLast((entry) => entry.to === 'approved');
  const expertName =
    assignment.expertName ?? (await storage.getUserById(assignment.expertId))?.name ?? assignment.expertId;
  return [
    timesheet.id,
    timesheet.assignmentId,
    expertName,
    assignment.institution.country,
    assignment.institution.sector,
    assignment.institution.name,
    timesheet.month,
    period?.start ?? '',
    period?.end ?? '',
    totals.daysWorked,
    totals.hours,
    totals.allowanceDays,
    totals.dailyRateEur,
    totals.allowanceEur,
    approval?.byName ?? timesheet.approval?.fullName ?? '',
    approval?.at ?? '',
    timesheet.approval?.hash ?? '',
  ];
}

export function registerExportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get<{ Querystring: Record<string, unknown> }>(API_PATHS.exportTimesheets, async (request, reply) => {
    const { user } = requireAuth(request);
    if (user.role !== 'officer') {
      throw new ApiError('forbidden', 'Only programme officers can export timesheets.');
    }
    const { status = 'approved', month } = request.query;
    // Only approved months are paid; other statuses have no approver and may still change.
    if (status !== 'approved') throw new ApiError('bad_request', 'Only status=approved can be exported.');
    if (month !== undefined && (typeof month !== 'string' || !isIsoMonth(month))) {
      throw new ApiError('bad_request', 'month must look like 2026-06.');
    }
    const assignments = new Map(
      (await ctx.storage.listAssignments()).filter((a) => !a.deleted).map((a) => [a.id, a.data]),
    );
    const approved = (await allTimesheets(ctx.storage))
      .filter((t) => t.status === 'approved' && (month === undefined || t.month === month))
      .sort((a, b) => a.month.localeCompare(b.month) || a.assignmentId.localeCompare(b.assignmentId));
    const rows: CsvCell[][] = [];
    for (const timesheet of approved) {
      const assignment = assignments.get(timesheet.assignmentId);
      if (assignment) rows.push(await csvRow(ctx.storage, timesheet, assignment));
    }
    const filename = `fieldbook-timesheets-approved${month ? `-${month}` : ''}.csv`;
    return (
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        // The byte-order mark makes Excel read the file as UTF-8 (names with accents).
        .send(`\uFEFF${toCsv(TIMESHEET_CSV_COLUMNS, rows)}`)
    );
  });
}
