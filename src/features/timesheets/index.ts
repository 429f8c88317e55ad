/** What other features may use of the timesheets feature (its screens are reached through routes). */
export { ExportTimesheetsButton } from './ExportTimesheetsButton';
export { latestReturn, STATUS_TEXT } from './timesheet-status';
export { TimesheetsSection } from './TimesheetsSection';
