/**
 * The whole programme as this device holds it, as one observable for the dashboard. Only an
 * officer's device holds all of it; the screen refuses everyone else before subscribing.
 */
import { auditTime, combineLatest, type Observable } from 'rxjs';
import type { RxCollection } from 'rxdb';
import type { DeviceDatabase } from '../../db/database';
import { liveDocuments$ } from '../../db/live-documents';
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
    // Kept from change events, not queried: an officer's device holds ~12,000 logs.
    logs: liveDocuments$<DailyLog>(device.db.logs as RxCollection),
    timesheets: liveDocuments$<Timesheet>(device.db.timesheets as RxCollection),
    reports: liveDocuments$<Report>(device.db.reports as RxCollection),
  }).pipe(auditTime(RECOMPUTE_INTERVAL_MS));
}
