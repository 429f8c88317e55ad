/**
 * Queries behind "what needs me" on the home (issue 11 §2): every timesheet and report on the
 * device, the months that hold logs, and a supervisor's count of what waits for their decision.
 * The server sends each user only what they may read, so "every one on the device" is theirs.
 */
import { combineLatest, map, type Observable } from 'rxjs';
import type { Report, Timesheet } from '../shared/schemas';
import type { DeviceDatabase } from './database';

export function allTimesheets$(device: DeviceDatabase): Observable<Timesheet[]> {
  return device.db.timesheets
    .find({ sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Timesheet)));
}

export function allReports$(device: DeviceDatabase): Observable<Report[]> {
  return device.db.reports
    .find({ sort: [{ id: 'asc' }] } as never)
    .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as Report)));
}

/** `${assignmentId}:${YYYY-MM}` of every month with at least one log on this device. */
export function loggedMonths$(device: DeviceDatabase): Observable<ReadonlySet<string>> {
  return device.db.logs
    .find()
    .$.pipe(map((docs) => new Set(docs.map((doc) => `${doc.assignmentId}:${doc.date.slice(0, 7)}`))));
}

/**
 * Timesheets to sign plus reports to endorse (the same selectors as toSign$ and toEndorse$): the
 * supervisor's inbox, counted in the header. Counted here, not through reports.ts, so the header
 * in the first download does not pull the report code in with it.
 */
export function inboxCount$(device: DeviceDatabase): Observable<number> {
  const submitted = { selector: { status: 'submitted' } } as never;
  return combineLatest([device.db.timesheets.find(submitted).$, device.db.reports.find(submitted).$]).pipe(
    map(([timesheets, reports]) => timesheets.length + reports.length),
  );
}
