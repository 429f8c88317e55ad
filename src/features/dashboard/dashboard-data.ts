/**
 * The whole programme as this device holds it, as one observable for the dashboard. Only an
 * officer's device holds all of it; the screen refuses everyone else before subscribing.
 */
import { auditTime, combineLatest, map, type Observable } from 'rxjs';
import type { DeviceDatabase } from '../../db/database';
import { assignments$ } from '../../db/logs';
import type { DailyLog, Report, Timesheet } from '../../shared/schemas';
import type { DashboardData } from './dashboard-figures';

/**
 * A first download or a catch-up writes documents in bursts: the figures are worked out at most
 * this often rather than once per document.
 */
const RECOMPUTE_INTERVAL_MS = 200;

export function dashboardData$(device: DeviceDatabase): Observable<DashboardData> {
  return combineLatest({
    assignments: assignments$(device),
    logs: device.db.logs.find().$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as DailyLog))),
    timesheets: device.db.timesheets
      .find()
      .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Timesheet))),
    reports: device.db.reports.find().$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Report))),
  }).pipe(auditTime(RECOMPUTE_INTERVAL_MS));
}
