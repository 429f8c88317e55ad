// Message catalogs (issue 13, docs/i18n.md): one per feature, one for the layers below them.
// Translators work in the .po files (Weblate and Crowdin read them); the build compiles them.
import { defineConfig } from '@lingui/conf';
import { formatter } from '@lingui/format-po';

/** The files of those screens; they import `./screens-catalog` rather than `./catalog`. */
const ON_DEMAND = [
  { feature: 'auth', files: ['WelcomePage.tsx'] },
  { feature: 'refusals', files: ['ReportClashes.tsx', 'InstitutionRefusals.tsx'] },
  {
    feature: 'assignments',
    files: [
      'AssignmentForm.tsx',
      'AssignmentFormPages.tsx',
      'AssignmentPage.tsx',
      'LogMonths.tsx',
      'MonthCalendar.tsx',
      'assignment-form.ts',
      'month-calendar.ts',
      'useAssignmentForm.ts',
      'usePeopleChoices.ts',
    ],
  },
  {
    feature: 'timesheets',
    files: [
      'DecisionForms.tsx',
      'SubmitTimesheetForm.tsx',
      'TimesheetDays.tsx',
      'TimesheetHistory.tsx',
      'TimesheetPage.tsx',
      'TimesheetTotalsList.tsx',
      'TimesheetsSection.tsx',
      'ToSignPage.tsx',
    ],
  },
];

export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'ar', 'prs', 'ps', 'so'],
  format: formatter({ lineNumbers: false, explicitIdAsDefault: true }),
  orderBy: 'messageId',
  catalogs: [
    // The screens of a feature opened on demand have their own catalog when the home shows the
    // feature's other screens: the first download then carries the home's messages only.
    ...ON_DEMAND.map(({ feature, files }) => ({
      path: `<rootDir>/src/features/${feature}/locales/screens/{locale}`,
      include: files.map((file) => `<rootDir>/src/features/${feature}/${file}`),
    })),
    {
      path: '<rootDir>/src/features/{name}/locales/{locale}',
      include: ['<rootDir>/src/features/{name}/'],
      exclude: ON_DEMAND.flatMap(({ feature, files }) =>
        files.map((file) => `<rootDir>/src/features/${feature}/${file}`),
      ),
    },
    // The rules' reasons (src/shared/reasons.ts), the server's and the device writes': the screens
    // render them, the server says them in English for its logs and API clients (sync-server/src/i18n).
    {
      path: '<rootDir>/src/shared/locales/{locale}',
      include: ['<rootDir>/src/shared/', '<rootDir>/src/db/', '<rootDir>/sync-server/src/sync/'],
    },
    // The server's words in each person's language (sync-server/src/i18n): push notifications
    // and the invitation e-mail.
    {
      path: '<rootDir>/sync-server/src/notifications/locales/{locale}',
      include: ['<rootDir>/sync-server/src/notifications/'],
    },
    {
      path: '<rootDir>/sync-server/src/mail/locales/{locale}',
      include: ['<rootDir>/sync-server/src/mail/'],
    },
    {
      path: '<rootDir>/src/i18n/locales/{locale}',
      include: ['<rootDir>/src/'],
      exclude: ['<rootDir>/src/features/**', '<rootDir>/src/shared/**', '<rootDir>/src/db/**'],
    },
  ],
});
