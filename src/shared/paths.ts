/**
 * Every URL of the app, in one place: the routes (src/app/routes.tsx) are declared with
 * `ROUTES`, and the screens' links, the server's notification and invitation links and the browser
 * tests' page models build theirs with the functions below, so a link and its route cannot drift.
 * In src/shared because the server builds app links too (reminders, invitation e-mails).
 */
import type { ReportKind } from './schemas/report.schema';

/** Route patterns, `:name` for a parameter. */
export const ROUTES = {
  signIn: '/login',
  welcome: '/welcome/:code',
  home: '/',
  newAssignment: '/assignments/new',
  editAssignment: '/assignments/:id/edit',
  assignment: '/assignments/:id',
  newLog: '/assignments/:id/log',
  timesheet: '/assignments/:id/timesheets/:month',
  report: '/assignments/:id/reports/:kind',
  logToday: '/log-today',
  editLog: '/logs/:id/edit',
  toSign: '/to-sign',
  people: '/people',
  payments: '/payments',
  institutions: '/institutions',
  newInstitution: '/institutions/new',
  institution: '/institutions/:id',
  dashboard: '/dashboard',
  settings: '/settings',
} as const;

export const HOME_PATH = ROUTES.home;
export const SIGN_IN_PATH = ROUTES.signIn;
/** `/log-today`, the home-screen shortcut (LogTodayRedirect). */
export const LOG_TODAY_PATH = ROUTES.logToday;
/** A supervisor's inbox: timesheets to sign and reports to endorse. */
export const TO_SIGN_PATH = ROUTES.toSign;
export const PEOPLE_PATH = ROUTES.people;
/** Where the officer's allowance payments live (PB-*). */
export const PAYMENTS_PATH = ROUTES.payments;
export const DASHBOARD_PATH = ROUTES.dashboard;
/** A person's own settings: language and digits (issue 13). */
export const SETTINGS_PATH = ROUTES.settings;
export const INSTITUTIONS_PATH = ROUTES.institutions;
export const NEW_INSTITUTION_PATH = ROUTES.newInstitution;
export const NEW_ASSIGNMENT_PATH = ROUTES.newAssignment;

/** Query parameters of the new-log form. */
export const REFUSAL_PARAM = 'from-refusal';
export const DATE_PARAM = 'date';

/** The screen an invitation link opens. */
export function welcomePath(code: string): string {
  return `/welcome/${code}`;
}

export function assignmentPath(assignmentId: string): string {
  return `/assignments/${encodeURIComponent(assignmentId)}`;
}

export function editAssignmentPath(assignmentId: string): string {
  return `${assignmentPath(assignmentId)}/edit`;
}

export function newLogPath(assignmentId: string): string {
  return `${assignmentPath(assignmentId)}/log`;
}

/** A day's log: opens the one logged on `date` if there is one, else a new log of that date. */
export function logDayPath(assignmentId: string, date: string): string {
  return `${newLogPath(assignmentId)}?${DATE_PARAM}=${encodeURIComponent(date)}`;
}

/** The new-log form prefilled with a refused change's typed content. */
export function reenterPath(assignmentId: string, refusalId: string): string {
  return `${newLogPath(assignmentId)}?${REFUSAL_PARAM}=${encodeURIComponent(refusalId)}`;
}

export function editLogPath(logId: string): string {
  return `/logs/${encodeURIComponent(logId)}/edit`;
}

export function timesheetPath(assignmentId: string, month: string): string {
  return `${assignmentPath(assignmentId)}/timesheets/${encodeURIComponent(month)}`;
}

export function reportPath(assignmentId: string, kind: ReportKind): string {
  return `${assignmentPath(assignmentId)}/reports/${kind}`;
}

export function institutionPath(institutionId: string): string {
  return `${INSTITUTIONS_PATH}/${encodeURIComponent(institutionId)}`;
}
